import { MockActivityEnvironment } from '@temporalio/testing';
import { sendNotificationActivity } from '../../../activities/notify/send-notification';
import { createSmtpEmailProvider } from '../../../activities/notify/smtp-email-provider';
import { listDeliveries } from '../../../db/notification-log.repository';
import { createLogger } from '../../../runtime/logger';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { notifyDeps, reminderRequest } from './helpers/notify-fixtures';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.each(DATABASE_KINDS)('a send that outlives its lease, log on %s', (kind) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  beforeAll(async () => {
    // The server takes 2.5 s to answer 250: twice and a half the 1 s lease of these tests.
    [database, sink] = await Promise.all([openTestDatabase(kind), startSmtpSink({ beforeAccept: () => sleep(2500) })]);
  });
  afterAll(async () => {
    await Promise.all([database.close(), sink.close()]);
  });

  it('heartbeats and keeps its lease while alive, so a second attempt of the same delivery waits: sent once', async () => {
    const email = createSmtpEmailProvider({
      url: sink.url,
      poolMax: 2,
      ratePerPlan: 0,
      requireTls: false,
      log: createLogger('test', 'silent'),
    });
    const send = sendNotificationActivity(notifyDeps(database.db, { email, options: { leaseSeconds: 1 } }));
    const request = reminderRequest({ idempotencyKey: `lease-${kind}-${Date.now()}` });
    const activity = new MockActivityEnvironment();
    let heartbeats = 0;
    activity.on('heartbeat', () => heartbeats++);

    const first = activity.run(send, request);
    // Past the lease: without renewals this second attempt (a retry racing a live one) would take the row and
    // send the message again.
    await sleep(1800);
    await expect(send(request)).rejects.toMatchObject({ type: 'DeliveryInProgress' });
    const result = (await first) as Awaited<ReturnType<typeof send>>;
    await email.close();

    expect(result.deliveries).toEqual([expect.objectContaining({ channel: 'email', status: 'sent' })]);
    const [row] = await listDeliveries(database.db, request.idempotencyKey);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.messages.filter((message) => message.messageId === row!.message_id)).toHaveLength(1);
    expect(heartbeats).toBeGreaterThanOrEqual(2);
  });
});
