import { listAttachments } from '../../../db/attachment.repository';
import { listAudit } from '../../../db/audit-log.repository';
import { listSubmissions } from '../../../db/obligation.repository';
import { listEscalations, listObligationsWhere } from '../../../db/obligation-view.repository';
import { getPlanVersion } from '../../../db/plan.repository';
import type { ObligationStatus } from '../../../db/tables/obligation.table';
import { notFound } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { assertInScope, visibleUnitCodes } from '../auth/leader-scope';
import { principalOf, staffOnly } from '../auth/require-role';
import { instantOf } from '../instant';
import { codeParam, errors } from '../schemas/common-schemas';
import { obligationJson, submissionJson } from '../views/obligation-json';
import { loadObligation } from './obligation-context';

const STATUSES = ['open', 'submitted', 'overdue', 'on-time', 'late', 'missing', 'exempt', 'cancelled'];

/**
 * Reading obligations (admin; leaders within their subtree): `GET /api/plans/:code/milestones/:milestone/obligations`
 * (filters status, level, parent) and `GET /api/obligations/:id` with its history — every submission (personal data
 * of nominees for admins only), escalation and audit entry.
 */
export function registerObligationRoutes(app: ApiScope, api: ApiContext): void {
  app.get<{
    Params: { code: string; milestone: string };
    Querystring: { status?: ObligationStatus; level?: number; parent?: string };
  }>(
    '/plans/:code/milestones/:milestone/obligations',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Nghĩa vụ báo cáo'],
        summary: 'Các nghĩa vụ báo cáo của một mốc (lọc theo trạng thái, cấp, đơn vị cấp trên)',
        params: {
          type: 'object',
          required: ['code', 'milestone'],
          properties: { code: codeParam, milestone: codeParam },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: STATUSES },
            level: { type: 'integer', minimum: 0, maximum: 20 },
            parent: { type: 'string', maxLength: 100, description: 'mã đơn vị cấp trên' },
          },
        },
        response: { 200: { type: 'array', items: { $ref: 'Obligation#' } }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { code, milestone } = request.params;
      const plan = (await getPlanVersion(api.db, code)).resolved;
      const opensOn = plan.milestones.find((m) => m.id === milestone)?.opensOn;
      if (!opensOn) throw notFound('MILESTONE_NOT_FOUND', `kế hoạch ${code} không có mốc "${milestone}"`, 'milestone');
      const visible = await visibleUnitCodes(api.db, principalOf(request), opensOn, plan.owner.unit);
      const rows = await listObligationsWhere(api.db, {
        planCode: code,
        milestoneId: milestone,
        status: request.query.status,
        level: request.query.level,
        parentUnitCode: request.query.parent,
      });
      return rows
        .filter((row) => !visible || visible.has(row.assigned_unit_code ?? row.unit_code) || visible.has(row.unit_code))
        .map(obligationJson);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/obligations/:id',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Nghĩa vụ báo cáo'],
        summary: 'Một nghĩa vụ báo cáo và lịch sử: các lần nộp, leo thang, nhật ký',
        params: { type: 'object', required: ['id'], properties: { id: codeParam } },
        response: {
          200: {
            type: 'object',
            required: ['obligation', 'closeAt', 'submissions', 'escalations', 'audit'],
            properties: {
              obligation: { $ref: 'Obligation#' },
              closeAt: { type: 'string' },
              submissions: { type: 'array', items: { $ref: 'Submission#' } },
              escalations: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    step: { type: 'integer' },
                    at: { type: 'string' },
                    notified: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
              audit: { type: 'array', items: { $ref: 'AuditEntry#' } },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const context = await loadObligation(api, request.params.id);
      await assertInScope(api.db, principal, context.scope);
      const { obligation } = context;
      const [submissions, attachments, escalations, audit] = await Promise.all([
        listSubmissions(api.db, obligation.id),
        listAttachments(api.db, obligation.id),
        listEscalations(api.db, obligation.id),
        listAudit(api.db, 'obligation', obligation.id),
      ]);
      return {
        obligation: obligationJson(obligation),
        closeAt: context.closeAt,
        submissions: submissions.map((row) => submissionJson(row, obligation, principal, attachments)),
        escalations: escalations.map((row) => ({ step: row.step, at: instantOf(row.at), notified: row.notified })),
        audit: audit.map((entry) => ({
          at: instantOf(entry.at),
          actor: entry.actor,
          action: entry.action,
          before: entry.before,
          after: entry.after,
          reason: entry.reason,
        })),
      };
    },
  );
}
