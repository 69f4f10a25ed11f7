import { setTimeout as sleep } from 'node:timers/promises';

/** How a wait for a milestone's units ended. */
export type OpeningWaitEnd = 'all-opened' | 'interrupted' | 'stalled';

export interface OpeningWait {
  /** Units the opening milestones give an obligation to. */
  expected: number;
  /** Units that have theirs so far (read from the database). */
  countOpened: () => Promise<number>;
  /** Told each new count. */
  onProgress?: (opened: number) => void;
  /** Aborted by Ctrl-C: the wait ends, the cycle goes on. */
  signal?: AbortSignal;
  pollMs?: number;
  /** How long without one more unit before the wait gives up (the worker is most likely not running). */
  stallMs?: number;
}

/** Three minutes without a new unit: a national tree opens 9 units a second, a worker bundling its code takes ~1 min. */
export const STALL_MS = 180_000;

/**
 * Polls the count of opened units until it reaches `expected`, the signal aborts, or the count has not moved for
 * `stallMs`; resolves with how it ended and the last count. Never throws for the abort; a failing count throws.
 */
export async function waitForOpening(wait: OpeningWait): Promise<{ end: OpeningWaitEnd; opened: number }> {
  const { signal, pollMs = 500, stallMs = STALL_MS } = wait;
  let opened = await wait.countOpened();
  wait.onProgress?.(opened);
  let movedAt = Date.now();
  while (opened < wait.expected) {
    if (signal?.aborted) return { end: 'interrupted', opened };
    if (Date.now() - movedAt >= stallMs) return { end: 'stalled', opened };
    await sleep(pollMs, undefined, { signal }).catch(() => undefined);
    if (signal?.aborted) return { end: 'interrupted', opened };
    const now = await wait.countOpened();
    if (now !== opened) {
      opened = now;
      movedAt = Date.now();
      wait.onProgress?.(opened);
    }
  }
  return { end: 'all-opened', opened };
}
