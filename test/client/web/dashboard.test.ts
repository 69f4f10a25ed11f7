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

/**
 * `count` units reporting to `parent` in the test plan (named "Trạm Y tế 001"…), all still awaited: due with the
 * others, except the last ten, due a month earlier (the most days late).
 */
async function seedChildren(db: TestDatabase['db'], code: string, parent: string, count: number): Promise<void> {
  const unit = await db.selectFrom('units').select('id').where('code', '=', parent).executeTakeFirstOrThrow();
  const rows = Array.from({ length: count }, (_, i) => {
    const unitCode = `${parent}-${String(i + 1).padStart(3, '0')}`;
    const id = obligationId(code, unitCode);
    const dueAt = i >= count - 10 ? `${YEAR}-12-01T00:00:00+07:00` : `${YEAR + 1}-01-01T00:00:00+07:00`;
    return {
      id,
      workflow_id: id.split('#')[0]!,
      plan_code: code,
      plan_version: 1,
      milestone_id: 'tong-ket',
      report_id: 'bao-cao',
      unit_id: unit.id,
      unit_code: unitCode,
      unit_name: `Trạm Y tế ${String(i + 1).padStart(3, '0')}`,
      parent_unit_code: parent,
      assigned_unit_code: null,
      level: 1,
      due_at: dueAt,
      original_due_at: dueAt,
      status: 'open' as const,
      submitted_at: null,
      submission_version: 0,
      extended_by: null,
      extension_reason: null,
      exempted_by: null,
      exemption_reason: null,
      escalation_step: 0,
    };
  });
  await db.insertInto('obligations').values(rows).execute();
}

describe('the leaders dashboard /theo-doi', () => {
  let database: TestDatabase;
  let api: ReturnType<typeof buildTestApi>;
  let code: string;
  let path: string;
  let admin: string;
  let leader: string;
  let big: string;
  let bigPath: string;
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
    // A second plan whose SYT has 120 units reporting to it: more than a page of units and of the overdue list.
    big = await seedPlan(database.db);
    await seedObligation(database.db, big, 'SGD', { parent: 'SNV', level: 0 });
    await seedObligation(database.db, big, 'SYT', { parent: 'SNV', level: 0 });
    await seedObligation(database.db, big, 'PGD', { parent: 'SGD', level: 1 });
    await seedChildren(database.db, big, 'SYT', 120);
    bigPath = `/theo-doi/${encodeURIComponent(big)}/tong-ket`;
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
    // The counts cover the whole tree; the page opens on its top level (the two sở), PGD one click below SGD.
    expect(body).toMatch(/data-count="overdue"[^>]*>\s*<span class="value">3<\/span>Quá hạn · 100%/);
    expect(body).toContain('Chú giải màu');
    expect(body.match(/data-cell="overdue"/g)).toHaveLength(2);
    expect(body).not.toContain('<tr data-unit="PGD">');
    expect(body).toMatch(/<tr data-level-unit="SGD">[\s\S]*?data-subtree="overdue">\s*2\s*</);
    expect(body).toContain('data-expand="SGD"');
    expect(body).toContain(`href="${path}?under=SGD#cay-don-vi"`);
    expect(body).toContain('<span aria-hidden="true">!</span> Quá hạn');
    expect(body).toContain('Quá hạn, chưa nộp (3)');
    expect(body).toContain('<tr data-overdue="PGD">');
    expect(body).toContain('<svg');

    // Opening SGD lists it and the units reporting to it, under a breadcrumb back to the whole plan.
    const opened = (await api.app.inject({ url: `${path}?under=SGD`, headers: { cookie } })).body;
    expect(opened).toContain('<tr data-unit="SGD">');
    expect(opened).toContain('<tr data-unit="PGD">');
    expect(opened).not.toContain('<tr data-unit="SYT">');
    expect(opened).toMatch(
      /<a href="[^"]*#cay-don-vi">Toàn kế hoạch<\/a> ›\s*<span aria-current="location">SGD<\/span>/,
    );
    expect(opened).toContain('Quá hạn, chưa nộp (2)');

    // The unit submits (as the workflow's projection records it): its cell turns "on time".
    await database.db
      .updateTable('obligations')
      .set({ status: 'submitted', submitted_at: `${YEAR}-12-20T10:00:00+07:00`, submission_version: 1 })
      .where('id', '=', obligationId(code, 'SGD'))
      .execute();
    const after = (await api.app.inject({ url: path, headers: { cookie } })).body;
    expect(after).toMatch(/<tr data-unit="SGD">[\s\S]*?data-cell="on-time"/);
    expect(after.match(/data-cell="overdue"/g)).toHaveLength(1);

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
    // Their page opens on their own unit and the units reporting to it, with no way up out of it.
    const body = (await api.app.inject({ url: path, headers: { cookie } })).body;
    expect(body).toContain('<tr data-unit="SGD">');
    expect(body).toContain('<tr data-unit="PGD">');
    expect(body).not.toContain('<tr data-unit="SYT">');
    expect(body).not.toContain('Toàn kế hoạch');
    // (SGD submitted in the test above: PGD alone is overdue in the subtree.)
    expect(body).toContain('Quá hạn, chưa nộp (1)');
    expect(body).toContain('<tr data-overdue="PGD">');
    expect(body).not.toContain('data-overdue="SYT"');
    const paged = await api.app.inject({ url: `${path}?page=2&overduePage=3`, headers: { cookie } });
    expect(paged.statusCode).toBe(200);
    expect(paged.body).not.toContain('data-unit="SYT"');
    const outside = await api.app.inject({ url: `${path}/don-vi/SYT`, headers: { cookie } });
    expect(outside.statusCode).toBe(403);
    expect(outside.body).toContain('Ngoài phạm vi theo dõi');
    const under = await api.app.inject({ url: `${path}?under=SYT`, headers: { cookie } });
    expect(under.statusCode).toBe(403);
    const below = await api.app.inject({ url: `${bigPath}?under=SYT-001&page=2`, headers: { cookie } });
    expect(below.statusCode).toBe(403);
  });

  it('opens a large tree on its top level with exact counts, and pages the units and the overdue list', async () => {
    const cookie = await signIn(api.app, admin);
    const top = (await api.app.inject({ url: bigPath, headers: { cookie } })).body;
    expect(top.match(/<tr data-level-unit=/g)).toHaveLength(2);
    expect(top.match(/<tr data-unit=/g)).toHaveLength(2);
    expect(top).toMatch(/data-count="overdue"[^>]*>\s*<span class="value">123<\/span>/);
    // SYT's row counts its whole branch: itself and the 120 units reporting to it.
    expect(top).toMatch(
      /<tr data-level-unit="SYT">[\s\S]*?data-subtree="submitted">\s*0\/121 \(0%\)\s*<[\s\S]*?data-subtree="overdue">\s*121\s*</,
    );
    expect(top).toMatch(/data-expand="SYT"[^>]*>Mở 120 đơn vị<\/a/);
    // The overdue list: 50 rows of 123, the most days late (a month earlier) first, and a link to the next page.
    expect(top).toContain('Quá hạn, chưa nộp (123)');
    const overdueRows = [...top.matchAll(/<tr data-overdue="([^"]+)">/g)].map((m) => m[1]);
    expect(overdueRows).toHaveLength(50);
    expect(overdueRows.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `SYT-${111 + i}`));
    expect(top).toContain('Hiển thị 1–50 trong 123 báo cáo · trang 1/3');
    expect(top).toContain(`href="${bigPath}?overduePage=2#qua-han">Xem thêm →</a>`);
    const last = (await api.app.inject({ url: `${bigPath}?overduePage=3`, headers: { cookie } })).body;
    expect(last.match(/<tr data-overdue=/g)).toHaveLength(23);
    expect(last).toContain('Quá hạn, chưa nộp (123)');
    expect(last).toContain(`href="${bigPath}?overduePage=2#qua-han">← Trang trước</a>`);

    // Opening SYT: itself first, then 99 of the units reporting to it; the next page has the other 21.
    const syt = (await api.app.inject({ url: `${bigPath}?under=SYT`, headers: { cookie } })).body;
    const units = [...syt.matchAll(/<tr data-unit="([^"]+)">/g)].map((m) => m[1]);
    expect(units).toHaveLength(100);
    expect(units.slice(0, 3)).toEqual(['SYT', 'SYT-001', 'SYT-002']);
    expect(syt).toContain('Hiển thị 1–100 trong 121 đơn vị · trang 1/2');
    expect(syt).toContain('Quá hạn, chưa nộp (121)');
    const next = (await api.app.inject({ url: `${bigPath}?under=SYT&page=2`, headers: { cookie } })).body;
    const rest = [...next.matchAll(/<tr data-unit="([^"]+)">/g)].map((m) => m[1]);
    expect([rest.length, rest[0], rest.at(-1)]).toEqual([21, 'SYT-100', 'SYT-120']);
    expect(next).toMatch(/data-count="overdue"[^>]*>\s*<span class="value">121<\/span>/);
    const beyond = (await api.app.inject({ url: `${bigPath}?under=SYT&page=9`, headers: { cookie } })).body;
    expect(beyond).toContain('Trang này không có đơn vị nào.');

    // The downloads stay complete: every one of the 121 rows, not a page.
    const xlsx = await api.app.inject({
      url: `${bigPath}/tai-ve/tinh-hinh.xlsx?under=SYT&page=2`,
      headers: { cookie },
    });
    const zip = await JSZip.loadAsync(xlsx.rawPayload);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('Trạm Y tế 001');
    expect(strings).toContain('Trạm Y tế 120');
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
