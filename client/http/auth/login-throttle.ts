/**
 * Slows password guessing: after `limit` failed logins under one key within `windowMs`, further attempts under it
 * are refused until the window has passed since its first failure. In memory, per process: enough against a
 * guesser on one HTTP process. A successful login clears its key.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  waitMs(key: string, nowMs: number): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    if (nowMs - entry.since >= this.windowMs) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.limit ? entry.since + this.windowMs - nowMs : 0;
  }

  /** Counts a failed attempt. */
  fail(key: string, nowMs: number): void {
    const entry = this.failures.get(key);
    if (!entry || nowMs - entry.since >= this.windowMs) this.failures.set(key, { count: 1, since: nowMs });
    else entry.count++;
  }

  /** Forgets a key's failures. */
  clear(key: string): void {
    this.failures.delete(key);
  }
}
