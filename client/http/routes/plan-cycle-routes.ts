import { getPlan } from '../../../db/plan.repository';
import { loadPlan } from '../../../domain/plan/load-plan';
import { cancelPlanCycle } from '../../plans/cancel-plan-cycle';
import { startPlanCycle } from '../../plans/start-plan-cycle';
import { ApiError } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { actorOf } from '../auth/principal';
import { adminOnly, principalOf } from '../auth/require-role';
import { codeParam, errors } from '../schemas/common-schemas';
import { planFileBody, planFileQuery } from '../schemas/plan-schemas';
import { PLAN_CONTENT_TYPES } from './plan-source';

const codeParams = { type: 'object', properties: { code: codeParam }, required: ['code'] } as const;

/**
 * Running plans (admin): `POST /api/plans/:code/start` (idempotent: a cycle already running is left as it is and the
 * answer says "đã chạy"), `POST /api/plans/:code/cancel` (actor and reason, audited), and `POST /api/plans/rehearse`
 * (a YAML plan run in seconds on the time-skipping server: every notice, escalation and roll-up, nothing sent or
 * written — 503 when that server is not installed).
 */
export function registerPlanCycleRoutes(app: ApiScope, api: ApiContext): void {
  app.post<{ Params: { code: string } }>(
    '/plans/:code/start',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['Chu trình'],
        summary: 'Bắt đầu chu trình của kế hoạch (gọi lại khi đang chạy thì không làm gì)',
        params: codeParams,
        response: {
          200: {
            type: 'object',
            required: ['code', 'outcome', 'workflowId', 'version', 'message'],
            properties: {
              code: { type: 'string' },
              outcome: { type: 'string', enum: ['started', 'already-running'] },
              workflowId: { type: 'string' },
              version: { type: 'integer' },
              message: { type: 'string' },
            },
          },
          ...errors(401, 403, 404, 409, 503),
        },
      },
    },
    async (request) => {
      const { code } = request.params;
      const plan = await getPlan(api.db, code);
      if (plan.status === 'cancelled') {
        throw new ApiError(409, 'PLAN_CANCELLED', `kế hoạch ${code} đã bị huỷ, không thể chạy lại`, 'code');
      }
      const result = await startPlanCycle(api.db, api.temporal, {
        code,
        taskQueue: api.taskQueue,
        actor: actorOf(principalOf(request)),
      });
      const message =
        result.outcome === 'started'
          ? `Đã bắt đầu chu trình kế hoạch ${code} (phiên bản ${result.version}).`
          : `Chu trình kế hoạch ${code} đã chạy từ trước; không làm gì thêm.`;
      return { code, ...result, message };
    },
  );

  app.post<{ Params: { code: string }; Body: { reason: string } }>(
    '/plans/:code/cancel',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['Chu trình'],
        summary: 'Huỷ chu trình: mốc chưa mở không mở nữa, mốc đang chạy dừng lại',
        params: codeParams,
        body: {
          type: 'object',
          required: ['reason'],
          additionalProperties: false,
          properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['code', 'outcome', 'message'],
            properties: {
              code: { type: 'string' },
              outcome: { type: 'string', enum: ['cancelled', 'already-cancelled'] },
              message: { type: 'string' },
            },
          },
          ...errors(400, 401, 403, 404, 409, 503),
        },
      },
    },
    async (request) => {
      const { code } = request.params;
      const outcome = await cancelPlanCycle(api.db, api.temporal, {
        code,
        actor: actorOf(principalOf(request)),
        reason: request.body.reason,
      });
      if (outcome === 'not-running') {
        throw new ApiError(409, 'PLAN_NOT_RUNNING', `kế hoạch ${code} chưa chạy nên không có gì để huỷ`, 'code');
      }
      const message =
        outcome === 'cancelled' ? `Đã huỷ chu trình kế hoạch ${code}.` : `Chu trình kế hoạch ${code} đã huỷ từ trước.`;
      return { code, outcome, message };
    },
  );

  app.post<{ Body: string; Querystring: { file?: string } }>(
    '/plans/rehearse',
    {
      preHandler: adminOnly,
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['Chu trình'],
        summary:
          'Chạy thử cả kế hoạch trong vài giây: mọi lời nhắc, leo thang, kết quả tổng hợp — không gửi, không ghi',
        consumes: PLAN_CONTENT_TYPES,
        querystring: planFileQuery,
        body: planFileBody,
        response: {
          200: {
            type: 'object',
            required: ['notices', 'rollups', 'wallMs'],
            properties: {
              notices: { type: 'array', items: { type: 'object', additionalProperties: true } },
              rollups: { type: 'array', items: { type: 'object', additionalProperties: true } },
              wallMs: { type: 'integer' },
            },
          },
          ...errors(400, 401, 403, 413, 415, 503),
        },
      },
    },
    async (request) => {
      const file = request.query.file ?? 'ke-hoach.yaml';
      // Checked here first: a broken file is answered with every located problem, without starting anything.
      loadPlan(request.body, file, await api.workingCalendar());
      if (!api.rehearse) {
        throw new ApiError(
          503,
          'REHEARSAL_UNAVAILABLE',
          'máy chủ Temporal tua thời gian chưa được cài nên chưa chạy thử được (bash scripts/install-tools.sh)',
          null,
          { retryable: false },
        );
      }
      return api.rehearse(request.body, file);
    },
  );
}
