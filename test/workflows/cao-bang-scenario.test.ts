import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NotificationRequest } from '../../activities/notify/send-notification';
import { importUnits } from '../../db/import/import-units';
import { listObligations, listRollups } from '../../db/obligation.repository';
import { createPlan } from '../../db/plan.repository';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { parseInstant } from '../../domain/civil-time';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../../domain/ids';
import { loadPlan } from '../../domain/plan/load-plan';
import type { Recipient } from '../../domain/plan/plan-schema';
import type { ResolvedLevelDeadline, ResolvedPlan } from '../../domain/plan/resolved-plan';
import { loadCalendarFiles } from '../../runtime/calendar-files';
import { amendPlanSignal, planCycleWorkflow } from '../../workflows/plan-cycle';
import {
  exemptReportUpdate,
  extendDeadlineUpdate,
  submitReportUpdate,
  unitMilestoneStatusQuery,
  type unitMilestoneWorkflow,
} from '../../workflows/unit-milestone';
import { startTimeSkippingEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { recordingSender } from '../helpers/recording-sender';
import { createTestWorker } from '../helpers/test-worker';
import {
  caoBangPlan,
  headEmail,
  OWNER,
  OWNER_HEAD,
  reporterEmail,
  writeCaoBangSubset,
  type CaoBangFiles,
} from './cao-bang-units';

const M1 = 'lua-chon-2021';
const M2 = 'so-ket-2023';
const M3 = 'tong-ket-2025';
const M4 = 'dai-hoi-2025';
const REPORT: Record<string, string> = {
  [M1]: 'co-cau',
  [M2]: 'bao-cao-so-ket',
  [M3]: 'bao-cao-tong-ket',
  [M4]: 'de-nghi-khen-thuong',
};
const ROLES: Record<Recipient, string[]> = {
  'người báo cáo': ['reporter'],
  'thủ trưởng đơn vị': ['head'],
  'thủ trưởng cấp trên': ['parent-head'],
  'cơ quan chủ trì': ['owner'],
  'bản tin lãnh đạo': ['leader'],
};

type Notice = [kind: string, role: string, email: string | undefined, at: string];

/**
 * What one unit's report should have sent, from the plan alone: the assignment at the opening, each reminder of its
 * level before it reported, each escalation step it had not reported by, the receipt. (`at` to the minute.)
 */
function expectedNotices(options: {
  opensAt: string;
  schedule: ResolvedLevelDeadline;
  submittedAt?: string;
  reporter: string;
  head: string;
  parentHead: string;
}): Notice[] {
  const { schedule, submittedAt } = options;
  const before = (at: string) => !submittedAt || parseInstant(at) < parseInstant(submittedAt);
  const email: Record<string, string> = {
    reporter: options.reporter,
    head: options.head,
    'parent-head': options.parentHead,
    owner: OWNER_HEAD,
    leader: OWNER_HEAD,
  };
  const notices: Notice[] = [
    ['assignment', 'reporter', options.reporter, options.opensAt.slice(0, 16)],
    ['assignment', 'head', options.head, options.opensAt.slice(0, 16)],
    ...schedule.reminders
      .filter((reminder) => before(reminder.at))
      .map(
        (reminder): Notice => [
          reminder.offset === 'sáng ngày hạn' ? 'due-today' : 'reminder',
          'reporter',
          options.reporter,
          reminder.at.slice(0, 16),
        ],
      ),
    ...schedule.escalations
      .filter((step) => before(step.at))
      .flatMap((step) =>
        step.notify.flatMap((recipient) =>
          ROLES[recipient].map(
            (role): Notice => [step.step === 1 ? 'overdue' : 'escalation', role, email[role], step.at.slice(0, 16)],
          ),
        ),
      ),
    ...(submittedAt ? [['receipt', 'reporter', options.reporter, submittedAt.slice(0, 16)] as Notice] : []),
  ];
  return notices.sort();
}

describe('the Cao Bằng plan 2021–2025, end to end over the 2025 reform (time-skipping server, real Postgres)', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let dir: string;
  let units: CaoBangFiles;
  const { sent, sendNotification } = recordingSender();

  beforeAll(async () => {
    // The server's clock starts in June 2021, before the plan's first milestone.
    [env, database] = await Promise.all([
      startTimeSkippingEnvironment({ startAt: '2021-06-01T00:00:00+07:00' }),
      openTestDatabase('postgres'),
    ]);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-cao-bang-'));
    units = writeCaoBangSubset(dir);
    const today = { today: '2026-11-22' };
    await importUnits(database.db, { files: [units.units], format: 'dvhcvn', validFrom: '2021-01-01' }, today);
    await importUnits(database.db, { files: [units.reform], format: 'reform', validFrom: undefined }, today);
    await importUnits(database.db, { files: [units.contacts], format: 'csv' }, today);
  });
  afterAll(async () => {
    await Promise.all([env?.teardown(), database?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('three milestones on the old tree and one on the new: every notice, every step, every roll-up', async () => {
    const code = `KH-CB-${randomUUID().slice(0, 6)}`;
    const calendar = buildWorkingCalendar(await loadCalendarFiles());
    const v1 = loadPlan(caoBangPlan(code), 'plans/cao-bang.yaml', calendar);
    // The amendment of 02/07/2025: after the reform, the final reports are due 31/07 instead of 15/07.
    const v2 = loadPlan(
      caoBangPlan(code).replace('due: chậm nhất ngày 15/7', 'due: chậm nhất ngày 31/7'),
      'plans/cao-bang.yaml',
      calendar,
    ).resolved;
    await createPlan(database.db, {
      sourceFile: 'plans/cao-bang.yaml',
      sourceText: caoBangPlan(code),
      definition: v1.plan,
      resolved: v1.resolved,
      actor: 'test',
    });
    const [d042, d043, d048] = units.districts as [
      CaoBangFiles['districts'][0],
      CaoBangFiles['districts'][0],
      CaoBangFiles['districts'][0],
    ];
    const communes = units.districts.flatMap((d) => d.communes.map((c) => ({ ...c, district: d.code })));
    // Who does what in 2021: the rest of the communes report on time on 01/09.
    const late2021 = [d042.communes[1]!.code, d043.communes[2]!.code];
    const missing2021 = [
      d042.communes[2]!.code,
      d043.communes[3]!.code,
      d043.communes[4]!.code,
      d048.communes[1]!.code,
    ];
    const exempt2021 = d043.communes[5]!.code;
    const missing2023 = [d042.communes[6]!.code, d048.communes[6]!.code];
    // 2025: five communes of Bảo Lâm report before the reform; after it, the successors of Bảo Lạc's and Hạ Lang's
    // communes report for them; the other eight of Bảo Lâm are never reported.
    const early2025 = d042.communes.slice(0, 5).map((c) => c.code);
    const missing2025 = d042.communes.slice(5).map((c) => c.code);
    const missingCongress = units.newCommunes.slice(-2).map((c) => c.code);
    const moved = d043.communes[0]!;
    const successor = units.successorOf.get(moved.code)!;

    const { worker, taskQueue } = await createTestWorker({
      env,
      dependencies: { db: database.db },
      activityOverrides: { sendNotification },
    });
    const unit = (milestone: string, unitCode: string): WorkflowHandle<typeof unitMilestoneWorkflow> =>
      env.client.workflow.getHandle(unitMilestoneWorkflowId(code, milestone, unitCode));
    const advanceTo = async (iso: string) => env.sleep(Math.max(0, parseInstant(iso) - (await env.currentTimeMs())));
    const submission = (milestone: string, unitCode: string, extra: object = {}) => ({
      unitCode,
      milestoneId: milestone,
      reportId: REPORT[milestone]!,
      submittedBy: reporterEmail(unitCode),
      text: `Báo cáo của ${unitCode}`,
      ...extra,
    });
    const submit = (milestone: string, obligationUnit: string, reportingUnit = obligationUnit, extra: object = {}) =>
      unit(milestone, obligationUnit).executeUpdate(submitReportUpdate, {
        args: [submission(milestone, reportingUnit, extra)],
      });
    const nominations = [
      { form: 'tập thể', name: 'Tổ dân phố Nà Pồng', achievements: 'Dẫn đầu phong trào thi đua' },
      { form: 'cá nhân', name: 'Nông Văn Thành', achievements: 'Sáng kiến giảm nghèo', birthDate: '1979-03-02' },
    ];
    const submittedAt = new Map<string, string>();
    const record = async (milestone: string, obligationUnit: string, promise: Promise<{ submittedAt: string }>) =>
      submittedAt.set(`${milestone}/${obligationUnit}`, (await promise).submittedAt);

    const largest = { events: 0, id: '' };
    const measure = async (milestone: string, codes: string[]) => {
      for (const unitCode of codes) {
        const events = (await unit(milestone, unitCode).fetchHistory()).events?.length ?? 0;
        if (events > largest.events) Object.assign(largest, { events, id: `${milestone}/${unitCode}` });
      }
    };

    const cycle = await worker.runUntil(async () => {
      const cycle = await env.client.workflow.start(planCycleWorkflow, {
        workflowId: planCycleWorkflowId(code),
        taskQueue,
        args: [{ version: 1, planVersion: 1, plan: v1.resolved, opened: [] }],
      });

      // ── 2021: selection. The tree in force on 01/07/2021: three districts, 43 communes.
      await advanceTo('2021-08-16T09:00:00+07:00');
      const first = d042.communes[0]!.code;
      await expect(submit(M1, first, first, { nominations: [...nominations, nominations[0]] })).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/^SUBMISSION_OVER_QUOTA: 3 điển hình/) },
      });
      await expect(submit(M1, first, d042.communes[1]!.code)).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/^SUBMISSION_WRONG_UNIT: /) },
      });
      await expect(submit(M1, first, first, { text: '' })).rejects.toMatchObject({
        cause: { message: 'SUBMISSION_EMPTY: báo cáo chưa có nội dung' },
      });
      expect((await unit(M1, first).query(unitMilestoneStatusQuery)).obligations[0]!.submissions).toEqual([]);
      await unit(M1, exempt2021).executeUpdate(exemptReportUpdate, {
        args: [{ reportId: REPORT[M1]!, actor: OWNER_HEAD, reason: 'Xã đang kiện toàn bộ máy, không có cán bộ' }],
      });
      await advanceTo('2021-09-01T09:00:00+07:00');
      await Promise.all(
        communes
          .filter((c) => ![...late2021, ...missing2021, exempt2021].includes(c.code))
          .map((c) =>
            record(
              M1,
              c.code,
              submit(
                M1,
                c.code,
                c.code,
                units.districts.some((d) => d.communes[0]!.code === c.code) ? { nominations } : {},
              ),
            ),
          ),
      );
      await advanceTo('2021-09-10T09:00:00+07:00');
      await unit(M1, d048.code).executeUpdate(extendDeadlineUpdate, {
        args: [{ reportId: REPORT[M1]!, lastDay: '2021-09-30', actor: OWNER_HEAD, reason: 'Huyện vùng cao, mưa lũ' }],
      });
      await advanceTo('2021-09-17T09:00:00+07:00');
      await record(M1, late2021[0]!, submit(M1, late2021[0]!));
      await advanceTo('2021-09-18T09:00:00+07:00');
      await record(M1, d042.code, submit(M1, d042.code));
      await advanceTo('2021-09-21T09:00:00+07:00');
      await record(M1, late2021[1]!, submit(M1, late2021[1]!));
      await advanceTo('2021-09-22T09:00:00+07:00');
      await record(M1, d043.code, submit(M1, d043.code));
      await advanceTo('2021-09-28T09:00:00+07:00');
      await record(M1, d048.code, submit(M1, d048.code));
      const root2021 = await unit(M1, OWNER).result();
      expect(root2021.rollup).toMatchObject({ units: 46, onTime: 38, late: 3, missing: 4, exempt: 1, extended: 1 });
      expect(root2021.rollup.nominations).toEqual({ '|tập thể': 3, '|cá nhân': 3 });
      await measure(M1, [OWNER, ...units.districts.map((d) => d.code), ...communes.map((c) => c.code)]);

      // ── 2023: the mid-term review, same tree.
      await advanceTo('2023-09-01T09:00:00+07:00');
      await Promise.all(
        communes.filter((c) => !missing2023.includes(c.code)).map((c) => record(M2, c.code, submit(M2, c.code))),
      );
      await advanceTo('2023-09-14T09:00:00+07:00');
      await Promise.all(units.districts.map((d) => record(M2, d.code, submit(M2, d.code))));
      expect((await unit(M2, OWNER).result()).rollup).toMatchObject({ units: 46, onTime: 44, missing: 2 });

      // ── 2025: the final review opens on 01/06 on the old tree; the reform takes effect on 01/07.
      await advanceTo('2025-06-20T09:00:00+07:00');
      await Promise.all(early2025.map((c) => record(M3, c, submit(M3, c))));
      await advanceTo('2025-07-02T09:00:00+07:00');
      expect((await unit(M3, moved.code).query(unitMilestoneStatusQuery)).obligations[0]).toMatchObject({
        state: 'open',
        lastDay: '2025-07-10',
      });
      // Reports already sent stay with the commune that sent them.
      expect((await unit(M3, early2025[0]!).query(unitMilestoneStatusQuery)).obligations[0]).toMatchObject({
        unitCode: early2025[0],
        submissions: [expect.objectContaining({ unitCode: early2025[0] })],
      });
      await cycle.signal(amendPlanSignal, { planVersion: 2, plan: v2 });
      await advanceTo('2025-07-03T09:00:00+07:00');
      // 31/07/2025 is a Thursday; communes three working days earlier: Monday 28/07.
      expect((await unit(M3, moved.code).query(unitMilestoneStatusQuery)).obligations[0]).toMatchObject({
        lastDay: '2025-07-28',
      });
      await advanceTo('2025-07-20T09:00:00+07:00');
      await Promise.all(
        [...d043.communes, ...d048.communes].map((c) =>
          record(M3, c.code, submit(M3, c.code, units.successorOf.get(c.code)!.code)),
        ),
      );
      // ── Quý III/2025: the congress nominations opened on 01/07 on the new tree: 17 communes under the province.
      await advanceTo('2025-09-01T09:00:00+07:00');
      await Promise.all(
        units.newCommunes
          .filter((c) => !missingCongress.includes(c.code))
          .map((c) => record(M4, c.code, submit(M4, c.code))),
      );
      const root2025 = await unit(M3, OWNER).result();
      // The districts were dissolved with no successor: exempted by the reform, not counted missing.
      expect(root2025.rollup).toMatchObject({ units: 46, onTime: 35, late: 0, missing: 8, exempt: 3 });
      expect((await unit(M4, OWNER).result()).rollup).toMatchObject({ units: 17, onTime: 15, missing: 2 });
      await measure(M3, [OWNER, ...units.districts.map((d) => d.code), ...communes.map((c) => c.code)]);
      await measure(M4, [OWNER, ...units.newCommunes.map((c) => c.code)]);
      return cycle.result();
    });
    expect(cycle).toMatchObject({ planVersion: 2, opened: [M1, M2, M3, M4], finished: expect.arrayContaining([M4]) });
    process.stdout.write(
      `largest workflow history in the Cao Bằng scenario: ${largest.events} events (${largest.id})\n`,
    );
    expect(largest.events).toBeLessThan(1000);

    // ── Every notice of the milestones on one tree, against the plan: recipient, kind and minute.
    const noticesOf = (milestone: string, unitCode: string): Notice[] =>
      sent
        .filter((n) => n.idempotencyKey.startsWith(`${unitMilestoneWorkflowId(code, milestone, unitCode)}/`))
        .map((n: NotificationRequest): Notice => [n.kind, n.recipient.role, n.recipient.email, n.now.slice(0, 16)])
        .sort();
    const milestoneOf = (id: string) => v1.resolved.milestones.find((m) => m.id === id)!;
    const level = (id: string, depth: number, plan: ResolvedPlan = v1.resolved) =>
      plan.milestones.find((m) => m.id === id)!.reports[0]!.levels[depth]!;
    for (const milestone of [M1, M2]) {
      for (const district of units.districts) {
        if (milestone === M1 && district.code === d048.code) continue; // its extension: checked below
        expect(noticesOf(milestone, district.code)).toEqual(
          expectedNotices({
            opensAt: milestoneOf(milestone).opensAt,
            schedule: level(milestone, 0),
            submittedAt: submittedAt.get(`${milestone}/${district.code}`),
            reporter: reporterEmail(district.code),
            head: headEmail(district.code),
            parentHead: OWNER_HEAD,
          }),
        );
        for (const commune of district.communes) {
          if (milestone === M1 && commune.code === exempt2021) continue;
          expect([commune.code, noticesOf(milestone, commune.code)]).toEqual([
            commune.code,
            expectedNotices({
              opensAt: milestoneOf(milestone).opensAt,
              schedule: level(milestone, 1),
              submittedAt: submittedAt.get(`${milestone}/${commune.code}`),
              reporter: reporterEmail(commune.code),
              head: headEmail(commune.code),
              parentHead: headEmail(district.code),
            }),
          ]);
        }
      }
    }
    for (const commune of units.newCommunes) {
      expect([commune.code, noticesOf(M4, commune.code)]).toEqual([
        commune.code,
        expectedNotices({
          opensAt: milestoneOf(M4).opensAt,
          schedule: level(M4, 0),
          submittedAt: submittedAt.get(`${M4}/${commune.code}`),
          reporter: reporterEmail(commune.code, true),
          head: headEmail(commune.code, true),
          parentHead: OWNER_HEAD,
        }),
      ]);
    }

    // One missing commune of 2021 written out in full, as its people received it.
    const silent = missing2021[0]!;
    expect(noticesOf(M1, silent).sort((a, b) => a[3].localeCompare(b[3]) || a[1].localeCompare(b[1]))).toEqual([
      ['assignment', 'head', headEmail(silent), '2021-07-01T00:00'],
      ['assignment', 'reporter', reporterEmail(silent), '2021-07-01T00:00'],
      ['reminder', 'reporter', reporterEmail(silent), '2021-09-06T08:00'],
      ['reminder', 'reporter', reporterEmail(silent), '2021-09-10T08:00'],
      ['reminder', 'reporter', reporterEmail(silent), '2021-09-14T08:00'],
      ['due-today', 'reporter', reporterEmail(silent), '2021-09-15T08:00'],
      ['overdue', 'head', headEmail(silent), '2021-09-16T08:00'],
      ['overdue', 'reporter', reporterEmail(silent), '2021-09-16T08:00'],
      ['escalation', 'parent-head', headEmail(d042.code), '2021-09-20T08:00'],
      ['escalation', 'leader', OWNER_HEAD, '2021-09-22T08:00'],
      ['escalation', 'owner', OWNER_HEAD, '2021-09-22T08:00'],
    ]);
    // Hạ Lang's extension moved its reminders and ladder to 30/09; it reported on 28/09, on time.
    expect(noticesOf(M1, d048.code).map(([kind, role, , at]) => [kind, role, at])).toEqual(
      [
        ['assignment', 'head', '2021-07-01T00:00'],
        ['assignment', 'reporter', '2021-07-01T00:00'],
        ['extension', 'head', '2021-09-10T09:00'],
        ['extension', 'reporter', '2021-09-10T09:00'],
        ['receipt', 'reporter', '2021-09-28T09:00'],
        ['reminder', 'reporter', '2021-09-21T08:00'],
        ['reminder', 'reporter', '2021-09-27T08:00'],
        ['reminder', 'reporter', '2021-09-09T08:00'],
      ].sort(),
    );
    expect(noticesOf(M1, exempt2021).map(([kind]) => kind)).toEqual(['assignment', 'assignment']);

    // ── 2025 across the reform: a Bảo Lạc commune's report moved to its successor on 01/07 and, amended, was due
    // 28/07: the successor's people got the rest, and reported on 20/07, on time.
    expect(
      noticesOf(M3, moved.code).sort((a, b) => a[3].localeCompare(b[3]) || a.join().localeCompare(b.join())),
    ).toEqual([
      ['assignment', 'head', headEmail(moved.code), '2025-06-01T00:00'],
      ['assignment', 'reporter', reporterEmail(moved.code), '2025-06-01T00:00'],
      ['assignment', 'head', headEmail(successor.code, true), '2025-07-01T00:00'],
      ['assignment', 'reporter', reporterEmail(successor.code, true), '2025-07-01T00:00'],
      ['reminder', 'reporter', reporterEmail(successor.code, true), '2025-07-01T08:00'],
      ['extension', 'head', headEmail(successor.code, true), '2025-07-02T09:00'],
      ['extension', 'reporter', reporterEmail(successor.code, true), '2025-07-02T09:00'],
      ['reminder', 'reporter', reporterEmail(successor.code, true), '2025-07-17T08:00'],
      ['receipt', 'reporter', reporterEmail(successor.code, true), '2025-07-20T09:00'],
    ]);
    // A Bảo Lâm commune nobody reported for: its successor was urged, and above it the Sở (its district is gone).
    const lost = missing2025[0]!;
    const heir = units.successorOf.get(lost)!.code;
    const amended = level(M3, 1, v2);
    expect(
      noticesOf(M3, lost)
        .filter(([kind]) => kind === 'overdue' || kind === 'escalation')
        .sort((a, b) => a[3].localeCompare(b[3]) || a.join().localeCompare(b.join())),
    ).toEqual([
      ['overdue', 'head', headEmail(heir, true), amended.escalations[0]!.at.slice(0, 16)],
      ['overdue', 'reporter', reporterEmail(heir, true), amended.escalations[0]!.at.slice(0, 16)],
      ['escalation', 'parent-head', OWNER_HEAD, amended.escalations[1]!.at.slice(0, 16)],
      ['escalation', 'leader', OWNER_HEAD, amended.escalations[2]!.at.slice(0, 16)],
      ['escalation', 'owner', OWNER_HEAD, amended.escalations[2]!.at.slice(0, 16)],
    ]);
    // The reminders of a dissolved district stop on 01/07.
    expect(noticesOf(M3, d042.code).every(([, , , at]) => at < '2025-07-01')).toBe(true);
    // Each notice once.
    const keys = sent.map((n) => n.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);

    // ── The read model the dashboards use, per level.
    const byLevel = async (milestone: string) => {
      const counts: Record<string, Record<string, number>> = {};
      for (const row of await listObligations(database.db, code, milestone)) {
        const key = `${row.level}`;
        counts[key] ??= {};
        counts[key][row.status] = (counts[key][row.status] ?? 0) + 1;
      }
      return counts;
    };
    expect(await byLevel(M1)).toEqual({
      '0': { 'on-time': 2, late: 1 },
      '1': { 'on-time': 36, late: 2, missing: 4, exempt: 1 },
    });
    expect(await byLevel(M2)).toEqual({ '0': { 'on-time': 3 }, '1': { 'on-time': 41, missing: 2 } });
    expect(await byLevel(M3)).toEqual({ '0': { exempt: 3 }, '1': { 'on-time': 35, missing: 8 } });
    expect(await byLevel(M4)).toEqual({ '0': { 'on-time': 15, missing: 2 } });
    const rows2025 = await listObligations(database.db, code, M3);
    expect(rows2025.find((row) => row.unit_code === moved.code)).toMatchObject({
      assigned_unit_code: successor.code,
      status: 'on-time',
    });
    expect(rows2025.find((row) => row.unit_code === early2025[0])).toMatchObject({
      assigned_unit_code: null,
      status: 'on-time',
    });
    expect(rows2025.find((row) => row.unit_code === d042.code)).toMatchObject({
      status: 'exempt',
      exempted_by: 'dondoc',
      exemption_reason: 'Huyện Bảo Lâm giải thể từ 2025-07-01, không có đơn vị kế thừa',
    });
    // Each district's roll-up is its subtree's, as the tree stood when the milestone opened.
    const rollups2021 = await listRollups(database.db, code, M1);
    expect(
      units.districts.map((d) => {
        const r = rollups2021.find((row) => row.unit_code === d.code)!.rollup;
        return [d.code, r.units, r.onTime, r.late, r.missing, r.exempt, r.extended];
      }),
    ).toEqual([
      [d042.code, 14, 12, 1, 1, 0, 0],
      [d043.code, 18, 13, 2, 2, 1, 0],
      [d048.code, 14, 13, 0, 1, 0, 1],
    ]);
  });
});
