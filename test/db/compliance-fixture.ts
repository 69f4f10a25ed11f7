import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { importUnits } from '../../db/import/import-units';
import { claimDelivery, markDeliverySent } from '../../db/notification-log.repository';
import { insertEscalation, insertSubmission, upsertObligation } from '../../db/obligation.repository';
import { createPlan } from '../../db/plan.repository';
import type { Database } from '../../db/schema';
import type { ObligationStatus } from '../../db/tables/obligation.table';
import { buildWorkingCalendar } from '../../domain/calendar/working-calendar-builder';
import { formatVietnamInstant, parseInstant, vietnamCivilDate, vietnamEpochMs } from '../../domain/civil-time';
import { unitMilestoneWorkflowId } from '../../domain/ids';
import type { Nomination } from '../../domain/obligation/submission';
import { loadPlan } from '../../domain/plan/load-plan';
import { loadCalendarFiles } from '../../runtime/calendar-files';

/**
 * The compliance read model of a two-milestone plan over a province, its Sở Nội vụ (the owner), two districts and
 * four communes, written through the repositories the workflows' activities use. The first milestone ends as the
 * plan-cycle workflow test ends (test/workflows/plan-cycle.test.ts): H1, H2 (extended), X11 on time, X12 late,
 * X21 missing after three escalation steps, X22 exempt. The second is running at `NOW`: H1 submitted on time, H2
 * not yet due, X11 and X12 overdue, X21 submitted late (twice), X22 cancelled.
 */
export const NOW = '2032-09-20T10:00:00+07:00';

const UNITS_CSV = `code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email
T1,Tỉnh Thử Nghiệm,Tỉnh,,2020-01-01,,,Chủ tịch UBND tỉnh,chu-tich@t1.example.invalid
T1-SNV,Sở Nội vụ tỉnh Thử Nghiệm,Sở,T1,2020-01-01,Cán bộ TĐKT,tdkt@snv.example.invalid,Giám đốc Sở Nội vụ,giam-doc@snv.example.invalid
H1,Huyện Một,Huyện,T1,2020-01-01,Văn thư H1,vt@h1.example.invalid,Chủ tịch H1,ct@h1.example.invalid
H2,Huyện Hai,Huyện,T1,2020-01-01,Văn thư H2,vt@h2.example.invalid,Chủ tịch H2,ct@h2.example.invalid
X11,Xã Một Một,Xã,H1,2020-01-01,Văn thư X11,vt@x11.example.invalid,Chủ tịch X11,ct@x11.example.invalid
X12,Xã Một Hai,Xã,H1,2020-01-01,Văn thư X12,vt@x12.example.invalid,Chủ tịch X12,ct@x12.example.invalid
X21,Xã Hai Một,Xã,H2,2020-01-01,Văn thư X21,vt@x21.example.invalid,Chủ tịch X21,ct@x21.example.invalid
X22,Xã Hai Hai,Xã,H2,2020-01-01,Văn thư X22,vt@x22.example.invalid,Chủ tịch X22,ct@x22.example.invalid
`;

const report = (due: string) => `
      - id: bao-cao
        title: Báo cáo kết quả
        due: ${due}
        cascade: { gap: 3 ngày làm việc }
        nominations:
          forms: [tập thể, cá nhân, hộ gia đình]
          quota: không quá 02 điển hình
          fields: [{ name: Kinh tế }, { name: Văn hoá - xã hội }]`;

export const planText = (code: string) => `format: 1
code: ${code}
title: Kế hoạch thi đua thử nghiệm giai đoạn 2031 - 2032
issuer: UBND tỉnh Thử Nghiệm
period: 2031-2032
owner: { unit: T1-SNV, name: Sở Nội vụ }
scope:
  units: [{ children_of: T1, types: [Huyện] }]
  levels: [cấp huyện, cấp xã]
milestones:
  - id: so-ket-2031
    kind: sơ kết
    title: Sơ kết năm 2031
    when: Quý III/2031
    reports:${report('chậm nhất ngày 20/9')}
  - id: tong-ket-2032
    kind: tổng kết
    title: Tổng kết năm 2032
    when: Quý III/2032
    reports:${report('chậm nhất ngày 22/9')}
`;

interface Row {
  milestone: 'so-ket-2031' | 'tong-ket-2032';
  unit: string;
  parent: string;
  level: number;
  status: ObligationStatus;
  /** The last day on time; the deadline instant is 24:00 of it. */
  lastDay: string;
  originalLastDay?: string;
  submittedAt?: string;
  extendedBy?: string;
  exemptedBy?: string;
  escalationStep?: number;
  submissions?: Array<{ at: string; late: boolean; nominations?: Nomination[] }>;
}

const UNIT_NAMES: Record<string, string> = {
  H1: 'Huyện Một',
  H2: 'Huyện Hai',
  X11: 'Xã Một Một',
  X12: 'Xã Một Hai',
  X21: 'Xã Hai Một',
  X22: 'Xã Hai Hai',
};

const nomination = (form: Nomination['form'], name: string, field?: string): Nomination => ({
  form,
  name,
  achievements: 'Dẫn đầu phong trào thi đua',
  ...(field ? { field } : {}),
  ...(form === 'cá nhân' ? { birthDate: '1980-01-01', position: 'Chủ tịch Hội Nông dân' } : {}),
});

const ROWS: Row[] = [
  {
    milestone: 'so-ket-2031',
    unit: 'H1',
    parent: 'T1-SNV',
    level: 0,
    status: 'on-time',
    lastDay: '2031-09-22',
    submissions: [{ at: '2031-09-22T16:00:00+07:00', late: false }],
  },
  {
    milestone: 'so-ket-2031',
    unit: 'H2',
    parent: 'T1-SNV',
    level: 0,
    status: 'on-time',
    lastDay: '2031-09-26',
    originalLastDay: '2031-09-22',
    extendedBy: 'giam-doc@snv',
    submissions: [{ at: '2031-09-25T09:00:00+07:00', late: false }],
  },
  {
    milestone: 'so-ket-2031',
    unit: 'X11',
    parent: 'H1',
    level: 1,
    status: 'on-time',
    lastDay: '2031-09-17',
    submissions: [
      {
        at: '2031-09-10T10:00:00+07:00',
        late: false,
        nominations: [
          nomination('tập thể', 'Tổ dân phố số 3', 'Kinh tế'),
          nomination('cá nhân', 'Nguyễn Văn A', 'Văn hoá - xã hội'),
        ],
      },
    ],
  },
  {
    milestone: 'so-ket-2031',
    unit: 'X12',
    parent: 'H1',
    level: 1,
    status: 'late',
    lastDay: '2031-09-17',
    escalationStep: 1,
    submissions: [{ at: '2031-09-19T15:00:00+07:00', late: true }],
  },
  {
    milestone: 'so-ket-2031',
    unit: 'X21',
    parent: 'H2',
    level: 1,
    status: 'missing',
    lastDay: '2031-09-17',
    escalationStep: 3,
  },
  {
    milestone: 'so-ket-2031',
    unit: 'X22',
    parent: 'H2',
    level: 1,
    status: 'exempt',
    lastDay: '2031-09-17',
    exemptedBy: 'giam-doc@snv',
  },
  {
    milestone: 'tong-ket-2032',
    unit: 'H1',
    parent: 'T1-SNV',
    level: 0,
    status: 'submitted',
    lastDay: '2032-09-22',
    submissions: [
      {
        at: '2032-09-15T08:30:00+07:00',
        late: false,
        nominations: [nomination('hộ gia đình', 'Hộ ông Lê Văn B', 'Kinh tế')],
      },
    ],
  },
  { milestone: 'tong-ket-2032', unit: 'H2', parent: 'T1-SNV', level: 0, status: 'open', lastDay: '2032-09-22' },
  { milestone: 'tong-ket-2032', unit: 'X11', parent: 'H1', level: 1, status: 'open', lastDay: '2032-09-17' },
  {
    milestone: 'tong-ket-2032',
    unit: 'X12',
    parent: 'H1',
    level: 1,
    status: 'overdue',
    lastDay: '2032-09-17',
    escalationStep: 1,
  },
  {
    milestone: 'tong-ket-2032',
    unit: 'X21',
    parent: 'H2',
    level: 1,
    status: 'submitted',
    lastDay: '2032-09-17',
    submissions: [
      { at: '2032-09-18T09:00:00+07:00', late: true, nominations: [nomination('tập thể', 'Thôn Nà Rày', 'Kinh tế')] },
      {
        at: '2032-09-19T09:00:00+07:00',
        late: true,
        nominations: [nomination('tập thể', 'Thôn Nà Rày', 'Kinh tế'), nomination('cá nhân', 'Hoàng Thị C')],
      },
    ],
  },
  { milestone: 'tong-ket-2032', unit: 'X22', parent: 'H2', level: 1, status: 'cancelled', lastDay: '2032-09-17' },
];

/** How many whole days to move the data so that `NOW`'s day is today in Vietnam. */
export function shiftToToday(): number {
  return Math.round((vietnamEpochMs(vietnamCivilDate(Date.now())) - vietnamEpochMs(NOW.slice(0, 10))) / 86_400_000);
}

/** 24:00 of a civil day in Vietnam, as the workflows store deadlines. */
export function endOfDay(day: string): string {
  return formatVietnamInstant(vietnamEpochMs(day) + 86_400_000);
}

/**
 * Loads the units and the plan under `code`, then writes the read model above — every instant moved by `shiftDays`
 * whole days when given, so that a test which cannot choose its `now` (the CLI reads the clock) sees the same figures
 * on the day `NOW` is moved to (see `shiftToToday`).
 */
export async function seedCompliance(
  db: Kysely<Database>,
  code: string,
  { shiftDays = 0 }: { shiftDays?: number } = {},
): Promise<void> {
  const at = (iso: string) => formatVietnamInstant(parseInstant(iso) + shiftDays * 86_400_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-compliance-'));
  try {
    writeFileSync(path.join(dir, 'units.csv'), UNITS_CSV);
    await importUnits(db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-11-22' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = planText(code);
  const { plan, resolved } = loadPlan(text, 'plans/thu.yaml', buildWorkingCalendar(await loadCalendarFiles()));
  await createPlan(db, { sourceFile: 'plans/thu.yaml', sourceText: text, definition: plan, resolved, actor: 'test' });
  const units = await db.selectFrom('units').select(['id', 'code']).execute();
  const unitId = (unitCode: string) => units.find((unit) => unit.code === unitCode)!.id;

  for (const row of ROWS) {
    const workflowId = unitMilestoneWorkflowId(code, row.milestone, row.unit);
    const obligationId = `${workflowId}#bao-cao`;
    const last = row.submissions?.at(-1);
    await upsertObligation(db, {
      id: obligationId,
      workflow_id: workflowId,
      plan_code: code,
      plan_version: 1,
      milestone_id: row.milestone,
      report_id: 'bao-cao',
      unit_id: unitId(row.unit),
      unit_code: row.unit,
      unit_name: UNIT_NAMES[row.unit]!,
      parent_unit_code: row.parent,
      assigned_unit_code: null,
      level: row.level,
      due_at: at(endOfDay(row.lastDay)),
      original_due_at: at(endOfDay(row.originalLastDay ?? row.lastDay)),
      status: row.status,
      submitted_at: last ? at(last.at) : null,
      submission_version: row.submissions?.length ?? 0,
      extended_by: row.extendedBy ?? null,
      extension_reason: row.extendedBy ? 'Huyện xin thêm thời gian tổng hợp' : null,
      exempted_by: row.exemptedBy ?? null,
      exemption_reason: row.exemptedBy ? 'Xã đang sáp nhập' : null,
      escalation_step: row.escalationStep ?? 0,
    });
    for (const [index, submission] of (row.submissions ?? []).entries()) {
      await insertSubmission(db, obligationId, {
        unitCode: row.unit,
        milestoneId: row.milestone,
        reportId: 'bao-cao',
        submittedBy: `vt@${row.unit.toLowerCase()}.example.invalid`,
        text: `Báo cáo của ${row.unit}, lần ${index + 1}`,
        nominations: submission.nominations ?? [],
        version: index + 1,
        receiptNumber: `BN-${row.milestone}-${row.unit}-${index + 1}-${code}`,
        submittedAt: at(submission.at),
        late: submission.late,
      });
    }
  }

  // X21's missing report of the first milestone: its escalation ladder and the notices its workflow sent.
  const x21 = unitMilestoneWorkflowId(code, 'so-ket-2031', 'X21');
  const steps: Array<[number, string, string[]]> = [
    [1, '2031-09-18T08:00:00+07:00', ['ct@x21.example.invalid']],
    [2, '2031-09-22T08:00:00+07:00', ['ct@h2.example.invalid']],
    [3, '2031-09-24T08:00:00+07:00', ['giam-doc@snv.example.invalid']],
  ];
  for (const [step, when, notified] of steps) {
    await insertEscalation(db, { obligationId: `${x21}#bao-cao`, step, at: at(when), notified });
  }
  const notices: Array<[string, string, string, string, string]> = [
    [`${x21}/bao-cao/reminder-1/reporter`, 'reminder', 'X21', 'reporter', 'vt@x21.example.invalid'],
    [`${x21}/bao-cao/overdue/reporter`, 'overdue', 'X21', 'reporter', 'vt@x21.example.invalid'],
    [`${x21}/bao-cao/escalation-2/parent-head`, 'escalation', 'H2', 'parent-head', 'ct@h2.example.invalid'],
    // Not X21's: another unit whose code starts the same, and X21's other milestone.
    [`${x21}0/bao-cao/reminder-1/reporter`, 'reminder', 'X210', 'reporter', 'vt@x210.example.invalid'],
    [
      `${unitMilestoneWorkflowId(code, 'tong-ket-2032', 'X21')}/bao-cao/reminder-1/reporter`,
      'reminder',
      'X21',
      'reporter',
      'vt@x21.example.invalid',
    ],
  ];
  for (const [key, kind, unitCode, role, address] of notices) {
    const deliveryKey = `${key}/email/${address}`;
    await claimDelivery(
      db,
      {
        delivery_key: deliveryKey,
        idempotency_key: key,
        channel: 'email',
        address,
        kind,
        plan_code: code,
        unit_code: unitCode,
        recipient_role: role,
        recipient_name: `Người nhận ${unitCode}`,
        fallback_for: null,
        message_id: `<${deliveryKey}@dondoc.example.invalid>`,
        subject: `Thông báo ${kind}`,
        provider_message_id: null,
        error_code: null,
        reason: null,
        retry_at: null,
        sending_since: null,
        sent_at: null,
        delivery_status: null,
        delivered_at: null,
      },
      { businessNow: NOW, leaseSeconds: 60 },
    );
    await markDeliverySent(db, deliveryKey, { providerMessageId: `smtp-${kind}` });
  }
}
