import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { planCycleWorkflowId } from '../../domain/ids';
import { createWorker } from '../../worker/create-worker';
import { planCycleStatusQuery } from '../../workflows/plan-cycle';
import { unitMilestoneStatusQuery } from '../../workflows/unit-milestone';
import { addAccount, buildTestApi, loginHeaders } from '../client/http/helpers/api-fixture';
import { calendar, importUnitsCsv, obligationId, yearPlanYaml } from '../client/http/helpers/api-seed';
import { recordingSender } from '../helpers/recording-sender';
import { startDevServerEnvironment } from '../helpers/temporal-servers';
import { createTestWorker, workflowBundle } from '../helpers/test-worker';
import { startCycleWithLinks, unitCodes, unitsCsv, waitFor } from './helpers/api-cycle';
import { startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres';
import { startSubmitters, type SubmissionAnswer } from './helpers/submitters';

const UNITS = unitCodes('RS', 8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * What a client may see while a dependency restarts: a receipt, or a retryable refusal (503, `retryable: true`,
 * Retry-After) — never a 500, never a silent loss. Returns the receipts per unit.
 */
function expectOnlyReceiptsOrRetryable(answers: SubmissionAnswer[]): Map<string, string[]> {
  const unexpected = answers.filter(
    (answer) =>
      answer.status !== 201 &&
      !(answer.status === 503 && answer.error?.retryable === true && answer.retryAfter !== undefined),
  );
  expect(unexpected).toEqual([]);
  const receipts = new Map<string, string[]>();
  for (const answer of answers.filter((a) => a.receipt)) {
    receipts.set(answer.unit, [...(receipts.get(answer.unit) ?? []), answer.receipt!]);
  }
  return receipts;
}

/** Every receipt a client got is in the submissions table and in its workflow's own state. */
async function expectNoReceiptLost(
  db: Kysely<Database>,
  client: Client,
  code: string,
  receipts: Map<string, string[]>,
): Promise<number> {
  const stored = new Set(
    (
      await db
        .selectFrom('submissions')
        .innerJoin('obligations', 'obligations.id', 'submissions.obligation_id')
        .select('submissions.receipt_number')
        .where('obligations.plan_code', '=', code)
        .execute()
    ).map((row) => row.receipt_number),
  );
  for (const [unit, list] of receipts) {
    const status = await client.workflow
      .getHandle(obligationId(code, unit).split('#')[0]!)
      .query(unitMilestoneStatusQuery);
    const inWorkflow = new Set(status.obligations[0]!.submissions.map((submission) => submission.receiptNumber));
    for (const receipt of list) {
      expect([unit, receipt, stored.has(receipt), inWorkflow.has(receipt)]).toEqual([unit, receipt, true, true]);
    }
  }
  return stored.size;
}

async function adminHeaders(api: ReturnType<typeof buildTestApi>, db: Kysely<Database>) {
  const username = `admin-${randomUUID().slice(0, 6)}`;
  await addAccount(db, username, 'admin');
  return loginHeaders(api.app, username);
}

describe('dependencies restarting under a running cycle and its submissions', () => {
  let pg: PrivatePostgres | undefined;
  afterAll(() => pg?.remove());

  it('the Temporal server restarts: the cycle resumes, no receipt is lost, clients meanwhile get 503 retryable', async () => {
    pg = startPrivatePostgres();
    const db = createDatabase({ url: pg.url });
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-temporal-restart-'));
    const port = await freePort();
    const dbFilename = path.join(stateDir, 'temporal.sqlite');
    let env: TestWorkflowEnvironment | undefined = await startDevServerEnvironment({ dbFilename, port });
    // The API's and the worker's own connections to the server's address outlive each server process. No gRPC retry
    // interceptor on the API's: while the server is down each call fails at once (503) instead of waiting ~10 s.
    const client = new Client({
      connection: Connection.lazy({ address: `127.0.0.1:${port}`, connectTimeout: 1000, interceptors: [] }),
    });
    const workerConnection = await NativeConnection.connect({ address: `127.0.0.1:${port}` });
    const taskQueue = `restart-${randomUUID()}`;
    const { sendNotification } = recordingSender();
    const worker = await createWorker({
      connection: workerConnection,
      namespace: 'default',
      taskQueue,
      dependencies: { db },
      activityOverrides: { sendNotification },
      workflowBundle: await workflowBundle(),
    });
    const running = worker.run();
    const api = buildTestApi(db, { temporal: client, api: { taskQueue, workingCalendar: calendar } });
    const code = `${randomUUID().slice(0, 6)}/KH-TEMPORAL`;
    try {
      await migrateToLatest(db);
      await importUnitsCsv(db, unitsCsv('RSNV', UNITS));
      const tokens = await startCycleWithLinks(api.app, db, await adminHeaders(api, db), {
        code,
        yaml: yearPlanYaml(code, 'RSNV', UNITS),
        units: UNITS,
      });
      const submitters = startSubmitters(api.app, tokens);
      await sleep(2000);
      submitters.setPhase('server down');
      await env.teardown();
      env = undefined;
      await sleep(3000);
      submitters.setPhase('server back');
      env = await startDevServerEnvironment({ dbFilename, port });
      // The cycle resumes on the state the server kept: every unit has a receipt from after the restart.
      await waitFor(
        () => {
          const after = new Set(
            submitters.answers.filter((a) => a.phase === 'server back' && a.receipt).map((a) => a.unit),
          );
          return after.size === UNITS.length ? true : undefined;
        },
        'a receipt for every unit after the restart',
        45_000,
      );
      submitters.setPhase('settled');
      await sleep(500);
      await submitters.stop();

      const receipts = expectOnlyReceiptsOrRetryable(submitters.answers);
      const summary = submitters.summary();
      expect(summary['server down']?.[503]).toBeGreaterThan(0);
      const stored = await expectNoReceiptLost(db, client, code, receipts);
      expect(await client.workflow.getHandle(planCycleWorkflowId(code)).query(planCycleStatusQuery)).toMatchObject({
        opened: ['tong-ket'],
      });
      console.log(
        JSON.stringify({
          test: 'fault-restarts',
          restarted: 'temporal',
          answers: summary,
          receipts: [...receipts.values()].flat().length,
          storedRows: stored,
        }),
      );
    } finally {
      await api.close();
      worker.shutdown();
      await running.catch(() => undefined);
      await workerConnection.close();
      await client.connection.close();
      await env?.teardown();
      await db.destroy();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('PostgreSQL restarts: the cycle resumes, no receipt is lost, clients meanwhile get 503 retryable', async () => {
    pg ??= startPrivatePostgres();
    const server = pg;
    const db = createDatabase({ url: server.url });
    const env = await startDevServerEnvironment();
    const { sendNotification } = recordingSender();
    const { worker, taskQueue } = await createTestWorker({
      env,
      dependencies: { db },
      activityOverrides: { sendNotification },
    });
    const api = buildTestApi(db, { temporal: env.client, api: { taskQueue, workingCalendar: calendar } });
    const code = `${randomUUID().slice(0, 6)}/KH-POSTGRES`;
    try {
      await worker.runUntil(async () => {
        await migrateToLatest(db);
        await importUnitsCsv(db, unitsCsv('RSNV', UNITS));
        const tokens = await startCycleWithLinks(api.app, db, await adminHeaders(api, db), {
          code,
          yaml: yearPlanYaml(code, 'RSNV', UNITS),
          units: UNITS,
        });
        const submitters = startSubmitters(api.app, tokens);
        await sleep(2000);
        submitters.setPhase('database down');
        server.stop();
        // A request of each unit while the database is down: told to retry, never a 500 or a silent loss.
        const probes = await Promise.all(
          [...tokens.values()].map((token) =>
            api.app.inject({
              method: 'POST',
              url: `/api/links/${token}/submission`,
              payload: { submittedBy: 'Cán bộ', text: 'Báo cáo khi cơ sở dữ liệu đang khởi động lại' },
            }),
          ),
        );
        for (const probe of probes) {
          expect([probe.statusCode, probe.json<{ error?: { retryable?: boolean } }>().error?.retryable]).toEqual([
            503,
            true,
          ]);
          expect(probe.headers['retry-after']).toBe('30');
        }
        await sleep(3000);
        submitters.setPhase('database back');
        server.start();
        await waitFor(
          () => {
            const after = new Set(
              submitters.answers.filter((a) => a.phase === 'database back' && a.receipt).map((a) => a.unit),
            );
            return after.size === UNITS.length ? true : undefined;
          },
          'a receipt for every unit after the restart',
          45_000,
        );
        submitters.setPhase('settled');
        await sleep(500);
        await submitters.stop();

        const receipts = expectOnlyReceiptsOrRetryable(submitters.answers);
        const summary = submitters.summary();
        const stored = await expectNoReceiptLost(db, env.client, code, receipts);
        // The read model catches up with the workflows (their projections retried through the outage): each
        // obligation's version is its workflow's submission count.
        await waitFor(
          async () => {
            const rows = await db
              .selectFrom('obligations')
              .select(['unit_code', 'submission_version'])
              .where('plan_code', '=', code)
              .execute();
            for (const row of rows) {
              const status = await env.client.workflow
                .getHandle(obligationId(code, row.unit_code).split('#')[0]!)
                .query(unitMilestoneStatusQuery);
              if (row.submission_version !== status.obligations[0]!.submissions.length) return undefined;
            }
            return true;
          },
          'the read model to catch up',
          30_000,
        );
        console.log(
          JSON.stringify({
            test: 'fault-restarts',
            restarted: 'postgres',
            answers: summary,
            probesWhileDown: { 503: probes.length },
            receipts: [...receipts.values()].flat().length,
            storedRows: stored,
          }),
        );
      });
    } finally {
      await api.close();
      await env.teardown();
      await db.destroy();
    }
  }, 120_000);
});
