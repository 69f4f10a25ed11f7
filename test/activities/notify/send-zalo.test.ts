import { ApplicationFailure } from '@temporalio/common';
import { checkZaloReceiptsActivity } from '../../../activities/notify/check-zalo-receipts';
import { sendNotificationActivity } from '../../../activities/notify/send-notification';
import { ZaloTokenStore } from '../../../activities/notify/zalo-token-store';
import { createZnsZaloProvider } from '../../../activities/notify/zns-zalo-provider';
import { buildHttpServer } from '../../../client/http/build-server';
import { listDeliveries } from '../../../db/notification-log.repository';
import { findZaloToken } from '../../../db/zalo-token.repository';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { sendSignedWebhook, startFakeZalo, type FakeZalo } from './helpers/fake-zalo';
import {
  anyString,
  capturingLogger,
  matching,
  memoryEmail,
  notifyDeps,
  reminderRequest,
} from './helpers/notify-fixtures';
import type { Client } from '@temporalio/client';

const APP = { appId: '4310000000000000001', appSecret: 'app-secret-Zx81', oaSecretKey: 'oa-secret-Qp27' };

describe.each(DATABASE_KINDS)('Zalo ZNS against a local server answering as Zalo does, log on %s', (kind) => {
  let database: TestDatabase;
  let zalo: FakeZalo;
  let http: ReturnType<typeof buildHttpServer>;
  let webhookUrl: string;
  beforeAll(async () => {
    [database, zalo] = await Promise.all([
      openTestDatabase(kind),
      startFakeZalo({ appSecret: APP.appSecret, initialRefreshToken: 'RT-initial-from-config' }),
    ]);
    http = buildHttpServer({
      temporal: {} as Client,
      db: database.db,
      log: capturingLogger().log,
      outboxDir: '/nonexistent',
      zaloWebhook: { appId: APP.appId, oaSecretKey: APP.oaSecretKey },
    });
    await http.listen({ host: '127.0.0.1', port: 0 });
    webhookUrl = `http://127.0.0.1:${(http.server.address() as { port: number }).port}/zalo/webhook`;
  });
  afterAll(async () => {
    await http.close();
    await Promise.all([database.close(), zalo.close()]);
  });
  beforeEach(() => {
    zalo.script.length = 0;
  });

  function setup(timeoutMs = 2_000) {
    const logger = capturingLogger();
    const tokens = new ZaloTokenStore({
      db: database.db,
      appId: APP.appId,
      appSecret: APP.appSecret,
      initialRefreshToken: 'RT-initial-from-config',
      oauthBaseUrl: zalo.url,
      refreshAheadMs: 3_600_000,
      timeoutMs,
      now: () => Date.now(),
      log: logger.log,
    });
    const email = memoryEmail();
    const provider = createZnsZaloProvider({ apiBaseUrl: zalo.url, tokens, timeoutMs });
    const deps = notifyDeps(database.db, { email, zalo: provider, log: logger.log, options: { zaloPerSecond: 0 } });
    return { send: sendNotificationActivity(deps), deps, email, logger, provider };
  }
  const zaloRequest = () => reminderRequest({ channels: ['zalo'] });

  it('sends the plan’s approved template to 84…, with the tracking id, refreshing the token first; once', async () => {
    const { send, logger } = setup();
    const request = zaloRequest();
    const before = zalo.calls.length;

    const result = await send(request);
    const again = await send(request);

    expect(result.deliveries).toEqual([{ channel: 'zalo', status: 'sent', providerMessageId: matching(/^msg-/) }]);
    expect(again.deliveries[0]).toMatchObject({ status: 'already-sent' });
    const calls = zalo.calls.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      phone: '84912345678',
      templateId: '312001',
      trackingId: matching(/^dd-[0-9a-f]{40}$/),
      templateData: {
        customer_name: 'Nguyễn Thị Lan',
        unit_name: 'Sở Tư pháp',
        plan_code: '125/KH-UBND',
        due_date: 'thứ Sáu, 30/05/2025',
        days: '3',
        link: request.submissionLink,
      },
    });
    const stored = await findZaloToken(database.db, APP.appId);
    expect(stored?.access_token).toBe(zalo.validAccessToken);
    const logs = logger.lines.join('');
    expect(logs).toContain('zalo access token refreshed');
    expect(logs).not.toContain(zalo.validAccessToken);
    expect(logs).not.toContain(zalo.validRefreshToken);
    expect(logs).not.toContain(APP.appSecret);
  });

  it('falls back to email when the number has no Zalo account (−118), recording why', async () => {
    const { send, email } = setup();
    const request = zaloRequest();
    zalo.script.push({ error: -118, message: 'Zalo account not existed' });

    const result = await send(request);

    expect(result.deliveries).toEqual([
      { channel: 'zalo', status: 'failed', reason: matching(/chưa có tài khoản Zalo.*-118/) },
      { channel: 'email', status: 'sent', providerMessageId: anyString },
    ]);
    expect(email.sent.map((sent) => sent.to.address)).toEqual([request.recipient.email]);
    const rows = await listDeliveries(database.db, request.idempotencyKey);
    expect(rows.map((row) => [row.channel, row.status, row.error_code, row.fallback_for])).toEqual([
      ['zalo', 'failed', '-118', null],
      ['email', 'sent', null, 'zalo'],
    ]);
    // Called again (a replay): nothing more is sent anywhere.
    const sentBefore = zalo.calls.length;
    await send(request);
    expect(email.sent).toHaveLength(1);
    expect(zalo.calls.length).toBe(sentBefore);
  });

  it('refreshes a refused token once (−124) and sends, using each refresh token once', async () => {
    const { send } = setup();
    await send(zaloRequest()); // a valid token is stored
    zalo.revokeAccessToken();
    const refreshesBefore = zalo.refreshes.length;

    const result = await send(zaloRequest());

    expect(result.deliveries[0]).toMatchObject({ status: 'sent' });
    const refreshes = zalo.refreshes.slice(refreshesBefore);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.accepted).toBe(true);
    expect(new Set(zalo.refreshes.map((r) => r.refreshToken)).size).toBe(zalo.refreshes.length);
  });

  it('defers on an exhausted quota with backoff and sends on the call at retryAt; never drops', async () => {
    const { send } = setup();
    const request = zaloRequest();
    zalo.script.push({ error: -115, message: 'Out of quota' });

    const deferred = await send(request);
    expect(deferred.deliveries).toEqual([
      {
        channel: 'zalo',
        status: 'deferred',
        reason: matching(/hạn mức.*-115/),
        retryAt: '2025-05-27T09:05:00+07:00',
      },
    ]);
    const early = await send({ ...request, now: '2025-05-27T09:01:00+07:00' });
    expect(early.deliveries[0]).toMatchObject({ status: 'deferred', retryAt: '2025-05-27T09:05:00+07:00' });
    const later = await send({ ...request, now: deferred.deliveries[0]!.retryAt! });
    expect(later.deliveries[0]).toMatchObject({ status: 'sent' });
  });

  it('retries a 5xx and a slow answer with the same tracking_id', async () => {
    const { send } = setup(300);
    const request = zaloRequest();
    zalo.script.push({ httpStatus: 502 }, { delayMs: 600 });
    const before = zalo.calls.length;

    const first = await send(request).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApplicationFailure);
    expect((first as ApplicationFailure).message).toMatch(/HTTP 502/);
    const second = await send(request).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ApplicationFailure);
    expect((second as ApplicationFailure).message).toMatch(/không gọi được Zalo/);
    const third = await send(request);
    expect(third.deliveries[0]).toMatchObject({ status: 'sent' });

    const calls = zalo.calls.slice(before);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => call.trackingId)).size).toBe(1);
    const [row] = await listDeliveries(database.db, request.idempotencyKey);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('holds Zalo at night and says when it will go; email is not held', async () => {
    const { send, email } = setup();
    const request = reminderRequest({ channels: ['email', 'zalo'], now: '2025-05-27T22:30:00+07:00' });
    const before = zalo.calls.length;

    const result = await send(request);

    expect(result.deliveries).toEqual([
      { channel: 'email', status: 'sent', providerMessageId: anyString },
      {
        channel: 'zalo',
        status: 'deferred',
        reason: matching(/ngoài giờ gửi Zalo/),
        retryAt: '2025-05-28T07:00:00+07:00',
      },
    ]);
    expect(zalo.calls.length).toBe(before);
    const morning = await send({ ...request, channels: ['zalo'], now: '2025-05-28T07:00:00+07:00' });
    expect(morning.deliveries).toEqual([{ channel: 'zalo', status: 'sent', providerMessageId: anyString }]);
    expect(email.sent).toHaveLength(1);
  });

  it('records signed delivery receipts from the webhook and the status endpoint; refuses a forged one', async () => {
    const { send, deps } = setup();
    const request = zaloRequest();
    const result = await send(request);
    const msgId = result.deliveries[0]!.providerMessageId!;
    const [row] = await listDeliveries(database.db, request.idempotencyKey);
    const event = {
      app_id: APP.appId,
      event_name: 'user_received_message',
      timestamp: '1748570400123',
      message: { msg_id: msgId, tracking_id: row!.message_id, delivery_time: '1748570400000' },
    };

    const forged = await sendSignedWebhook(webhookUrl, event, APP, (body) => body.replace(msgId, 'msg-other'));
    expect(forged.status).toBe(401);
    const wrongSecret = await sendSignedWebhook(webhookUrl, event, { ...APP, oaSecretKey: 'guess' });
    expect(wrongSecret.status).toBe(401);
    const signed = await sendSignedWebhook(webhookUrl, event, APP);
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ ok: true, status: 'recorded', matched: 1 });
    const retried = await sendSignedWebhook(webhookUrl, event, APP);
    expect(await retried.json()).toEqual({ ok: true, status: 'duplicate', matched: 0 });
    const [received] = await listDeliveries(database.db, request.idempotencyKey);
    expect(received).toMatchObject({ delivery_status: 'received' });
    expect(received!.delivered_at?.toISOString()).toBe('2025-05-30T02:00:00.000Z');

    // The status endpoint fills in what no webhook reported.
    const other = zaloRequest();
    await send(other);
    const polled = await checkZaloReceiptsActivity(deps)({ limit: 1000 });
    expect(polled.received).toBeGreaterThanOrEqual(1);
    const [otherRow] = await listDeliveries(database.db, other.idempotencyKey);
    expect(otherRow).toMatchObject({ delivery_status: 'received' });
  });

  it('falls back to email when the plan has no approved template for the kind', async () => {
    const { send, email } = setup();
    const request = reminderRequest({ channels: ['zalo'], kind: 'digest' });
    const result = await send(request);
    expect(result.deliveries).toEqual([
      { channel: 'zalo', status: 'failed', reason: matching(/chưa có mẫu ZNS/) },
      { channel: 'email', status: 'sent', providerMessageId: anyString },
    ]);
    expect(email.sent).toHaveLength(1);
  });
});
