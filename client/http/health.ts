import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { pingDatabase } from '../../db/check-connection';
import type { Database } from '../../db/schema';

export interface DependencyHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  temporal: DependencyHealth;
  database: DependencyHealth;
}

const CHECK_TIMEOUT_MS = 3_000;

async function timed(check: () => Promise<unknown>): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`không trả lời sau ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    await Promise.race([check(), timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Asks Temporal (its system info) and the database (`select 1`) whether they answer, each within 3 s. */
export async function checkHealth(temporal: Client, db: Kysely<Database>): Promise<Health> {
  const [temporalHealth, databaseHealth] = await Promise.all([
    timed(() => temporal.workflowService.getSystemInfo({})),
    timed(() => pingDatabase(db)),
  ]);
  return {
    status: temporalHealth.ok && databaseHealth.ok ? 'ok' : 'degraded',
    temporal: temporalHealth,
    database: databaseHealth,
  };
}
