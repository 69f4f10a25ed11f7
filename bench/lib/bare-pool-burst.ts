import nodemailer from 'nodemailer';
import { formatVietnamInstant } from '../../domain/civil-time';
import { reminderMail, reminderRequest } from '../peer/reminder-message';
import { burstFigures, type BurstFigures, type BurstSink } from './burst-sink';
import { reporterAddress } from './temporal-burst';

/**
 * The baseline of a reminder burst: the same reminders (one per unit, same composer, same size) handed all at once
 * to a bare nodemailer pool of `pool` connections — no database, no log, no scheduler — and timed at the sink from
 * the instant they were handed over. What the SMTP path alone allows on this machine.
 */
export async function runBarePoolBurst(
  sink: BurstSink,
  unitCodes: readonly string[],
  pool: number,
): Promise<BurstFigures> {
  const planCode = `BASELINE-${Date.now()}`;
  const transport = nodemailer.createTransport({
    pool: true,
    host: '127.0.0.1',
    port: sink.port,
    secure: false,
    maxConnections: pool,
    maxMessages: 1000,
  });
  const reminderAt = formatVietnamInstant(Date.now());
  const dueAt = formatVietnamInstant(Date.now() + 30 * 86_400_000);
  const messages = unitCodes.map(
    (unitCode) => reminderMail(reminderRequest({ planCode, unitCode, reminderAt, dueAt })).message,
  );
  const startedAt = Date.now();
  try {
    await Promise.all(messages.map((message) => transport.sendMail(message)));
  } finally {
    transport.close();
  }
  const ours = sink.arrivals.filter((arrival) => arrival.deliveryKey?.startsWith(`peer/${planCode}/`));
  return burstFigures(ours, new Set(unitCodes.map(reporterAddress)), startedAt);
}
