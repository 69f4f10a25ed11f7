import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import { startPlanCycle } from '../../../../client/plans/start-plan-cycle';
import type { Database } from '../../../../db/schema';
import { recordingSender } from '../../../helpers/recording-sender';
import { startDevServerEnvironment } from '../../../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../../../helpers/test-databases';
import { createTestWorker } from '../../../helpers/test-worker';
import { waitFor } from '../../../integration/helpers/api-cycle';
import { importUnitsCsv, seedPlan, UNITS_CSV } from './api-seed';

/** The services a plan cycle runs on in a test; read them inside the tests, once `beforeAll` has set them. */
export interface CycleServices {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
}

/**
 * Registers, in the calling describe block, the Temporal dev server and a fresh Postgres holding `unitsCsv` (the API
 * seed's units unless given): started before its tests, stopped after them.
 */
export function useCycleServices(unitsCsv = UNITS_CSV): CycleServices {
  const services = {} as CycleServices;
  beforeAll(async () => {
    [services.env, services.database] = await Promise.all([startDevServerEnvironment(), openTestDatabase('postgres')]);
    await importUnitsCsv(services.database.db, unitsCsv);
  });
  afterAll(async () => {
    await Promise.all([services.env?.teardown(), services.database?.close()]);
  });
  return services;
}

/**
 * A worker of the real activities on a fresh task queue of the services, notices recorded in `sent` instead of sent;
 * `cli` is the environment a `bin/dondoc` process needs to reach the same database, server and queue.
 */
export async function startCycleWorker({ env, database }: CycleServices) {
  const { sent, sendNotification } = recordingSender();
  const { worker, taskQueue } = await createTestWorker({
    env,
    dependencies: { db: database.db },
    activityOverrides: { sendNotification },
  });
  const cli = { DATABASE_URL: database.url, TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue };
  return { worker, taskQueue, sent, cli };
}

/** Resolves once both units of the API seed plan `code` (SGD, SYT) have their obligation in the read model. */
export async function seedObligationsOpen(db: Kysely<Database>, code: string): Promise<void> {
  await waitFor(async () => {
    const rows = await db.selectFrom('obligations').select('id').where('plan_code', '=', code).execute();
    return rows.length === 2 ? true : undefined;
  }, `the two obligations of ${code}`);
}

/**
 * A started cycle of the API seed plan: loads it under a fresh số hiệu, starts its cycle on `taskQueue` (the
 * worker must be running) and resolves with the code once both units' obligations are open.
 */
export async function startSeedCycle({ env, database }: CycleServices, taskQueue: string): Promise<string> {
  const code = await seedPlan(database.db);
  await startPlanCycle(database.db, env.client, { code, taskQueue, actor: 'test' });
  await seedObligationsOpen(database.db, code);
  return code;
}
