import { ApplicationFailure } from '@temporalio/common';
import { sendNotificationActivity } from '../../../activities/notify/send-notification';
import { createSmtpEmailProvider } from '../../../activities/notify/smtp-email-provider';
import { ZaloTokenStore } from '../../../activities/notify/zalo-token-store';
import { createZnsZaloProvider } from '../../../activities/notify/zns-zalo-provider';
import { listDeliveries } from '../../../db/notification-log.repository';
import type { NotificationRequest, NotificationResult } from '../../../domain/notify/notification-request';
import { createLogger } from '../../../runtime/logger';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { startFakeZalo, type FakeZalo } from './helpers/fake-zalo';
import { capturingLogger, notifyDeps, reminderRequest } from './helpers/notify-fixtures';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';

const APP = { appId: '4310000000000000006', appSecret: 'app-secret-Down42' };
const EMAILS = 10;

/** One attempt as Temporal makes it: the result, or the retryable failure (a non-retryable one fails the test). */
async function attempt(send: (r: NotificationRequest) => Promise<NotificationResult>, request: NotificationRequest) {
  try {
    return { result: await send(request) };
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(false);
    return { retry: (error as ApplicationFailure).message };
  }
}

describe.each(DATABASE_KINDS)('an SMTP outage and a troubled Zalo, then recovery (log on %s)', (kind) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let zalo: FakeZalo;
  afterAll(async () => {
    await Promise.all([database?.close(), sink?.close(), zalo?.close()]);
  });

  it('defers or retries while down, never fails for good, and every message arrives once after recovery', async () => {
    [database, sink, zalo] = await Promise.all([
      openTestDatabase(kind),
      startSmtpSink({ closeTimeoutMs: 50 }),
      startFakeZalo({ appSecret: APP.appSecret, initialRefreshToken: 'RT-outage' }),
    ]);
    const { log } = capturingLogger();
    const email = createSmtpEmailProvider({
      url: sink.url,
      poolMax: 2,
      ratePerPlan: 0,
      requireTls: false,
      timeoutMs: 2_000,
      log: createLogger('test', 'silent'),
    });
    const tokens = new ZaloTokenStore({
      db: database.db,
      appId: APP.appId,
      appSecret: APP.appSecret,
      initialRefreshToken: 'RT-outage',
      oauthBaseUrl: zalo.url,
      refreshAheadMs: 3_600_000,
      timeoutMs: 2_000,
      now: () => Date.now(),
      log,
    });
    const provider = createZnsZaloProvider({ apiBaseUrl: zalo.url, tokens, timeoutMs: 2_000 });
    const send = sendNotificationActivity(
      notifyDeps(database.db, { email, zalo: provider, log, options: { zaloPerSecond: 0 } }),
    );

    // The pool has open connections when the server goes away (421, then connection refused).
    await send(reminderRequest());
    const port = sink.port;
    await sink.close();

    const emails = Array.from({ length: EMAILS }, () => reminderRequest());
    const rateLimited = reminderRequest({ channels: ['zalo'] });
    const serverError = reminderRequest({ channels: ['zalo'] });
    const noZalo = reminderRequest({ channels: ['zalo'] });
    // Zalo answers in call order: 429 (rate), 502 twice, then −118 (no account; its email fallback meets the outage).
    zalo.script.push({ httpStatus: 429 }, { httpStatus: 502 }, { error: -118, message: 'Zalo account not existed' });
    zalo.script.push({ httpStatus: 502 });

    const down = [];
    for (let round = 0; round < 2; round++) {
      for (const request of [...emails, rateLimited, serverError, noZalo]) down.push(await attempt(send, request));
    }
    const deferred = down.find((outcome) => outcome.result?.deliveries[0]?.status === 'deferred')!.result!;
    expect(deferred.deliveries[0]).toMatchObject({ channel: 'zalo', reason: expect.stringMatching(/429/) as string });
    expect(down.filter((outcome) => outcome.retry).length).toBe(2 * (EMAILS + 2));
    for (const request of [...emails, noZalo]) {
      const rows = await listDeliveries(database.db, request.idempotencyKey);
      const mail = rows.find((row) => row.channel === 'email')!;
      expect(mail).toMatchObject({ status: 'pending', attempts: 2 });
    }
    expect((await listDeliveries(database.db, noZalo.idempotencyKey)).map((row) => [row.channel, row.status])).toEqual([
      ['zalo', 'failed'],
      ['email', 'pending'],
    ]);

    // The server comes back on the same port; the retries (and the deferred send at its retryAt) go through.
    sink = await startSmtpSink({ port });
    const retryAt = deferred.deliveries[0]!.retryAt!;
    const after = [
      ...(await Promise.all(emails.map((request) => send(request)))),
      await send({ ...rateLimited, now: retryAt }),
      await send(serverError),
      await send(noZalo),
    ];
    expect(after.flatMap((result) => result.deliveries.map((d) => d.status)).filter((s) => s !== 'sent')).toEqual([
      'failed', // noZalo's Zalo delivery: no account, hence the email
    ]);
    // A replay of everything sends nothing more.
    for (const request of [...emails, { ...rateLimited, now: retryAt }, serverError, noZalo]) await send(request);

    const expectedTo = [...emails, noZalo].map((request) => request.recipient.email!).sort();
    const receivedTo = sink.messages.map((message) => message.envelopeTo[0]!).sort();
    const trackingIds = zalo.accepted.map((call) => call.trackingId);
    const counts = {
      database: kind,
      emailsExpected: expectedTo.length,
      emailsReceived: receivedTo.length,
      distinctMessageIds: new Set(sink.messages.map((message) => message.messageId)).size,
      zaloAttempts: zalo.calls.length,
      zaloAccepted: trackingIds.length,
      distinctTrackingIds: new Set(trackingIds).size,
    };
    console.log(`outage counts: ${JSON.stringify(counts)}`);
    expect(receivedTo).toEqual(expectedTo);
    expect(counts.distinctMessageIds).toBe(expectedTo.length);
    expect(trackingIds).toHaveLength(2);
    expect(new Set(trackingIds).size).toBe(2);
    await email.close();
  });
});
