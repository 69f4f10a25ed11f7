import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { Client } from '@temporalio/client';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import path from 'node:path';
import { loadConfig } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';
import { resolveApiOptions, type ApiOptions } from './api-options';
import { registerApiRoutes } from './api-routes';
import { registerErrorHandler } from './error-handler';
import { checkHealth } from './health';
import { registerOpenApi } from './openapi';
import { registerOutboxRoutes } from './outbox-routes';
import { registerZaloWebhookRoute, type ZaloWebhookSecrets } from './zalo-webhook-route';
import { registerWebRoutes } from '../web/web-routes';

export interface HttpDependencies {
  temporal: Client;
  db: Kysely<Database>;
  log: Logger;
  /** The embedded outbox folder (GET /outbox); DATA_DIR/outbox from the configuration when absent. */
  outboxDir?: string;
  /** Zalo's app id and OA secret key for the webhook; from the configuration when absent, `null` for none. */
  zaloWebhook?: ZaloWebhookSecrets | null;
  /** The API's secrets, limits and senders; from the configuration when absent (client/http/api-options.ts). */
  api?: Partial<ApiOptions>;
}

/**
 * The HTTP service. `GET /healthz` answers 200 when Temporal and the database both answer, 503 otherwise, with each
 * dependency's state and latency so an operator sees which one is down. The API lives under `/api` (its OpenAPI
 * document at `/api/openapi.json`, Swagger UI at `/api/docs`); every error is `{ error: { code, message, field } }`.
 */
export function buildHttpServer({ temporal, db, log, outboxDir, zaloWebhook, api }: HttpDependencies) {
  const options = resolveApiOptions(db, api);
  const app = Fastify({
    loggerInstance: log,
    // A reporter's signed link travels in the path: longer than Fastify's default 100 characters.
    routerOptions: { maxParamLength: 2000 },
    // Additional properties are refused, not silently dropped: a misspelt field is a 400 that names it.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allowUnionTypes: true } },
  });
  registerErrorHandler(app);
  void app.register(cookie);
  void app.register(multipart, {
    limits: { fileSize: options.attachmentMaxBytes, files: 10, fields: 20, fieldSize: 1024 * 1024 },
  });
  registerOpenApi(app);
  app.get('/healthz', async (_request, reply) => {
    const health = await checkHealth(temporal, db);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });
  registerOutboxRoutes(app, () => outboxDir ?? path.join(loadConfig().dataDir, 'outbox'));
  registerZaloWebhookRoute(app, db, () =>
    zaloWebhook === undefined ? configuredZaloWebhook() : (zaloWebhook ?? undefined),
  );
  registerApiRoutes(app, { ...options, db, temporal });
  registerWebRoutes(app, { ...options, db, temporal });
  return app;
}

function configuredZaloWebhook(): ZaloWebhookSecrets | undefined {
  const zalo = loadConfig().zalo;
  return zalo.mode !== 'disabled' && zalo.oaSecretKey
    ? { appId: zalo.appId, oaSecretKey: zalo.oaSecretKey }
    : undefined;
}
