import { Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { renewDeliveryLeases } from '../../db/notification-log.repository';
import type { Database } from '../../db/schema';

/** The deliveries one attempt of `sendNotification` has claimed: held for it until the attempt ends. */
export interface DeliveryLeases {
  hold(deliveryKey: string): void;
}

/**
 * Keeps one attempt alive in everyone's eyes while it runs: it heartbeats to Temporal (inside an activity; a worker
 * that dies stops, and Temporal retries after the heartbeat timeout instead of the 2-minute start-to-close) and
 * renews the log leases of the deliveries it claimed, so that the retry takes them over a lease after the last
 * renewal — and never while a slow SMTP server keeps a live attempt waiting. Every 5 s, or a quarter of the lease
 * when that is shorter (no renewal with a lease of 0). `stop()` when the attempt ends.
 */
export function keepDeliveryLeases(db: Kysely<Database>, leaseSeconds: number): DeliveryLeases & { stop(): void } {
  const held = new Set<string>();
  const context = activityContext();
  const timer = setInterval(
    () => {
      context?.heartbeat();
      // A failed renewal (the database restarting) is retried at the next tick; the lease covers several.
      if (leaseSeconds > 0) renewDeliveryLeases(db, [...held]).catch(() => undefined);
    },
    Math.min(5_000, Math.max(100, leaseSeconds * 250)),
  );
  timer.unref();
  return {
    hold: (deliveryKey) => held.add(deliveryKey),
    stop: () => clearInterval(timer),
  };
}

/** The running activity's context, or undefined when called outside one (tests that call the function directly). */
function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}
