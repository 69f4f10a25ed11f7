import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { createActivities } from '../../../activities';
import { createOutboxEmailProvider } from '../../../activities/notify/outbox-email-provider';
import { buildHttpServer } from '../../../client/http/build-server';
import { createLogger } from '../../../runtime/logger';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { containing, matching, reminderRequest } from './helpers/notify-fixtures';
import { leaves, parseMime } from './helpers/parse-mime';

describe('the embedded outbox (no SMTP_URL)', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    [database, dir] = await Promise.all([
      openTestDatabase('pglite'),
      mkdtemp(path.join(os.tmpdir(), 'dondoc-outbox-')),
    ]);
  });
  afterAll(async () => {
    await Promise.all([database.close(), rm(dir, { recursive: true, force: true })]);
  });

  it('keeps each message once, as the .eml a server would get, and lists it at GET /outbox', async () => {
    const log = createLogger('test', 'silent');
    const activities = createActivities({
      db: database.db,
      email: createOutboxEmailProvider(dir),
      zalo: null,
      log,
      notify: { mailFrom: { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' } },
    });
    const request = reminderRequest();
    const first = await activities.sendNotification(request);
    await activities.sendNotification(request);
    expect(first.deliveries[0]).toMatchObject({ status: 'sent', providerMessageId: matching(/^outbox:/) });

    const app = buildHttpServer({ temporal: {} as Client, db: database.db, log, outboxDir: dir, zaloWebhook: null });
    const listing = await app.inject({ method: 'GET', url: '/outbox?format=json' });
    const { messages } = listing.json<{ messages: Array<{ name: string; to: string; subject: string }> }>();
    expect(messages).toEqual([
      containing({
        to: `Nguyễn Thị Lan <${request.recipient.email}>`,
        subject: '[125/KH-UBND] Nhắc hạn: còn 3 ngày nộp Báo cáo sơ kết phong trào thi đua',
      }),
    ]);
    const page = await app.inject({ method: 'GET', url: '/outbox' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Hộp thư đi');
    expect(page.body).toContain('Nhắc hạn: còn 3 ngày');

    const html = await app.inject({ method: 'GET', url: `/outbox/${messages[0]!.name}` });
    expect(html.body).toContain('hết ngày thứ Sáu, 30/05/2025');
    const eml = await app.inject({ method: 'GET', url: `/outbox/${messages[0]!.name}.eml` });
    const parts = leaves(parseMime(eml.body));
    expect(parts.some((part) => part.filename === 'han-nop.ics')).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/outbox/../../etc/passwd' })).statusCode).toBe(404);
    await app.close();
  });
});
