import type { FastifyRequest } from 'fastify';
import {
  decideObligation,
  ObligationDecisionError,
  type DecisionOutcome,
  type ObligationDecision,
} from '../../obligations/decide-obligation';
import { ApiError, codedApiError } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { actorOf } from '../auth/principal';
import { adminOnly, principalOf } from '../auth/require-role';
import { codeParam, errors } from '../schemas/common-schemas';
import { dayParameter } from './unit-routes';

const idParams = { type: 'object', required: ['id'], properties: { id: codeParam } } as const;
const reason = { type: 'string', minLength: 1, maxLength: 2000 } as const;

/** Takes the decision (client/obligations), answering 404 / 409 / 422 for a missing, closed or refused report. */
async function decide(
  api: ApiContext,
  request: FastifyRequest<{ Params: { id: string } }>,
  decision: ObligationDecision,
): Promise<DecisionOutcome> {
  try {
    return await decideObligation(api.db, api.temporal, {
      id: request.params.id,
      actor: actorOf(principalOf(request)),
      decision,
    });
  } catch (error) {
    if (!(error instanceof ObligationDecisionError)) throw error;
    if (error.code === 'OBLIGATION_REFUSED') throw codedApiError(422, error.message);
    throw new ApiError(error.code === 'OBLIGATION_NOT_FOUND' ? 404 : 409, error.code, error.message, 'id');
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
      const lastDay = dayParameter(request.body.lastDay, 'lastDay', api.now());
      const outcome = await decide(api, request, { kind: 'extend', lastDay, reason: request.body.reason });
      return {
        obligationId: outcome.obligation.id,
        lastDay: outcome.lastDay,
        dueAt: outcome.dueAt,
        message: outcome.message,
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
      const outcome = await decide(api, request, { kind: 'exempt', reason: request.body.reason });
      return { obligationId: outcome.obligation.id, message: outcome.message };
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
      const { unitCode, reason } = request.body;
      const outcome = await decide(api, request, { kind: 'assign', unitCode, reason });
      return { obligationId: outcome.obligation.id, unitCode: outcome.unitCode, message: outcome.message };
    },
  );
}
