import { appendAudit } from '../../../db/audit-log.repository';
import {
  countResends,
  findNotification,
  findNotificationObligation,
  listNotifications,
} from '../../../db/notification-view.repository';
import { getPlanVersion } from '../../../db/plan.repository';
import type { NotificationLog, NotificationStatus } from '../../../db/tables/notification-log.table';
import { listUnitContacts } from '../../../db/unit-contact.repository';
import { formatVietnamInstant, vietnamCivilDate } from '../../../domain/civil-time';
import type { NotificationRequest } from '../../../domain/notify/notification-request';
import { ApiError, notFound } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { visibleUnitCodes } from '../auth/leader-scope';
import { actorOf, type Principal } from '../auth/principal';
import { adminOnly, principalOf, staffOnly } from '../auth/require-role';
import { instantOf, optionalInstantOf } from '../instant';
import { codeParam, errors } from '../schemas/common-schemas';

const STATUS_TEXT: Record<NotificationStatus, string> = {
  pending: 'chờ gửi',
  sending: 'đang gửi',
  sent: 'đã gửi',
  deferred: 'hoãn (giờ nghỉ hoặc hạn mức)',
  failed: 'không gửi được',
};

const notificationSchema = {
  type: 'object',
  required: ['id', 'kind', 'channel', 'planCode', 'unitCode', 'recipientRole', 'status', 'statusText'],
  properties: {
    id: { type: 'string' },
    idempotencyKey: { type: 'string' },
    kind: { type: 'string' },
    channel: { type: 'string', enum: ['email', 'zalo'] },
    address: { type: ['string', 'null'], description: 'chỉ cán bộ Sở thấy địa chỉ' },
    planCode: { type: 'string' },
    unitCode: { type: 'string' },
    recipientRole: { type: 'string' },
    recipientName: { type: 'string' },
    status: { type: 'string', enum: Object.keys(STATUS_TEXT) },
    statusText: { type: 'string' },
    reason: { type: ['string', 'null'] },
    errorCode: { type: ['string', 'null'] },
    attempts: { type: 'integer' },
    createdAt: { type: 'string' },
    sentAt: { type: ['string', 'null'] },
    deliveryStatus: { type: ['string', 'null'] },
  },
} as const;

function notificationJson(row: NotificationLog, principal: Principal) {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    channel: row.channel,
    address: principal.role === 'admin' ? row.address : null,
    planCode: row.plan_code,
    unitCode: row.unit_code,
    recipientRole: row.recipient_role,
    recipientName: row.recipient_name,
    status: row.status,
    statusText: STATUS_TEXT[row.status],
    reason: row.reason,
    errorCode: row.error_code,
    attempts: row.attempts,
    createdAt: instantOf(row.created_at),
    sentAt: optionalInstantOf(row.sent_at),
    deliveryStatus: row.delivery_status,
  };
}

/**
 * Rebuilds the request of a logged notification about an obligation, to send it again now under
 * `{key}/resend-N`: the plan, milestone, report and current deadline from the database, the unit's current contact
 * for its reporter or head (an address corrected since the failure is used), the logged address otherwise.
 */
async function resendRequest(api: ApiContext, row: NotificationLog): Promise<NotificationRequest> {
  const obligation = await findNotificationObligation(api.db, row);
  if (!obligation) {
    throw new ApiError(409, 'RESEND_UNSUPPORTED', 'chỉ gửi lại được thông báo về một báo cáo của đơn vị', 'id');
  }
  const plan = (await getPlanVersion(api.db, obligation.plan_code, obligation.plan_version)).resolved;
  const milestone = plan.milestones.find((m) => m.id === obligation.milestone_id);
  const report = milestone?.reports.find((r) => r.id === obligation.report_id);
  const own = row.recipient_role === 'reporter' || row.recipient_role === 'head';
  const current = own
    ? (await listUnitContacts(api.db, obligation.unit_id)).find((contact) => contact.role === row.recipient_role)
    : undefined;
  const resends = await countResends(api.db, row.idempotency_key);
  return {
    idempotencyKey: `${row.idempotency_key}/resend-${resends + 1}`,
    kind: row.kind as NotificationRequest['kind'],
    recipient: {
      role: row.recipient_role as NotificationRequest['recipient']['role'],
      name: current?.name ?? row.recipient_name,
      ...(current
        ? { email: current.email ?? undefined, phone: current.phone ?? undefined }
        : row.channel === 'email'
          ? { email: row.address }
          : { phone: row.address }),
      unitCode: row.unit_code,
      unitName: obligation.unit_name,
    },
    channels: [row.channel],
    plan: { code: plan.code, title: plan.title, issuer: plan.issuer },
    milestone: { id: obligation.milestone_id, title: milestone?.title ?? obligation.milestone_id },
    ...(report ? { report: { id: report.id, title: report.title } } : {}),
    dueAt: instantOf(obligation.due_at),
    now: formatVietnamInstant(api.now()),
  };
}

/**
 * Notifications: `GET /api/notifications?plan=…` (admin; leaders see their subtree without addresses), including
 * the "không gửi được" with their reasons; `POST /api/notifications/:id/resend` (admin) sends one again now under a
 * new idempotency key `{key}/resend-N`, audited with the outcome of each delivery.
 */
export function registerNotificationRoutes(app: ApiScope, api: ApiContext): void {
  app.get<{ Querystring: { plan: string; unit?: string; status?: NotificationStatus; limit?: number } }>(
    '/notifications',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Thông báo'],
        summary: 'Thông báo đã gửi của một kế hoạch (lọc theo đơn vị, trạng thái; failed = không gửi được)',
        querystring: {
          type: 'object',
          required: ['plan'],
          additionalProperties: false,
          properties: {
            plan: codeParam,
            unit: { type: 'string', maxLength: 100 },
            status: { type: 'string', enum: Object.keys(STATUS_TEXT) },
            limit: { type: 'integer', minimum: 1, maximum: 5000, default: 200 },
          },
        },
        response: { 200: { type: 'array', items: notificationSchema }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const plan = (await getPlanVersion(api.db, request.query.plan)).resolved;
      const visible = await visibleUnitCodes(api.db, principal, vietnamCivilDate(api.now()), plan.owner.unit);
      const rows = await listNotifications(api.db, {
        planCode: request.query.plan,
        unitCode: request.query.unit,
        status: request.query.status,
        limit: request.query.limit ?? 200,
      });
      return rows
        .filter((row) => !visible || visible.has(row.unit_code))
        .map((row) => notificationJson(row, principal));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/notifications/:id/resend',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['Thông báo'],
        summary: 'Gửi lại một thông báo ngay (khoá chống trùng mới …/resend-N)',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        response: {
          200: {
            type: 'object',
            required: ['idempotencyKey', 'deliveries'],
            properties: {
              idempotencyKey: { type: 'string' },
              deliveries: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    channel: { type: 'string' },
                    status: { type: 'string' },
                    providerMessageId: { type: 'string' },
                    reason: { type: 'string' },
                    retryAt: { type: 'string' },
                  },
                },
              },
            },
          },
          ...errors(401, 403, 404, 409, 503),
        },
      },
    },
    async (request) => {
      const row = await findNotification(api.db, request.params.id);
      if (!row) throw notFound('NOTIFICATION_NOT_FOUND', 'không có thông báo này', 'id');
      const resend = await resendRequest(api, row);
      const result = await api.sendNotification(resend);
      await appendAudit(api.db, {
        actor: actorOf(principalOf(request)),
        action: 'notification.resend',
        entityType: 'notification',
        entityId: row.id,
        before: { status: row.status, reason: row.reason },
        after: { idempotencyKey: resend.idempotencyKey, deliveries: result.deliveries },
      });
      return { idempotencyKey: resend.idempotencyKey, deliveries: result.deliveries };
    },
  );
}
