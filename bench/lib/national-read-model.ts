import type { Kysely } from 'kysely';
import { upsertObligation } from '../../db/obligation.repository';
import type { Database } from '../../db/schema';
import type { ObligationStatus } from '../../db/tables/obligation.table';
import { formatVietnamInstant, parseInstant } from '../../domain/civil-time';
import { unitMilestoneWorkflowId } from '../../domain/ids';
import type { Province } from './national-plan';

/** A spread of outcomes over every 20 units, so each view has every kind of row to show. */
const OUTCOMES: ObligationStatus[] = [
  ...Array<ObligationStatus>(9).fill('on-time'),
  ...Array<ObligationStatus>(2).fill('late'),
  ...Array<ObligationStatus>(3).fill('overdue'),
  'missing',
  'exempt',
  'submitted',
  'submitted',
  'open',
  'overdue',
];

/**
 * Writes the read model of one milestone over the national tree through `upsertObligation`, as the unit workflows
 * do: one obligation per province (reporting to `owner`, level 0), district (level 1) and commune (level 2), with
 * the outcomes above in turn and deadlines three days apart per level before `dueAt`. Returns the number written.
 */
export async function seedNationalObligations(
  db: Kysely<Database>,
  options: { planCode: string; milestoneId: string; owner: string; provinces: readonly Province[]; dueAt: string },
): Promise<number> {
  const units = await db
    .selectFrom('units')
    .innerJoin('unit_versions', 'unit_versions.unit_id', 'units.id')
    .where('unit_versions.valid_to', 'is', null)
    .select(['units.id', 'units.code', 'unit_versions.name'])
    .execute();
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const tree = options.provinces.flatMap((p) => [
    { code: p.level1_id, parent: options.owner, level: 0 },
    ...p.level2s.flatMap((d) => [
      { code: d.level2_id, parent: p.level1_id, level: 1 },
      ...d.level3s.map((c) => ({ code: c.level3_id, parent: d.level2_id, level: 2 })),
    ]),
  ]);
  const dueMs = parseInstant(options.dueAt);
  let index = 0;
  for (const node of tree) {
    const unit = byCode.get(node.code);
    if (!unit) throw new Error(`unit ${node.code} is not in the database`);
    const status = OUTCOMES[index++ % OUTCOMES.length]!;
    const due = dueMs - (2 - node.level) * 3 * 86_400_000;
    const submitted =
      status === 'on-time' || status === 'submitted' ? due - 86_400_000 : status === 'late' ? due + 86_400_000 : null;
    const workflowId = unitMilestoneWorkflowId(options.planCode, options.milestoneId, node.code);
    await upsertObligation(db, {
      id: `${workflowId}#bao-cao-so-ket`,
      workflow_id: workflowId,
      plan_code: options.planCode,
      plan_version: 1,
      milestone_id: options.milestoneId,
      report_id: 'bao-cao-so-ket',
      unit_id: unit.id,
      unit_code: node.code,
      unit_name: unit.name,
      parent_unit_code: node.parent,
      assigned_unit_code: null,
      level: node.level,
      due_at: formatVietnamInstant(due),
      original_due_at: formatVietnamInstant(due),
      status,
      submitted_at: submitted === null ? null : formatVietnamInstant(submitted),
      submission_version: submitted === null ? 0 : 1,
      extended_by: null,
      extension_reason: null,
      exempted_by: status === 'exempt' ? 'bench' : null,
      exemption_reason: status === 'exempt' ? 'Đơn vị đang sắp xếp lại' : null,
      escalation_step: status === 'overdue' || status === 'missing' ? 1 : 0,
    });
  }
  return tree.length;
}
