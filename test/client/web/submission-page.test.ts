import { signReporterLink } from '../../../activities/links/reporter-link';
import { formatVietnamInstant } from '../../../domain/civil-time';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { buildTestApi, LINK_SECRET } from '../http/helpers/api-fixture';
import { obligationId, seedObligation, seedPlan, seedUnits, YEAR } from '../http/helpers/api-seed';

describe('the submission page /nop/:token', () => {
  let database: TestDatabase;
  let api: ReturnType<typeof buildTestApi>;
  let code: string;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await seedUnits(database.db);
    code = await seedPlan(database.db);
    await seedObligation(database.db, code, 'SGD', { parent: 'SNV', level: 0 });
    // "Now" is 28/12 at noon: the last day, 31/12, is 3 days away.
    api = buildTestApi(database.db, { api: { now: () => Date.parse(`${YEAR}-12-28T12:00:00+07:00`) } });
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  const link = (expiresAt = `${YEAR + 1}-03-01T00:00:00+07:00`) =>
    signReporterLink({ obligationId: obligationId(code, 'SGD'), unitCode: 'SGD', expiresAt }, LINK_SECRET).token;

  it('shows the plan, the deadline with its weekday, the time left and the form of the report', async () => {
    const token = link();
    const response = await api.app.inject({ url: `/nop/${token}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const page = response.body;
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain(`Số ${code}: Kế hoạch thử API`);
    const weekday = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'][
      new Date(`${YEAR}-12-31T00:00:00Z`).getUTCDay()
    ]!;
    expect(page).toContain(`${weekday}, 31/12/${YEAR}`);
    expect(page).toContain('còn 3 ngày');
    expect(page).toContain('Mẫu báo cáo thành tích tập thể');
    expect(page).toContain('không quá 03 điển hình');
    expect(page).toContain(`data-endpoint="/api/links/${token}/submission"`);
    expect(page).toContain('name="submittedBy"');
    expect(page).toContain('accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"');
    expect(page).toMatch(/mỗi tệp không quá\s+1 MB/);
  });

  it('says the report is late once the deadline has passed, and still takes it', async () => {
    const late = buildTestApi(database.db, { api: { now: () => Date.parse(`${YEAR + 1}-01-02T09:00:00+07:00`) } });
    try {
      const page = (await late.app.inject({ url: `/nop/${link()}` })).body;
      expect(page).toContain('đã quá hạn 2 ngày');
      expect(page).toContain('vẫn được nhận nhưng sẽ ghi là <strong>nộp muộn</strong>');
      expect(page).toContain('id="form-nop"');
    } finally {
      await late.close();
    }
  });

  it('answers a tampered link 403, an expired one 410, each with a page that says what to do', async () => {
    const token = link();
    const tampered = await api.app.inject({ url: `/nop/${token.slice(0, -2)}xx` });
    expect(tampered.statusCode).toBe(403);
    expect(tampered.body).toContain('Liên kết không hợp lệ');
    expect(tampered.body).toContain('mã LINK_INVALID');

    const expired = await api.app.inject({
      url: `/nop/${link(formatVietnamInstant(Date.parse(`${YEAR}-12-01T00:00:00+07:00`)))}`,
    });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('Liên kết đã hết hạn');
    expect(expired.body).toContain('liên hệ Sở Nội vụ');
  });

  it('serves the stylesheet and the script', async () => {
    const css = await api.app.inject({ url: '/tai-nguyen/dondoc.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('.st-on-time');
    const script = await api.app.inject({ url: '/tai-nguyen/nop-bao-cao.js' });
    expect(script.body).toContain("getElementById('form-nop')");
    expect((await api.app.inject({ url: '/tai-nguyen/khong-co.js' })).statusCode).toBe(404);
  });
});
