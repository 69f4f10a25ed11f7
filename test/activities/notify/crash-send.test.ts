import type { ChildProcess } from 'node:child_process';
import { listDeliveries } from '../../../db/notification-log.repository';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { reminderRequest } from './helpers/notify-fixtures';
import { runCrashChild, type CrashRun } from './helpers/run-crash-child';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';

/** Where the worker dies, and what the SMTP server may hold afterwards. */
const SCENARIOS = [
  { name: 'no crash', killAt: undefined, duringData: false, expected: 1 },
  { name: 'before the send (log row written)', killAt: 'email:claimed', duringData: false, expected: 1 },
  { name: 'during the SMTP DATA', killAt: undefined, duringData: true, expected: 1 },
  // The window SMTP cannot close: the server accepted, the worker died before the log said so. The resend carries
  // the same Message-ID, so the second copy is recognisable (and threaded as one by mail clients).
  { name: 'after acceptance, before the log update', killAt: 'email:accepted', duringData: false, expected: 2 },
  { name: 'after the log update', killAt: 'email:logged', duringData: false, expected: 1 },
] as const;

describe.each(DATABASE_KINDS)('a worker killed while sending, then restarted (log on %s)', (kind) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let killOnData: ChildProcess | undefined;
  let killedExit: Promise<unknown> | undefined;
  const counts: Array<Record<string, string | number>> = [];

  beforeAll(async () => {
    [database, sink] = await Promise.all([
      openTestDatabase(kind),
      startSmtpSink({
        onDataStart: () => {
          if (!killOnData) return;
          killOnData.kill('SIGKILL');
          killOnData = undefined;
        },
        // Hold the 250 until the killed child is gone, so "during DATA" is during, not a race with the final dot.
        beforeAccept: async () => {
          await killedExit;
        },
      }),
    ]);
  });
  afterAll(async () => {
    console.log(`crash counts on ${kind}:\n${JSON.stringify(counts, null, 1)}`);
    await Promise.all([database.close(), sink.close()]);
  });

  function runChild(request: object, killAt: string | undefined, duringData: boolean): Promise<CrashRun> {
    const { child, exited } = runCrashChild({
      CRASH_DATABASE_URL: database.url,
      CRASH_SMTP_URL: sink.url,
      CRASH_REQUEST: JSON.stringify(request),
      ...(killAt ? { KILL_AT: killAt } : {}),
    });
    if (duringData) killOnData = child;
    killedExit = duringData ? exited : undefined;
    return exited;
  }

  it.each(SCENARIOS)('$name: nothing lost, duplicates only in the acceptance window', async (scenario) => {
    const request = reminderRequest();
    const first = await runChild(request, scenario.killAt, scenario.duringData);
    if (scenario.killAt || scenario.duringData) expect(first.signal).toBe('SIGKILL');
    const restart = await runChild(request, undefined, false);
    expect(restart.code).toBe(0);
    const result = JSON.parse(restart.stdout) as { deliveries: Array<{ status: string }> };
    expect(['sent', 'already-sent']).toContain(result.deliveries[0]!.status);

    const copies = sink.messages.filter((message) => message.envelopeTo.includes(request.recipient.email!));
    const [row] = await listDeliveries(database.db, request.idempotencyKey);
    counts.push({
      scenario: scenario.name,
      messagesAtServer: copies.length,
      distinctMessageIds: new Set(copies.map((copy) => copy.messageId)).size,
      logStatus: row!.status,
      attempts: row!.attempts,
    });
    expect(copies).toHaveLength(scenario.expected);
    expect(new Set(copies.map((copy) => copy.messageId)).size).toBe(1);
    expect(copies[0]!.messageId).toBe(row!.message_id);
    expect(row!.status).toBe('sent');
  });
});
