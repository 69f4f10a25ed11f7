import { SMTPServer } from 'smtp-server';
import { percentile, round } from './stats';

/** One message the sink accepted: when (epoch ms, taken as the final dot arrived), to whom, with which ids. */
export interface SinkArrival {
  atMs: number;
  to: string;
  messageId: string | undefined;
  /** `X-Dondoc-Delivery` (ours and the peer's): the delivery key, the same on every resend. */
  deliveryKey: string | undefined;
  subject: string | undefined;
}

export interface BurstSink {
  url: string;
  port: number;
  arrivals: SinkArrival[];
  connections: number;
  /** Resolves once `predicate` holds over the arrivals (checked on each arrival and every 100 ms), or at the time-out. */
  waitUntil(predicate: (arrivals: readonly SinkArrival[]) => boolean, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

function header(raw: string, name: string): string | undefined {
  // Header lines only (before the first blank line); a folded header continues on lines that start with blanks.
  const head = raw.slice(0, Math.max(0, raw.indexOf('\r\n\r\n')) || raw.length);
  const match = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r\\n[ \\t]+.*)*)`, 'im').exec(head);
  return match?.[1]?.replace(/\r\n[ \t]+/g, ' ').trim();
}

/**
 * A loopback SMTP sink for bursts: accepts every message at once and keeps only its arrival time and ids (not the
 * raw text, so tens of thousands of messages fit in memory). Shared by every side of a benchmark run.
 */
export async function startBurstSink(): Promise<BurstSink> {
  const arrivals: SinkArrival[] = [];
  const sink = { connections: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    maxClients: 1000,
    onConnect(_session, callback) {
      sink.connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        arrivals.push({
          atMs: Date.now(),
          to: session.envelope.rcptTo[0]?.address ?? '',
          messageId: header(raw, 'Message-ID'),
          deliveryKey: header(raw, 'X-Dondoc-Delivery'),
          subject: header(raw, 'Subject'),
        });
        callback(null, `Ok: queued as Q${arrivals.length}`);
      });
    },
  });
  // A sender killed mid-session (the crash runs) resets its connections: that is the test, not a sink failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    arrivals,
    get connections() {
      return sink.connections;
    },
    async waitUntil(predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(arrivals)) {
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Lateness and throughput of the arrivals that belong to one burst scheduled at `scheduledAtMs`. */
export interface BurstFigures {
  expected: number;
  received: number;
  /** Expected recipients who never got the reminder. */
  lost: number;
  /** Copies beyond the first to the same recipient. */
  duplicates: number;
  /** Of those, copies carrying the first one's Message-ID: a mail client shows them as one message. */
  duplicatesWithSameMessageId: number;
  /** Arrival of each recipient's first copy − the scheduled instant, ms. */
  latenessP50Ms: number;
  latenessP99Ms: number;
  latenessMaxMs: number;
  /** Recipients reached ÷ (scheduled instant → the last first copy). */
  messagesPerSecondFromSchedule: number;
  /** Recipients reached ÷ (first arrival → the last first copy): the send rate once the burst is under way. */
  messagesPerSecondInBurst: number;
}

/**
 * Figures of a burst in which each of `expectedRecipients` must get exactly one message: `arrivals` are this
 * side's (already filtered). Lost and duplicate counts are per recipient, what the people at the units would see.
 */
export function burstFigures(
  arrivals: readonly SinkArrival[],
  expectedRecipients: ReadonlySet<string>,
  scheduledAtMs: number,
): BurstFigures {
  const first = new Map<string, SinkArrival>();
  let duplicates = 0;
  let sameId = 0;
  for (const arrival of arrivals) {
    const earlier = first.get(arrival.to);
    if (!earlier) first.set(arrival.to, arrival);
    else {
      duplicates += 1;
      if (earlier.messageId === arrival.messageId) sameId += 1;
    }
  }
  const lost = [...expectedRecipients].filter((to) => !first.has(to)).length;
  const times = [...first.values()].map((arrival) => arrival.atMs);
  const lateness = times.map((at) => at - scheduledAtMs);
  const last = times.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const start = times.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const figure = (value: number) => (lateness.length ? Math.round(value) : Number.NaN);
  return {
    expected: expectedRecipients.size,
    received: arrivals.length,
    lost,
    duplicates,
    duplicatesWithSameMessageId: sameId,
    latenessP50Ms: figure(lateness.length ? percentile(lateness, 50) : 0),
    latenessP99Ms: figure(lateness.length ? percentile(lateness, 99) : 0),
    latenessMaxMs: figure(last - scheduledAtMs),
    messagesPerSecondFromSchedule: round(times.length / (Math.max(1, last - scheduledAtMs) / 1000), 1),
    messagesPerSecondInBurst: round(times.length / (Math.max(1, last - start) / 1000), 1),
  };
}
