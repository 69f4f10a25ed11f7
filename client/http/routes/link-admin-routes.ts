import { reporterLinkExpiry, signReporterLink } from '../../../activities/links/reporter-link';
import { appendAudit } from '../../../db/audit-log.repository';
import { revokeLink } from '../../../db/reporter-link.repository';
import { formatVietnamInstant } from '../../../domain/civil-time';
import { ApiError } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { actorOf } from '../auth/principal';
import { adminOnly, principalOf } from '../auth/require-role';
import { codeParam, errors } from '../schemas/common-schemas';
import { loadObligation } from './obligation-context';

const reason = { type: 'string', minLength: 1, maxLength: 2000 } as const;

/**
 * Reporters' links (admin): `POST /api/obligations/:id/links` signs a new link for the obligation's unit (by default
 * valid until LINK_DAYS_AFTER_CLOSE days after the obligation closes), `POST /api/obligations/:id/links/:linkId/revoke`
 * revokes one (a link sent to the wrong person). Both audited; the token itself is never stored.
 */
export function registerLinkAdminRoutes(app: ApiScope, api: ApiContext): void {
  app.post<{ Params: { id: string }; Body: { expiresAt?: string } }>(
    '/obligations/:id/links',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['Liên kết nộp báo cáo'],
        summary: 'Tạo liên kết nộp báo cáo (ký số) cho đơn vị của nghĩa vụ này',
        params: { type: 'object', required: ['id'], properties: { id: codeParam } },
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: {
            expiresAt: { type: 'string', maxLength: 40, description: 'ISO-8601 kèm múi giờ; mặc định: đóng + 30 ngày' },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['token', 'linkId', 'obligationId', 'unitCode', 'expiresAt'],
            properties: {
              token: { type: 'string' },
              linkId: { type: 'string' },
              obligationId: { type: 'string' },
              unitCode: { type: 'string' },
              expiresAt: { type: 'string' },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const context = await loadObligation(api, request.params.id);
      const requested = request.body?.expiresAt;
      let expiresAt = reporterLinkExpiry(context.closeAt, api.linkDaysAfterClose);
      if (requested) {
        const ms = Date.parse(requested);
        if (!/[+-]\d{2}:\d{2}$|Z$/.test(requested) || Number.isNaN(ms) || ms <= api.now()) {
          throw new ApiError(
            400,
            'LINK_EXPIRY_INVALID',
            'hạn của liên kết phải là thời điểm ISO-8601 kèm múi giờ, sau hiện tại',
            'expiresAt',
          );
        }
        expiresAt = formatVietnamInstant(ms);
      }
      const unitCode = context.obligation.assigned_unit_code ?? context.obligation.unit_code;
      const { token, payload } = signReporterLink(
        { obligationId: context.obligation.id, unitCode, expiresAt },
        api.linkSecret(),
      );
      await appendAudit(api.db, {
        actor: actorOf(principalOf(request)),
        action: 'link.issue',
        entityType: 'obligation',
        entityId: context.obligation.id,
        after: { linkId: payload.linkId, unitCode, expiresAt },
      });
      return reply.code(201).send({ token, ...payload });
    },
  );

  app.post<{ Params: { id: string; linkId: string }; Body: { reason: string } }>(
    '/obligations/:id/links/:linkId/revoke',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['Liên kết nộp báo cáo'],
        summary: 'Thu hồi một liên kết nộp báo cáo',
        params: {
          type: 'object',
          required: ['id', 'linkId'],
          properties: { id: codeParam, linkId: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason } },
        response: {
          200: {
            type: 'object',
            required: ['linkId', 'outcome', 'message'],
            properties: {
              linkId: { type: 'string' },
              outcome: { type: 'string', enum: ['revoked', 'already-revoked'] },
              message: { type: 'string' },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const context = await loadObligation(api, request.params.id);
      const outcome = await revokeLink(api.db, {
        linkId: request.params.linkId,
        obligationId: context.obligation.id,
        unitCode: context.obligation.assigned_unit_code ?? context.obligation.unit_code,
        actor: actorOf(principalOf(request)),
        reason: request.body.reason,
      });
      return {
        linkId: request.params.linkId,
        outcome,
        message: outcome === 'revoked' ? 'Đã thu hồi liên kết.' : 'Liên kết này đã bị thu hồi từ trước.',
      };
    },
  );
}
