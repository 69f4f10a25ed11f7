import { randomInt } from 'node:crypto';
import { upsertObligation, upsertRollup } from '../../db/obligation.repository';
import { emptyRollup } from '../../domain/obligation/rollup';
import type { NewObligation } from '../../db/tables/obligation.table';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { seedCompliance } from './compliance-fixture';

describe.each(DATABASE_KINDS)('projection writes on %s', (kind) => {
  let database: TestDatabase;
  const code = `${randomInt(100, 999)}/KH-UBND`;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedCompliance(database.db, code);
  });
  afterAll(async () => database?.close());

  it('never lets an older write of an obligation replace a newer one (two writes in flight, one retried)', async () => {
    const stored = await database.db
      .selectFrom('obligations')
      .selectAll()
      .where('plan_code', '=', code)
      .limit(1)
      .executeTakeFirstOrThrow();
    const { updated_at: _updated, ...row } = stored;
    const write = (sequence: number, status: NewObligation['status'], escalation: number) =>
      upsertObligation(database.db, { ...row, status, escalation_step: escalation, projection_seq: sequence });
    const read = () =>
      database.db
        .selectFrom('obligations')
        .select(['status', 'escalation_step', 'projection_seq'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();

    await write(7, 'overdue', 1);
    await write(6, 'open', 0);
    expect(await read()).toEqual({ status: 'overdue', escalation_step: 1, projection_seq: 7 });
    // The same write again (an activity retried) still lands; a newer one replaces it.
    await write(7, 'overdue', 2);
    expect(await read()).toEqual({ status: 'overdue', escalation_step: 2, projection_seq: 7 });
    await write(8, 'late', 2);
    expect(await read()).toEqual({ status: 'late', escalation_step: 2, projection_seq: 8 });
  });

  it('does the same for a node’s roll-up', async () => {
    const node = { planCode: code, milestoneId: 'so-ket-2031', unitCode: 'H-ROLLUP', parentUnitCode: null, level: 0 };
    const rollup = (onTime: number) => ({ ...emptyRollup(), units: 2, onTime, missing: 2 - onTime });
    await upsertRollup(database.db, { ...node, rollup: rollup(2), closed: true, sequence: 4 });
    await upsertRollup(database.db, { ...node, rollup: rollup(1), closed: false, sequence: 3 });
    const stored = await database.db
      .selectFrom('milestone_rollups')
      .select(['rollup', 'closed', 'projection_seq'])
      .where('plan_code', '=', code)
      .where('unit_code', '=', 'H-ROLLUP')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ rollup: expect.objectContaining({ onTime: 2 }), closed: true, projection_seq: 4 });
  });
});
