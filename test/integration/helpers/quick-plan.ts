import type { Kysely } from 'kysely';
import { createPlan } from '../../../db/plan.repository';
import type { Database } from '../../../db/schema';
import { formatVietnamInstant, vietnamCivilDate } from '../../../domain/civil-time';
import type { ResolvedPlan } from '../../../domain/plan/resolved-plan';

/** Seconds after `t0` at which each step of the quick plan falls. */
export interface QuickTimeline {
  opens: number;
  reminders: number[];
  due: number;
  escalation: number;
}

/** The units CSV of a province `P`: its Sở Nội vụ `P-SNV` (the owner) and `count` sở, each with reporter and head. */
export function provinceUnitsCsv(codes: readonly string[]): string {
  const rows = codes.map(
    (code) =>
      `${code},Sở ${code},Sở,P,2020-01-01,Văn thư ${code},vt@${code.toLowerCase()}.example.invalid,` +
      `Giám đốc ${code},gd@${code.toLowerCase()}.example.invalid`,
  );
  return [
    'code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email',
    'P,Tỉnh P,Tỉnh,,2020-01-01,,,,',
    'P-SNV,Sở Nội vụ P,Sở,P,2020-01-01,Cán bộ,tdkt@p.example.invalid,Giám đốc,gd@p.example.invalid',
    ...rows,
  ].join('\n');
}

/**
 * A one-level plan over the sở of province P whose whole timeline fits in seconds of real time (built resolved,
 * not from phrases): one milestone opening at `opens`, reminders by email at each of `reminders` — every unit's at
 * the same instant — the deadline at `due`, one escalation step at `escalation`.
 */
export function quickPlan(code: string, t0: number, timeline: QuickTimeline): ResolvedPlan {
  const at = (seconds: number) => formatVietnamInstant(t0 + seconds * 1000);
  const today = vietnamCivilDate(t0);
  return {
    version: 1,
    code,
    title: 'Kế hoạch thử chịu lỗi',
    issuer: 'UBND tỉnh P',
    period: { from: Number(today.slice(0, 4)), to: Number(today.slice(0, 4)) },
    deadlineReading: 'strictly-before',
    owner: { unit: 'P-SNV', name: 'Sở Nội vụ' },
    scope: { units: [{ children_of: 'P' }], levels: ['cấp sở'] },
    reminderPolicy: { before: [], channels: ['email'] },
    escalationPolicy: [],
    amendable: true,
    milestones: [
      {
        id: 'nhanh',
        kind: 'báo cáo',
        title: 'Báo cáo nhanh',
        when: 'hôm nay',
        opensOn: today,
        closesOn: today,
        opensAt: at(timeline.opens),
        reports: [
          {
            id: 'bao-cao',
            title: 'Báo cáo',
            text: true,
            fields: [],
            levels: [
              {
                level: 'cấp sở',
                lastDay: today,
                dueAt: at(timeline.due),
                reminders: timeline.reminders.map((seconds, i) => ({ offset: `r${i + 1}`, at: at(seconds) })),
                escalations: [
                  {
                    step: 1,
                    after: 'e1',
                    at: at(timeline.escalation),
                    notify: ['người báo cáo', 'thủ trưởng đơn vị'],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Stores a plan built in code (a quick plan) as version 1 of a loaded plan, so the cycle's writes find it. */
export async function storeQuickPlan(db: Kysely<Database>, plan: ResolvedPlan): Promise<void> {
  await createPlan(db, {
    sourceFile: 'quick',
    sourceText: plan.code,
    // A quick plan has no file: the stored definition only names it.
    definition: { code: plan.code, title: plan.title, issuer: plan.issuer } as never,
    resolved: plan,
    actor: 'test',
  });
}
