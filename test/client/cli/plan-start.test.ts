import { randomUUID } from 'node:crypto';
import { planCycleWorkflowId } from '../../../domain/ids';
import { runCli, startCli } from '../../helpers/run-cli';
import { UNITS_CSV } from '../../workflows/small-province';
import { seedPlan, yearPlanYaml } from '../http/helpers/api-seed';
import { startCycleWorker, useCycleServices } from '../http/helpers/seed-cycle';

jest.setTimeout(120_000);

/** Two districts and their four communes report this year's "Tổng kết năm": six units to open. */
const twoLevelPlan = (code: string) =>
  yearPlanYaml(code, 'T1-SNV', [], {
    title: 'Kế hoạch thử mở mốc',
    scope: '{ units: [{ children_of: T1, types: [Huyện] }], levels: [cấp huyện, cấp xã] }',
  });

describe('dondoc plan start: waits while the milestone opening now gives its units their reports', () => {
  const services = useCycleServices(UNITS_CSV);

  it('returns once every district and commune has its report, saying how many (JSON, then text)', async () => {
    const { database } = services;
    const { worker, cli } = await startCycleWorker(services);
    const [json, text] = [await seedPlan(database.db, twoLevelPlan), await seedPlan(database.db, twoLevelPlan)];
    await worker.runUntil(async () => {
      const started = await runCli(['plan', 'start', json, '--json'], cli);
      expect([started.code, started.stderr]).toEqual([0, '']);
      expect(JSON.parse(started.stdout)).toEqual({
        code: json,
        outcome: 'started',
        workflowId: planCycleWorkflowId(json),
        version: 1,
        opening: {
          milestones: ['tong-ket'],
          expectedUnits: 6,
          openedUnits: 6,
          end: 'all-opened',
          seconds: expect.any(Number),
        },
      });
      // When the command returns, the read model already holds every unit's report, on both levels.
      const rows = await database.db
        .selectFrom('obligations')
        .select(['unit_code', 'level'])
        .where('plan_code', '=', json)
        .orderBy('unit_code')
        .execute();
      expect(rows.map((row) => `${row.unit_code}:${row.level}`)).toEqual([
        'H1:0',
        'H2:0',
        'X11:1',
        'X12:1',
        'X21:1',
        'X22:1',
      ]);

      const human = await runCli(['plan', 'start', text], cli);
      expect(human.code).toBe(0);
      // Not a terminal: no bar on stderr, only the two lines on stdout.
      expect(human.stderr).toBe('');
      expect(human.stdout).toMatch(
        new RegExp(
          `^Đã bắt đầu chu trình kế hoạch ${text} \\(phiên bản 1, workflow plan/${text}\\)\\.\n` +
            'Đã mở mốc "Tổng kết năm": 6/6 đơn vị đã được giao báo cáo \\(\\d+ giây\\)\\.\n$',
        ),
      );
    });
  });

  it('--no-wait returns at once; Ctrl-C ends the wait, not the cycle', async () => {
    // No worker polls this queue: the cycle starts on the server, but no unit ever gets its report.
    const { env, database } = services;
    const cli = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: `idle-${randomUUID()}`,
    };
    const [quick, interrupted] = [await seedPlan(database.db, twoLevelPlan), await seedPlan(database.db, twoLevelPlan)];

    const noWait = await runCli(['plan', 'start', quick, '--no-wait', '--json'], cli);
    expect(JSON.parse(noWait.stdout)).toEqual({
      code: quick,
      outcome: 'started',
      workflowId: planCycleWorkflowId(quick),
      version: 1,
    });

    const { child, result } = startCli(['plan', 'start', interrupted], cli);
    child.stdin.end();
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString('utf8').includes('Đã bắt đầu chu trình')) resolve();
      });
    });
    child.kill('SIGINT');
    const run = await result;
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(
      'Đã thôi chờ: mốc "Tổng kết năm" đã giao báo cáo cho 0/6 đơn vị; chu trình vẫn chạy và mở tiếp các đơn vị còn lại.',
    );
    const cycle = await env.client.workflow.getHandle(planCycleWorkflowId(interrupted)).describe();
    expect(cycle.status.name).toBe('RUNNING');
  });

  it('--help says when it waits, how to stop waiting and how not to wait, in Vietnamese', async () => {
    const help = await runCli(['plan', 'start', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--no-wait');
    expect(help.stdout).toContain('Ctrl-C để thôi chờ: chu trình vẫn');
  });
});
