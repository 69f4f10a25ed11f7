import { randomUUID } from 'node:crypto';
import { unitMilestoneStatusQuery } from '../../workflows/unit-milestone';
import { addAccount, buildTestApi, loginHeaders } from '../client/http/helpers/api-fixture';
import { calendar, obligationId, yearPlanYaml } from '../client/http/helpers/api-seed';
import { startCycleWorker, useCycleServices } from '../client/http/helpers/seed-cycle';
import { startCycleWithLinks, unitCodes, unitsCsv } from './helpers/api-cycle';
import { percentile } from './helpers/percentile';

const SUBMITTERS = 50;
const DURATION_MS = 10_000;

/**
 * Issue #7: 50 units submit and resubmit through their links, all at once, for 10 seconds, over real HTTP on
 * loopback (the API on the dev server with the real worker and Postgres). Every answer must be a receipt, and every
 * receipt must be in the submissions table, in the read model's version count and in the workflow's own state.
 */
describe('50 concurrent submitters for 10 seconds', () => {
  const units = unitCodes('CS', SUBMITTERS);
  const services = useCycleServices(unitsCsv('CSNV', units));

  it('answers every submission with a receipt, and loses none', async () => {
    const { env, database } = services;
    const { worker, taskQueue } = await startCycleWorker(services);
    const api = buildTestApi(database.db, { temporal: env.client, api: { taskQueue, workingCalendar: calendar } });
    const code = `${randomUUID().slice(0, 6)}/KH-DONG-THOI`;

    await worker.runUntil(async () => {
      try {
        const username = `admin-${randomUUID().slice(0, 6)}`;
        await addAccount(database.db, username, 'admin');
        const tokens = await startCycleWithLinks(api.app, database.db, await loginHeaders(api.app, username), {
          code,
          yaml: yearPlanYaml(code, 'CSNV', units),
          units,
        });
        const base = await api.app.listen({ host: '127.0.0.1', port: 0 });

        const receipts = new Map<string, string[]>(units.map((unit) => [unit, []]));
        const failures: string[] = [];
        const latencies: number[] = [];
        const end = Date.now() + DURATION_MS;
        await Promise.all(
          units.map(async (unit) => {
            for (let attempt = 1; Date.now() < end; attempt++) {
              const started = performance.now();
              const response = await fetch(`${base}/api/links/${tokens.get(unit)!}/submission`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ submittedBy: `Cán bộ ${unit}`, text: `Báo cáo của ${unit}, lần ${attempt}` }),
              }).catch((error: unknown) => ({ status: 0, text: () => Promise.resolve(String(error)) }));
              latencies.push(performance.now() - started);
              if (response.status !== 201) {
                failures.push(`${unit} #${attempt}: ${response.status} ${(await response.text()).slice(0, 200)}`);
                continue;
              }
              const body = (await (response as Response).json()) as { receiptNumber: string; version: number };
              receipts.get(unit)!.push(body.receiptNumber);
              expect(body.version).toBe(receipts.get(unit)!.length);
            }
          }),
        );
        const all = [...receipts.values()].flat();

        // The database: one row per receipt, no more, no less; each obligation at its last version.
        const stored = await database.db
          .selectFrom('submissions')
          .innerJoin('obligations', 'obligations.id', 'submissions.obligation_id')
          .select(['submissions.receipt_number', 'obligations.unit_code'])
          .where('obligations.plan_code', '=', code)
          .execute();
        const obligations = await database.db
          .selectFrom('obligations')
          .select(['unit_code', 'status', 'submission_version'])
          .where('plan_code', '=', code)
          .execute();
        // The workflows: each holds exactly the receipts its unit was given, in order.
        const inWorkflows = await Promise.all(
          units.map(async (unit) => {
            const handle = env.client.workflow.getHandle(obligationId(code, unit).split('#')[0]!);
            const status = await handle.query(unitMilestoneStatusQuery);
            return [unit, status.obligations[0]!.submissions.map((submission) => submission.receiptNumber)] as const;
          }),
        );

        console.log(
          JSON.stringify({
            test: 'concurrent-submitters',
            submitters: SUBMITTERS,
            seconds: DURATION_MS / 1000,
            submissions: all.length,
            perSecond: Math.round((all.length / DURATION_MS) * 1000),
            errors: failures.length,
            storedRows: stored.length,
            latencyMs: {
              p50: percentile(latencies, 50),
              p99: percentile(latencies, 99),
              max: percentile(latencies, 100),
            },
            fewestPerUnit: Math.min(...[...receipts.values()].map((list) => list.length)),
          }),
        );
        expect(failures).toEqual([]);
        expect(all.length).toBeGreaterThanOrEqual(SUBMITTERS);
        expect(new Set(all).size).toBe(all.length);
        expect(stored.map((row) => row.receipt_number).sort()).toEqual([...all].sort());
        for (const row of stored) expect(receipts.get(row.unit_code)).toContain(row.receipt_number);
        expect(obligations.map((row) => [row.unit_code, row.status, row.submission_version]).sort()).toEqual(
          units.map((unit) => [unit, 'submitted', receipts.get(unit)!.length]).sort(),
        );
        expect(Object.fromEntries(inWorkflows)).toEqual(Object.fromEntries(receipts));
      } finally {
        await api.close();
      }
    });
  });
});
