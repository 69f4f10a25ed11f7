import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Logger } from '../../runtime/logger';
import type { Kysely } from 'kysely';
import { recordZaloWebhook, verifyZaloWebhook } from '../../activities/notify/zalo-webhook';
import type { Database } from '../../db/schema';

export interface ZaloWebhookSecrets {
  appId: string;
  oaSecretKey: string;
}

/** The server as build-server.ts makes it: Fastify with our pino logger. */
export type HttpApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger>;

/**
 * `POST /zalo/webhook`: Zalo's event callback. The body is verified against `X-ZEvent-Signature` over its raw bytes
 * (a forged or altered event gets 401 and changes nothing); a verified delivery receipt is recorded against its
 * notification. Answers within Zalo's two seconds: one insert and one update. 404 while Zalo is not configured.
 */
export function registerZaloWebhookRoute(
  app: HttpApp,
  db: Kysely<Database>,
  secrets: () => ZaloWebhookSecrets | undefined,
): void {
  void app.register((scope, _options, done) => {
    // The signature covers the bytes as sent: keep the raw text, parse it ourselves.
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, next) => next(null, body));
    scope.post('/zalo/webhook', async (request, reply) => {
      const config = secrets();
      if (!config) {
        return reply
          .code(404)
          .send({ error: { code: 'ZALO_NOT_CONFIGURED', message: 'chưa cấu hình Zalo', field: null } });
      }
      const raw = typeof request.body === 'string' ? request.body : '';
      const signature = request.headers['x-zevent-signature'];
      const header = Array.isArray(signature) ? signature[0] : signature;
      if (!verifyZaloWebhook(raw, header, config)) {
        request.log.warn({ hasSignature: Boolean(header) }, 'zalo webhook signature rejected');
        return reply.code(401).send({
          error: { code: 'ZALO_SIGNATURE_INVALID', message: 'chữ ký X-ZEvent-Signature không hợp lệ', field: null },
        });
      }
      const outcome = await recordZaloWebhook(db, raw, header!);
      return reply.send({ ok: true, ...outcome });
    });
    done();
  });
}
