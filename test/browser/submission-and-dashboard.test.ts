import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSmtpEmailProvider } from '../../activities/notify/smtp-email-provider';
import { DEMO_PLAN_CODE } from '../../client/demo/demo-plan';
import { DEMO_ADMIN, DEMO_LEADER, loadDemo } from '../../client/demo/load-demo';
import { loadWorkingCalendar } from '../../client/cli/load-calendar';
import { buildHttpServer } from '../../client/http/build-server';
import { startPlanCycle } from '../../client/plans/start-plan-cycle';
import { vietnamCivilDate } from '../../domain/civil-time';
import { createLogger } from '../../runtime/logger';
import { PROJECT_ROOT } from '../../runtime/project-root';
import { leaves, parseMime } from '../activities/notify/helpers/parse-mime';
import { startSmtpSink, type SmtpSink } from '../activities/notify/helpers/smtp-sink';
import { startDevServerEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { createTestWorker } from '../helpers/test-worker';

const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts/browser');
const LINK_SECRET = 'browser-test-link-secret-0123456789abcdef';
const LEADER_PASSWORD = 'mat-khau-lanh-dao-1';
const ADMIN_PASSWORD = 'mat-khau-admin-123';
const COMMUNE = 'DEMO-H01-X1'; // Xã An Phú, in Huyện An Hòa: the demo leader's district
const COMMUNE_REPORTER = 'van-thu.demo-h01-x1@demo.example.invalid';
const MILESTONE = 'so-ket-dien-hinh';

/** The submission links of the messages a mailbox received, as its owner would click them (text part). */
function submissionLinks(sink: SmtpSink, address: string): string[] {
  return sink.messages
    .filter((message) => message.envelopeTo.includes(address))
    .flatMap((message) => leaves(parseMime(message.raw)).filter((part) => part.contentType.startsWith('text/plain')))
    .flatMap((part) => part.body.match(/https?:\/\/\S+\/nop\/[\w-]+\.[\w-]+/g) ?? []);
}

/** The obligation a link is for, read from its (signed, not secret) payload. */
function obligationOf(link: string): string {
  const token = link.slice(link.lastIndexOf('/') + 1);
  return (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { obligationId: string })
    .obligationId;
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface BrowserWindow {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

async function cellOf(page: Page) {
  const cell = page.locator(`tr[data-unit="${COMMUNE}"] td[data-milestone="${MILESTONE}"] [data-cell]`);
  return {
    status: await cell.getAttribute('data-cell'),
    text: (await cell.innerText()).trim(),
    // (Runs in the page, where the global is the window.)
    colour: await cell
      .locator('.cell')
      .evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).backgroundColor),
  };
}

describe('in Chromium: a unit submits from the link in its email on a phone, the leader sees the cell change', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let sink: SmtpSink;
  let browser: Browser;
  let dataDir: string;
  beforeAll(async () => {
    const started = Date.now();
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-browser-'));
    [env, database, sink, browser] = await Promise.all([
      startDevServerEnvironment(),
      openTestDatabase('postgres'),
      // The worker's SMTP pool keeps its connections: the sink cuts them at close instead of waiting 30 s.
      startSmtpSink({ closeTimeoutMs: 500 }),
      chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] }),
    ]);
    process.stdout.write(`browser test: servers and Chromium up in ${Date.now() - started} ms\n`);
  });
  afterAll(async () => {
    const started = Date.now();
    await browser?.close();
    await Promise.all([env?.teardown(), database?.close(), sink?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
    process.stdout.write(`browser test: stopped in ${Date.now() - started} ms\n`);
  });

  it('loads the demo, starts its plan, and the whole path works in a real browser', async () => {
    const log = createLogger('browser-test', 'silent');
    const calendar = await loadWorkingCalendar();
    const http = buildHttpServer({
      temporal: env.client,
      db: database.db,
      log,
      outboxDir: path.join(dataDir, 'outbox'),
      zaloWebhook: null,
      api: {
        linkSecret: () => LINK_SECRET,
        dataDir,
        rehearse: undefined,
        workingCalendar: () => Promise.resolve(calendar),
      },
    });
    await http.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
    const started = Date.now();
    // The demo loads (as `dondoc demo load` does) while the worker's workflow bundle is built.
    const [{ worker, taskQueue }, demo] = await Promise.all([
      createTestWorker({
        env,
        dependencies: {
          db: database.db,
          email: createSmtpEmailProvider({ url: sink.url, poolMax: 2, ratePerPlan: 0, requireTls: false, log }),
          zalo: null,
          log,
          links: { publicUrl: base, secret: LINK_SECRET, daysAfterClose: 30 },
        },
      }),
      loadDemo(database.db, {
        today: vietnamCivilDate(Date.now()),
        calendar,
        adminPassword: ADMIN_PASSWORD,
        leaderPassword: LEADER_PASSWORD,
      }),
    ]);
    expect(demo.plans.at(-1)).toMatchObject({ code: DEMO_PLAN_CODE, outcome: 'created' });
    try {
      await worker.runUntil(async () => {
        await startPlanCycle(database.db, env.client, { code: DEMO_PLAN_CODE, taskQueue, actor: 'test' });

        // The commune's reporter is told of the report open now: the link comes out of the real message.
        const link = await until(
          () => submissionLinks(sink, COMMUNE_REPORTER).find((url) => obligationOf(url).includes(`/${MILESTONE}/`)),
          'the assignment email with its link',
        ).catch(async (error: Error) => {
          const obligations = await database.db.selectFrom('obligations').select(['id', 'status']).execute();
          const log = await database.db
            .selectFrom('notification_log')
            .select(['idempotency_key', 'status', 'reason'])
            .execute();
          process.stdout.write(
            JSON.stringify({ messages: sink.messages.map((m) => m.envelopeTo), obligations, log }, null, 1).slice(
              0,
              6000,
            ),
          );
          throw error;
        });
        expect(link.startsWith(`${base}/nop/`)).toBe(true);
        process.stdout.write(`browser test: demo loaded, plan started, link received in ${Date.now() - started} ms\n`);

        // The leader signs in (sent to /dang-nhap first) and sees the commune's cell still waiting.
        const leader = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
        const dashboard = `${base}/theo-doi/${encodeURIComponent(DEMO_PLAN_CODE)}/${MILESTONE}`;
        await leader.goto(dashboard);
        expect(new URL(leader.url()).pathname).toBe('/dang-nhap');
        await leader.getByLabel('Tên đăng nhập').fill(DEMO_LEADER);
        await leader.getByLabel('Mật khẩu').fill(LEADER_PASSWORD);
        await leader.getByRole('button', { name: 'Đăng nhập' }).click();
        await leader.waitForURL(dashboard);
        await leader.getByRole('heading', { name: 'Ma trận đơn vị × mốc' }).waitFor();
        const before = await cellOf(leader);
        expect(before).toMatchObject({ status: 'open', text: '○ Trong hạn' });
        // A leader of Huyện An Hòa sees its communes, not the other districts.
        expect(await leader.locator('tr[data-unit="DEMO-H02"]').count()).toBe(0);
        await leader.screenshot({ path: path.join(ARTIFACTS, 'dashboard-before.png'), fullPage: true });

        // The unit opens its link on a phone and submits.
        const phone = await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          locale: 'vi-VN',
        });
        const unit = await phone.newPage();
        await unit.goto(link);
        await unit.getByRole('heading', { name: 'Báo cáo sơ kết và đề nghị điển hình tiên tiến' }).waitFor();
        expect(await unit.locator('[data-time-left]').innerText()).toMatch(/^còn \d+ ngày$/);
        expect(await unit.locator('[data-deadline]').innerText()).toMatch(
          /^(thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d\d\/\d\d\/\d{4}$/,
        );
        // The page fits the phone: nothing wider than the viewport.
        expect(Number(await unit.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
        await unit.screenshot({ path: path.join(ARTIFACTS, 'submission-form-phone.png'), fullPage: true });

        // A required field left empty: the message sits next to it, nothing is sent.
        await unit.getByRole('button', { name: 'Nộp báo cáo' }).click();
        expect(await unit.locator('#loi-submittedBy').innerText()).toBe('Mục này là bắt buộc');

        await unit.getByLabel('Họ và tên người nộp').fill('Nguyễn Thị Hoa');
        await unit.getByLabel('Nội dung báo cáo').fill('Xã An Phú báo cáo sơ kết phong trào thi đua.');
        await unit.getByLabel('Số tập thể điển hình').fill('2');
        await unit.getByLabel('Số cá nhân điển hình').fill('1');
        await unit.getByLabel('Có', { exact: true }).check();
        await unit.getByRole('button', { name: 'Thêm điển hình' }).click();
        await unit.getByLabel('Mẫu báo cáo thành tích').selectOption('cá nhân');
        await unit.getByLabel('Lĩnh vực').selectOption('Dân vận khéo');
        await unit.getByLabel('Họ và tên', { exact: true }).fill('Trần Văn Bình');
        await unit
          .getByLabel('Thành tích tiêu biểu xuất sắc đã đạt được')
          .fill('Vận động nhân dân hiến đất làm đường.');
        await unit.locator('#tep-dinh-kem').setInputFiles({
          name: 'bao-cao-so-ket.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
        });
        await unit.getByRole('button', { name: 'Nộp báo cáo' }).click();
        const receipt = unit.locator('#bien-nhan');
        await receipt.waitFor({ state: 'visible' });
        const number = await receipt.locator('[data-receipt-number]').innerText();
        expect(number).toMatch(new RegExp(`^BN-\\d{8}-${COMMUNE}-1-[0-9A-F]{6}$`));
        expect(await receipt.locator('[data-receipt-late]').innerText()).toBe('Đúng hạn.');
        expect(await receipt.locator('[data-receipt-message]').innerText()).toContain(number);
        await unit.screenshot({ path: path.join(ARTIFACTS, 'receipt-phone.png'), fullPage: true });

        // The leader's cell changes colour (and word and symbol) once the projection has the submission.
        const after = await until(async () => {
          await leader.reload();
          const cell = await cellOf(leader);
          return cell.status === 'on-time' ? cell : undefined;
        }, 'the cell to turn on time');
        expect(after.text).toBe('✓ Đúng hạn');
        expect(after.colour).not.toBe(before.colour);
        await leader.screenshot({ path: path.join(ARTIFACTS, 'dashboard-after.png'), fullPage: true });

        // The drill-down: the leader reads the submission, without the nominee's name (personal data).
        await leader.locator(`tr[data-unit="${COMMUNE}"] td[data-milestone="${MILESTONE}"] a`).click();
        await leader.getByRole('heading', { name: 'Xã An Phú' }).waitFor();
        const history = await leader.locator('main').innerText();
        expect(history).toContain(number);
        expect(history).toContain('ẩn họ tên — dữ liệu cá nhân');
        expect(history).toContain('Số tập thể điển hình: 2');
        expect(history).not.toContain('Trần Văn Bình');
        await leader.screenshot({ path: path.join(ARTIFACTS, 'unit-history.png'), fullPage: true });
        await phone.close();

        // An admin, with JavaScript off: the page opens on the districts; opening one is a plain link to its communes.
        const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
        const admin = await desk.newPage();
        await admin.goto(dashboard);
        await admin.getByLabel('Tên đăng nhập').fill(DEMO_ADMIN);
        await admin.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
        await admin.getByRole('button', { name: 'Đăng nhập' }).click();
        await admin.waitForURL(dashboard);
        expect(await admin.locator('tr[data-unit="DEMO-H01"]').count()).toBe(1);
        expect(await admin.locator(`tr[data-unit="${COMMUNE}"]`).count()).toBe(0);
        await admin.locator('a[data-expand="DEMO-H01"]').click();
        await admin.waitForURL(`${dashboard}?under=DEMO-H01#cay-don-vi`);
        expect(await cellOf(admin)).toMatchObject({ status: 'on-time', text: '✓ Đúng hạn' });
        expect(await admin.locator('tr[data-unit="DEMO-H02"]').count()).toBe(0);
        await admin.screenshot({ path: path.join(ARTIFACTS, 'dashboard-opened-district.png'), fullPage: true });
        await admin.locator('nav.breadcrumb').getByRole('link', { name: 'Toàn kế hoạch' }).click();
        await admin.waitForURL(`${dashboard}#cay-don-vi`);
        expect(await admin.locator('tr[data-unit="DEMO-H02"]').count()).toBe(1);
        await desk.close();
        process.stdout.write(`browser test: whole path in ${Date.now() - started} ms\n`);
      });
    } finally {
      await http.close();
    }
  });
});
