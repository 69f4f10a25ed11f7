import type { Logger } from '../runtime/logger';
import { onShutdownSignal } from '../runtime/shutdown';
import type { Started } from './services';

/**
 * What an entry point has started, stopped in reverse order on the way out, and what SIGINT/SIGTERM do meanwhile.
 * While the process is still starting, a signal stops what has started and exits 130. Once `running(stop)` is
 * called, a signal calls `stop` instead (the worker's `shutdown()`, or waking an HTTP server's main), so main()
 * returns and its `finally` calls `stopAll()`: the worker drains before the connections it uses are closed.
 */
export class Lifecycle {
  private readonly parts: Started[] = [];
  private stopRunning: (() => void) | undefined;

  constructor(private readonly log: Logger) {
    onShutdownSignal(log, async () => {
      if (this.stopRunning) this.stopRunning();
      else {
        await this.stopAll();
        process.exit(130);
      }
    });
  }

  /** Registers something to stop on the way out, after everything added later. */
  add(part: Started): void {
    this.parts.push(part);
  }

  /** From now on a shutdown signal calls `stop` and lets main() unwind. */
  running(stop: () => void): void {
    this.stopRunning = stop;
  }

  /** Stops every part, newest first; a part that fails to stop is logged and the others still stop. Idempotent. */
  async stopAll(): Promise<void> {
    for (let part = this.parts.pop(); part; part = this.parts.pop()) {
      await part.stop().catch((error: unknown) => this.log.error(error, 'stop failed'));
    }
  }
}
