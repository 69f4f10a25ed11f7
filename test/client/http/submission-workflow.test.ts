import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { signReporterLink } from '../../../activities/links/reporter-link';
import { listAudit } from '../../../db/audit-log.repository';
import { planCycleWorkflowId } from '../../../domain/ids';
import { planCycleStatusQuery } from '../../../workflows/plan-cycle';
import { unitMilestoneStatusQuery } from '../../../workflows/unit-milestone';
import { addAccount, buildTestApi, LINK_SECRET, loginHeaders } from './helpers/api-fixture';
import { waitFor } from '../../integration/helpers/api-cycle';
import { calendar, obligationId, planYaml, YEAR } from './helpers/api-seed';
import { multipartBody } from './helpers/multipart';
import { seedObligationsOpen, startCycleWorker, useCycleServices } from './helpers/seed-cycle';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('workflow-backed routes on the dev server with the real worker and Postgres', () => {
  const services = useCycleServices();

  it('starts a plan, takes a submission through a link into the workflow and the database, refuses as designed', async () => {
    const { env, database } = services;
    const { worker, taskQueue } = await startCycleWorker(services);
    const api = buildTestApi(database.db, { temporal: env.client, api: { taskQueue, workingCalendar: calendar } });
    const admin = `admin-${randomUUID().slice(0, 6)}`;
    await addAccount(database.db, admin, 'admin');
    const auth = await loginHeaders(api.app, admin);
    const json = { ...auth, 'content-type': 'application/json' };
    const code = `${randomUUID().slice(0, 6)}/KH-UBND`;
    const enc = encodeURIComponent;

    try {
      await worker.runUntil(async () => {
        const loaded = await api.app.inject({
          method: 'POST',
          url: '/api/plans?file=thu.yaml',
          headers: { ...auth, 'content-type': 'application/yaml' },
          payload: planYaml(code),
        });
        expect(loaded.statusCode).toBe(201);

        const started = await api.app.inject({ method: 'POST', url: `/api/plans/${enc(code)}/start`, headers: auth });
        expect(started.json()).toMatchObject({ outcome: 'started', workflowId: planCycleWorkflowId(code), version: 1 });
        const again = await api.app.inject({ method: 'POST', url: `/api/plans/${enc(code)}/start`, headers: auth });
        expect(again.json()).toMatchObject({ outcome: 'already-running', message: expect.stringContaining('đã chạy') });

        const sgd = obligationId(code, 'SGD');
        const syt = obligationId(code, 'SYT');
        await seedObligationsOpen(database.db, code);

        // The admin issues SGD's link; the unit opens its page.
        const issued = await api.app.inject({
          method: 'POST',
          url: `/api/obligations/${enc(sgd)}/links`,
          headers: json,
          payload: {},
        });
        expect(issued.statusCode).toBe(201);
        const { token, linkId, expiresAt } = issued.json<{ token: string; linkId: string; expiresAt: string }>();
        expect(expiresAt.startsWith(`${YEAR + 1}-02-`)).toBe(true);
        const page = await api.app.inject({ url: `/api/links/${token}` });
        expect(page.json()).toMatchObject({
          plan: { code, title: 'Kế hoạch thử API' },
          milestone: { id: 'tong-ket', title: 'Tổng kết năm' },
          report: { id: 'bao-cao', nominations: { forms: ['tập thể', 'cá nhân'], quota: 3 } },
          deadline: { dueAt: `${YEAR + 1}-01-01T00:00:00+07:00`, lastDay: `${YEAR}-12-31`, overdue: false },
          acceptsSubmission: true,
          submissions: [],
        });
        expect(page.json<{ deadline: { text: string } }>().deadline.text).toMatch(/^còn /);

        // Over the plan's quota: the workflow's validator refuses, 422 with its Vietnamese reason.
        const nominee = {
          form: 'cá nhân',
          name: 'Phạm Thị Dung',
          achievements: 'Giáo viên giỏi',
          birthDate: '1980-02-03',
        };
        const overQuota = await api.app.inject({
          method: 'POST',
          url: `/api/links/${token}/submission`,
          payload: { submittedBy: 'Nguyễn Văn An', text: 'x', nominations: [nominee, nominee, nominee, nominee] },
        });
        expect(overQuota.statusCode).toBe(422);
        expect(overQuota.json()).toEqual({
          error: {
            code: 'SUBMISSION_OVER_QUOTA',
            message: '4 điển hình, kế hoạch cho phép không quá 03',
            field: null,
          },
        });

        // A renamed executable is refused before anything reaches the workflow.
        const fake = multipartBody([
          { name: 'submission', value: JSON.stringify({ submittedBy: 'Nguyễn Văn An', text: 'x' }) },
          { name: 'attachments', filename: 'bao-cao.pdf', content: Buffer.from('MZ\x90\x00 not a pdf') },
        ]);
        const refusedFile = await api.app.inject({ method: 'POST', url: `/api/links/${token}/submission`, ...fake });
        expect(refusedFile.statusCode).toBe(400);
        expect(refusedFile.json<{ error: { code: string } }>().error.code).toBe('SUBMISSION_FILE_TYPE');

        // The real submission: text, a nomination, a PDF whose name tries to climb out of the folder.
        const form = multipartBody([
          {
            name: 'submission',
            value: JSON.stringify({
              submittedBy: 'Nguyễn Văn An',
              text: 'Báo cáo tổng kết năm',
              nominations: [nominee],
            }),
          },
          { name: 'attachments', filename: '../../../etc/bao-cao-tong-ket.pdf', content: PDF },
        ]);
        const once = { ...form, headers: { ...form.headers, 'idempotency-key': `nop-${randomUUID()}` } };
        const submitted = await api.app.inject({ method: 'POST', url: `/api/links/${token}/submission`, ...once });
        expect(submitted.statusCode).toBe(201);
        const receipt = submitted.json<{ receiptNumber: string; late: boolean; message: string }>();
        // Its answer lost, the page sends it again with the same key: the same receipt, nothing taken twice (below:
        // one submission, one file, one audit entry).
        const repeated = await api.app.inject({ method: 'POST', url: `/api/links/${token}/submission`, ...once });
        expect([repeated.statusCode, repeated.json<{ receiptNumber: string }>().receiptNumber]).toEqual([
          201,
          receipt.receiptNumber,
        ]);
        const badKey = await api.app.inject({
          method: 'POST',
          url: `/api/links/${token}/submission`,
          ...form,
          headers: { ...form.headers, 'idempotency-key': 'ngắn' },
        });
        expect([badKey.statusCode, badKey.json<{ error: { field: string } }>().error.field]).toEqual([
          400,
          'idempotency-key',
        ]);
        expect(receipt.receiptNumber).toMatch(/^BN-\d{8}-SGD-1-[0-9A-F]{6}$/);
        expect(receipt.late).toBe(false);
        expect(receipt.message).toMatch(
          /^Đã nhận báo cáo lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}, đúng hạn\. Số biên nhận: BN-/,
        );

        const sha256 = createHash('sha256').update(PDF).digest('hex');
        expect(readFileSync(path.join(api.dataDir, 'attachments', sha256))).toEqual(PDF);
        expect(existsSync(path.join(api.dataDir, 'etc'))).toBe(false);
        const stored = await database.db
          .selectFrom('submissions')
          .selectAll()
          .where('obligation_id', '=', sgd)
          .execute();
        expect(stored).toEqual([
          expect.objectContaining({ receipt_number: receipt.receiptNumber, submitted_by: 'Nguyễn Văn An' }),
        ]);
        const files = await database.db
          .selectFrom('attachments')
          .selectAll()
          .where('obligation_id', '=', sgd)
          .execute();
        expect(files).toEqual([
          expect.objectContaining({
            file_name: 'bao-cao-tong-ket.pdf',
            sha256,
            receipt_number: receipt.receiptNumber,
            link_id: linkId,
          }),
        ]);
        const status = await env.client.workflow.getHandle(sgd.split('#')[0]!).query(unitMilestoneStatusQuery);
        expect(status.obligations[0]).toMatchObject({
          state: 'submitted',
          submissions: [
            expect.objectContaining({
              receiptNumber: receipt.receiptNumber,
              attachments: [expect.objectContaining({ sha256 })],
            }),
          ],
        });
        expect(
          (await listAudit(database.db, 'obligation', sgd))
            .filter((entry) => entry.action === 'submission.create')
            .map((entry) => [entry.action, entry.actor]),
        ).toEqual([['submission.create', `reporter:SGD:${linkId}`]]);

        // A link of another unit for this report: refused, nothing sent to the workflow.
        const foreign = signReporterLink(
          { obligationId: sgd, unitCode: 'SYT', expiresAt: expiresAt },
          LINK_SECRET,
        ).token;
        const wrongUnit = await api.app.inject({
          method: 'POST',
          url: `/api/links/${foreign}/submission`,
          payload: { submittedBy: 'Trần Văn Cường', text: 'x' },
        });
        expect(wrongUnit.statusCode).toBe(403);
        expect(wrongUnit.json<{ error: { code: string } }>().error.code).toBe('LINK_WRONG_UNIT');

        // Exempting a unit that has submitted: the validator refuses, 422, and the obligation is unchanged.
        const before = await database.db
          .selectFrom('obligations')
          .selectAll()
          .where('id', '=', sgd)
          .executeTakeFirstOrThrow();
        const exempt = await api.app.inject({
          method: 'POST',
          url: `/api/obligations/${enc(sgd)}/exempt`,
          headers: json,
          payload: { reason: 'thử' },
        });
        expect(exempt.statusCode).toBe(422);
        expect(exempt.json()).toEqual({
          error: { code: 'EXEMPTION_NOT_NEEDED', message: 'đơn vị đã nộp báo cáo', field: null },
        });
        expect(
          await database.db.selectFrom('obligations').selectAll().where('id', '=', sgd).executeTakeFirstOrThrow(),
        ).toEqual(before);

        // Extensions: an earlier day is refused (422); a later one moves the deadline, audited with the admin.
        const earlier = await api.app.inject({
          method: 'POST',
          url: `/api/obligations/${enc(syt)}/extend`,
          headers: json,
          payload: { lastDay: `01/01/${YEAR}`, reason: 'thử' },
        });
        expect(earlier.statusCode).toBe(422);
        expect(earlier.json<{ error: { code: string } }>().error.code).toBe('EXTENSION_NOT_LATER');
        const extended = await api.app.inject({
          method: 'POST',
          url: `/api/obligations/${enc(syt)}/extend`,
          headers: json,
          payload: { lastDay: `15/01/${YEAR + 1}`, reason: 'Sở xin thêm thời gian' },
        });
        expect(extended.json()).toMatchObject({
          lastDay: `${YEAR + 1}-01-15`,
          dueAt: `${YEAR + 1}-01-16T00:00:00+07:00`,
        });
        expect(
          (await listAudit(database.db, 'obligation', syt)).find((entry) => entry.action === 'obligation.extend'),
        ).toMatchObject({
          actor: admin,
          reason: 'Sở xin thêm thời gian',
        });

        // The admin revokes SGD's link: it opens nothing any more.
        const revoked = await api.app.inject({
          method: 'POST',
          url: `/api/obligations/${enc(sgd)}/links/${linkId}/revoke`,
          headers: json,
          payload: { reason: 'gửi nhầm người' },
        });
        expect(revoked.json()).toMatchObject({ outcome: 'revoked' });
        expect(
          (await api.app.inject({ url: `/api/links/${token}` })).json<{ error: { code: string } }>().error.code,
        ).toBe('LINK_REVOKED');

        // An amendment reaches the running cycle, as `dondoc plan amend` does.
        const amended = await api.app.inject({
          method: 'PUT',
          url: `/api/plans/${enc(code)}?reason=${enc('Đổi tên kế hoạch')}`,
          headers: { ...auth, 'content-type': 'application/yaml' },
          payload: planYaml(code).replace('title: Kế hoạch thử API', 'title: Kế hoạch thử API (điều chỉnh)'),
        });
        expect(amended.json()).toMatchObject({ outcome: 'amended', version: 2, signalled: true });
        await waitFor(
          async () =>
            (await env.client.workflow.getHandle(planCycleWorkflowId(code)).query(planCycleStatusQuery)).planVersion ===
            2
              ? true
              : undefined,
          'the cycle on version 2',
        );

        const sytLink = (
          await api.app.inject({
            method: 'POST',
            url: `/api/obligations/${enc(syt)}/links`,
            headers: json,
            payload: {},
          })
        ).json<{ token: string }>().token;
        const cancelled = await api.app.inject({
          method: 'POST',
          url: `/api/plans/${enc(code)}/cancel`,
          headers: json,
          payload: { reason: 'hết thử' },
        });
        expect(cancelled.json()).toMatchObject({ outcome: 'cancelled' });
        // Once the cycle is cancelled its workflows are gone: a submission is refused as closed, never a 5xx.
        const sytTree = env.client.workflow.getHandle(syt.split('#')[0]!);
        await waitFor(async () => ((await sytTree.describe()).status.name === 'RUNNING' ? undefined : true), 'the end');
        const late = await api.app.inject({
          method: 'POST',
          url: `/api/links/${sytLink}/submission`,
          payload: { submittedBy: 'Trần Văn Cường', text: 'Báo cáo' },
        });
        expect([404, 409]).toContain(late.statusCode);
        expect(late.json<{ error: { message: string } }>().error.message).toMatch(/(đã đóng|đã kết thúc|không chạy)/);
        // Each step is audited with the admin who took it (the cycle itself records the cancellation it received too).
        expect((await listAudit(database.db, 'plan', code)).map((entry) => [entry.action, entry.actor])).toEqual(
          expect.arrayContaining([
            ['plan.create', admin],
            ['plan.running', admin],
            ['plan.cancelled', admin],
            ['plan.amend', admin],
            ['plan.cancel', admin],
          ]),
        );
      });
    } finally {
      await api.close();
    }
  });
});
