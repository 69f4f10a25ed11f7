/** The plan shapes of the API: a summary row, a located problem of a plan file, a timeline row. */
export const planSummarySchema = {
  type: 'object',
  required: ['code', 'title', 'issuer', 'currentVersion', 'status'],
  properties: {
    code: { type: 'string', example: '960/KH-UBND' },
    title: { type: 'string' },
    issuer: { type: 'string' },
    currentVersion: { type: 'integer' },
    status: { type: 'string', enum: ['loaded', 'running', 'cancelled', 'completed'] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

export const planProblemSchema = {
  type: 'object',
  required: ['code', 'message', 'field'],
  properties: {
    code: { type: 'string', example: 'PLAN_PHRASE_UNREADABLE' },
    message: { type: 'string' },
    field: { type: 'string', example: 'milestones[1].when' },
    line: { type: 'integer' },
  },
} as const;

export const timelineRowSchema = {
  type: 'object',
  required: ['date', 'milestone', 'event', 'detail'],
  properties: {
    date: { type: 'string' },
    at: { type: 'string' },
    milestone: { type: 'string' },
    event: { type: 'string' },
    detail: { type: 'string' },
  },
} as const;

/** The resolved plan (domain/plan/resolved-plan.ts) as JSON: its shape is the domain's, versioned by `version`. */
export const resolvedPlanSchema = {
  type: 'object',
  required: ['version', 'code', 'title', 'milestones'],
  additionalProperties: true,
  properties: {
    version: { type: 'integer' },
    code: { type: 'string' },
    title: { type: 'string' },
    milestones: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

/** The body of a route that takes a plan file: its YAML text. */
export const planFileBody = {
  type: 'string',
  minLength: 1,
  description: 'Nội dung tệp kế hoạch .yaml (Content-Type: application/yaml)',
} as const;

/** `?file=` names the file in located errors (`plans/cao-bang.yaml, dòng 14`). */
export const planFileQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { file: { type: 'string', maxLength: 200, description: 'tên tệp hiện trong thông báo lỗi' } },
} as const;
