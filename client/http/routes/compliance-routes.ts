import type { FastifyRequest } from 'fastify';
import {
  countNominations,
  getComplianceOutline,
  getUnitMilestoneHistory,
  listComplianceMatrix,
  listComplianceRows,
  listOverdueObligations,
  summarizeCompliance,
  type ComplianceScope,
} from '../../../db/compliance.repository';
import { formatVietnamInstant, vietnamCivilDate } from '../../../domain/civil-time';
import { complianceScopeProblem } from '../../../domain/obligation/compliance-scope';
import { codedApiError, notFound } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { assertInScope } from '../auth/leader-scope';
import { principalOf, staffOnly } from '../auth/require-role';
import { codeParam, errors } from '../schemas/common-schemas';

interface ComplianceQuery {
  milestone?: string;
  report?: string;
  level?: number;
  under?: string;
}

const complianceQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    milestone: { type: 'string', maxLength: 200 },
    report: { type: 'string', maxLength: 200 },
    level: {
      type: 'integer',
      minimum: 0,
      maximum: 20,
      description: 'cấp báo cáo: 0 báo cáo trực tiếp cơ quan chủ trì',
    },
    under: { type: 'string', maxLength: 100, description: 'mã đơn vị: chỉ đơn vị này và các đơn vị báo cáo qua nó' },
  },
} as const;

const codeParams = { type: 'object', required: ['code'], properties: { code: codeParam } } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;

/**
 * The scope of a compliance request, checked: the plan's milestone, report and level must exist (400 naming what the
 * plan has), and a leader sees only their part — `under` defaults to the leader's unit (the whole plan for a leader
 * of its owner), and another `under` must lie in the leader's subtree (403 otherwise).
 */
async function scopeOf(
  api: ApiContext,
  request: FastifyRequest<{ Params: { code: string }; Querystring: ComplianceQuery }>,
) {
  const outline = await getComplianceOutline(api.db, request.params.code);
  const { milestone, report, level, under } = request.query;
  const problem = complianceScopeProblem(outline, { milestoneId: milestone, reportId: report, level });
  if (problem) throw codedApiError(400, problem.message, problem.field);
  const principal = principalOf(request);
  let subtree = under;
  if (principal.role === 'leader' && principal.unitCode !== outline.owner.unit) {
    subtree ??= principal.unitCode;
    await assertInScope(api.db, principal, {
      unitCode: subtree,
      date: vietnamCivilDate(api.now()),
      planOwner: outline.owner.unit,
    });
  }
  const scope: ComplianceScope = {
    planCode: outline.code,
    milestoneId: milestone,
    reportId: report,
    level,
    under: subtree,
  };
  return { outline, scope, now: formatVietnamInstant(api.now()), principal };
}

/**
 * Compliance for leaders and staff (db/compliance.repository.ts, one query each): `GET /api/plans/:code/compliance`
 * (counts and percentages per level, nominations by field and form), `/compliance/rows`, `/compliance/matrix`
 * (units × milestones), `/compliance/overdue` (most days late first), and
 * `/compliance/units/:unit/milestones/:milestone` (one unit's history). Filters: milestone, report, level, under.
 */
export function registerComplianceRoutes(app: ApiScope, api: ApiContext): void {
  const route = (summary: string, response: object) => ({
    preHandler: staffOnly,
    schema: {
      tags: ['Tình hình báo cáo'],
      summary,
      params: codeParams,
      querystring: complianceQuery,
      response: { 200: response, ...errors(400, 401, 403, 404) },
    },
  });

  app.get<{ Params: { code: string }; Querystring: ComplianceQuery }>(
    '/plans/:code/compliance',
    route('Số liệu theo cấp và tổng: đúng hạn, muộn, không nộp, quá hạn, miễn, gia hạn — kèm tỷ lệ', {
      type: 'object',
      required: ['plan', 'scope', 'summary', 'nominations'],
      properties: {
        plan: anyObject,
        scope: anyObject,
        at: { type: 'string' },
        summary: {
          type: 'object',
          required: ['levels', 'overall'],
          properties: { levels: { type: 'array', items: anyObject }, overall: anyObject },
        },
        nominations: { type: 'array', items: anyObject },
      },
    }),
    async (request) => {
      const { outline, scope, now } = await scopeOf(api, request);
      const [summary, nominations] = await Promise.all([
        summarizeCompliance(api.db, scope, now),
        countNominations(api.db, scope),
      ]);
      return { plan: outline, scope, at: now, summary, nominations };
    },
  );

  app.get<{ Params: { code: string }; Querystring: ComplianceQuery }>(
    '/plans/:code/compliance/rows',
    route('Từng báo cáo của từng đơn vị, theo cây báo cáo', { type: 'array', items: anyObject }),
    async (request) => {
      const { scope, now } = await scopeOf(api, request);
      return listComplianceRows(api.db, scope, now);
    },
  );

  app.get<{ Params: { code: string }; Querystring: ComplianceQuery }>(
    '/plans/:code/compliance/matrix',
    route('Ma trận đơn vị × mốc, mỗi ô một màu', {
      type: 'object',
      required: ['milestoneIds', 'units'],
      properties: {
        milestoneIds: { type: 'array', items: { type: 'string' } },
        units: { type: 'array', items: anyObject },
      },
    }),
    async (request) => {
      const { scope, now } = await scopeOf(api, request);
      return listComplianceMatrix(api.db, scope, now);
    },
  );

  app.get<{ Params: { code: string }; Querystring: ComplianceQuery }>(
    '/plans/:code/compliance/overdue',
    route('Danh sách quá hạn, trễ nhiều ngày nhất trước', { type: 'array', items: anyObject }),
    async (request) => {
      const { scope, now } = await scopeOf(api, request);
      return listOverdueObligations(api.db, scope, now);
    },
  );

  app.get<{ Params: { code: string; unit: string; milestone: string } }>(
    '/plans/:code/compliance/units/:unit/milestones/:milestone',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Tình hình báo cáo'],
        summary: 'Lịch sử của một đơn vị trong một mốc: nhắc hạn, leo thang, nộp, gia hạn',
        params: {
          type: 'object',
          required: ['code', 'unit', 'milestone'],
          properties: { code: codeParam, unit: codeParam, milestone: codeParam },
        },
        response: { 200: anyObject, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { code, unit, milestone } = request.params;
      const principal = principalOf(request);
      const outline = await getComplianceOutline(api.db, code);
      const opensOn = outline.milestones.find((m) => m.id === milestone)?.opensOn ?? vietnamCivilDate(api.now());
      await assertInScope(api.db, principal, { unitCode: unit, date: opensOn, planOwner: outline.owner.unit });
      const history = await getUnitMilestoneHistory(
        api.db,
        { planCode: code, milestoneId: milestone, unitCode: unit },
        formatVietnamInstant(api.now()),
        { personalData: principal.role === 'admin' },
      );
      if (!history)
        throw notFound('OBLIGATION_NOT_FOUND', `đơn vị ${unit} không có báo cáo nào trong mốc "${milestone}"`);
      return history;
    },
  );
}
