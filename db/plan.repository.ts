import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { PlanFile } from '../domain/plan/plan-schema';
import type { ResolvedPlan } from '../domain/plan/resolved-plan';
import { appendAudit } from './audit-log.repository';
import type { Database } from './schema';
import type { Plan } from './tables/plan.table';
import type { PlanVersion as PlanVersionRow } from './tables/plan-version.table';

export class PlanNotFoundError extends Error {
  constructor(readonly code: string) {
    super(`PLAN_NOT_FOUND: không có kế hoạch số hiệu "${code}"`);
    this.name = 'PlanNotFoundError';
  }
}

export class PlanCodeDuplicateError extends Error {
  constructor(
    readonly code: string,
    readonly version: number,
  ) {
    super(
      `PLAN_CODE_DUPLICATE: đã có kế hoạch số hiệu "${code}" (phiên bản ${version}) với nội dung khác. ` +
        'Nếu đây là bản điều chỉnh của kế hoạch đó, hãy dùng lệnh điều chỉnh; nếu là kế hoạch khác, hãy sửa số hiệu.',
    );
    this.name = 'PlanCodeDuplicateError';
  }
}

export interface PlanDefinitionInput {
  sourceFile: string;
  sourceText: string;
  definition: PlanFile;
  resolved: ResolvedPlan;
  actor: string;
}

export type SavePlanResult = { outcome: 'created' | 'unchanged' | 'amended'; version: number };

function checksumOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The plan with this số hiệu, or undefined. */
export function findPlan(db: Kysely<Database>, code: string): Promise<Plan | undefined> {
  return db.selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The plan with this số hiệu; throws `PlanNotFoundError` when there is none. */
export async function getPlan(db: Kysely<Database>, code: string): Promise<Plan> {
  const plan = await findPlan(db, code);
  if (!plan) throw new PlanNotFoundError(code);
  return plan;
}

/** One version of a plan's definition (the current one by default); throws `PlanNotFoundError`. */
export async function getPlanVersion(db: Kysely<Database>, code: string, version?: number): Promise<PlanVersionRow> {
  const wanted = version ?? (await getPlan(db, code)).current_version;
  const row = await db
    .selectFrom('plan_versions')
    .selectAll()
    .where('plan_code', '=', code)
    .where('version', '=', wanted)
    .executeTakeFirst();
  if (!row) throw new PlanNotFoundError(`${code} (phiên bản ${wanted})`);
  return row;
}

/** Every plan, newest first. */
export function listPlans(db: Kysely<Database>): Promise<Plan[]> {
  return db.selectFrom('plans').selectAll().orderBy('created_at', 'desc').orderBy('code').execute();
}

/**
 * Loads a new plan as version 1, in one transaction with its audit entry. Loading the same text again writes
 * nothing ('unchanged'); a different definition under a số hiệu already loaded throws `PlanCodeDuplicateError`
 * (amendments go through `amendPlan`).
 */
export async function createPlan(db: Kysely<Database>, input: PlanDefinitionInput): Promise<SavePlanResult> {
  const code = input.definition.code;
  const checksum = checksumOf(input.sourceText);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('plans')
      .select('current_version')
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (existing) {
      if ((await versionChecksum(trx, code, existing.current_version)) === checksum)
        return { outcome: 'unchanged', version: existing.current_version } as const;
      throw new PlanCodeDuplicateError(code, existing.current_version);
    }
    await trx
      .insertInto('plans')
      .values({ code, title: input.definition.title, issuer: input.definition.issuer, current_version: 1 })
      .execute();
    await insertVersion(trx, input, 1, checksum);
    await appendAudit(trx, {
      actor: input.actor,
      action: 'plan.create',
      entityType: 'plan',
      entityId: code,
      after: { version: 1, sourceFile: input.sourceFile, checksum },
    });
    return { outcome: 'created', version: 1 } as const;
  });
}

/**
 * Records an amendment as the next version, keeping every earlier one; throws `PlanNotFoundError` when the plan was
 * never loaded. An identical text is 'unchanged'.
 */
export async function amendPlan(
  db: Kysely<Database>,
  input: PlanDefinitionInput,
  reason: string,
): Promise<SavePlanResult> {
  const code = input.definition.code;
  const checksum = checksumOf(input.sourceText);
  return db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!plan) throw new PlanNotFoundError(code);
    if ((await versionChecksum(trx, code, plan.current_version)) === checksum)
      return { outcome: 'unchanged', version: plan.current_version } as const;
    const version = plan.current_version + 1;
    await insertVersion(trx, input, version, checksum);
    await trx
      .updateTable('plans')
      .set({
        current_version: version,
        title: input.definition.title,
        issuer: input.definition.issuer,
        updated_at: sql`now()`,
      })
      .where('code', '=', code)
      .execute();
    await appendAudit(trx, {
      actor: input.actor,
      action: 'plan.amend',
      entityType: 'plan',
      entityId: code,
      before: { version: plan.current_version },
      after: { version, sourceFile: input.sourceFile, checksum },
      reason,
    });
    return { outcome: 'amended', version } as const;
  });
}

/** The checksum of a plan's stored version. */
async function versionChecksum(db: Kysely<Database>, code: string, version: number): Promise<string> {
  const row = await db
    .selectFrom('plan_versions')
    .select('checksum')
    .where('plan_code', '=', code)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return row.checksum;
}

async function insertVersion(trx: Kysely<Database>, input: PlanDefinitionInput, version: number, checksum: string) {
  await trx
    .insertInto('plan_versions')
    .values({
      plan_code: input.definition.code,
      version,
      source_file: input.sourceFile,
      source_text: input.sourceText,
      checksum,
      definition: JSON.stringify(input.definition),
      resolved: JSON.stringify(input.resolved),
      created_by: input.actor,
    })
    .execute();
}

export type { Plan };

/** Moves a plan to a new status (running, cancelled, …) with its audit entry, in one transaction. */
export async function setPlanStatus(
  db: Kysely<Database>,
  code: string,
  status: Plan['status'],
  audit: { actor: string; reason?: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').select('status').where('code', '=', code).forUpdate().executeTakeFirst();
    if (!plan) throw new PlanNotFoundError(code);
    if (plan.status === status) return;
    await trx
      .updateTable('plans')
      .set({ status, updated_at: sql`now()` })
      .where('code', '=', code)
      .execute();
    await appendAudit(trx, {
      actor: audit.actor,
      action: `plan.${status}`,
      entityType: 'plan',
      entityId: code,
      before: { status: plan.status },
      after: { status },
      reason: audit.reason,
    });
  });
}
