import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { importUnits } from '../../db/import/import-units';
import { createPlan } from '../../db/plan.repository';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { vietnamCivilDate } from '../../domain/civil-time';
import { formatVietnameseDate } from '../../domain/notify/vietnamese-date';
import { loadPlan } from '../../domain/plan/load-plan';
import { freePort } from '../../runtime/ports';
import { leadersDigestWorkflow } from '../../workflows/leaders-digest';
import { startFakeZalo, type FakeZalo } from '../activities/notify/helpers/fake-zalo';
import { leaves, parseMime } from '../activities/notify/helpers/parse-mime';
import { startSmtpSink, type SmtpSink } from '../activities/notify/helpers/smtp-sink';
import { spawnApp, type AppProcess } from '../helpers/app-process';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';

const SECRETS = { appSecret: 'app-secret-Start77', refreshToken: 'RT-start-initial-Yq3' };

const plan = (code: string) => `format: 1
code: ${code}
title: Kế hoạch gửi thư thật
issuer: UBND tỉnh
period: 2035-2035
owner: { unit: SNV, name: Sở Nội vụ }
scope: { units: [{ unit: SGD }], levels: [cấp sở] }
milestones:
  - { id: tong-ket-2035, kind: tổng kết, title: Tổng kết, when: Quý III/2035, reports: [{ id: bao-cao, title: Báo cáo }] }
`;

/** A plan whose owner's head gets the leaders' digest, and one overdue report for it to name. */
async function seedOverdue(database: TestDatabase, dir: string): Promise<string> {
  writeFileSync(
    path.join(dir, 'units.csv'),
    'code,name,type,parent_code,valid_from,head_name,head_email\n' +
      'SNV,Sở Nội vụ,Sở,,2020-01-01,Giám đốc Sở Nội vụ,gd@snv.example.invalid\n' +
      'SGD,Sở Giáo dục và Đào tạo,Sở,,2020-01-01,Giám đốc Sở GD,gd@sgd.example.invalid\n',
  );
  await importUnits(database.db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-01-01' });
  const code = `${randomUUID().slice(0, 6)}/KH-UBND`;
  const { plan: definition, resolved } = loadPlan(plan(code), 'plans/thu.yaml', buildWorkingCalendar([]));
  await createPlan(database.db, {
    sourceFile: 'plans/thu.yaml',
    sourceText: plan(code),
    definition,
    resolved,
    actor: 't',
  });
  const sgd = await database.db.selectFrom('units').select('id').where('code', '=', 'SGD').executeTakeFirstOrThrow();
  const dueAt = new Date(Date.now() - 3 * 86_400_000);
  await database.db
    .insertInto('obligations')
    .values({
      id: `plan/${code}/tong-ket-2035/SGD#bao-cao`,
      workflow_id: `plan/${code}/tong-ket-2035/SGD`,
      plan_code: code,
      plan_version: 1,
      milestone_id: 'tong-ket-2035',
      report_id: 'bao-cao',
      unit_id: sgd.id,
      unit_code: 'SGD',
      unit_name: 'Sở Giáo dục và Đào tạo',
      parent_unit_code: 'SNV',
      assigned_unit_code: null,
      level: 0,
      due_at: dueAt,
      original_due_at: dueAt,
      status: 'overdue',
      submitted_at: null,
      submission_version: 0,
      extended_by: null,
      extension_reason: null,
      exempted_by: null,
      exemption_reason: null,
      escalation_step: 1,
    })
    .execute();
  return code;
}

describe('npm start with SMTP_URL and Zalo configured: the providers it chose, and a message that arrives', () => {
  let dir: string;
  let database: TestDatabase;
  let sink: SmtpSink;
  let zalo: FakeZalo;
  let app: AppProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-delivery-start-'));
    [database, sink, zalo] = await Promise.all([
      openTestDatabase('postgres'),
      startSmtpSink(),
      startFakeZalo({ appSecret: SECRETS.appSecret, initialRefreshToken: SECRETS.refreshToken }),
    ]);
  });
  afterAll(async () => {
    // Ctrl-C first, so a failed test does not leave the app's dev server behind; SIGKILL if it hangs.
    await app?.stop();
    await Promise.all([database?.close(), sink?.close(), zalo?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('says which providers it uses without a secret, sends through the SMTP pool, makes the receipt schedule', async () => {
    const planCode = await seedOverdue(database, dir);
    const [temporalPort, uiPort, httpPort] = await Promise.all([freePort(), freePort(), freePort()]);
    app = spawnApp({
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: database.url,
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      HTTP_PORT: String(httpPort),
      SMTP_URL: sink.url,
      SMTP_RATE_PER_PLAN: '5',
      MAIL_FROM: 'Đôn đốc <khong-tra-loi@sonoivu.example.vn>',
      ZALO_APP_ID: '4310000000000000005',
      ZALO_APP_SECRET: SECRETS.appSecret,
      ZALO_REFRESH_TOKEN: SECRETS.refreshToken,
      ZALO_API_URL: zalo.url,
      ZALO_OAUTH_URL: zalo.url,
    });
    await app.waitFor(/Đôn đốc đang chạy/, 90_000);

    const output = app.output();
    expect(output).toContain(
      `Thư đi:           SMTP smtp://127.0.0.1:${sink.port} (5 kết nối, 5 thư/giây mỗi kế hoạch)`,
    );
    expect(output).toContain(
      `Zalo:             ZNS ${zalo.url}, ứng dụng 4310000000000000005, 10 tin/giây, không gửi 21:00–07:00`,
    );
    // Logged once, as JSON, with the same words.
    expect(output.match(/"msg":"notification providers"/g)).toHaveLength(1);

    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    try {
      const client = new Client({ connection });
      const schedule = await client.schedule.getHandle('zalo-receipts').describe();
      expect(schedule.action).toMatchObject({ workflowType: 'zaloReceiptsWorkflow', taskQueue: 'dondoc' });

      const result = await client.workflow.execute(leadersDigestWorkflow, {
        workflowId: `digest/${planCode}/run-${randomUUID()}`,
        taskQueue: 'dondoc',
        args: [{ version: 1, planCode }],
      });
      expect(result).toEqual({ overdue: 1, sent: true });
    } finally {
      await connection.close();
    }
    await sink.waitForMessages(1);
    const [message] = sink.messages;
    expect(message!.envelopeTo).toEqual(['gd@snv.example.invalid']);
    expect(message!.envelopeFrom).toBe('khong-tra-loi@sonoivu.example.vn');
    const mime = parseMime(message!.raw);
    expect(mime.headers.subject).toBe(
      `[${planCode}] Bản tin ${formatVietnameseDate(vietnamCivilDate(Date.now()))}: 0/1 đơn vị đã gửi các báo cáo quá hạn`,
    );
    expect(leaves(mime).some((part) => part.body.includes('Sở Giáo dục và Đào tạo (SGD)'))).toBe(true);

    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
    for (const secret of Object.values(SECRETS)) expect(app.output()).not.toContain(secret);
  });
});
