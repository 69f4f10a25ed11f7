import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON logger per process (pino), named after the part that logs. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
