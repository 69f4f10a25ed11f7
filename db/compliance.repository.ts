import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { formatVietnamInstant, type CivilDate, type InstantIso } from '../domain/civil-time';
import {
  complianceFigures,
  emptyCounts,
  sumCounts,
  type ComplianceCounts,
  type ComplianceFigures,
} from '../domain/obligation/compliance-figures';
import {
  buildComplianceMatrix,
  type ComplianceMatrix,
  type MatrixSourceRow,
} from '../domain/obligation/compliance-matrix';
import { nominationView, type NominationView } from '../domain/obligation/compliance-personal-data';
import { daysLate, lastDayOf, type ComplianceStatus } from '../domain/obligation/compliance-status';
import type { MilestoneKind } from '../domain/plan/plan-schema';
import { PlanNotFoundError } from './plan.repository';
import type { Database } from './schema';
import type { ObligationStatus, ObligationTable } from './tables/obligation.table';

/**
 * What a compliance view covers: one plan, and optionally one milestone, one report, one reporting level (as stored:
 * 0 reports to the plan owner, 1 to a unit of level 0, …) and one subtree — a leader's part of the hierarchy.
 */
export interface ComplianceScope {
  planCode: string;
  milestoneId?: string | undefined;
  reportId?: string | undefined;
  level?: number | undefined;
  /**
   * A unit code: only that unit (when it reports itself) and every unit reporting below it, following the reporting
   * tree recorded for each milestone (`parent_unit_code`), so a milestone before the 2025 reform is seen with the
   * tree of its day. The plan owner's code covers the whole plan.
   */
  under?: string | undefined;
}

/** The plan as compliance views label it: its current version's levels, owner and milestones. */
export interface ComplianceOutline {
  code: string;
  title: string;
  issuer: string;
  status: string;
  version: number;
  signer: { name: string; title?: string } | null;
  /** Names of the reporting levels from the top: ["cấp huyện", "cấp xã"]. */
  levels: string[];
  owner: { unit: string; name: string };
  milestones: Array<{
    id: string;
    kind: MilestoneKind;
    title: string;
    opensOn: CivilDate;
    closesOn: CivilDate;
    reports: Array<{ id: string; title: string }>;
  }>;
}

/** One level's figures; `level` as stored (0 reports to the plan owner). */
export interface LevelCompliance extends ComplianceFigures {
  level: number;
}

export interface ComplianceSummary {
  levels: LevelCompliance[];
  overall: ComplianceFigures;
}

/** One unit's report for one milestone, as a leader reads it at `now`. */
export interface ComplianceRow {
  obligationId: string;
  milestoneId: string;
  reportId: string;
  unitCode: string;
  unitName: string;
  parentUnitCode: string | null;
  /** The parent's name as recorded for the milestone, or the plan owner's. */
  parentUnitName: string | null;
  /** The successor answering for the unit since the 2025 reform moved its open report, if any. */
  assignedUnitCode: string | null;
  level: number;
  status: ComplianceStatus;
  dueAt: InstantIso;
  /** The last day on time, as people read the deadline. */
  lastDay: CivilDate;
  originalDueAt: InstantIso;
  submittedAt: InstantIso | null;
  submissionVersion: number;
  extended: boolean;
  extendedBy: string | null;
  extensionReason: string | null;
  exemptedBy: string | null;
  exemptionReason: string | null;
  escalationStep: number;
  /** Days after the last day: of the submission when late, of `now` when overdue or missing; null otherwise. */
  daysLate: number | null;
}

/** Nominations of the submissions that count (each obligation's latest version), by field and form. */
export interface NominationCount {
  /** The lĩnh vực; null when the plan lists none. */
  field: string | null;
  form: string;
  count: number;
  /** How many units nominated in this field and form. */
  units: number;
}

/** Everything that happened to one unit's report(s) for one milestone: the dashboard's drill-down. */
export interface UnitMilestoneHistory {
  planCode: string;
  milestoneId: string;
  unitCode: string;
  unitName: string;
  parentUnitCode: string | null;
  level: number;
  reports: ReportHistory[];
}

export interface ReportHistory {
  row: ComplianceRow;
  /** The stored state of the read model (`submitted` while the obligation still runs, …). */
  storedStatus: ObligationStatus;
  extension: { by: string; reason: string | null; fromLastDay: CivilDate; toLastDay: CivilDate } | null;
  exemption: { by: string; reason: string | null } | null;
  /** Every version, oldest first; the latest counts. */
  submissions: Array<{
    version: number;
    receiptNumber: string;
    submittedAt: InstantIso;
    submittedBy: string;
    late: boolean;
    text: string | null;
    fields: Record<string, string | number | boolean>;
    nominations: NominationView[];
  }>;
  escalations: Array<{ step: number; at: InstantIso; notified: string[] }>;
  /** Every delivery of its notices (each channel and address), oldest first. */
  notifications: Array<{
    kind: string;
    channel: string;
    address: string;
    unitCode: string;
    recipientRole: string;
    recipientName: string;
    status: string;
    subject: string | null;
    reason: string | null;
    attempts: number;
    createdAt: InstantIso;
    sentAt: InstantIso | null;
    deliveryStatus: string | null;
    deliveredAt: InstantIso | null;
  }>;
}

/** A guard against a cycle in corrupt data; real reporting trees are 2–4 levels deep. */
const MAX_DEPTH = 64;

interface TreeTable {
  milestone_id: string;
  unit_code: string;
  path: string[];
}
type Scoped = Database & { tree: TreeTable };
type ObligationEb = ExpressionBuilder<Scoped & { o: ObligationTable }, 'o'>;

/**
 * The reporting tree of the scope's milestones, one recursive query: rooted at `under` (its own row when it reports,
 * and the units reporting to it either way), or at the top level when there is no `under`. Each node carries its
 * path of codes from the root, which orders units as a tree. A unit reporting to `under` starts with the path
 * `[under, unit]` — the one it would get through `under`'s own row — so UNION (not UNION ALL) keeps it once whether
 * or not `under` reports itself, and a milestone with several reports reaches each unit once.
 */
function withReportingTree(db: Kysely<Database>, scope: ComplianceScope) {
  const { planCode, milestoneId, under } = scope;
  return db.withRecursive('tree(milestone_id, unit_code, path)', (qb) =>
    qb
      .selectFrom('obligations as o')
      .select([
        'o.milestone_id',
        'o.unit_code',
        (under === undefined
          ? sql<string[]>`array[o.unit_code]`
          : sql<
              string[]
            >`case when o.unit_code = ${under} then array[o.unit_code] else array[${under}::text, o.unit_code] end`
        ).as('path'),
      ])
      .where('o.plan_code', '=', planCode)
      .$if(milestoneId !== undefined, (q) => q.where('o.milestone_id', '=', milestoneId!))
      .where((eb) =>
        under === undefined
          ? eb('o.level', '=', 0)
          : eb.or([eb('o.unit_code', '=', under), eb('o.parent_unit_code', '=', under)]),
      )
      .union((step) =>
        step
          .selectFrom('obligations as o')
          .innerJoin('tree as t', (join) =>
            join.onRef('o.parent_unit_code', '=', 't.unit_code').onRef('o.milestone_id', '=', 't.milestone_id'),
          )
          .where('o.plan_code', '=', planCode)
          .$if(milestoneId !== undefined, (q) => q.where('o.milestone_id', '=', milestoneId!))
          .where(sql<number>`cardinality(t.path)`, '<', MAX_DEPTH)
          .select(['o.milestone_id', 'o.unit_code', sql<string[]>`t.path || o.unit_code`.as('path')]),
      ),
  );
}

/** The scope's filters on `o`; the subtree through the `tree` CTE only when the scope has one. */
function inScope(scope: ComplianceScope) {
  return (eb: ObligationEb) => {
    const conditions = [eb('o.plan_code', '=', scope.planCode)];
    if (scope.milestoneId !== undefined) conditions.push(eb('o.milestone_id', '=', scope.milestoneId));
    if (scope.reportId !== undefined) conditions.push(eb('o.report_id', '=', scope.reportId));
    if (scope.level !== undefined) conditions.push(eb('o.level', '=', scope.level));
    if (scope.under !== undefined) {
      conditions.push(
        eb(
          eb.refTuple('o.milestone_id', 'o.unit_code'),
          'in',
          eb.selectFrom('tree').select(['tree.milestone_id', 'tree.unit_code']).$asTuple('milestone_id', 'unit_code'),
        ),
      );
    }
    return eb.and(conditions);
  };
}

/** How many reports of a group (a level, a milestone, a subtree) stand at one status, extended or not. */
interface StatusGroup {
  compliance_status: ComplianceStatus;
  extended: boolean;
  count: number;
}

const COUNT_OF: Readonly<Record<ComplianceStatus, keyof ComplianceCounts>> = {
  'on-time': 'onTime',
  late: 'late',
  missing: 'missing',
  overdue: 'overdue',
  open: 'open',
  exempt: 'exempt',
  cancelled: 'cancelled',
};

/**
 * Counts per key from rows grouped by key, status and extension, keys in the order first seen. The SQL groups by the
 * status at `now` (one CASE per row, like a plain `group by status`) rather than aggregating one `count(*) filter`
 * per status, which evaluates the CASE once per filter: 3–4× less work on the national tree.
 */
function foldCounts<K>(rows: ReadonlyArray<StatusGroup & { key: K }>): Map<K, ComplianceCounts> {
  const counts = new Map<K, ComplianceCounts>();
  for (const row of rows) {
    let into = counts.get(row.key);
    if (!into) counts.set(row.key, (into = emptyCounts()));
    into.total += row.count;
    into[COUNT_OF[row.compliance_status]] += row.count;
    if (row.extended) into.extended += row.count;
  }
  return counts;
}

/** The `count` of a group, for `foldCounts`. */
const COUNT = sql<number>`count(*)::int`.as('count');

/** The stored status read at `now` (see `ComplianceStatus`), as SQL over `o`. */
function complianceStatusAt(now: InstantIso) {
  return sql<ComplianceStatus>`case
    when o.status in ('open', 'overdue') then case when o.due_at <= ${now}::timestamptz then 'overdue' else 'open' end
    when o.status = 'submitted' then case when o.submitted_at < o.due_at then 'on-time' else 'late' end
    else o.status end`;
}

/**
 * Each unit's name per milestone, to name a row's parent: a derived table joined once (a hash join), where a lookup
 * per row would scan the milestone's rows again for each of thousands of units.
 */
function parentNames(db: Kysely<Database>, scope: Pick<ComplianceScope, 'planCode' | 'milestoneId'>) {
  return db
    .selectFrom('obligations as p')
    .where('p.plan_code', '=', scope.planCode)
    .$if(scope.milestoneId !== undefined, (q) => q.where('p.milestone_id', '=', scope.milestoneId!))
    .distinctOn(['p.milestone_id', 'p.unit_code'])
    .select(['p.milestone_id', 'p.unit_code', 'p.unit_name'])
    .as('parent');
}

/**
 * The name of the parent of one row `o`, looked up by the `(plan, milestone, unit)` index: for a page or one unit,
 * where `parentNames` would read the whole milestone to name a few rows.
 */
function parentNameOf(eb: ExpressionBuilder<Database & { o: ObligationTable }, 'o'>) {
  return eb
    .selectFrom('obligations as p')
    .whereRef('p.plan_code', '=', 'o.plan_code')
    .whereRef('p.milestone_id', '=', 'o.milestone_id')
    .whereRef('p.unit_code', '=', 'o.parent_unit_code')
    .select('p.unit_name')
    .limit(1)
    .as('parent');
}

/** The parent's name over the `parent` and `v` (plan_versions) joins: a reporting unit's, or the plan owner's. */
const PARENT_UNIT_NAME = sql<string | null>`coalesce(parent.unit_name,
  case when v.resolved->'owner'->>'unit' = o.parent_unit_code then v.resolved->'owner'->>'name' end)`.as(
  'parent_unit_name',
);

function instant(value: Date | string): InstantIso {
  return formatVietnamInstant(value instanceof Date ? value.getTime() : Date.parse(value));
}

function optionalInstant(value: Date | string | null): InstantIso | null {
  return value === null ? null : instant(value);
}

/**
 * The plan's current version as compliance views label it (level names, milestone titles, owner); one query.
 * Throws `PlanNotFoundError` (PLAN_NOT_FOUND) when no plan has this số hiệu.
 */
export async function getComplianceOutline(db: Kysely<Database>, planCode: string): Promise<ComplianceOutline> {
  const row = await db
    .selectFrom('plans as p')
    .innerJoin('plan_versions as v', (join) =>
      join.onRef('v.plan_code', '=', 'p.code').onRef('v.version', '=', 'p.current_version'),
    )
    .select(['p.code', 'p.title', 'p.issuer', 'p.status', 'p.current_version', 'v.resolved'])
    .where('p.code', '=', planCode)
    .executeTakeFirst();
  if (!row) throw new PlanNotFoundError(planCode);
  const { resolved } = row;
  return {
    code: row.code,
    title: row.title,
    issuer: row.issuer,
    status: row.status,
    version: row.current_version,
    signer: resolved.signer ?? null,
    levels: resolved.scope.levels,
    owner: resolved.owner,
    milestones: resolved.milestones.map((milestone) => ({
      id: milestone.id,
      kind: milestone.kind,
      title: milestone.title,
      opensOn: milestone.opensOn,
      closesOn: milestone.closesOn,
      reports: milestone.reports.map((report) => ({ id: report.id, title: report.title })),
    })),
  };
}

/**
 * The counts per reporting level and overall at `now` — total, on time, late, missing, overdue, open (not yet due),
 * exempt, cancelled, extended — with percentages (`complianceFigures`). One query grouped by level; levels without
 * reports in the scope are absent. An unknown plan or milestone simply counts nothing.
 */
export async function summarizeCompliance(
  db: Kysely<Database>,
  scope: ComplianceScope,
  now: InstantIso,
): Promise<ComplianceSummary> {
  const rows = await withReportingTree(db, scope)
    .selectFrom((qb) =>
      qb
        .selectFrom('obligations as o')
        .where(inScope(scope))
        .select([
          'o.level',
          complianceStatusAt(now).as('compliance_status'),
          sql<boolean>`o.extended_by is not null`.as('extended'),
        ])
        .as('s'),
    )
    .select(['s.level', 's.compliance_status', 's.extended', COUNT])
    .groupBy(['s.level', 's.compliance_status', 's.extended'])
    .orderBy('s.level')
    .execute();
  const byLevel = foldCounts(rows.map((row) => ({ ...row, key: row.level })));
  const levels = [...byLevel].map(([level, counts]) => ({ level, ...complianceFigures(counts) }));
  const overall = complianceFigures(byLevel.size === 0 ? emptyCounts() : sumCounts([...byLevel.values()]));
  return { levels, overall };
}

/**
 * Every report in the scope as a leader reads it at `now`, in tree order (each unit followed by the units reporting
 * to it, siblings by code; units outside the recorded tree last), then by milestone deadline and report. One query:
 * the reporting tree, the parent's name and the status at `now` together. The source of the matrix and of exports.
 */
export async function listComplianceRows(
  db: Kysely<Database>,
  scope: ComplianceScope,
  now: InstantIso,
): Promise<ComplianceRow[]> {
  const rows = await withReportingTree(db, scope)
    .selectFrom('obligations as o')
    .leftJoin('tree', (join) =>
      join.onRef('tree.milestone_id', '=', 'o.milestone_id').onRef('tree.unit_code', '=', 'o.unit_code'),
    )
    .leftJoin(parentNames(db, scope), (join) =>
      join.onRef('parent.milestone_id', '=', 'o.milestone_id').onRef('parent.unit_code', '=', 'o.parent_unit_code'),
    )
    .leftJoin('plan_versions as v', (join) =>
      join.onRef('v.plan_code', '=', 'o.plan_code').onRef('v.version', '=', 'o.plan_version'),
    )
    .where(inScope({ ...scope, under: undefined }))
    .$if(scope.under !== undefined, (q) => q.where('tree.unit_code', 'is not', null))
    .selectAll('o')
    .select([complianceStatusAt(now).as('compliance_status'), PARENT_UNIT_NAME])
    .orderBy(sql`tree.path nulls last`)
    .orderBy('o.level')
    .orderBy('o.unit_code')
    .orderBy('o.original_due_at')
    .orderBy('o.milestone_id')
    .orderBy('o.report_id')
    .execute();
  return rows.map((row) => complianceRow(row, now));
}

type ObligationRowAt = Omit<
  ObligationTable,
  'due_at' | 'original_due_at' | 'submitted_at' | 'updated_at' | 'projection_seq'
> & {
  due_at: Date | string;
  original_due_at: Date | string;
  submitted_at: Date | string | null;
  compliance_status: ComplianceStatus;
  parent_unit_name: string | null;
};

function complianceRow(row: ObligationRowAt, now: InstantIso): ComplianceRow {
  const dueAt = instant(row.due_at);
  const submittedAt = optionalInstant(row.submitted_at);
  const status = row.compliance_status;
  return {
    obligationId: row.id,
    milestoneId: row.milestone_id,
    reportId: row.report_id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    parentUnitCode: row.parent_unit_code,
    parentUnitName: row.parent_unit_name,
    assignedUnitCode: row.assigned_unit_code,
    level: row.level,
    status,
    dueAt,
    lastDay: lastDayOf(dueAt),
    originalDueAt: instant(row.original_due_at),
    submittedAt,
    submissionVersion: row.submission_version,
    extended: row.extended_by !== null,
    extendedBy: row.extended_by,
    extensionReason: row.extension_reason,
    exemptedBy: row.exempted_by,
    exemptionReason: row.exemption_reason,
    escalationStep: row.escalation_step,
    daysLate:
      status === 'late' && submittedAt
        ? daysLate(dueAt, submittedAt)
        : status === 'overdue' || status === 'missing'
          ? daysLate(dueAt, now)
          : status === 'on-time'
            ? 0
            : null,
  };
}

/**
 * The units × milestones matrix of the scope at `now` (`buildComplianceMatrix` over `listComplianceRows`): units in
 * tree order, milestones by deadline, each cell coloured by its worst report.
 */
export async function listComplianceMatrix(
  db: Kysely<Database>,
  scope: ComplianceScope,
  now: InstantIso,
): Promise<ComplianceMatrix> {
  return buildComplianceMatrix(await listComplianceRows(db, scope, now));
}

/** Reports still awaited past their deadline at `now`, and reports closed without one. */
function isOverdueAt(now: InstantIso) {
  return (eb: ObligationEb) =>
    eb.or([
      eb('o.status', '=', 'missing'),
      eb.and([eb('o.status', 'in', ['open', 'overdue']), eb('o.due_at', '<=', sql<Date>`${now}::timestamptz`)]),
    ]);
}

/** One page of a long list: skip `offset` rows, return at most `limit`. */
export interface PageRequest {
  offset: number;
  limit: number;
}

/**
 * The overdue list at `now`: reports still awaited past their deadline and reports closed without one, most days
 * late first (earliest deadline), then by unit code. One query. With a `page`, only those rows: the page is cut
 * before the parents' names are looked up (each one by the `(plan, milestone, unit)` index), so a page of the
 * national list costs what a page costs; its total is the summary's `overdue + missing` of the same scope.
 */
export async function listOverdueObligations(
  db: Kysely<Database>,
  scope: ComplianceScope,
  now: InstantIso,
  page?: PageRequest,
): Promise<ComplianceRow[]> {
  if (page) return listOverduePage(db, scope, now, page);
  const rows = await withReportingTree(db, scope)
    .selectFrom('obligations as o')
    .leftJoin(parentNames(db, scope), (join) =>
      join.onRef('parent.milestone_id', '=', 'o.milestone_id').onRef('parent.unit_code', '=', 'o.parent_unit_code'),
    )
    .leftJoin('plan_versions as v', (join) =>
      join.onRef('v.plan_code', '=', 'o.plan_code').onRef('v.version', '=', 'o.plan_version'),
    )
    .where(inScope(scope))
    .where(isOverdueAt(now))
    .selectAll('o')
    .select([complianceStatusAt(now).as('compliance_status'), PARENT_UNIT_NAME])
    .orderBy('o.due_at')
    .orderBy('o.unit_code')
    .orderBy('o.milestone_id')
    .orderBy('o.report_id')
    .execute();
  return rows.map((row) => complianceRow(row, now));
}

async function listOverduePage(
  db: Kysely<Database>,
  scope: ComplianceScope,
  now: InstantIso,
  page: PageRequest,
): Promise<ComplianceRow[]> {
  const rows = await withReportingTree(db, scope)
    .selectFrom((qb) =>
      qb
        .selectFrom('obligations as o')
        .where(inScope(scope))
        .where(isOverdueAt(now))
        .selectAll('o')
        .orderBy('o.due_at')
        .orderBy('o.unit_code')
        .orderBy('o.milestone_id')
        .orderBy('o.report_id')
        .limit(page.limit)
        .offset(page.offset)
        .as('o'),
    )
    .leftJoinLateral(parentNameOf, (join) => join.onTrue())
    .leftJoin('plan_versions as v', (join) =>
      join.onRef('v.plan_code', '=', 'o.plan_code').onRef('v.version', '=', 'o.plan_version'),
    )
    .selectAll('o')
    .select([complianceStatusAt(now).as('compliance_status'), PARENT_UNIT_NAME])
    .orderBy('o.due_at')
    .orderBy('o.unit_code')
    .orderBy('o.milestone_id')
    .orderBy('o.report_id')
    .execute();
  return rows.map((row) => complianceRow(row, now));
}

/** One unit of the level a dashboard opens on, with the figures of its part of the tree for the milestone. */
export interface LevelUnit {
  unitCode: string;
  unitName: string;
  parentUnitCode: string | null;
  level: number;
  /** How many units report to it in the milestone: what opening it lists. */
  children: number;
  /**
   * Its own reports and those of every unit below it in the milestone, at `now` (of the scope's level only, when it
   * has one); null for the scope's `under` itself, whose part of the tree is the whole view.
   */
  subtree: ComplianceFigures | null;
}

/** One page of a level of the reporting tree, and how many units the level has in all. */
export interface ComplianceLevel {
  total: number;
  units: LevelUnit[];
}

/**
 * One page of the units a milestone's dashboard lists: the top level (units reporting to the plan owner) when the
 * scope has no `under`; `under` itself (first, when it reports) and the units reporting to it when it has one; every
 * unit of the scope's `level` in the subtree when it names a level (ordered by parent, then code). Each comes with the
 * number of units reporting to it and the exact figures of its subtree, so a national page lists 63 provinces and
 * still counts every commune. Three queries: the page, the children's counts, the subtrees' aggregate.
 */
export async function listComplianceLevel(
  db: Kysely<Database>,
  scope: ComplianceScope & { milestoneId: string },
  page: PageRequest,
  now: InstantIso,
): Promise<ComplianceLevel> {
  const { planCode, milestoneId, under, level } = scope;
  const rows = await withReportingTree(db, scope)
    .selectFrom('obligations as o')
    .where(inScope(level === undefined ? { ...scope, under: undefined } : scope))
    .$if(level === undefined, (q) =>
      q.where((eb) =>
        under === undefined
          ? eb('o.level', '=', 0)
          : eb.or([eb('o.unit_code', '=', under), eb('o.parent_unit_code', '=', under)]),
      ),
    )
    .groupBy(['o.unit_code', 'o.unit_name', 'o.parent_unit_code', 'o.level'])
    .select([
      'o.unit_code',
      'o.unit_name',
      'o.parent_unit_code',
      'o.level',
      sql<number>`(count(*) over ())::int`.as('total'),
    ])
    .$if(under !== undefined, (q) => q.orderBy(sql`o.unit_code <> ${under!}`))
    .orderBy(sql`o.parent_unit_code nulls first`)
    .orderBy('o.unit_code')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  if (rows.length === 0) {
    if (page.offset === 0) return { total: 0, units: [] };
    return { total: (await listComplianceLevel(db, scope, { offset: 0, limit: 1 }, now)).total, units: [] };
  }
  const codes = rows.map((row) => row.unit_code);
  const [children, subtrees] = await Promise.all([
    db
      .selectFrom('obligations as o')
      .where('o.plan_code', '=', planCode)
      .where('o.milestone_id', '=', milestoneId)
      .where('o.parent_unit_code', 'in', codes)
      .select(['o.parent_unit_code', sql<number>`count(distinct o.unit_code)::int`.as('count')])
      .groupBy('o.parent_unit_code')
      .execute(),
    countSubtrees(
      db,
      scope,
      codes.filter((code) => code !== under),
      now,
    ),
  ]);
  const childCount = new Map(children.map((row) => [row.parent_unit_code, row.count]));
  return {
    total: rows[0]!.total,
    units: rows.map((row) => {
      const counts = subtrees.get(row.unit_code);
      return {
        unitCode: row.unit_code,
        unitName: row.unit_name,
        parentUnitCode: row.parent_unit_code,
        level: row.level,
        children: childCount.get(row.unit_code) ?? 0,
        subtree: row.unit_code === under ? null : complianceFigures(counts ?? emptyCounts()),
      };
    }),
  };
}

/**
 * The counts of each root's subtree (itself and every unit below it in the milestone), one recursive query carrying
 * each report's root and status at `now`, so nothing is joined back; each report is reached once (UNION: a parent
 * with several reports leads to the same child rows).
 */
async function countSubtrees(
  db: Kysely<Database>,
  scope: ComplianceScope & { milestoneId: string },
  roots: readonly string[],
  now: InstantIso,
): Promise<Map<string, ComplianceCounts>> {
  if (roots.length === 0) return new Map();
  const { planCode, milestoneId, level } = scope;
  const report = [
    'o.unit_code',
    'o.report_id',
    'o.level',
    complianceStatusAt(now).as('compliance_status'),
    sql<boolean>`o.extended_by is not null`.as('extended'),
  ] as const;
  const rows = await db
    .withRecursive('sub(unit_code, report_id, level, compliance_status, extended, root, depth)', (qb) =>
      qb
        .selectFrom('obligations as o')
        .where('o.plan_code', '=', planCode)
        .where('o.milestone_id', '=', milestoneId)
        .where('o.unit_code', 'in', roots)
        .select([...report, 'o.unit_code as root', sql<number>`1`.as('depth')])
        .union((step) =>
          step
            .selectFrom('obligations as o')
            .innerJoin('sub as t', 't.unit_code', 'o.parent_unit_code')
            .where('o.plan_code', '=', planCode)
            .where('o.milestone_id', '=', milestoneId)
            .where('t.depth', '<', MAX_DEPTH)
            .select([...report, 't.root', sql<number>`t.depth + 1`.as('depth')]),
        ),
    )
    .selectFrom('sub as s')
    .$if(level !== undefined, (q) => q.where('s.level', '=', level!))
    .select(['s.root', 's.compliance_status', 's.extended', COUNT])
    .groupBy(['s.root', 's.compliance_status', 's.extended'])
    .execute();
  return foldCounts(rows.map((row) => ({ ...row, key: row.root })));
}

/**
 * What the matrix needs of the given units' reports in the scope, across its milestones (the scope's milestone is
 * ignored), at `now`: the dashboard's page of units × every milestone. Ordered by deadline, milestone and report;
 * the caller orders the units. One query; none for no units.
 */
export async function listComplianceCells(
  db: Kysely<Database>,
  scope: ComplianceScope,
  unitCodes: readonly string[],
  now: InstantIso,
): Promise<MatrixSourceRow[]> {
  if (unitCodes.length === 0) return [];
  const everyMilestone = { ...scope, milestoneId: undefined };
  const rows = await withReportingTree(db, everyMilestone)
    .selectFrom('obligations as o')
    .where(inScope(everyMilestone))
    .where('o.unit_code', 'in', unitCodes)
    .select([
      'o.milestone_id',
      'o.report_id',
      'o.unit_code',
      'o.unit_name',
      'o.parent_unit_code',
      'o.level',
      'o.original_due_at',
      complianceStatusAt(now).as('compliance_status'),
      sql<boolean>`o.extended_by is not null`.as('extended'),
    ])
    .orderBy('o.original_due_at')
    .orderBy('o.milestone_id')
    .orderBy('o.report_id')
    .execute();
  return rows.map((row) => ({
    milestoneId: row.milestone_id,
    reportId: row.report_id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    parentUnitCode: row.parent_unit_code,
    level: row.level,
    status: row.compliance_status,
    extended: row.extended,
    originalDueAt: instant(row.original_due_at),
  }));
}

/** One milestone's figures: a bar of the trend. */
export interface MilestoneCompliance extends ComplianceFigures {
  milestoneId: string;
}

/**
 * The figures of every milestone of the scope at `now` (its milestone is ignored), by earliest deadline: the trend
 * across milestones, exact over the whole subtree. One query grouped by milestone.
 */
export async function summarizeMilestones(
  db: Kysely<Database>,
  scope: ComplianceScope,
  now: InstantIso,
): Promise<MilestoneCompliance[]> {
  const everyMilestone = { ...scope, milestoneId: undefined };
  const rows = await withReportingTree(db, everyMilestone)
    .selectFrom((qb) =>
      qb
        .selectFrom('obligations as o')
        .where(inScope(everyMilestone))
        .select([
          'o.milestone_id',
          'o.original_due_at',
          complianceStatusAt(now).as('compliance_status'),
          sql<boolean>`o.extended_by is not null`.as('extended'),
        ])
        .as('s'),
    )
    .select([
      's.milestone_id',
      's.compliance_status',
      's.extended',
      COUNT,
      sql<Date | string>`min(s.original_due_at)`.as('first_due'),
    ])
    .groupBy(['s.milestone_id', 's.compliance_status', 's.extended'])
    .execute();
  const firstDue = new Map<string, number>();
  for (const row of rows) {
    const due = Date.parse(instant(row.first_due));
    firstDue.set(row.milestone_id, Math.min(due, firstDue.get(row.milestone_id) ?? due));
  }
  const byMilestone = foldCounts(rows.map((row) => ({ ...row, key: row.milestone_id })));
  return [...byMilestone]
    .sort(([a], [b]) => firstDue.get(a)! - firstDue.get(b)! || a.localeCompare(b))
    .map(([milestoneId, counts]) => ({ milestoneId, ...complianceFigures(counts) }));
}

/**
 * A unit and the units it reports through in a milestone, from the top level down to the unit itself: a dashboard's
 * breadcrumb. One recursive query up the recorded tree; empty when the unit has no report in the milestone.
 */
export async function listReportingAncestors(
  db: Kysely<Database>,
  key: { planCode: string; milestoneId: string; unitCode: string },
): Promise<Array<{ unitCode: string; unitName: string }>> {
  const { planCode, milestoneId, unitCode } = key;
  const rows = await db
    .withRecursive('up(unit_code, unit_name, parent_unit_code, depth)', (qb) =>
      qb
        .selectFrom('obligations as o')
        .where('o.plan_code', '=', planCode)
        .where('o.milestone_id', '=', milestoneId)
        .where('o.unit_code', '=', unitCode)
        .select(['o.unit_code', 'o.unit_name', 'o.parent_unit_code', sql<number>`0`.as('depth')])
        .union((step) =>
          step
            .selectFrom('obligations as o')
            .innerJoin('up as u', 'u.parent_unit_code', 'o.unit_code')
            .where('o.plan_code', '=', planCode)
            .where('o.milestone_id', '=', milestoneId)
            .where('u.depth', '<', MAX_DEPTH)
            .select(['o.unit_code', 'o.unit_name', 'o.parent_unit_code', sql<number>`u.depth + 1`.as('depth')]),
        ),
    )
    .selectFrom('up')
    .distinctOn('up.depth')
    .select(['up.unit_code', 'up.unit_name', 'up.depth'])
    .orderBy('up.depth', 'desc')
    .execute();
  return rows.map((row) => ({ unitCode: row.unit_code, unitName: row.unit_name }));
}

/**
 * Nominations by field and form in the scope, counting only the submission version that counts (each obligation's
 * latest). One query; sorted by field (none last), then form.
 */
export async function countNominations(db: Kysely<Database>, scope: ComplianceScope): Promise<NominationCount[]> {
  return withReportingTree(db, scope)
    .selectFrom('obligations as o')
    .innerJoin('nominations as n', (join) =>
      join.onRef('n.obligation_id', '=', 'o.id').onRef('n.version', '=', 'o.submission_version'),
    )
    .where(inScope(scope))
    .select([
      'n.field',
      'n.form',
      sql<number>`count(*)::int`.as('count'),
      sql<number>`count(distinct o.unit_code)::int`.as('units'),
    ])
    .groupBy(['n.field', 'n.form'])
    .orderBy(sql`n.field nulls last`)
    .orderBy('n.form')
    .execute();
}

/**
 * One unit's history for one milestone, each report with its read-model row at `now`, every submission version,
 * the escalation steps, the extension or exemption, and every delivery of its notices (the notification log rows
 * whose idempotency key starts with the report's `plan/{plan}/{milestone}/{unit}/{report}/`). One query.
 * Personal data of nominated individuals (names, birth dates — Nghị định 13/2023) only with `personalData: true`.
 * Undefined when the unit has no report for that milestone.
 */
export async function getUnitMilestoneHistory(
  db: Kysely<Database>,
  key: { planCode: string; milestoneId: string; unitCode: string },
  now: InstantIso,
  options: { personalData?: boolean } = {},
): Promise<UnitMilestoneHistory | undefined> {
  const rows = await db
    .selectFrom('obligations as o')
    .leftJoinLateral(parentNameOf, (join) => join.onTrue())
    .leftJoin('plan_versions as v', (join) =>
      join.onRef('v.plan_code', '=', 'o.plan_code').onRef('v.version', '=', 'o.plan_version'),
    )
    .where('o.plan_code', '=', key.planCode)
    .where('o.milestone_id', '=', key.milestoneId)
    .where('o.unit_code', '=', key.unitCode)
    .selectAll('o')
    .select((eb) => [
      complianceStatusAt(now).as('compliance_status'),
      PARENT_UNIT_NAME,
      jsonArrayFrom(
        eb
          .selectFrom('submissions as s')
          .whereRef('s.obligation_id', '=', 'o.id')
          .select([
            's.version',
            's.receipt_number',
            's.submitted_at',
            's.submitted_by',
            's.late',
            's.text',
            's.fields',
            's.nominations',
          ])
          .orderBy('s.version'),
      ).as('submissions'),
      jsonArrayFrom(
        eb
          .selectFrom('escalations as e')
          .whereRef('e.obligation_id', '=', 'o.id')
          .select(['e.step', 'e.at', 'e.notified'])
          .orderBy('e.step'),
      ).as('escalations'),
      jsonArrayFrom(
        eb
          .selectFrom('notification_log as l')
          .whereRef('l.plan_code', '=', 'o.plan_code')
          // The key is `${workflowId}/${reportId}/${step}/${role}` (activities/notify): a prefix, not a pattern.
          .where(sql<boolean>`starts_with(l.idempotency_key, o.workflow_id || '/' || o.report_id || '/')`)
          .select([
            'l.kind',
            'l.channel',
            'l.address',
            'l.unit_code',
            'l.recipient_role',
            'l.recipient_name',
            'l.status',
            'l.subject',
            'l.reason',
            'l.attempts',
            sql<string>`l.created_at`.as('created_at'),
            'l.sent_at',
            'l.delivery_status',
            'l.delivered_at',
          ])
          .orderBy('l.created_at')
          .orderBy('l.channel')
          .orderBy('l.address'),
      ).as('notifications'),
    ])
    .orderBy('o.report_id')
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const personalData = options.personalData ?? false;
  return {
    planCode: key.planCode,
    milestoneId: key.milestoneId,
    unitCode: key.unitCode,
    unitName: first.unit_name,
    parentUnitCode: first.parent_unit_code,
    level: first.level,
    reports: rows.map((row) => {
      const view = complianceRow(row, now);
      return {
        row: view,
        storedStatus: row.status,
        extension: row.extended_by
          ? {
              by: row.extended_by,
              reason: row.extension_reason,
              fromLastDay: lastDayOf(view.originalDueAt),
              toLastDay: view.lastDay,
            }
          : null,
        exemption: row.exempted_by ? { by: row.exempted_by, reason: row.exemption_reason } : null,
        submissions: row.submissions.map((s) => ({
          version: s.version,
          receiptNumber: s.receipt_number,
          submittedAt: instant(s.submitted_at),
          submittedBy: s.submitted_by,
          late: s.late,
          text: s.text,
          fields: s.fields,
          nominations: s.nominations.map((n) => nominationView(n, personalData)),
        })),
        escalations: row.escalations.map((e) => ({ step: e.step, at: instant(e.at), notified: e.notified })),
        notifications: row.notifications.map((n) => ({
          kind: n.kind,
          channel: n.channel,
          address: n.address,
          unitCode: n.unit_code,
          recipientRole: n.recipient_role,
          recipientName: n.recipient_name,
          status: n.status,
          subject: n.subject,
          reason: n.reason,
          attempts: n.attempts,
          createdAt: instant(n.created_at),
          sentAt: optionalInstant(n.sent_at),
          deliveryStatus: n.delivery_status,
          deliveredAt: optionalInstant(n.delivered_at),
        })),
      };
    }),
  };
}
