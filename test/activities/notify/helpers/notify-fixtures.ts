import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { createNotifyDependencies } from '../../../../activities/notify/create-notify-dependencies';
import type { EmailAcceptance, EmailProvider, OutgoingEmail } from '../../../../activities/notify/email-provider';
import type { NotifyDependencies, NotifyHooks, NotifyOptions } from '../../../../activities/notify/notify-dependencies';
import type { ZaloProvider } from '../../../../activities/notify/zalo-provider';
import type { Database } from '../../../../db/schema';
import type { NotificationRequest } from '../../../../domain/notify/notification-request';

/** A pino logger whose lines are kept, so a test can assert that no token was ever logged. */
export function capturingLogger(): { log: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

/** An email provider that keeps what it is given (for Zalo tests, where email is only the fallback). */
export function memoryEmail(): EmailProvider & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    description: 'memory',
    send(email: OutgoingEmail): Promise<EmailAcceptance> {
      sent.push(email);
      return Promise.resolve({ providerMessageId: `mem-${sent.length}` });
    },
    close: () => Promise.resolve(),
  };
}

export function notifyDeps(
  db: Kysely<Database>,
  parts: {
    email: EmailProvider;
    zalo?: ZaloProvider;
    log?: pino.Logger;
    options?: Partial<NotifyOptions>;
    hooks?: NotifyHooks;
  },
): NotifyDependencies {
  return createNotifyDependencies({
    db,
    email: parts.email,
    zalo: parts.zalo,
    log: parts.log ?? pino({ level: 'silent' }),
    options: { mailFrom: { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' }, ...parts.options },
    hooks: parts.hooks,
  });
}

/** A reminder of "Báo cáo sơ kết" due at the end of Friday 30/05/2025, at 09:00 on Tuesday 27/05/2025. */
export function reminderRequest(overrides: Partial<NotificationRequest> = {}): NotificationRequest {
  const id = randomUUID();
  return {
    idempotencyKey: `plan/KH-${id}/so-ket-2025/04/reminder-3`,
    kind: 'reminder',
    recipient: {
      role: 'reporter',
      name: 'Nguyễn Thị Lan',
      email: `lan.${id.slice(0, 8)}@sotuphap.example.vn`,
      phone: '+84912345678',
      unitCode: '04',
      unitName: 'Sở Tư pháp',
    },
    channels: ['email'],
    plan: {
      code: '125/KH-UBND',
      title: 'Tổ chức phong trào thi đua yêu nước giai đoạn 2021–2025',
      issuer: 'UBND tỉnh Cao Bằng',
      senderName: 'Sở Nội vụ tỉnh Cao Bằng',
      znsTemplates: { reminder: '312001', assignment: '312000', overdue: '312002' },
    },
    milestone: { id: 'so-ket-2025', title: 'Sơ kết 6 tháng đầu năm 2025' },
    report: { id: 'bao-cao-so-ket', title: 'Báo cáo sơ kết phong trào thi đua' },
    dueAt: '2025-05-31T00:00:00+07:00',
    submissionLink: `https://dondoc.example.vn/nop/${id}?sig=abc123`,
    extra: { daysLeft: 3 },
    now: '2025-05-27T09:00:00+07:00',
    ...overrides,
  };
}

/** Jest's asymmetric matchers, typed as what they stand for (they are `any`, which the lint rules refuse). */
export const anyString = expect.any(String) as unknown as string;
export const matching = (pattern: RegExp): string => {
  const matcher: unknown = expect.stringMatching(pattern);
  return matcher as string;
};
export const containing = <T extends object>(fields: T): T => {
  const matcher: unknown = expect.objectContaining(fields);
  return matcher as T;
};
