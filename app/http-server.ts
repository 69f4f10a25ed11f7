import { buildHttpServer, type HttpDependencies } from '../client/http/build-server';
import type { Config } from '../runtime/config';
import type { Lifecycle } from './lifecycle';

/**
 * Builds the HTTP API and listens on HTTP_HOST:HTTP_PORT; the server is added to `lifecycle`, which closes it.
 * Returns the URL it answers on. Rejects with the listen error (EADDRINUSE when the port is taken).
 */
export async function listenHttp(
  lifecycle: Lifecycle,
  http: Readonly<Config['http']>,
  dependencies: HttpDependencies,
): Promise<string> {
  const server = buildHttpServer(dependencies);
  await server.listen({ host: http.host, port: http.port });
  lifecycle.add({ stop: () => server.close() });
  return `http://${http.host}:${http.port}`;
}
