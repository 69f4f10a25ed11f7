import { ApplicationFailure } from '@temporalio/common';
import { createSmtpEmailProvider } from '../../../activities/notify/smtp-email-provider';
import { sendNotificationActivity } from '../../../activities/notify/send-notification';
import { listDeliveries } from '../../../db/notification-log.repository';
import { createLogger } from '../../../runtime/logger';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { matching, notifyDeps, reminderRequest } from './helpers/notify-fixtures';
import { leaves, parseMime } from './helpers/parse-mime';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';

describe.each(DATABASE_KINDS)('email reminders through a real SMTP server, log on %s', (kind) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  const refused = new Set<string>();
  let temporaryFailures = 0;
  beforeAll(async () => {
    [database, sink] = await Promise.all([
      openTestDatabase(kind),
      startSmtpSink({
        rejectRecipient: (address) =>
          refused.has(address) ? { code: 550, message: '5.1.1 Mailbox does not exist' } : undefined,
        rejectData: () => (temporaryFailures-- > 0 ? { code: 451, message: '4.3.0 Try again later' } : undefined),
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([database.close(), sink.close()]);
  });

  const smtp = () =>
    createSmtpEmailProvider({
      url: sink.url,
      poolMax: 2,
      ratePerPlan: 0,
      requireTls: false,
      log: createLogger('test', 'silent'),
    });

  it('delivers the Vietnamese reminder with the date, the link and the deadline as .ics — once', async () => {
    const email = smtp();
    const send = sendNotificationActivity(notifyDeps(database.db, { email }));
    const request = reminderRequest();
    const before = sink.messages.length;

    const first = await send(request);
    const again = await send(request);
    await email.close();

    expect(first.deliveries).toEqual([{ channel: 'email', status: 'sent', providerMessageId: matching(/^Q\d+$/) }]);
    expect(again.deliveries).toEqual([
      { channel: 'email', status: 'already-sent', providerMessageId: first.deliveries[0]!.providerMessageId },
    ]);
    const received = sink.messages.slice(before);
    expect(received).toHaveLength(1);
    const message = received[0]!;
    expect(message.envelopeTo).toEqual([request.recipient.email]);
    expect(message.envelopeFrom).toBe('khong-tra-loi@sonoivu.example.vn');

    const mime = parseMime(message.raw);
    expect(mime.headers.to).toBe(`Nguyễn Thị Lan <${request.recipient.email}>`);
    expect(mime.headers.from).toBe('Sở Nội vụ tỉnh Cao Bằng <khong-tra-loi@sonoivu.example.vn>');
    expect(mime.headers.subject).toBe('[125/KH-UBND] Nhắc hạn: còn 3 ngày nộp Báo cáo sơ kết phong trào thi đua');
    expect(mime.headers['message-id']).toMatch(/^<[0-9a-f]{40}\.dondoc@sonoivu\.example\.vn>$/);

    const parts = leaves(mime);
    const text = parts.find((part) => part.contentType.startsWith('text/plain'))!.body;
    const html = parts.find((part) => part.contentType.startsWith('text/html'))!.body;
    const ics = parts.find((part) => part.filename === 'han-nop.ics')!;
    expect(text).toContain('Kính gửi: đồng chí Nguyễn Thị Lan (Sở Tư pháp),');
    expect(text).toContain('Hạn nộp: hết ngày thứ Sáu, 30/05/2025');
    expect(text).toContain('Kế hoạch: số 125/KH-UBND – Tổ chức phong trào thi đua yêu nước giai đoạn 2021–2025');
    expect(text).toContain(request.submissionLink);
    expect(html).toContain(`href="${request.submissionLink}"`);
    expect(html).toContain('hết ngày thứ Sáu, 30/05/2025');
    expect(ics.contentType).toMatch(/^text\/calendar/);
    expect(ics.body).toContain('DTSTART;VALUE=DATE:20250530');
    expect(ics.body).toContain('DTEND;VALUE=DATE:20250531');
    expect(ics.body.replace(/\r\n /g, '')).toContain('SUMMARY:Hạn nộp Báo cáo sơ kết phong trào thi đua (Sở Tư pháp)');

    const [row] = await listDeliveries(database.db, request.idempotencyKey);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      channel: 'email',
      message_id: mime.headers['message-id'],
    });
  });

  it('records a mailbox the server refuses as "không gửi được", with the SMTP code, and does not retry it', async () => {
    const email = smtp();
    const send = sendNotificationActivity(notifyDeps(database.db, { email }));
    const request = reminderRequest();
    refused.add(request.recipient.email!);
    const before = sink.messages.length;

    const result = await send(request);
    const again = await send(request);
    await email.close();

    expect(result.deliveries).toEqual([
      { channel: 'email', status: 'failed', reason: matching(/550.*Mailbox does not exist/) },
    ]);
    expect(again.deliveries[0]).toMatchObject({ status: 'failed' });
    expect(sink.messages.length).toBe(before);
    const [row] = await listDeliveries(database.db, request.idempotencyKey);
    expect(row).toMatchObject({ status: 'failed', error_code: '550', attempts: 1 });
  });

  it('throws a retryable failure on a temporary refusal (451) and sends once on the retry, same Message-ID', async () => {
    const email = smtp();
    const send = sendNotificationActivity(notifyDeps(database.db, { email }));
    const request = reminderRequest();
    const before = sink.messages.length;
    temporaryFailures = 1;

    const error = await send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(false);
    expect((error as ApplicationFailure).message).toMatch(/451/);
    const retried = await send(request);
    await email.close();

    expect(retried.deliveries[0]).toMatchObject({ status: 'sent' });
    expect(sink.messages.length).toBe(before + 1);
    const [row] = await listDeliveries(database.db, request.idempotencyKey);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails a malformed request at once, non-retryably, naming the field', async () => {
    const send = sendNotificationActivity(notifyDeps(database.db, { email: smtp() }));
    const error = await send({ ...reminderRequest(), now: '27/05/2025' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ nonRetryable: true, type: 'NotificationRequestInvalid' });
    expect((error as Error).message).toMatch(/^NOTIFY_REQUEST_INVALID: now: /);
  });
});
