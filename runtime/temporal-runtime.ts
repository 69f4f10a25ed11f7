import { DefaultLogger, makeTelemetryFilterString, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import type { Logger } from './logger';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Installs the Temporal SDK runtime for a worker process: the SDK's own logs and the Rust core's (forwarded) go
 * through our pino logger at WARN and above, and the SDK installs no signal handlers, because our entry points stop
 * the worker themselves, before the servers it talks to. Call once, before the first connection.
 */
export function installTemporalRuntime(log: Logger): void {
  const sdkLog = log.child({ component: 'temporal-sdk' });
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', ({ level, message, meta }: LogEntry) =>
      sdkLog[PINO_LEVEL[level]](meta ?? {}, message),
    ),
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
}
