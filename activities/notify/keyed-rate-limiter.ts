/**
 * Spaces sends per key (a plan, a provider) to at most `perSecond`, after an initial burst of `burst`: a reminder
 * burst of 500 units of one plan leaves at the plan's pace, while another plan's messages do not wait behind it.
 * In-process; each worker holds its own, so the provider-wide limit is `perSecond` × workers.
 */
export class KeyedRateLimiter {
  private readonly nextFree = new Map<string, number>();
  private readonly interval: number;

  constructor(
    perSecond: number,
    private readonly burst = 1,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.interval = perSecond > 0 ? 1000 / perSecond : 0;
  }

  /** Resolves when the caller may send one message under `key`. */
  async acquire(key: string): Promise<void> {
    if (this.interval === 0) return;
    const now = this.now();
    // GCRA: the theoretical arrival time may run ahead of now by at most (burst − 1) intervals without waiting.
    const tat = Math.max(this.nextFree.get(key) ?? now, now);
    this.nextFree.set(key, tat + this.interval);
    const wait = tat - now - (this.burst - 1) * this.interval;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
