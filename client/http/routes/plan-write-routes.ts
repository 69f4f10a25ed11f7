import { createPlan } from '../../../db/plan.repository';
import { amendPlanCycle } from '../../plans/amend-plan-cycle';
import type { ApiContext, ApiScope } from '../api-options';
import { actorOf } from '../auth/principal';
import { adminOnly, principalOf } from '../auth/require-role';
import { codedApiError } from '../api-error';
import { codeParam, errors } from '../schemas/common-schemas';
import { planFileBody } from '../schemas/plan-schemas';
import { loadPlanSource, PLAN_CONTENT_TYPES } from './plan-source';

const savedSchema = {
  type: 'object',
  required: ['code', 'outcome', 'version', 'message'],
  properties: {
    code: { type: 'string' },
    outcome: { type: 'string', enum: ['created', 'unchanged', 'amended'] },
    version: { type: 'integer' },
    signalled: { type: 'boolean', description: 'bản điều chỉnh đã được gửi tới chu trình đang chạy' },
    message: { type: 'string' },
  },
} as const;

/**
 * Loading plans (admin): `POST /api/plans` loads a YAML plan file as version 1 (the same text again changes
 * nothing; another plan under the same số hiệu is 409), `PUT /api/plans/:code` records an amendment as the next
 * version and brings it to the running cycle (amendPlanSignal, as `dondoc plan amend`). Both are audited.
 */
export function registerPlanWriteRoutes(app: ApiScope, api: ApiContext): void {
  app.post<{ Body: string; Querystring: { file?: string } }>(
    '/plans',
    {
      preHandler: adminOnly,
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['Kế hoạch'],
        summary: 'Nạp kế hoạch từ tệp YAML (kiểm tra trước; nạp lại đúng tệp cũ thì không ghi gì)',
        consumes: PLAN_CONTENT_TYPES,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { file: { type: 'string', maxLength: 200 } },
        },
        body: planFileBody,
        response: { 200: savedSchema, 201: savedSchema, ...errors(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const file = request.query.file ?? 'ke-hoach.yaml';
      const { plan: definition, resolved } = await loadPlanSource(api, { source: request.body, file });
      const result = await createPlan(api.db, {
        sourceFile: file,
        sourceText: request.body,
        definition,
        resolved,
        actor: actorOf(principalOf(request)),
      });
      const message =
        result.outcome === 'created'
          ? `Đã nạp kế hoạch ${resolved.code} (phiên bản ${result.version}).`
          : `Kế hoạch ${resolved.code} đã có đúng nội dung này (phiên bản ${result.version}); không ghi gì.`;
      return reply.code(result.outcome === 'created' ? 201 : 200).send({ code: resolved.code, ...result, message });
    },
  );

  app.put<{ Body: string; Params: { code: string }; Querystring: { reason: string; file?: string } }>(
    '/plans/:code',
    {
      preHandler: adminOnly,
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['Kế hoạch'],
        summary: 'Nạp bản điều chỉnh (phiên bản mới) và gửi tới chu trình đang chạy',
        consumes: PLAN_CONTENT_TYPES,
        params: { type: 'object', properties: { code: codeParam }, required: ['code'] },
        querystring: {
          type: 'object',
          required: ['reason'],
          additionalProperties: false,
          properties: {
            reason: { type: 'string', minLength: 1, maxLength: 2000, description: 'lý do điều chỉnh' },
            file: { type: 'string', maxLength: 200 },
          },
        },
        body: planFileBody,
        response: { 200: savedSchema, ...errors(400, 401, 403, 404, 413, 415, 503) },
      },
    },
    async (request) => {
      const file = request.query.file ?? 'ke-hoach.yaml';
      const { plan: definition, resolved } = await loadPlanSource(api, { source: request.body, file });
      if (resolved.code !== request.params.code) {
        throw codedApiError(
          400,
          `PLAN_CODE_MISMATCH: tệp là kế hoạch số hiệu "${resolved.code}", không phải "${request.params.code}"`,
          'code',
        );
      }
      const result = await amendPlanCycle(
        api.db,
        api.temporal,
        { sourceFile: file, sourceText: request.body, definition, resolved, actor: actorOf(principalOf(request)) },
        request.query.reason,
      );
      const message =
        result.outcome === 'unchanged'
          ? `Kế hoạch ${resolved.code} đã có đúng nội dung này (phiên bản ${result.version}); không ghi gì.`
          : `Đã nạp bản điều chỉnh kế hoạch ${resolved.code} (phiên bản ${result.version})` +
            `${result.signalled ? ' và gửi tới chu trình đang chạy' : ''}.`;
      return { code: resolved.code, ...result, message };
    },
  );
}
