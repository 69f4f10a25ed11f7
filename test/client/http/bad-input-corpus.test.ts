import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createActivities } from '../../../activities';
import { createOutboxEmailProvider } from '../../../activities/notify/outbox-email-provider';
import { buildHttpServer } from '../../../client/http/build-server';
import { UnitError } from '../../../domain/units/unit-issue';
import { normaliseUnitName } from '../../../domain/units/unit-text';
import { createLogger } from '../../../runtime/logger';
import { reminderRequest } from '../../activities/notify/helpers/notify-fixtures';
import { recordingSender } from '../../helpers/recording-sender';
import { startDevServerEnvironment } from '../../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { createTestWorker } from '../../helpers/test-worker';
import { startCycleWithLinks } from '../../integration/helpers/api-cycle';
import { planCorpus } from '../../integration/helpers/bad-plans';
import {
  CONTROL_CHARACTER,
  CONTROL_STRINGS,
  deeplyNested,
  FREE_TEXT_ATTACKS,
  HTML_INJECTIONS,
  looksVietnamese,
  PATH_TRICKS,
  SQL_INJECTIONS,
  VIETNAMESE_NFC,
  VIETNAMESE_NFD,
} from '../../integration/helpers/bad-strings';
import { addAccount, buildTestApi, loginHeaders } from './helpers/api-fixture';
import { calendar, importUnitsCsv, obligationId, planYaml, seedUnits } from './helpers/api-seed';
import { multipartBody } from './helpers/multipart';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const TABLES = [
  'plans',
  'plan_versions',
  'units',
  'unit_versions',
  'unit_contacts',
  'unit_successions',
  'submissions',
  'attachments',
  'accounts',
  'sessions',
] as const;
/** Attachment names that keep a real name before `.pdf` once the path and leading dots are stripped. */
const KEEPS_PDF_NAME = /[^./\\]\.pdf$/;

/** The answer is a refusal a person can act on: 4xx, `{ error: { code, message, field } }`, in Vietnamese. */
function expectClearRefusal(response: LightMyRequestResponse, what: string): void {
  if (response.statusCode < 400 || response.statusCode >= 500) {
    throw new Error(`${what}: expected a 4xx refusal, got ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
  const body = response.json<{ error: { code: unknown; message: unknown; field: unknown } }>();
  expect(body.error).toEqual(
    expect.objectContaining({ code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/), message: expect.any(String) }),
  );
  expect(body.error.field === null || typeof body.error.field === 'string').toBe(true);
  if (!looksVietnamese(body.error.message as string)) throw new Error(`${what}: not Vietnamese: ${response.body}`);
}

describe('bad input through the HTTP API: no 500, a clear Vietnamese refusal, nothing half-written', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let api: ReturnType<typeof buildTestApi>;
  let admin: Record<string, string>;
  let stopWorker: () => Promise<void>;
  let token: string;
  let planCode: string;
  const counts: Record<string, number> = {};
  const tally = (section: string) => (counts[section] = (counts[section] ?? 0) + 1);

  const rowCounts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (table) => {
          const row = await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow();
          return [table, Number(row.n)] as const;
        }),
      ),
    );

  /** Files under the attachments folder that no stored attachment row refers to (and upload leftovers). */
  const strayFiles = async () => {
    const dir = path.join(api.dataDir, 'attachments');
    if (!existsSync(dir)) return [];
    const known = new Set(
      (await database.db.selectFrom('attachments').select('sha256').execute()).map((row) => row.sha256),
    );
    return readdirSync(dir).filter((name) => !known.has(name));
  };

  beforeAll(async () => {
    [env, database] = await Promise.all([startDevServerEnvironment(), openTestDatabase('postgres')]);
    await seedUnits(database.db);
    const { sendNotification } = recordingSender();
    const { worker, taskQueue } = await createTestWorker({
      env,
      dependencies: { db: database.db },
      activityOverrides: { sendNotification },
    });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
    };
    api = buildTestApi(database.db, { temporal: env.client, api: { taskQueue, workingCalendar: calendar } });
    const username = `admin-${randomUUID().slice(0, 6)}`;
    await addAccount(database.db, username, 'admin');
    admin = await loginHeaders(api.app, username);
    planCode = `${randomUUID().slice(0, 6)}/KH-UBND`;
    const tokens = await startCycleWithLinks(api.app, database.db, admin, {
      code: planCode,
      yaml: planYaml(planCode).replace(/when: năm \d+/, (when) => when),
      units: ['SGD', 'SYT'],
    });
    token = tokens.get('SGD')!;
  });
  afterAll(async () => {
    console.log(JSON.stringify({ corpus: 'http', requests: counts }));
    await api?.close();
    await stopWorker?.();
    await Promise.all([env?.teardown(), database?.close()]);
  });

  it('plan files: validate answers problems or 4xx; import refuses and writes nothing, or stores the text verbatim', async () => {
    // The reader's own test runs the whole corpus on every field; through the API, each attack on the title is enough.
    const corpus = planCorpus(planYaml('CORPUS/KH-UBND')).filter(
      (item) => !/^(issuer|milestone|report) /.test(item.name),
    );
    for (const item of corpus) {
      const validated = await api.app.inject({
        method: 'POST',
        url: '/api/plans/validate?file=thu.yaml',
        headers: { ...admin, 'content-type': 'application/yaml' },
        payload: item.source,
      });
      tally('plans/validate');
      if (validated.statusCode === 200) {
        const body = validated.json<{ valid: boolean; problems: Array<{ code: string; message: string }> }>();
        expect(body.valid).toBe(item.expect.accepted);
        body.problems.forEach((problem) => expect(looksVietnamese(problem.message)).toBe(true));
      } else {
        expectClearRefusal(validated, `validate ${item.name}`);
      }

      const code = `${randomUUID().slice(0, 8)}/KH-UBND`;
      const before = await rowCounts();
      const imported = await api.app.inject({
        method: 'POST',
        url: '/api/plans?file=thu.yaml',
        headers: { ...admin, 'content-type': 'application/yaml' },
        payload: item.source.replace('code: CORPUS/KH-UBND', () => `code: ${code}`),
      });
      tally('plans');
      if (item.expect.accepted) {
        expect([item.name, imported.statusCode]).toEqual([item.name, 201]);
        const stored = await database.db
          .selectFrom('plans')
          .select('title')
          .where('code', '=', code)
          .executeTakeFirstOrThrow();
        expect(stored.title).toBe(item.expect.title);
        const shown = await api.app.inject({ url: `/api/plans/${encodeURIComponent(code)}`, headers: admin });
        expect(shown.json<{ plan: { title: string } }>().plan.title).toBe(item.expect.title);
      } else {
        expectClearRefusal(imported, `import ${item.name}`);
        expect(await rowCounts()).toEqual(before);
      }
    }
  });

  it('plan bodies of the wrong kind or size: 4xx, nothing written', async () => {
    const before = await rowCounts();
    const bodies: Array<{ name: string; type: string; payload: string | Buffer }> = [
      { name: 'JSON instead of YAML', type: 'application/json', payload: JSON.stringify({ format: 1 }) },
      { name: 'an image', type: 'image/png', payload: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { name: 'empty YAML', type: 'application/yaml', payload: '' },
      { name: '20 MB of YAML', type: 'application/yaml', payload: `title: ${'x'.repeat(20 * 1024 * 1024)}` },
      { name: 'invalid UTF-8', type: 'application/yaml', payload: Buffer.from([0x66, 0x3a, 0x20, 0xc3, 0x28, 0xff]) },
    ];
    for (const body of bodies) {
      for (const url of ['/api/plans/validate', '/api/plans']) {
        const response = await api.app.inject({
          method: 'POST',
          url,
          headers: { ...admin, 'content-type': body.type },
          payload: body.payload,
        });
        tally('plans (bodies)');
        if (response.statusCode === 200 && url.endsWith('validate')) {
          expect(response.json<{ valid: boolean }>().valid).toBe(false);
        } else {
          expectClearRefusal(response, `${url} ${body.name}`);
        }
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('unit CSVs: broken, wrong, huge and hostile files are refused whole; names are stored NFC, text verbatim', async () => {
    const header = 'code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email\n';
    const row = (code: string, name: string) => `${code},"${name.replace(/"/g, '""')}",so,,2020-01-01,,,,\n`;
    const refusedFiles: Array<{ name: string; csv: string }> = [
      { name: 'empty', csv: '' },
      { name: 'header only with an unknown column', csv: 'code,name,colour\n' },
      { name: 'missing columns', csv: 'code\nX1\n' },
      { name: 'unclosed quote', csv: `${header}X1,"Sở thử,so,,2020-01-01,,,,\n` },
      { name: 'too many cells', csv: `${header}X1,Sở thử,so,,2020-01-01,,,,,,,\n` },
      { name: 'a date that is not one', csv: `${header}X1,Sở thử,so,,ngày mai,,,,\n` },
      { name: 'an unknown type', csv: `${header}X1,Sở thử,vũ trụ,,2020-01-01,,,,\n` },
      { name: 'an email that is not one', csv: `${header}X1,Sở thử,so,,2020-01-01,A,không phải thư,,\n` },
      { name: 'an unknown parent', csv: `${header}X1,Sở thử,phong,KHONG-CO,2020-01-01,,,,\n` },
      {
        name: 'a parent cycle',
        csv: `${header}X1,Phòng một,phong,X2,2020-01-01,,,,\nX2,Phòng hai,phong,X1,2020-01-01,,,,\n`,
      },
      { name: 'a duplicated code', csv: `${header}X1,Sở một,so,,2020-01-01,,,,\nX1,Sở hai,so,,2020-01-01,,,,\n` },
      {
        name: '100k rows, the last one broken',
        csv:
          header +
          Array.from({ length: 100_000 }, (_, i) => `Q${i},Sở số ${i},so,,2020-01-01,,,,\n`).join('') +
          'Q-END,"không đóng ngoặc\n',
      },
      // A lone surrogate cannot travel in a UTF-8 text body (it arrives as U+FFFD); the JSON bodies below carry it.
      ...CONTROL_STRINGS.filter((text) => CONTROL_CHARACTER.test(text) && !/\p{Cs}/u.test(text)).map((text) => ({
        name: `a name with ${JSON.stringify(text)}`,
        csv: header + row(`C${randomUUID().slice(0, 6)}`, text),
      })),
      { name: 'a code with a NUL', csv: `${header}X\u00001,Sở thử,so,,2020-01-01,,,,\n` },
      { name: 'a code with SQL', csv: header + row("X1'; DROP TABLE units; --", 'Sở thử') },
    ];
    for (const file of refusedFiles) {
      const before = await rowCounts();
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/units/import?file=don-vi.csv',
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: file.csv,
      });
      tally('units/import');
      expectClearRefusal(response, `units ${file.name}`);
      expect(await rowCounts()).toEqual(before);
    }

    // The importer itself (the CLI's path, no HTTP hook in front) refuses the same files with a located UnitError.
    for (const file of refusedFiles.filter((candidate) => CONTROL_CHARACTER.test(candidate.csv))) {
      const before = await rowCounts();
      const refused = await importUnitsCsv(database.db, file.csv).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(UnitError);
      expect([file.name, (refused as UnitError).code]).toEqual([file.name, 'UNIT_CSV_INVALID']);
      expect(await rowCounts()).toEqual(before);
    }

    // Over the 20 MB limit: 413 before anything is read.
    const huge = await api.app.inject({
      method: 'POST',
      url: '/api/units/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: header + 'x'.repeat(21 * 1024 * 1024),
    });
    tally('units/import');
    expect(huge.statusCode).toBe(413);
    expectClearRefusal(huge, 'units 21 MB');

    // Hostile but legal text is a name like any other: stored exactly (NFC), shown back as JSON text.
    const accepted = FREE_TEXT_ATTACKS.filter((text) => !CONTROL_CHARACTER.test(text));
    const codes = accepted.map(() => `H${randomUUID().slice(0, 6).toUpperCase()}`);
    const csv = header + accepted.map((text, i) => row(codes[i]!, text)).join('');
    const upload = multipartBody([
      { name: 'file', filename: '../../etc/passwd\u202ecsv.csv', content: Buffer.from(csv) },
    ]);
    const imported = await api.app.inject({
      method: 'POST',
      url: '/api/units/import',
      headers: { ...admin, ...upload.headers },
      payload: upload.payload,
    });
    tally('units/import');
    expect(imported.statusCode).toBe(200);
    expect(imported.json<{ file: string }>().file).not.toMatch(/[\\/]/);
    for (const [i, text] of accepted.entries()) {
      const shown = await api.app.inject({ url: `/api/units/${encodeURIComponent(codes[i]!)}`, headers: admin });
      expect([text, shown.statusCode]).toEqual([text, 200]);
      expect(shown.json<{ unit: { name: string } }>().unit.name).toBe(normaliseUnitName(text));
    }

    // The same unit written NFC then NFD is one unit with one name period, stored NFC.
    const same = `N${randomUUID().slice(0, 6).toUpperCase()}`;
    const first = await api.app.inject({
      method: 'POST',
      url: '/api/units/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: header + row(same, VIETNAMESE_NFC),
    });
    const second = await api.app.inject({
      method: 'POST',
      url: '/api/units/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: header + row(same, VIETNAMESE_NFD),
    });
    tally('units/import');
    tally('units/import');
    expect(first.json()).toMatchObject({ summary: { createdUnits: 1 } });
    expect(second.json()).toMatchObject({ summary: { createdUnits: 0 } });
    const names = await database.db
      .selectFrom('unit_versions')
      .innerJoin('units', 'units.id', 'unit_versions.unit_id')
      .select('unit_versions.name')
      .where('units.code', '=', same)
      .execute();
    expect(names).toEqual([{ name: VIETNAMESE_NFC }]);
  });

  it('submissions through a link: wrong bodies are 4xx and leave no file; hostile text is kept verbatim', async () => {
    const url = `/api/links/${token}/submission`;
    const refusedJson: Array<{ name: string; payload: string }> = [
      { name: 'not JSON', payload: '{"submittedBy": "A",' },
      { name: 'an array', payload: '[1,2,3]' },
      { name: 'submittedBy a number', payload: JSON.stringify({ submittedBy: 123 }) },
      { name: 'submittedBy missing', payload: JSON.stringify({ text: 'x' }) },
      { name: 'submittedBy empty', payload: JSON.stringify({ submittedBy: '' }) },
      { name: 'an unknown field', payload: JSON.stringify({ submittedBy: 'A', admin: true }) },
      { name: 'nominations as text', payload: JSON.stringify({ submittedBy: 'A', nominations: 'nhiều' }) },
      { name: 'fields with an object', payload: JSON.stringify({ submittedBy: 'A', fields: { a: { b: 1 } } }) },
      { name: 'text of 50,001 characters', payload: JSON.stringify({ submittedBy: 'A', text: 'x'.repeat(50_001) }) },
      {
        name: '100k nominations',
        payload: JSON.stringify({ submittedBy: 'A', nominations: Array(100_000).fill({ form: 'cá nhân', name: 'B' }) }),
      },
      { name: '10k-deep fields', payload: `{"submittedBy":"A","fields":${deeplyNested(10_000, '{"a":', '}')}}` },
      { name: '10k-deep array', payload: `{"submittedBy":"A","text":${deeplyNested(10_000)}}` },
      { name: '20 MB body', payload: JSON.stringify({ submittedBy: 'A', text: 'x'.repeat(20 * 1024 * 1024) }) },
      ...CONTROL_STRINGS.filter((text) => CONTROL_CHARACTER.test(text)).flatMap((text) => [
        { name: `submittedBy ${JSON.stringify(text)}`, payload: JSON.stringify({ submittedBy: text }) },
        { name: `text ${JSON.stringify(text)}`, payload: JSON.stringify({ submittedBy: 'A', text }) },
        {
          name: `nominee ${JSON.stringify(text)}`,
          payload: JSON.stringify({ submittedBy: 'A', nominations: [{ form: 'cá nhân', name: text }] }),
        },
      ]),
    ];
    const before = await rowCounts();
    for (const body of refusedJson) {
      const response = await api.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: body.payload,
      });
      tally('links/submission (JSON)');
      expectClearRefusal(response, `submission ${body.name}`);
    }

    // Multipart forms that fail after some files were already stored: nothing stays in the attachments folder.
    const pdf = (filename: string) => ({ name: 'attachments', filename, content: PDF });
    const ok = { name: 'submission', value: JSON.stringify({ submittedBy: 'Nguyễn Văn An', text: 'x' }) };
    const refusedForms = [
      { name: 'a PDF, then an executable', parts: [ok, pdf('a.pdf'), pdf('b.exe')] },
      { name: 'a PDF, then a fake PDF', parts: [ok, pdf('a.pdf'), { ...pdf('c.pdf'), content: Buffer.from('MZ') }] },
      { name: 'a PDF and no submission field', parts: [pdf('a.pdf')] },
      { name: 'a PDF and broken JSON', parts: [pdf('a.pdf'), { name: 'submission', value: '{' }] },
      {
        name: 'a PDF and a body the schema refuses',
        parts: [pdf('a.pdf'), { name: 'submission', value: JSON.stringify({ text: 'không có người nộp' }) }],
      },
      { name: 'eleven files', parts: [ok, ...Array.from({ length: 11 }, (_, i) => pdf(`${i}.pdf`))] },
      {
        name: 'a file over the size limit',
        parts: [ok, pdf('a.pdf'), { ...pdf('big.pdf'), content: Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]) }],
      },
      ...PATH_TRICKS.filter((name) => !KEEPS_PDF_NAME.test(name)).map((name) => ({
        name: `attachment named ${JSON.stringify(name).slice(0, 40)}`,
        parts: [ok, pdf(name)],
      })),
    ];
    for (const form of refusedForms) {
      const response = await api.app.inject({ method: 'POST', url, ...multipartBody(form.parts) });
      tally('links/submission (multipart)');
      expectClearRefusal(response, `submission form ${form.name}`);
      expect([form.name, await strayFiles()]).toEqual([form.name, []]);
    }
    expect(await rowCounts()).toEqual(before);

    // Path tricks on a real PDF: accepted, stored by content under a plain name that never leaves the folder.
    for (const name of PATH_TRICKS.filter((candidate) => KEEPS_PDF_NAME.test(candidate))) {
      const response = await api.app.inject({
        method: 'POST',
        url,
        ...multipartBody([ok, pdf(name)]),
      });
      tally('links/submission (multipart)');
      expect([name, response.statusCode]).toEqual([name, 201]);
      const [stored] = response.json<{ attachments: Array<{ name: string }> }>().attachments;
      expect(stored!.name).not.toMatch(/[\\/"<>|:*?]/u);
      expect(CONTROL_CHARACTER.test(stored!.name)).toBe(false);
      expect(stored!.name.length).toBeLessThanOrEqual(200);
    }
    expect(readdirSync(api.dataDir).sort()).toEqual(['attachments']);
    expect(await strayFiles()).toEqual([]);

    // Hostile but legal text in every free-text field: accepted, stored and shown exactly as sent.
    for (const text of [...SQL_INJECTIONS, ...HTML_INJECTIONS, VIETNAMESE_NFC]) {
      const response = await api.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: {
          submittedBy: text,
          text,
          nominations: [{ form: 'cá nhân', name: text, achievements: text }],
        },
      });
      tally('links/submission (JSON)');
      expect([text, response.statusCode, response.statusCode === 201 ? '' : response.body]).toEqual([text, 201, '']);
      const receipt = response.json<{ receiptNumber: string }>().receiptNumber;
      const stored = await database.db
        .selectFrom('submissions')
        .selectAll()
        .where('receipt_number', '=', receipt)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ submitted_by: text, text });
      const shown = await api.app.inject({ url: `/api/links/${token}/submissions/${encodeURIComponent(receipt)}` });
      expect(shown.json()).toMatchObject({ submittedBy: text, text });
    }
    // The NFD form of a name is stored composed.
    const nfd = await api.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: { submittedBy: VIETNAMESE_NFD, text: VIETNAMESE_NFD },
    });
    expect(nfd.statusCode).toBe(201);
    const nfdRow = await database.db
      .selectFrom('submissions')
      .select(['submitted_by', 'text'])
      .where('receipt_number', '=', nfd.json<{ receiptNumber: string }>().receiptNumber)
      .executeTakeFirstOrThrow();
    expect(nfdRow).toEqual({ submitted_by: VIETNAMESE_NFC, text: VIETNAMESE_NFC });
    expect(
      await database.db
        .selectFrom('obligations')
        .select('status')
        .where('id', '=', obligationId(planCode, 'SGD'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'submitted' });
  });

  it('login: hostile usernames and passwords are 400, 401 or 429, never 500, and open no session', async () => {
    const before = await rowCounts();
    const bodies: unknown[] = [
      ...[...SQL_INJECTIONS, ...HTML_INJECTIONS.slice(0, 2), ...CONTROL_STRINGS.slice(0, 2), VIETNAMESE_NFD].map(
        (username) => ({ username, password: 'sai' }),
      ),
      ...SQL_INJECTIONS.slice(0, 2).map((password) => ({ username: 'admin', password })),
      { username: 'x'.repeat(10_000), password: 'sai' },
      { username: 123, password: 'sai' },
      { username: ['admin'], password: 'sai' },
      { username: { $ne: null }, password: { $ne: null } },
      { username: 'admin' },
      {},
      'username=admin&password=x',
    ];
    for (const payload of bodies) {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': typeof payload === 'string' ? 'text/plain' : 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      tally('auth/login');
      expectClearRefusal(response, `login ${JSON.stringify(payload).slice(0, 60)}`);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('the outbox page and message escape hostile plan, unit and report text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-outbox-corpus-'));
    const log = createLogger('test', 'silent');
    try {
      const activities = createActivities({
        db: database.db,
        email: createOutboxEmailProvider(dir),
        zalo: null,
        log,
        notify: { mailFrom: { name: 'Đôn đốc', address: 'khong-tra-loi@sonoivu.example.vn' } },
      });
      for (const attack of HTML_INJECTIONS) {
        const request = reminderRequest();
        await activities.sendNotification({
          ...request,
          plan: { ...request.plan, title: attack, issuer: attack },
          milestone: { ...request.milestone, title: attack },
          recipient: { ...request.recipient, name: attack, unitName: attack },
          report: { ...request.report!, title: attack },
        });
      }
      const app = buildHttpServer({ temporal: env.client, db: database.db, log, outboxDir: dir, zaloWebhook: null });
      try {
        const listing = await app.inject({ url: '/outbox' });
        const messages = (await app.inject({ url: '/outbox?format=json' })).json<{
          messages: Array<{ name: string }>;
        }>().messages;
        expect(messages).toHaveLength(HTML_INJECTIONS.length);
        const pages = [
          listing.body,
          ...(await Promise.all(messages.map((m) => app.inject({ url: `/outbox/${m.name}` })))).map((r) => r.body),
        ];
        for (const page of pages) {
          for (const attack of HTML_INJECTIONS.filter((text) => /[<>]/.test(text))) {
            expect(page).not.toContain(attack);
          }
          expect(page).not.toMatch(/<script>alert|<img src=x|<svg onload|<iframe src=javascript/i);
        }
        expect(pages.slice(1).join('')).toContain('&lt;script&gt;alert(');
      } finally {
        await app.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
