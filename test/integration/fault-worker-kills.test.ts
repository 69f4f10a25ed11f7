import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importUnits } from '../../db/import/import-units';
import { createPlan } from '../../db/plan.repository';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../../domain/ids';
import { planCycleWorkflow } from '../../workflows/plan-cycle';
import { submitReportUpdate, type unitMilestoneWorkflow } from '../../workflows/unit-milestone';
import { startSmtpSink, type SmtpSink } from '../activities/notify/helpers/smtp-sink';
import { startDevServerEnvironment } from '../helpers/temporal-servers';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases';
import { workflowBundle } from '../helpers/test-worker';
import { releaseDeadWorkerTasks, seededRandom } from './helpers/after-worker-death';
import { waitFor } from './helpers/api-cycle';
import { provinceUnitsCsv, quickPlan } from './helpers/quick-plan';
import { bundleWorkerProcess, startWorkerProcess, type WorkerProcess } from './helpers/worker-process';

const UNITS = Array.from({ length: 60 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
/** FAULT_KILLS changes the number of kills (at least ten in the suite). */
const KILLS = Number(process.env.FAULT_KILLS ?? 10);
/** FAULT_SEED replays a run's kill moments; otherwise a new seed each run, printed. */
const SEED = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));

const bare = (messageId: string | undefined) => (messageId ?? '').replace(/^<|>$/g, '');

/**
 * Issue #7: SIGKILL the worker at random moments while 60 units are told of their report (120 assignments at the
 * opening), reminded (60 reminders due at the same instant) and submit (60 receipts): a real worker process on the
 * dev server, real Postgres, a real SMTP server on loopback. Nothing may be lost; a second copy is allowed only
 * from the window between the server's 250 and the log update, and then carries the same Message-ID.
 */
describe('the worker SIGKILLed at ten random moments of a reminder burst', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let sink: SmtpSink;
  let dir: string;
  let worker: WorkerProcess | undefined;
  const standby: WorkerProcess[] = [];
  beforeAll(async () => {
    [env, database, sink] = await Promise.all([
      startDevServerEnvironment(),
      openTestDatabase('postgres'),
      startSmtpSink(),
    ]);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-kills-'));
    writeFileSync(path.join(dir, 'units.csv'), provinceUnitsCsv(UNITS));
    writeFileSync(path.join(dir, 'workflows.js'), (await workflowBundle()).code);
    await bundleWorkerProcess(path.join(dir, 'worker.js'));
    await importUnits(database.db, { files: [path.join(dir, 'units.csv')], format: 'csv' }, { today: '2026-01-01' });
  });
  afterAll(async () => {
    await Promise.all([worker?.kill(), ...standby.map((process) => process.kill())]);
    await Promise.all([env?.teardown(), database?.close(), sink?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no message, duplicates only with the same Message-ID, and ends every obligation right', async () => {
    const random = seededRandom(SEED);
    const code = `K-${randomUUID().slice(0, 8)}`;
    const taskQueue = `kills-${randomUUID()}`;
    const workerEnv = {
      FAULT_TEMPORAL_ADDRESS: env.address,
      FAULT_TASK_QUEUE: taskQueue,
      FAULT_DATABASE_URL: database.url,
      FAULT_SMTP_URL: sink.url,
      FAULT_BUNDLE_PATH: path.join(dir, 'workflows.js'),
    };
    const spawnWorker = () => startWorkerProcess(path.join(dir, 'worker.js'), workerEnv);
    worker = spawnWorker();
    // Two replacements stay warm ahead of the kills, so a restart is a line on stdin.
    standby.push(spawnWorker(), spawnWorker());
    await worker.go();

    process.stderr.write(`fault-worker-kills: seed ${SEED} (FAULT_SEED=${SEED} replays these kill moments)\n`);
    const t0 = Date.now();
    const plan = quickPlan(code, t0, { opens: 8, reminders: [20], due: 45, escalation: 300 });
    await createPlan(database.db, {
      sourceFile: 'kills',
      sourceText: code,
      definition: { code, title: plan.title, issuer: plan.issuer } as never,
      resolved: plan,
      actor: 'test',
    });
    await env.client.workflow.start(planCycleWorkflow, {
      workflowId: planCycleWorkflowId(code),
      taskQueue,
      args: [{ version: 1, planVersion: 1, plan, opened: [] }],
    });
    const unitWorkflow = (unit: string) =>
      env.client.workflow.getHandle<typeof unitMilestoneWorkflow>(unitMilestoneWorkflowId(code, 'nhanh', unit));
    const workflowIds = [
      planCycleWorkflowId(code),
      ...['P-SNV', ...UNITS].map((unit) => unitMilestoneWorkflowId(code, 'nhanh', unit)),
    ];

    // Each unit submits once its reminder is out, retrying through the kills; the client keeps every receipt.
    const receipts = new Map<string, string[]>();
    const lastError = new Map<string, string>();
    const submissions = Promise.all(
      UNITS.map(async (unit) => {
        // Once its reminder is out — or, if the tree started after the reminder's instant (a loaded machine), a few
        // seconds before the deadline — the unit submits.
        await waitFor(
          async () => {
            const row = await database.db
              .selectFrom('notification_log')
              .select('id')
              .where('plan_code', '=', code)
              .where('unit_code', '=', unit)
              .where('kind', '=', 'reminder')
              .where('status', '=', 'sent')
              .executeTakeFirst();
            return row || Date.now() > t0 + 38_000 ? true : undefined;
          },
          `the reminder of ${unit}`,
          60_000,
        );
        for (;;) {
          try {
            const accepted = await unitWorkflow(unit).executeUpdate(submitReportUpdate, {
              // One submission, retried: the same Update id, so a retry after a lost answer gets the first receipt
              // (as the API does with the page's Idempotency-Key) instead of a second version.
              updateId: `submit-${unit}`,
              args: [{ unitCode: unit, milestoneId: 'nhanh', reportId: 'bao-cao', submittedBy: unit, text: 'Báo cáo' }],
            });
            receipts.set(unit, [...(receipts.get(unit) ?? []), accepted.receiptNumber]);
            return;
          } catch (error) {
            // Accepted by an attempt whose answer was lost, then refused as a replacement after the deadline.
            if (String((error as Error).cause ?? error).includes('SUBMISSION_WINDOW_CLOSED')) return;
            lastError.set(unit, String((error as Error).cause ?? error).slice(0, 120));
            await new Promise((resolve) => setTimeout(resolve, 300));
          }
        }
      }),
    );

    const progress = setInterval(() => {
      void database.db
        .selectFrom('notification_log')
        .select(['kind', 'status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('plan_code', '=', code)
        .groupBy(['kind', 'status'])
        .execute()
        .then(
          (rows) =>
            process.stderr.write(
              `+${Date.now() - t0} ms: receipts ${receipts.size}, log ${JSON.stringify(rows)}, errors ${JSON.stringify([
                ...lastError,
              ]).slice(0, 300)}\n`,
            ),
          (error: unknown) => process.stderr.write(`+${Date.now() - t0} ms: progress query failed: ${String(error)}\n`),
        );
    }, 5000);
    // The kills begin once the tree is open (every unit told of its report): the ten of them, 1–2.4 s apart, span
    // the reminder burst (20 s) and the submissions.
    await waitFor(
      async () => {
        const { n } = await database.db
          .selectFrom('notification_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('plan_code', '=', code)
          .where('kind', '=', 'assignment')
          .executeTakeFirstOrThrow();
        return Number(n) === 2 * UNITS.length ? true : undefined;
      },
      'every unit told of its report',
      90_000,
    );
    const kills: number[] = [];
    let released = 0;
    for (let i = 0; i < KILLS; i++) {
      // The kill falls 1–2.4 s into this worker's life; the next worker is warm already.
      if (i + 2 < KILLS) standby.push(spawnWorker());
      await new Promise((resolve) => setTimeout(resolve, 1000 + Math.floor(random() * 1400)));
      kills.push(Date.now() - t0);
      await worker.kill();
      released += await releaseDeadWorkerTasks(env.client, workflowIds);
      worker = standby.shift()!;
      await worker.go();
    }
    process.stderr.write(`kills done at ${Date.now() - t0} ms: ${JSON.stringify(kills)}, released ${released}\n`);
    await submissions;
    const result = await unitWorkflow('P-SNV').result();
    clearInterval(progress);
    await worker.stop();

    const log = await database.db
      .selectFrom('notification_log')
      .select(['kind', 'unit_code', 'status', 'message_id', 'attempts'])
      .where('plan_code', '=', code)
      .execute();
    const atSink = sink.messages.map((message) => bare(message.messageId));
    const perId = new Map<string, number>();
    for (const id of atSink) perId.set(id, (perId.get(id) ?? 0) + 1);
    const duplicated = [...perId].filter(([, n]) => n > 1);
    const byKind = (kind: string) => log.filter((row) => row.kind === kind).length;
    const obligations = await database.db
      .selectFrom('obligations')
      .select(['unit_code', 'status'])
      .where('plan_code', '=', code)
      .execute();
    const stored = await database.db
      .selectFrom('submissions')
      .innerJoin('obligations', 'obligations.id', 'submissions.obligation_id')
      .select(['obligations.unit_code', 'submissions.receipt_number', 'submissions.late', 'submissions.version'])
      .where('obligations.plan_code', '=', code)
      .execute();

    console.log(
      JSON.stringify({
        test: 'fault-worker-kills',
        seed: SEED,
        units: UNITS.length,
        kills: kills.length,
        killAtMs: kills,
        activitiesReleased: released,
        expected: log.length,
        received: atSink.length,
        distinctMessageIds: perId.size,
        lost: log.filter((row) => !perId.has(bare(row.message_id))).length,
        duplicates: atSink.length - perId.size,
        duplicateMessageIds: duplicated.map(([id]) => id),
        kinds: { assignment: byKind('assignment'), reminder: byKind('reminder'), receipt: byKind('receipt') },
        states: Object.fromEntries(
          ['on-time', 'late'].map((state) => [state, obligations.filter((row) => row.status === state).length]),
        ),
        elapsedMs: Date.now() - t0,
      }),
    );

    // What the workflows decided to send: two assignments and one receipt per unit, and the reminder of each unit
    // whose obligation was open at its instant — every one sent.
    expect(log.every((row) => row.status === 'sent')).toBe(true);
    expect([byKind('assignment'), byKind('receipt')]).toEqual([120, 60]);
    expect(byKind('reminder')).toBeLessThanOrEqual(60);
    expect(log).toHaveLength(180 + byKind('reminder'));
    // At the server: each of them (none lost), nothing else, and a second copy only of a delivery that was retried.
    expect([...perId.keys()].sort()).toEqual(log.map((row) => bare(row.message_id)).sort());
    for (const [id] of duplicated) {
      expect(log.find((row) => bare(row.message_id) === id)!.attempts).toBeGreaterThanOrEqual(2);
    }
    // Every obligation ends as its last accepted submission says; every receipt the client got is stored.
    expect(result.rollup).toMatchObject({ units: UNITS.length, missing: 0 });
    for (const unit of UNITS) {
      const rows = stored.filter((row) => row.unit_code === unit).sort((a, b) => a.version - b.version);
      expect(rows.length).toBeGreaterThan(0);
      for (const receipt of receipts.get(unit) ?? []) expect(rows.map((row) => row.receipt_number)).toContain(receipt);
      const status = obligations.find((row) => row.unit_code === unit)?.status;
      expect([unit, status]).toEqual([unit, rows.at(-1)!.late ? 'late' : 'on-time']);
    }
  }, 180_000);
});
