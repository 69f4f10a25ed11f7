import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The files under client/web/assets served at /tai-nguyen/<name>, with their content types. */
const ASSETS: Record<string, string> = {
  'dondoc.css': 'text/css; charset=utf-8',
  'nop-bao-cao.js': 'text/javascript; charset=utf-8',
};

/**
 * `GET /tai-nguyen/:name`: the stylesheet and the submission page's script, read once at start (no build step) and
 * cached by browsers for an hour. Unknown names are 404.
 */
export function registerWebAssets(app: FastifyInstance): void {
  const files = new Map(
    Object.entries(ASSETS).map(([name, type]) => [
      name,
      { type, body: readFileSync(path.join(__dirname, 'assets', name), 'utf8') },
    ]),
  );
  app.get<{ Params: { name: string } }>('/tai-nguyen/:name', async (request, reply) => {
    const file = files.get(request.params.name);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Không có tệp này');
    return reply.type(file.type).header('Cache-Control', 'public, max-age=3600').send(file.body);
  });
}
