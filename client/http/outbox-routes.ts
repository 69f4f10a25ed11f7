import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Logger } from '../../runtime/logger';
import { listOutbox, readOutboxFile } from '../../activities/notify/outbox-store';
import { escapeHtml } from '../../domain/notify/render-message';

const KIND_NAMES: Record<string, string> = {
  assignment: 'Giao nhiệm vụ',
  reminder: 'Nhắc hạn',
  'due-today': 'Đến hạn hôm nay',
  overdue: 'Quá hạn',
  escalation: 'Đôn đốc cấp trên',
  receipt: 'Biên nhận',
  extension: 'Gia hạn',
  digest: 'Bản tin lãnh đạo',
};

/** The server as build-server.ts makes it: Fastify with our pino logger. */
export type HttpApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger>;

/**
 * The embedded outbox, for a user without a mail server: `GET /outbox` lists what units would have received (HTML
 * for a browser, JSON for `Accept: application/json` or `?format=json`), `GET /outbox/:name` shows one message as
 * its recipient would see it, `GET /outbox/:name.eml` the raw message to open in a mail client.
 */
export function registerOutboxRoutes(app: HttpApp, outboxDir: () => string): void {
  app.get<{ Querystring: { format?: string; limit?: string } }>('/outbox', async (request, reply) => {
    const limit = Math.min(Math.max(Number(request.query.limit) || 200, 1), 5000);
    const entries = await listOutbox(outboxDir(), limit);
    const wantsJson = request.query.format === 'json' || /application\/json/.test(request.headers.accept ?? '');
    if (wantsJson) return reply.send({ outbox: outboxDir(), count: entries.length, messages: entries });
    const rows = entries.map(
      (entry) =>
        `<tr><td>${escapeHtml(new Date(entry.storedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }))}</td>` +
        `<td>${escapeHtml(entry.to)}</td><td>${escapeHtml(KIND_NAMES[entry.kind] ?? entry.kind)}</td>` +
        `<td><a href="/outbox/${entry.name}">${escapeHtml(entry.subject)}</a></td>` +
        `<td>${escapeHtml(entry.planCode)}</td><td><a href="/outbox/${entry.name}.eml">.eml</a></td></tr>`,
    );
    const page = [
      '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hộp thư đi — Đôn đốc</title>',
      '<style>body{font-family:Arial,sans-serif;margin:24px}table{border-collapse:collapse}',
      'td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left}th{background:#f6f8fa}</style></head><body>',
      '<h1>Hộp thư đi</h1>',
      '<p>Chưa cấu hình máy chủ thư (SMTP_URL), nên thư được lưu tại đây thay vì gửi đi: đây đúng là những thư ',
      `các đơn vị sẽ nhận. Thư mục: <code>${escapeHtml(outboxDir())}</code>. Đặt SMTP_URL để gửi thật.</p>`,
      entries.length === 0
        ? '<p><em>Chưa có thư nào.</em></p>'
        : '<table><tr><th>Lúc</th><th>Người nhận</th><th>Loại</th><th>Tiêu đề</th><th>Kế hoạch</th><th>Tệp</th></tr>' +
          rows.join('') +
          '</table>',
      '</body></html>',
    ];
    return reply.type('text/html; charset=utf-8').send(page.join('\n'));
  });

  app.get<{ Params: { name: string } }>('/outbox/:name', async (request, reply) => {
    const [name, extension] = request.params.name.split('.', 2);
    const file = await readOutboxFile(outboxDir(), name ?? '', extension === 'eml' ? 'eml' : 'html');
    if (!file) {
      return reply.code(404).send({
        error: { code: 'OUTBOX_MESSAGE_NOT_FOUND', message: 'không có thư này trong hộp thư đi', field: 'name' },
      });
    }
    if (extension === 'eml') {
      return reply
        .type('message/rfc822')
        .header('Content-Disposition', `attachment; filename="${name}.eml"`)
        .send(file);
    }
    return reply.type('text/html; charset=utf-8').send(file);
  });
}
