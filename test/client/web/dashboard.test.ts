import JSZip from 'jszip';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { addAccount, buildTestApi, PASSWORD } from '../http/helpers/api-fixture';
import { obligationId, seedObligation, seedPlan, seedUnits, YEAR } from '../http/helpers/api-seed';

/** The session cookie of a form sign-in through /dang-nhap, as a browser would keep it. */
async function signIn(app: ReturnType<typeof buildTestApi>['app'], username: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/dang-nhap',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ username, password: PASSWORD, next: '/theo-doi' }).toString(),
  });
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe('/theo-doi');
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  expect(cookie).toMatch(/^dondoc_session=/);
  return cookie;
}

describe('the leaders dashboard /theo-doi', () => {
  let database: TestDatabase;
  let api: ReturnType<typeof buildTestApi>;
  let code: string;
  let path: string;
  let admin: string;
  let leader: string;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await seedUnits(database.db);
    code = await seedPlan(database.db);
    await seedObligation(database.db, code, 'SGD', { parent: 'SNV', level: 0 });
    await seedObligation(database.db, code, 'SYT', { parent: 'SNV', level: 0 });
    await seedObligation(database.db, code, 'PGD', { parent: 'SGD', level: 1 });
    // Two days after the deadline (31/12): every report still awaited is overdue by 2 days.
    api = buildTestApi(database.db, { api: { now: () => Date.parse(`${YEAR + 1}-01-02T09:00:00+07:00`) } });
    admin = `admin-${code.slice(0, 6)}`;
    leader = `lanh-dao-${code.slice(0, 6)}`;
    await addAccount(database.db, admin, 'admin');
    await addAccount(database.db, leader, 'leader', 'SGD');
    path = `/theo-doi/${encodeURIComponent(code)}/tong-ket`;
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  it('sends a visitor who is not signed in to the sign-in page, and back after it', async () => {
    const response = await api.app.inject({ url: `${path}?level=0` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent(`${path}?level=0`)}`);
    const form = await api.app.inject({ url: response.headers.location! });
    expect(form.body).toContain(`value="${path}?level=0"`);

    const wrong = await api.app.inject({
      method: 'POST',
      url: '/dang-nhap',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${admin}&password=sai-mat-khau&next=%2F%2Fevil.example`,
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(wrong.body).toContain('value="/theo-doi"'); // "//evil.example" is no place to send anyone
  });

  it('shows an admin the counts, the tree, the matrix with its legend and the overdue list, most days late first', async () => {
    const cookie = await signIn(api.app, admin);
    const list = await api.app.inject({ url: '/theo-doi', headers: { cookie } });
    expect(list.body).toContain(`href="/theo-doi/${encodeURIComponent(code)}"`);
    const redirect = await api.app.inject({ url: `/theo-doi/${encodeURIComponent(code)}`, headers: { cookie } });
    expect(redirect.headers.location).toBe(path);

    const page = await api.app.inject({ url: path, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Kế hoạch thử API');
    expect(body).toMatch(/data-count="overdue"[^>]*>\s*<span class="value">3<\/span>Quá hạn · 100%/);
    expect(body).toContain('Chú giải màu');
    expect(body.match(/data-cell="overdue"/g)).toHaveLength(3);
    expect(body).toContain('<span aria-hidden="true">!</span> Quá hạn');
    expect(body).toContain('Quá hạn, chưa nộp (3)');
    expect(body).toContain('<svg');

    // The unit submits (as the workflow's projection records it): its cell turns "on time".
    await database.db
      .updateTable('obligations')
      .set({ status: 'submitted', submitted_at: `${YEAR}-12-20T10:00:00+07:00`, submission_version: 1 })
      .where('id', '=', obligationId(code, 'SGD'))
      .execute();
    const after = (await api.app.inject({ url: path, headers: { cookie } })).body;
    expect(after).toMatch(/<tr data-unit="SGD">[\s\S]*?data-cell="on-time"/);
    expect(after.match(/data-cell="overdue"/g)).toHaveLength(2);

    const xlsx = await api.app.inject({ url: `${path}/tai-ve/tinh-hinh.xlsx`, headers: { cookie } });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const zip = await JSZip.loadAsync(xlsx.rawPayload);
    expect(Object.keys(zip.files)).toContain('xl/workbook.xml');
    const docx = await api.app.inject({ url: `${path}/tai-ve/bao-cao.docx?level=0`, headers: { cookie } });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/^attachment; filename="bao-cao-/);
  });

  it('shows a leader only their subtree, and a unit outside it is refused', async () => {
    const cookie = await signIn(api.app, leader);
    const body = (await api.app.inject({ url: path, headers: { cookie } })).body;
    expect(body).toContain('<tr data-unit="SGD">');
    expect(body).toContain('<tr data-unit="PGD">');
    expect(body).not.toContain('<tr data-unit="SYT">');
    const outside = await api.app.inject({ url: `${path}/don-vi/SYT`, headers: { cookie } });
    expect(outside.statusCode).toBe(403);
    expect(outside.body).toContain('Ngoài phạm vi theo dõi');
    const under = await api.app.inject({ url: `${path}?under=SYT`, headers: { cookie } });
    expect(under.statusCode).toBe(403);
  });

  it("drills down to a unit's history: an undeliverable notice reads 'không gửi được' with its reason", async () => {
    const id = obligationId(code, 'PGD');
    await database.db
      .insertInto('notification_log')
      .values({
        delivery_key: `${id}/reminder/email/binh@sgd.example.invalid`,
        idempotency_key: `${id.replace('#', '/')}/7/reporter`,
        channel: 'email',
        address: 'binh@sgd.example.invalid',
        kind: 'reminder',
        plan_code: code,
        unit_code: 'PGD',
        recipient_role: 'reporter',
        recipient_name: 'Lê Thị Bình',
        fallback_for: null,
        status: 'failed',
        message_id: `<${code}@dondoc>`,
        subject: 'Nhắc hạn',
        provider_message_id: null,
        error_code: '550',
        reason: 'hộp thư không tồn tại',
        retry_at: null,
        sending_since: null,
        sent_at: null,
        delivery_status: null,
        delivered_at: null,
        receipt_checked_at: null,
      })
      .execute();
    const cookie = await signIn(api.app, leader);
    const page = await api.app.inject({ url: `${path}/don-vi/PGD`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('không gửi được');
    expect(page.body).toContain('lý do: hộp thư không tồn tại');
    expect(page.body).toContain('Lê Thị Bình');
  });
});
