import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifySchema } from 'fastify';
import type { HttpApp } from './outbox-routes';
import { SHARED_SCHEMAS } from './schemas/common-schemas';

/**
 * The OpenAPI document, built by @fastify/swagger from the same JSON schemas that validate requests (so the document
 * cannot drift from what the server accepts), served at `/api/openapi.json`, with Swagger UI at `/api/docs`. Shared
 * schemas keep their `$id` as their name under components.schemas.
 */
declare module 'fastify' {
  interface FastifySchema {
    /** Document-only request bodies by content type (see `documentBodies`). */
    'x-bodies'?: Record<string, unknown>;
  }
}

/**
 * A route whose body also comes as a form (a submission with files, a units CSV upload) validates the body it ends up
 * with, but documents each content type as it is sent: `x-bodies` in its schema maps content types to document-only
 * schemas, used here in place of `body` and `consumes`.
 */
function documentBodies({ schema, url }: { schema: FastifySchema; url: string }) {
  const bodies = schema?.['x-bodies'];
  if (!bodies) return { schema, url };
  const { 'x-bodies': _bodies, consumes: _consumes, body: _body, ...rest } = schema;
  const content = Object.fromEntries(Object.entries(bodies).map(([type, body]) => [type, { schema: body }]));
  return { schema: { ...rest, body: { content } }, url };
}

export function registerOpenApi(app: HttpApp): void {
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  void app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Đôn đốc — API',
        version: '1',
        description:
          'Kế hoạch, đơn vị, nghĩa vụ báo cáo, nộp báo cáo qua liên kết ký số, thông báo. Mọi lỗi có dạng ' +
          '`{ error: { code, message, field } }` bằng tiếng Việt.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dondoc_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'mã phiên từ POST /api/auth/login' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: documentBodies,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  void app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
