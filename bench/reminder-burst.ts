/**
 * A reminder burst: N units of one plan fall due at once. Sends N reminders through `sendNotification` (notification
 * log on embedded PGlite, nodemailer SMTP pool, rate limit per plan) to a loopback SMTP sink, then the same N again
 * (a replayed workflow, a duplicate schedule), and compares with a bare nodemailer pool sending the same messages in
 * the same run. Prints one JSON object: messages/s, lost, duplicates, SMTP connections used.
 *
 *   node --import tsx bench/reminder-burst.ts                        # N=500, 32 in flight, pool of 5, no plan limit
 *   node --import tsx bench/reminder-burst.ts 1000 --concurrency 64 --pool 8 --rate 200
 */
import { SMTPServer } from 'smtp-server';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { composeEmail } from '../activities/notify/compose-email';
import { createNotifyDependencies } from '../activities/notify/create-notify-dependencies';
import { deliveryKey, emailMessageId } from '../activities/notify/delivery-keys';
import { toNodemailerMessage } from '../activities/notify/nodemailer-message';
import { sendNotificationActivity } from '../activities/notify/send-notification';
import { createSmtpEmailProvider } from '../activities/notify/smtp-email-provider';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { NotificationRequest } from '../domain/notify/notification-request';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const bare = process.argv.slice(2).find((arg, i, all) => /^\d+$/.test(arg) && !all[i - 1]?.startsWith('--'));
const N = Number(bare ?? option('units', 500));
const CONCURRENCY = option('concurrency', 32);
const POOL = option('pool', 5);
const RATE = option('rate', 0);
const mailFrom = { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' };

interface Sink {
  received: Array<{ messageId: string | undefined; to: string }>;
  connections: number;
}

async function startSink(sink: Sink): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      sink.connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        sink.received.push({
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1],
          to: session.envelope.rcptTo[0]?.address ?? '',
        });
        callback(null, `Ok: queued as Q${sink.received.length}`);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function requests(run: string): NotificationRequest[] {
  return Array.from({ length: N }, (_, i) => ({
    idempotencyKey: `plan/KH-BENCH-${run}/so-ket-2025/U${i}/reminder-1`,
    kind: 'reminder',
    recipient: {
      role: 'reporter',
      name: `Cán bộ đầu mối ${i}`,
      email: `don-vi-${i}@xa.example.vn`,
      unitCode: `U${i}`,
      unitName: `UBND xã số ${i}`,
    },
    channels: ['email'],
    plan: { code: `KH-BENCH-${run}`, title: 'Sơ kết phong trào thi đua 6 tháng đầu năm 2025', issuer: 'UBND tỉnh' },
    milestone: { id: 'so-ket-2025', title: 'Sơ kết 6 tháng' },
    report: { id: 'bc', title: 'Báo cáo sơ kết' },
    dueAt: '2025-05-31T00:00:00+07:00',
    submissionLink: `https://dondoc.example.vn/nop/U${i}?sig=x`,
    extra: { daysLeft: 3 },
    now: '2025-05-27T09:00:00+07:00',
  }));
}

async function inFlight<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function figures(sink: Sink, from: number, ms: number, expected: string[]) {
  const got = sink.received.slice(from);
  const ids = new Set(got.map((message) => message.messageId));
  const recipients = new Set(got.map((message) => message.to));
  return {
    messages: got.length,
    ms: Math.round(ms),
    messagesPerSecond: Math.round((got.length / ms) * 1000 * 10) / 10,
    lost: expected.filter((address) => !recipients.has(address)).length,
    duplicates: got.length - ids.size,
  };
}

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ dataDir: undefined, port: 0 });
  const db = createDatabase({ url: pg.url, maxConnections: 10 });
  const sink: Sink = { received: [], connections: 0 };
  const server = await startSink(sink);
  const port = (server.server.address() as { port: number }).port;
  try {
    await migrateToLatest(db);
    const log = pino({ level: 'silent' });

    // Baseline: the same messages through a bare nodemailer pool, no log, no limiter, all at once.
    const baselineRequests = requests('baseline');
    const bareTransport = nodemailer.createTransport({
      pool: true,
      host: '127.0.0.1',
      port,
      secure: false,
      maxConnections: POOL,
    });
    const baselineConnectionsBefore = sink.connections;
    let started = performance.now();
    await inFlight(baselineRequests, CONCURRENCY, (request) => {
      const key = deliveryKey(request.idempotencyKey, 'email', request.recipient.email!);
      const email = composeEmail(
        request,
        request.recipient.email!,
        emailMessageId(key, 'sonoivu.example.vn'),
        mailFrom,
        key,
      );
      return bareTransport.sendMail(toNodemailerMessage(email));
    });
    const baseline = {
      ...figures(
        sink,
        0,
        performance.now() - started,
        baselineRequests.map((r) => r.recipient.email!),
      ),
      connections: sink.connections - baselineConnectionsBefore,
    };
    bareTransport.close();

    // Ours: sendNotification with its log, the pool and the per-plan limit; then the same burst again.
    const oursRequests = requests('ours');
    const email = createSmtpEmailProvider({
      url: `smtp://127.0.0.1:${port}`,
      poolMax: POOL,
      ratePerPlan: RATE,
      requireTls: false,
      log,
    });
    const send = sendNotificationActivity(
      createNotifyDependencies({ db, email, zalo: undefined, log, options: { mailFrom } }),
    );
    const from = sink.received.length;
    const oursConnectionsBefore = sink.connections;
    started = performance.now();
    await inFlight(oursRequests, CONCURRENCY, (request) => send(request));
    const ours = {
      ...figures(
        sink,
        from,
        performance.now() - started,
        oursRequests.map((r) => r.recipient.email!),
      ),
      connections: sink.connections - oursConnectionsBefore,
    };
    const replayFrom = sink.received.length;
    started = performance.now();
    let alreadySent = 0;
    await inFlight(oursRequests, CONCURRENCY, async (request) => {
      const result = await send(request);
      if (result.deliveries[0]?.status === 'already-sent') alreadySent += 1;
    });
    const replay = {
      ms: Math.round(performance.now() - started),
      sentAgain: sink.received.length - replayFrom,
      alreadySent,
    };
    await email.close();

    console.log(
      JSON.stringify(
        {
          units: N,
          concurrency: CONCURRENCY,
          poolMax: POOL,
          ratePerPlan: RATE || 'none',
          database: 'PGlite (embedded, loopback socket)',
          baseline: { what: 'bare nodemailer pool, same messages', ...baseline },
          ours: { what: 'sendNotification: log before/after, pool, per-plan limit', ...ours },
          replay,
          throughputRatio: Math.round((ours.messagesPerSecond / baseline.messagesPerSecond) * 100) / 100,
          loadAverageAtStart: (await import('node:os')).loadavg()[0],
        },
        null,
        2,
      ),
    );
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.destroy();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
