import type { Logger } from './logger';

/**
 * Runs `shutdown` once on the first SIGINT or SIGTERM; a second signal while it runs forces the exit, so a stuck
 * dependency can never make Ctrl-C useless.
 */
export function onShutdownSignal(log: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    shutdown().catch((error: unknown) => {
      log.error(error, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
