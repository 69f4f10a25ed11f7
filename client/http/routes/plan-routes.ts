import { getPlan, getPlanVersion, listPlans, type Plan } from '../../../db/plan.repository';
import { loadPlan } from '../../../domain/plan/load-plan';
import { PlanFileError } from '../../../domain/plan/plan-errors';
import { planTimeline } from '../../../domain/plan/plan-timeline';
import type { ApiContext, ApiScope } from '../api-options';
import { instantOf } from '../instant';
import { adminOnly, staffOnly } from '../auth/require-role';
import { codeParam, errors } from '../schemas/common-schemas';
import {
  planFileBody,
  planFileQuery,
  planProblemSchema,
  planSummarySchema,
  resolvedPlanSchema,
  timelineRowSchema,
} from '../schemas/plan-schemas';
import { PLAN_CONTENT_TYPES } from './plan-source';

/** A plan row as the API shows it. */
export function planSummary(plan: Plan) {
  return {
    code: plan.code,
    title: plan.title,
    issuer: plan.issuer,
    currentVersion: plan.current_version,
    status: plan.status,
    createdAt: instantOf(plan.created_at),
    updatedAt: instantOf(plan.updated_at),
  };
}

/**
 * Reading plans: `GET /api/plans` (every loaded plan), `GET /api/plans/:code` (one version with its resolved
 * timeline, like `dondoc plan show`), and `POST /api/plans/validate` (a YAML file checked without loading it: every
 * located problem, or the timeline as understood — `dondoc plan validate`).
 */
export function registerPlanRoutes(app: ApiScope, api: ApiContext): void {
  app.get(
    '/plans',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Kế hoạch'],
        summary: 'Danh sách kế hoạch đã nạp',
        response: { 200: { type: 'array', items: planSummarySchema }, ...errors(401, 403) },
      },
    },
    async () => (await listPlans(api.db)).map(planSummary),
  );

  app.get<{ Params: { code: string }; Querystring: { version?: number } }>(
    '/plans/:code',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Kế hoạch'],
        summary: 'Một kế hoạch: phiên bản (mặc định hiện hành), các mốc đã tính ra ngày cụ thể',
        params: { type: 'object', properties: { code: codeParam }, required: ['code'] },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['plan', 'version', 'resolved', 'timeline'],
            properties: {
              plan: planSummarySchema,
              version: { type: 'integer' },
              sourceFile: { type: 'string' },
              resolved: resolvedPlanSchema,
              timeline: { type: 'array', items: timelineRowSchema },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const plan = await getPlan(api.db, request.params.code);
      const version = await getPlanVersion(api.db, plan.code, request.query.version);
      return {
        plan: planSummary(plan),
        version: version.version,
        sourceFile: version.source_file,
        resolved: version.resolved,
        timeline: planTimeline(version.resolved),
      };
    },
  );

  app.post<{ Body: string; Querystring: { file?: string } }>(
    '/plans/validate',
    {
      preHandler: adminOnly,
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['Kế hoạch'],
        summary: 'Kiểm tra một tệp kế hoạch (không nạp): mọi lỗi kèm dòng và trường, hoặc các mốc đã hiểu',
        consumes: PLAN_CONTENT_TYPES,
        querystring: planFileQuery,
        body: planFileBody,
        response: {
          200: {
            type: 'object',
            required: ['valid', 'problems'],
            properties: {
              valid: { type: 'boolean' },
              problems: { type: 'array', items: planProblemSchema },
              resolved: resolvedPlanSchema,
              timeline: { type: 'array', items: timelineRowSchema },
            },
          },
          ...errors(400, 401, 403, 413, 415),
        },
      },
    },
    async (request) => {
      try {
        const { resolved } = loadPlan(request.body, request.query.file ?? 'ke-hoach.yaml', await api.workingCalendar());
        return { valid: true, problems: [], resolved, timeline: planTimeline(resolved) };
      } catch (error) {
        if (error instanceof PlanFileError) return { valid: false, problems: error.problems };
        throw error;
      }
    },
  );
}
