import type { ChildProcess } from 'node:child_process';
import { listDeliveries } from '../../../db/notification-log.repository';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { startFakeZalo, type FakeZalo } from './helpers/fake-zalo';
import { reminderRequest } from './helpers/notify-fixtures';
import { runCrashChild, type CrashRun } from './helpers/run-crash-child';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';

const APP = { appId: '4310000000000000002', appSecret: 'app-secret-Crash', refreshToken: 'RT-crash-initial' };

/**
 * Where the worker dies, and how many copies Zalo may hold afterwards. "During the request" is played twice: Zalo
 * either had not taken the message when the connection died, or took it anyway — the client cannot tell, which is
 * the acceptance window seen from the network.
 */
const SCENARIOS = [
  { name: 'no crash', killAt: undefined, duringRequest: undefined, expected: 1 },
  { name: 'before the request (log row written)', killAt: 'zalo:claimed', duringRequest: undefined, expected: 1 },
  { name: 'during the request, Zalo had not taken it', killAt: undefined, duringRequest: 'drop', expected: 1 },
  // The window HTTP cannot close: Zalo accepted, the worker died before the log said so. The resend carries the same
  // tracking_id, so the second copy is recognisable in Zalo's receipts and our log.
  { name: 'during the request, Zalo took it anyway', killAt: undefined, duringRequest: 'accept', expected: 2 },
  { name: 'after acceptance, before the log update', killAt: 'zalo:accepted', duringRequest: undefined, expected: 2 },
  { name: 'after the log update', killAt: 'zalo:logged', duringRequest: undefined, expected: 1 },
] as const;

// Postgres only: each scenario boots two child workers (~1 s each), and the log's claim and lease statements are the
// ones crash-send.test.ts already kills around on both Postgres and PGlite.
describe.each(['postgres'] as const)('a worker killed while sending by Zalo, then restarted (log on %s)', (kind) => {
  let database: TestDatabase;
  let zalo: FakeZalo;
  let sink: SmtpSink;
  let killDuringRequest: { child: ChildProcess; exited: Promise<unknown>; then: 'accept' | 'drop' } | undefined;
  const counts: Array<Record<string, string | number>> = [];

  beforeAll(async () => {
    [database, zalo, sink] = await Promise.all([
      openTestDatabase(kind),
      startFakeZalo({
        appSecret: APP.appSecret,
        initialRefreshToken: APP.refreshToken,
        beforeAccept: async () => {
          const kill = killDuringRequest;
          if (!kill) return 'accept';
          killDuringRequest = undefined;
          kill.child.kill('SIGKILL');
          await kill.exited;
          return kill.then;
        },
      }),
      // Email is only the fallback here: nothing may arrive (no Zalo failure is permanent in these runs).
      startSmtpSink(),
    ]);
  });
  afterAll(async () => {
    console.log(`zalo crash counts on ${kind}:\n${JSON.stringify(counts, null, 1)}`);
    await Promise.all([database?.close(), zalo?.close(), sink?.close()]);
  });

  function runChild(
    request: object,
    killAt: string | undefined,
    duringRequest: 'accept' | 'drop' | undefined,
  ): Promise<CrashRun> {
    const { child, exited } = runCrashChild({
      CRASH_DATABASE_URL: database.url,
      CRASH_SMTP_URL: sink.url,
      CRASH_ZALO_URL: zalo.url,
      CRASH_ZALO_APP: JSON.stringify(APP),
      CRASH_REQUEST: JSON.stringify(request),
      ...(killAt ? { KILL_AT: killAt } : {}),
    });
    if (duringRequest) killDuringRequest = { child, exited, then: duringRequest };
    return exited;
  }

  it.each(SCENARIOS)('$name: nothing lost, duplicates only in the acceptance window', async (scenario) => {
    const request = reminderRequest({ channels: ['zalo'] });
    const before = zalo.calls.length;
    const first = await runChild(request, scenario.killAt, scenario.duringRequest);
    if (scenario.killAt || scenario.duringRequest) expect(first.signal).toBe('SIGKILL');
    const restart = await runChild(request, undefined, undefined);
    expect(restart.code).toBe(0);
    const result = JSON.parse(restart.stdout) as { deliveries: Array<{ channel: string; status: string }> };
    expect(result.deliveries).toEqual([
      expect.objectContaining({ channel: 'zalo', status: expect.stringMatching(/^(already-)?sent$/) as string }),
    ]);

    const copies = zalo.calls.slice(before);
    const [row] = await listDeliveries(database.db, request.idempotencyKey);
    counts.push({
      scenario: scenario.name,
      messagesAtZalo: copies.length,
      distinctTrackingIds: new Set(copies.map((copy) => copy.trackingId)).size,
      logStatus: row!.status,
      attempts: row!.attempts,
    });
    expect(copies).toHaveLength(scenario.expected);
    expect(copies.map((copy) => copy.trackingId)).toEqual(copies.map(() => row!.message_id));
    expect(copies.every((copy) => copy.phone === '84912345678' && copy.templateId === '312001')).toBe(true);
    expect(row).toMatchObject({ channel: 'zalo', status: 'sent' });
    // The log names the copy Zalo acknowledged last (the restart's), which is the one its receipts will name.
    expect(row!.provider_message_id).toBe(`msg-${before + copies.length}`);
    expect(sink.messages).toHaveLength(0);
  });
});
