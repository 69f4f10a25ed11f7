import type { Client } from '@temporalio/client';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import path from 'node:path';
import { loadConfig } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';
import { checkHealth } from './health';
import { registerOutboxRoutes } from './outbox-routes';
import { registerZaloWebhookRoute, type ZaloWebhookSecrets } from './zalo-webhook-route';

export interface HttpDependencies {
  temporal: Client;
  db: Kysely<Database>;
  log: Logger;
  /** The embedded outbox folder (GET /outbox); DATA_DIR/outbox from the configuration when absent. */
  outboxDir?: string;
  /** Zalo's app id and OA secret key for the webhook; from the configuration when absent, `null` for none. */
  zaloWebhook?: ZaloWebhookSecrets | null;
}

/**
 * The HTTP API. `GET /healthz` answers 200 when Temporal and the database both answer, 503 otherwise, with each
 * dependency's state and latency so an operator sees which one is down.
 */
export function buildHttpServer({ temporal, db, log, outboxDir, zaloWebhook }: HttpDependencies) {
  const app = Fastify({ loggerInstance: log });
  app.get('/healthz', async (_request, reply) => {
    const health = await checkHealth(temporal, db);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });
  registerOutboxRoutes(app, () => outboxDir ?? path.join(loadConfig().dataDir, 'outbox'));
  registerZaloWebhookRoute(app, db, () =>
    zaloWebhook === undefined ? configuredZaloWebhook() : (zaloWebhook ?? undefined),
  );
  return app;
}

function configuredZaloWebhook(): ZaloWebhookSecrets | undefined {
  const zalo = loadConfig().zalo;
  return zalo.mode !== 'disabled' && zalo.oaSecretKey
    ? { appId: zalo.appId, oaSecretKey: zalo.oaSecretKey }
    : undefined;
}
