import { listAttachments } from '../../../db/attachment.repository';
import { findSubmissionByReceipt } from '../../../db/obligation-view.repository';
import { notFound } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { assertInScope } from '../auth/leader-scope';
import { principalOf, staffOnly } from '../auth/require-role';
import { errors } from '../schemas/common-schemas';
import { submissionJson } from '../views/obligation-json';
import { loadObligation } from './obligation-context';

/**
 * `GET /api/submissions/:receipt` (admin; leaders within their subtree): one submission by the receipt number the
 * unit quotes, with its attachments. Nominees' birth dates and positions are shown to admins only.
 */
export function registerSubmissionRoutes(app: ApiScope, api: ApiContext): void {
  app.get<{ Params: { receipt: string } }>(
    '/submissions/:receipt',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Báo cáo đã nộp'],
        summary: 'Một báo cáo đã nộp, theo số biên nhận',
        params: { type: 'object', required: ['receipt'], properties: { receipt: { type: 'string', maxLength: 100 } } },
        response: { 200: { $ref: 'Submission#' }, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const found = await findSubmissionByReceipt(api.db, request.params.receipt);
      if (!found) throw notFound('SUBMISSION_NOT_FOUND', `không có biên nhận số ${request.params.receipt}`, 'receipt');
      const context = await loadObligation(api, found.obligation.id);
      await assertInScope(api.db, principal, context.scope);
      return submissionJson(
        found.submission,
        found.obligation,
        principal,
        await listAttachments(api.db, found.obligation.id),
      );
    },
  );
}
