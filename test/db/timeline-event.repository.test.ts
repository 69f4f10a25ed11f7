import { randomUUID } from 'node:crypto';
import { listTimelineEvents, recordTimelineEvent } from '../../db/timeline-event.repository';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../helpers/test-databases';

describe.each(DATABASE_KINDS)('timeline events on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  const event = (planCode: string, key: string, dueAt: string) => ({
    idempotency_key: key,
    plan_code: planCode,
    milestone_code: 'so-ket-2023',
    kind: 'milestone-opened',
    due_at: dueAt,
    occurred_at: dueAt,
  });

  it('writes once per idempotency key and returns the first row on a retry', async () => {
    const plan = `KH-${randomUUID()}`;
    const first = await recordTimelineEvent(database.db, event(plan, `${plan}/opened`, '2023-07-01T00:00:00+07:00'));
    const retry = await recordTimelineEvent(database.db, event(plan, `${plan}/opened`, '2023-07-01T00:00:00+07:00'));
    expect(retry.id).toBe(first.id);
    expect(await listTimelineEvents(database.db, plan)).toHaveLength(1);
    expect(first.due_at.toISOString()).toBe('2023-06-30T17:00:00.000Z');
  });

  it('lists a plan’s events in the order they were due, and only that plan’s', async () => {
    const plan = `KH-${randomUUID()}`;
    await recordTimelineEvent(database.db, event(plan, `${plan}/b`, '2025-07-01T00:00:00+07:00'));
    await recordTimelineEvent(database.db, event(plan, `${plan}/a`, '2021-07-01T00:00:00+07:00'));
    await recordTimelineEvent(database.db, event(`other-${plan}`, `other-${plan}/a`, '2020-01-01T00:00:00+07:00'));
    const keys = (await listTimelineEvents(database.db, plan)).map((row) => row.idempotency_key);
    expect(keys).toEqual([`${plan}/a`, `${plan}/b`]);
  });
});
