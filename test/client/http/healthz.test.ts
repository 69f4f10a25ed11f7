import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildHttpServer } from '../../../client/http/build-server';
import { createLogger } from '../../../runtime/logger';
import { startDevServerEnvironment } from '../../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';

describe('GET /healthz', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  beforeAll(async () => {
    [env, database] = await Promise.all([startDevServerEnvironment(), openTestDatabase('pglite')]);
  });
  afterAll(() => env.teardown());

  it('answers 200 while Temporal and the database answer, and 503 naming the database once it is gone', async () => {
    const app = buildHttpServer({ temporal: env.client, db: database.db, log: createLogger('test', 'silent') });

    const healthy = await app.inject({ method: 'GET', url: '/healthz' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toMatchObject({ status: 'ok', temporal: { ok: true }, database: { ok: true } });

    await database.close();
    const degraded = await app.inject({ method: 'GET', url: '/healthz' });
    expect(degraded.statusCode).toBe(503);
    expect(degraded.json()).toMatchObject({ status: 'degraded', temporal: { ok: true }, database: { ok: false } });
    expect(degraded.json<{ database: { error: string } }>().database.error).toMatch(/\S/);
    await app.close();
  });
});
