import type { Client } from '@temporalio/client';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Logger } from '../../runtime/logger';
import { checkHealth } from './health';

export interface HttpDependencies {
  temporal: Client;
  db: Kysely<Database>;
  log: Logger;
}

/**
 * The HTTP API. `GET /healthz` answers 200 when Temporal and the database both answer, 503 otherwise, with each
 * dependency's state and latency so an operator sees which one is down.
 */
export function buildHttpServer({ temporal, db, log }: HttpDependencies) {
  const app = Fastify({ loggerInstance: log });
  app.get('/healthz', async (_request, reply) => {
    const health = await checkHealth(temporal, db);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });
  return app;
}
