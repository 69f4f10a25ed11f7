import { assignSuccessorUpdate, exemptReportUpdate, extendDeadlineUpdate } from '../../../workflows/unit-milestone';
import { ApiError } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { actorOf } from '../auth/principal';
import { adminOnly, principalOf } from '../auth/require-role';
import { codeParam, errors } from '../schemas/common-schemas';
import { isFinal, loadObligation, type ObligationContext } from './obligation-context';
import { dayParameter } from './unit-routes';

const idParams = { type: 'object', required: ['id'], properties: { id: codeParam } } as const;
const reason = { type: 'string', minLength: 1, maxLength: 2000 } as const;

function assertOpen(context: ObligationContext): void {
  if (isFinal(context.obligation)) {
    throw new ApiError(
      409,
      'OBLIGATION_CLOSED',
      `nghĩa vụ báo cáo này đã kết thúc (${context.obligation.status}); không thể thay đổi nữa`,
      'id',
    );
  }
}

/**
 * Deciding on one obligation (admin), as Temporal Updates on its UnitMilestone workflow: `POST
 * /api/obligations/:id/extend` (gia hạn to a new last day: reminders and escalations move with it) and `POST
 * /api/obligations/:id/exempt` (miễn) and `POST /api/obligations/:id/assign` (the successor that reports for a unit
 * the 2025 reform split between several). The workflow's validator decides: a rejection comes back 422 with its code
 * and Vietnamese message, and nothing changed; an accepted one is audited by the workflow with actor and reason.
 */
export function registerObligationActionRoutes(app: ApiScope, api: ApiContext): void {
  app.post<{ Params: { id: string }; Body: { lastDay: string; reason: string } }>(
    '/obligations/:id/extend',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['Nghĩa vụ báo cáo'],
        summary: 'Gia hạn: hạn cuối mới (nhắc hạn và leo thang dời theo)',
        params: idParams,
        body: {
          type: 'object',
          required: ['lastDay', 'reason'],
          additionalProperties: false,
          properties: {
            lastDay: { type: 'string', minLength: 8, maxLength: 10, description: 'ngày cuối mới, dd/mm/yyyy' },
            reason,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['obligationId', 'lastDay', 'dueAt', 'message'],
            properties: {
              obligationId: { type: 'string' },
              lastDay: { type: 'string' },
              dueAt: { type: 'string' },
              message: { type: 'string' },
            },
          },
          ...errors(400, 401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request) => {
      const context = await loadObligation(api, request.params.id);
      assertOpen(context);
      const lastDay = dayParameter(request.body.lastDay, 'lastDay', api.now());
      const schedule = await api.temporal.workflow
        .getHandle(context.obligation.workflow_id)
        .executeUpdate(extendDeadlineUpdate, {
          args: [
            {
              reportId: context.obligation.report_id,
              lastDay,
              actor: actorOf(principalOf(request)),
              reason: request.body.reason,
            },
          ],
        });
      return {
        obligationId: context.obligation.id,
        lastDay: schedule.lastDay,
        dueAt: schedule.dueAt,
        message: `Đã gia hạn báo cáo của ${context.obligation.unit_name} đến hết ngày ${schedule.lastDay.split('-').reverse().join('/')}.`,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/obligations/:id/exempt',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['Nghĩa vụ báo cáo'],
        summary: 'Miễn báo cáo cho đơn vị',
        params: idParams,
        body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason } },
        response: {
          200: {
            type: 'object',
            required: ['obligationId', 'message'],
            properties: { obligationId: { type: 'string' }, message: { type: 'string' } },
          },
          ...errors(400, 401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request) => {
      const context = await loadObligation(api, request.params.id);
      assertOpen(context);
      await api.temporal.workflow.getHandle(context.obligation.workflow_id).executeUpdate(exemptReportUpdate, {
        args: [
          { reportId: context.obligation.report_id, actor: actorOf(principalOf(request)), reason: request.body.reason },
        ],
      });
      return {
        obligationId: context.obligation.id,
        message: `Đã miễn báo cáo cho ${context.obligation.unit_name}.`,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { unitCode: string; reason: string } }>(
    '/obligations/:id/assign',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['Nghĩa vụ báo cáo'],
        summary: 'Chọn đơn vị kế thừa báo cáo của một đơn vị bị chia tách',
        params: idParams,
        body: {
          type: 'object',
          required: ['unitCode', 'reason'],
          additionalProperties: false,
          properties: { unitCode: codeParam, reason },
        },
        response: {
          200: {
            type: 'object',
            required: ['obligationId', 'unitCode', 'message'],
            properties: { obligationId: { type: 'string' }, unitCode: { type: 'string' }, message: { type: 'string' } },
          },
          ...errors(400, 401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request) => {
      const context = await loadObligation(api, request.params.id);
      assertOpen(context);
      const { unitCode } = await api.temporal.workflow
        .getHandle(context.obligation.workflow_id)
        .executeUpdate(assignSuccessorUpdate, {
          args: [
            {
              reportId: context.obligation.report_id,
              unitCode: request.body.unitCode,
              actor: actorOf(principalOf(request)),
              reason: request.body.reason,
            },
          ],
        });
      return {
        obligationId: context.obligation.id,
        unitCode,
        message: `Đã giao báo cáo của ${context.obligation.unit_name} cho đơn vị ${unitCode}.`,
      };
    },
  );
}
