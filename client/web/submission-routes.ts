import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../http/api-options';
import { linkErrorPage } from './link-error-page';
import type { ApiErrorBody, LinkPageData } from './link-page-data';
import { page } from './layout';
import { submissionPage } from './submission-page';

/**
 * `GET /nop/:token` — the page a unit opens from its reminder. It reads the same answer the API gives
 * (`GET /api/links/:token`, so the link is checked once, in one place: signature, expiry, revocation, unit) and
 * renders it; a link that opens nothing gets a page that says why, with its status (410, 403, 404).
 */
export function registerSubmissionPage(app: FastifyInstance, api: ApiContext): void {
  app.get<{ Params: { token: string } }>('/nop/:token', async (request, reply) => {
    const { token } = request.params;
    const answer = await app.inject({
      method: 'GET',
      url: `/api/links/${encodeURIComponent(token)}`,
      remoteAddress: request.ip,
    });
    void reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer');
    if (answer.statusCode !== 200) {
      const problem = linkErrorPage(answer.statusCode, safeJson<ApiErrorBody>(answer.body));
      return reply
        .code(problem.status)
        .send(page({ title: 'Không mở được liên kết', body: problem.body, narrow: true }));
    }
    const data = answer.json<LinkPageData>();
    return reply.send(
      page({
        title: `Nộp báo cáo: ${data.report.title ?? data.report.id}`,
        body: submissionPage(data, token, { nowMs: api.now(), attachmentMaxBytes: api.attachmentMaxBytes }),
        narrow: true,
        scripts: ['/tai-nguyen/nop-bao-cao.js'],
      }),
    );
  });
}

function safeJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
