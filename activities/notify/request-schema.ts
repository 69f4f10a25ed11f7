import { z } from 'zod';
import { parseInstant } from '../../domain/civil-time';
import { NOTIFICATION_KINDS, type NotificationRequest } from '../../domain/notify/notification-request';

const instant = z.string().refine((text) => {
  try {
    parseInstant(text);
    return true;
  } catch {
    return false;
  }
}, 'phải là thời điểm ISO-8601 có múi giờ, ví dụ 2025-05-31T00:00:00+07:00');
const text = z.string().trim().min(1, 'không được để trống');
// Contacts come from the database, where a missing address is null; the request type says optional.
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/** The runtime check of a NotificationRequest: a workflow bug must fail loudly, not send a broken reminder. */
export const notificationRequestSchema = z.object({
  idempotencyKey: text,
  kind: z.enum(NOTIFICATION_KINDS as [NotificationRequest['kind'], ...NotificationRequest['kind'][]]),
  recipient: z.object({
    role: z.enum(['reporter', 'head', 'parent-head', 'owner', 'leader']),
    name: text,
    email: optionalText,
    phone: optionalText,
    unitCode: text,
    unitName: text,
  }),
  channels: z.array(z.enum(['email', 'zalo'])).min(1, 'cần ít nhất một kênh'),
  plan: z.object({
    code: text,
    title: text,
    issuer: text,
    senderName: optionalText,
    senderEmail: optionalText,
    znsTemplates: z.record(z.string(), z.string()).optional(),
  }),
  milestone: z.object({ id: text, title: text }),
  report: z.object({ id: text, title: text }).optional(),
  dueAt: instant.optional(),
  submissionLink: z.string().url('phải là một URL').optional(),
  obligation: z.object({ id: z.string().min(1), unitCode: z.string().min(1), closeAt: z.string().min(1) }).optional(),
  extra: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  now: instant,
});
