import { existsSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { addAccount, buildTestApi, LINK_SECRET, loginHeaders } from './helpers/api-fixture';
import { signReporterLink } from '../../../activities/links/reporter-link';
import { calendar, planYaml, seedObligation, seedPlan, seedUnits, YEAR } from './helpers/api-seed';
import { multipartBody } from './helpers/multipart';
import { OpenApiContract } from './helpers/openapi-contract';

describe('API contract: answers people act on, each valid against the served OpenAPI document', () => {
  let database: TestDatabase;
  let api: ReturnType<typeof buildTestApi>;
  let contract: OpenApiContract;
  let admin: Record<string, string>;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    api = buildTestApi(database.db, { api: { workingCalendar: calendar } });
    await seedUnits(database.db);
    const username = `admin-${randomUUID().slice(0, 6)}`;
    await addAccount(database.db, username, 'admin');
    admin = await loginHeaders(api.app, username);
    contract = new OpenApiContract((await api.app.inject({ url: '/api/openapi.json' })).json());
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  /** Sends a request as the admin and checks the answer against the document. */
  async function call(
    template: string,
    request: {
      method?: 'GET' | 'POST' | 'PUT';
      url: string;
      payload?: string | object | Buffer;
      headers?: Record<string, string>;
    },
  ) {
    const response = await api.app.inject({
      method: request.method ?? 'GET',
      ...request,
      headers: { ...admin, ...request.headers },
    });
    expect(contract.problems(request.method ?? 'GET', template, response.statusCode, response.body)).toEqual([]);
    return response;
  }

  it('serves the document and the interactive page', async () => {
    const document = (await api.app.inject({ url: '/api/openapi.json' })).json<{ openapi: string; paths: object }>();
    expect(document.openapi).toBe('3.0.3');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/links/{token}/submission', '/api/plans/{code}/start']),
    );
    const page = await api.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
  });

  it('validates a plan file: every problem with its line and field, or the understood timeline', async () => {
    const broken = planYaml('X/KH').replace('when: năm', 'when: Quý V năm');
    const invalid = await call('/api/plans/validate', {
      method: 'POST',
      url: '/api/plans/validate?file=plans/thu.yaml',
      payload: broken,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(invalid.json()).toMatchObject({
      valid: false,
      problems: [
        {
          code: 'PLAN_PHRASE_UNREADABLE',
          field: 'milestones[0].when',
          line: 12,
          message: expect.stringMatching(/^mốc thời gian "Quý V năm \d{4}" không đọc được\. Các cách viết được hiểu: /),
        },
      ],
    });
    const valid = await call('/api/plans/validate', {
      method: 'POST',
      url: '/api/plans/validate',
      payload: planYaml('X/KH'),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(valid.json()).toMatchObject({
      valid: true,
      problems: [],
      timeline: expect.arrayContaining([expect.objectContaining({ event: 'hạn' })]),
    });
  });

  it('refuses a plan naming an unknown unit (400, located), and another plan under a loaded số hiệu (409)', async () => {
    const unknown = await call('/api/plans', {
      method: 'POST',
      url: '/api/plans?file=thu.yaml',
      payload: planYaml(`${randomUUID().slice(0, 6)}/KH`).replace('{ unit: SYT }', '{ unit: KHONG-CO }'),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: {
        code: 'PLAN_UNIT_UNKNOWN',
        field: 'scope.units[1].unit',
        problems: [expect.objectContaining({ line: 7 })],
      },
    });
    const code = await seedPlan(database.db);
    const duplicate = await call('/api/plans', {
      method: 'POST',
      url: '/api/plans',
      payload: planYaml(code).replace('Kế hoạch thử API', 'Kế hoạch khác'),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<{ error: { code: string } }>().error.code).toBe('PLAN_CODE_DUPLICATE');
    const missing = await call('/api/plans/{code}', { url: `/api/plans/${encodeURIComponent('KHONG/CO')}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'PLAN_NOT_FOUND', message: 'không có kế hoạch số hiệu "KHONG/CO"', field: 'code' },
    });
    const shown = await call('/api/plans/{code}', { url: `/api/plans/${encodeURIComponent(code)}` });
    expect(shown.json()).toMatchObject({ plan: { code, status: 'loaded', currentVersion: 1 }, version: 1 });
  });

  it('imports a units CSV sent as a file, and refuses a broken one whole, naming line and column', async () => {
    const form = multipartBody([
      {
        name: 'file',
        filename: 'phong-ban.csv',
        content: Buffer.from('code,name,type,parent_code,valid_from\nPKT,Phòng Kế toán,phong,SGD,01/01/2021\n'),
      },
    ]);
    const imported = await call('/api/units/import', { method: 'POST', url: '/api/units/import', ...form });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ file: 'phong-ban.csv', summary: { createdUnits: 1 } });
    const children = await call('/api/units/{code}/children', { url: '/api/units/SGD/children?at=01/06/2021' });
    expect(children.json<Array<{ code: string }>>().map((unit) => unit.code)).toEqual(['PGD', 'PKT']);

    const broken = await call('/api/units/import', {
      method: 'POST',
      url: '/api/units/import?file=sai.csv',
      payload: 'code,name,type,parent_code,valid_from\nPX,Phòng X,phong,KHONG,01/01/2021\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({
      error: {
        code: 'UNIT_PARENT_UNKNOWN',
        problems: [{ message: expect.stringMatching(/\(sai\.csv, dòng 2, cột parent_code\)$/) }],
      },
    });
    const notYet = await call('/api/units/{code}', { url: '/api/units/PKT?at=01/01/2020' });
    expect(notYet.statusCode).toBe(404);
    expect(notYet.json<{ error: { message: string } }>().error.message).toMatch(
      /^không có đơn vị mã PKT vào ngày 01\/01\/2020/,
    );
    const badDate = await call('/api/units/{code}', { url: '/api/units/PKT?at=31/02/2021' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json<{ error: { field: string } }>().error.field).toBe('at');
  });

  it('answers a query parameter of the wrong type in Vietnamese with its name', async () => {
    const code = await seedPlan(database.db);
    const wrong = await call('/api/plans/{code}/milestones/{milestone}/obligations', {
      url: `/api/plans/${encodeURIComponent(code)}/milestones/tong-ket/obligations?level=mot`,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '"level" (tham số) phải là số nguyên', field: 'level' },
    });
    const unknownStatus = await call('/api/plans/{code}/milestones/{milestone}/obligations', {
      url: `/api/plans/${encodeURIComponent(code)}/milestones/tong-ket/obligations?status=xong`,
    });
    expect(unknownStatus.json<{ error: { message: string } }>().error.message).toMatch(
      /^"status" \(tham số\) phải là một trong: open, /,
    );
  });

  it('refuses a control character in any query with a 400 the document declares, even on a plain list', async () => {
    const refused = await call('/api/plans', { url: '/api/plans?q=%00' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'TEXT_CONTROL_CHARACTER', field: 'q' } });
  });

  it('names a nested field at fault, and refuses an attachment over the size limit with 413, keeping nothing', async () => {
    const code = await seedPlan(database.db);
    const obligation = await seedObligation(database.db, code, 'SGD', { parent: 'SNV', level: 0 });
    const { token } = signReporterLink(
      { obligationId: obligation, unitCode: 'SGD', expiresAt: `${YEAR + 1}-02-01T00:00:00+07:00` },
      LINK_SECRET,
    );
    const missingName = await call('/api/links/{token}/submission', {
      method: 'POST',
      url: `/api/links/${token}/submission`,
      payload: { submittedBy: 'Nguyễn Văn An', nominations: [{ form: 'cá nhân', achievements: 'Giỏi' }] },
      headers: { 'content-type': 'application/json' },
    });
    expect(missingName.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: '"nominations[0].name" (nội dung) là bắt buộc nhưng chưa có',
        field: 'nominations[0].name',
      },
    });
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1536 * 1024, 0x20)]);
    const form = multipartBody([
      { name: 'submission', value: JSON.stringify({ submittedBy: 'Nguyễn Văn An', text: 'x' }) },
      { name: 'attachments', filename: 'lon.pdf', content: big },
    ]);
    const refused = await call('/api/links/{token}/submission', {
      method: 'POST',
      url: `/api/links/${token}/submission`,
      ...form,
    });
    expect(refused.statusCode).toBe(413);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
    const dir = `${api.dataDir}/attachments`;
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});
