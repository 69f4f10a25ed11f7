/**
 * JSON schemas shared by the routes, registered once with `$id` so the OpenAPI document lists them under
 * components.schemas and each route refers to them (`{ $ref: 'ApiError#' }`).
 */
export const apiErrorSchema = {
  $id: 'ApiError',
  type: 'object',
  description: 'Mọi lỗi: mã ổn định, thông điệp tiếng Việt, trường gây lỗi (nếu có).',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'field'],
      properties: {
        code: { type: 'string', example: 'VALIDATION_FAILED' },
        message: { type: 'string', example: '"reason" (nội dung) là bắt buộc nhưng chưa có' },
        field: { type: ['string', 'null'] },
        retryable: { type: 'boolean', description: 'true khi nên thử lại sau (503)' },
        problems: {
          type: 'array',
          description: 'Mọi lỗi của tệp kế hoạch hoặc tệp đơn vị, kèm vị trí',
          items: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;

export const nominationSchema = {
  $id: 'Nomination',
  type: 'object',
  required: ['form', 'name', 'achievements'],
  additionalProperties: false,
  properties: {
    form: { type: 'string', enum: ['tập thể', 'cá nhân', 'hộ gia đình'] },
    name: { type: 'string', minLength: 1, maxLength: 300 },
    field: { type: 'string', maxLength: 300 },
    achievements: { type: 'string', minLength: 1, maxLength: 20000 },
    birthDate: { type: 'string', maxLength: 20, description: 'Dữ liệu cá nhân: chỉ cán bộ Sở và chính đơn vị thấy' },
    position: { type: 'string', maxLength: 300, description: 'Dữ liệu cá nhân: chỉ cán bộ Sở và chính đơn vị thấy' },
  },
} as const;

/**
 * A stored nomination as a reader sees it: the name of an individual or a household's head is personal data
 * (Nghị định 13/2023), `null` for readers without the right to it, like the birth date and position they do not get.
 */
export const nominationViewSchema = {
  $id: 'NominationView',
  type: 'object',
  required: ['form', 'name', 'achievements'],
  properties: {
    form: { type: 'string' },
    name: { type: ['string', 'null'], description: 'null: tên cá nhân/chủ hộ — dữ liệu cá nhân, không hiển thị' },
    field: { type: ['string', 'null'] },
    achievements: { type: ['string', 'null'] },
    birthDate: { type: 'string', description: 'Dữ liệu cá nhân: chỉ cán bộ Sở và chính đơn vị thấy' },
    position: { type: 'string', description: 'Dữ liệu cá nhân: chỉ cán bộ Sở và chính đơn vị thấy' },
  },
} as const;

export const attachmentSchema = {
  $id: 'Attachment',
  type: 'object',
  required: ['name', 'sha256', 'size', 'contentType'],
  properties: {
    name: { type: 'string' },
    sha256: { type: 'string' },
    size: { type: 'integer' },
    contentType: { type: 'string' },
  },
} as const;

export const submissionSchema = {
  $id: 'Submission',
  type: 'object',
  required: ['obligationId', 'unitCode', 'version', 'receiptNumber', 'submittedAt', 'submittedBy', 'late'],
  properties: {
    obligationId: { type: 'string' },
    unitCode: { type: 'string' },
    version: { type: 'integer' },
    receiptNumber: { type: 'string', example: 'BN-20351015-SGD-1-A1B2C3' },
    submittedAt: { type: 'string', description: 'ISO-8601, +07:00' },
    submittedBy: { type: 'string' },
    late: { type: 'boolean' },
    text: { type: ['string', 'null'] },
    fields: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    nominations: { type: 'array', items: { $ref: 'NominationView#' } },
    attachments: { type: 'array', items: { $ref: 'Attachment#' } },
  },
} as const;

export const obligationSchema = {
  $id: 'Obligation',
  type: 'object',
  required: ['id', 'planCode', 'milestoneId', 'reportId', 'unitCode', 'unitName', 'level', 'status', 'dueAt'],
  properties: {
    id: { type: 'string', example: 'plan/960/KH-UBND/so-ket-2023/SGD#bao-cao' },
    workflowId: { type: 'string' },
    planCode: { type: 'string' },
    planVersion: { type: 'integer' },
    milestoneId: { type: 'string' },
    reportId: { type: 'string' },
    unitCode: { type: 'string' },
    unitName: { type: 'string' },
    parentUnitCode: { type: ['string', 'null'] },
    assignedUnitCode: { type: ['string', 'null'] },
    level: { type: 'integer' },
    status: {
      type: 'string',
      enum: ['open', 'submitted', 'overdue', 'on-time', 'late', 'missing', 'exempt', 'cancelled'],
    },
    dueAt: { type: 'string' },
    originalDueAt: { type: 'string' },
    submittedAt: { type: ['string', 'null'] },
    submissionVersion: { type: 'integer' },
    extension: {
      type: ['object', 'null'],
      properties: { by: { type: 'string' }, reason: { type: ['string', 'null'] } },
    },
    exemption: {
      type: ['object', 'null'],
      properties: { by: { type: 'string' }, reason: { type: ['string', 'null'] } },
    },
    escalationStep: { type: 'integer' },
  },
} as const;

export const auditEntrySchema = {
  $id: 'AuditEntry',
  type: 'object',
  required: ['at', 'actor', 'action'],
  properties: {
    at: { type: 'string' },
    actor: { type: 'string' },
    action: { type: 'string' },
    before: {},
    after: {},
    reason: { type: ['string', 'null'] },
  },
} as const;

export const SHARED_SCHEMAS = [
  apiErrorSchema,
  nominationSchema,
  nominationViewSchema,
  attachmentSchema,
  submissionSchema,
  obligationSchema,
  auditEntrySchema,
];

const ERROR = { $ref: 'ApiError#' };

/**
 * The error answers a route declares, for the OpenAPI document and the contract tests. Every route may answer 400:
 * a parameter or query with a control character is refused before the route runs (refuse-control-characters.ts).
 */
export function errors(...statuses: number[]): Record<number, typeof ERROR> {
  return Object.fromEntries([...new Set([400, ...statuses])].map((status) => [status, ERROR]));
}

/** Path parameters that are codes with slashes (`960/KH-UBND`): sent URL-encoded (`960%2FKH-UBND`). */
export const codeParam = { type: 'string', minLength: 1, maxLength: 200 } as const;
