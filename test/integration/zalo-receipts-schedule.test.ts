import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { checkZaloReceiptsActivity } from '../../activities/notify/check-zalo-receipts';
import { sendNotificationActivity } from '../../activities/notify/send-notification';
import { ZaloTokenStore } from '../../activities/notify/zalo-token-store';
import { createZnsZaloProvider } from '../../activities/notify/zns-zalo-provider';
import { ensureZaloReceiptsSchedule, ZALO_RECEIPTS_SCHEDULE_ID } from '../../client/notify/zalo-receipts-schedule';
import { listDeliveries } from '../../db/notification-log.repository';
import { loadConfig } from '../../runtime/config';
import { startFakeZalo, type FakeZalo } from '../activities/notify/helpers/fake-zalo';
import {
  capturingLogger,
  memoryEmail,
  notifyDeps,
  reminderRequest,
} from '../activities/notify/helpers/notify-fixtures';
import { startDevServerEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { createTestWorker } from '../helpers/test-worker';

const APP = { appId: '4310000000000000004', appSecret: 'app-secret-Rc01' };

describe('the Zalo receipt check: a Temporal Schedule on the dev server, the status endpoint of a local Zalo', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let zalo: FakeZalo;
  beforeAll(async () => {
    [env, database, zalo] = await Promise.all([
      startDevServerEnvironment(),
      openTestDatabase('pglite'),
      startFakeZalo({ appSecret: APP.appSecret, initialRefreshToken: 'RT-receipts' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([env?.teardown(), database?.close(), zalo?.close()]);
  });

  function zns() {
    const { log } = capturingLogger();
    const tokens = new ZaloTokenStore({
      db: database.db,
      appId: APP.appId,
      appSecret: APP.appSecret,
      initialRefreshToken: 'RT-receipts',
      oauthBaseUrl: zalo.url,
      refreshAheadMs: 3_600_000,
      timeoutMs: 2_000,
      now: () => Date.now(),
      log,
    });
    const provider = createZnsZaloProvider({ apiBaseUrl: zalo.url, tokens, timeoutMs: 2_000 });
    const deps = notifyDeps(database.db, { email: memoryEmail(), zalo: provider, log, options: { zaloPerSecond: 0 } });
    return { provider, deps, send: sendNotificationActivity(deps) };
  }
  async function sendZalo(send: ReturnType<typeof zns>['send']) {
    const request = reminderRequest({ channels: ['zalo'] });
    const result = await send(request);
    return { request, msgId: result.deliveries[0]!.providerMessageId! };
  }

  it('is created once when Zalo is on, never when it is off; a run records the receipts Zalo reports', async () => {
    const { provider, send } = zns();
    const sent = [await sendZalo(send), await sendZalo(send)];
    const taskQueue = `test-${randomUUID()}`;
    const zaloOn = loadConfig({ ZALO_APP_ID: APP.appId, ZALO_APP_SECRET: APP.appSecret });
    const config = { zalo: zaloOn.zalo, temporal: { taskQueue } };

    expect(await ensureZaloReceiptsSchedule(env.client, { ...config, zalo: loadConfig({}).zalo })).toBe('disabled');
    await expect(env.client.schedule.getHandle(ZALO_RECEIPTS_SCHEDULE_ID).describe()).rejects.toThrow(/not found/i);
    expect(await ensureZaloReceiptsSchedule(env.client, config)).toBe('created');
    expect(await ensureZaloReceiptsSchedule(env.client, config)).toBe('exists');

    const schedule = env.client.schedule.getHandle(ZALO_RECEIPTS_SCHEDULE_ID);
    const described = await schedule.describe();
    expect(described.spec.intervals).toMatchObject([{ every: 600_000 }]);
    expect(described.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 600_000 });
    expect(described.action).toMatchObject({
      workflowType: 'zaloReceiptsWorkflow',
      taskQueue,
      args: [{ version: 1, limit: 500 }],
    });

    // Created last: a worker that never runs would hold the connection the environment's teardown closes.
    const { worker } = await createTestWorker({
      env,
      dependencies: { db: database.db, zalo: provider, email: memoryEmail() },
      taskQueue,
    });
    await worker.runUntil(async () => {
      await schedule.trigger();
      for (let i = 0; i < 100; i++) {
        const rows = await Promise.all(sent.map(({ request }) => listDeliveries(database.db, request.idempotencyKey)));
        if (rows.every(([row]) => row?.delivery_status === 'received')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const run = (await schedule.describe()).info.recentActions[0];
      expect(await env.client.workflow.getHandle(run!.action.workflow.workflowId).result()).toEqual({
        checked: 2,
        received: 2,
      });
    });
    for (const { request, msgId } of sent) {
      const [row] = await listDeliveries(database.db, request.idempotencyKey);
      expect(row).toMatchObject({ provider_message_id: msgId, delivery_status: 'received' });
      expect(row!.delivered_at?.toISOString()).toBe('2025-05-30T02:00:00.000Z');
    }
    await schedule.delete();
  });

  it('takes the least recently asked first, so messages Zalo never reports do not starve the others', async () => {
    const { deps, send } = zns();
    // Whatever earlier tests left without a receipt is reported received, so only these three remain.
    await checkZaloReceiptsActivity(deps)({ limit: 1000 });
    const stuck = [await sendZalo(send), await sendZalo(send)];
    stuck.forEach(({ msgId }) => zalo.undelivered.add(msgId));
    const later = await sendZalo(send);
    const check = checkZaloReceiptsActivity(deps);

    const first = await check({ limit: 2 });
    const second = await check({ limit: 2 });

    expect(first).toEqual({ checked: 2, received: 0 });
    expect(second).toEqual({ checked: 2, received: 1 });
    const [row] = await listDeliveries(database.db, later.request.idempotencyKey);
    expect(row).toMatchObject({ delivery_status: 'received' });
    expect(zalo.statusCalls.slice(-4).sort()).toEqual(
      [...stuck.map((s) => s.msgId), later.msgId, stuck[0]!.msgId].sort(),
    );
  });
});
