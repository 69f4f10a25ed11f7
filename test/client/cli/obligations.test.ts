import { listAudit } from '../../../db/audit-log.repository';
import { runCli } from '../../helpers/run-cli';
import { obligationId, YEAR } from '../http/helpers/api-seed';
import { startCycleWorker, startSeedCycle, useCycleServices } from '../http/helpers/seed-cycle';

describe('dondoc obligations: the Sở’s decisions on one report, taken by its workflow', () => {
  const services = useCycleServices();

  it('lists, extends, exempts; a refusal exits 1 with the workflow’s reason and changes nothing', async () => {
    const { database } = services;
    const { worker, taskQueue, cli } = await startCycleWorker(services);
    const sgd = await worker.runUntil(async () => {
      const code = await startSeedCycle(services, taskQueue);
      const sgd = obligationId(code, 'SGD');
      const syt = obligationId(code, 'SYT');

      const list = await runCli(['obligations', 'list', code, '--milestone', 'tong-ket', '--json'], cli);
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as Array<{ id: string; status: string }>).map((o) => [o.id, o.status])).toEqual([
        [sgd, 'open'],
        [syt, 'open'],
      ]);

      const extended = await runCli(
        ['obligations', 'extend', sgd, '--to', `15/01/${YEAR + 1}`, '--reason', 'Sở xin thêm thời gian', '--by', 'gd'],
        cli,
      );
      expect(extended.stderr).toBe('');
      expect(extended.stdout).toContain(
        `Đã gia hạn báo cáo của Sở Giáo dục và Đào tạo đến hết ngày 15/01/${YEAR + 1}.`,
      );
      const earlier = await runCli(
        ['obligations', 'extend', sgd, '--to', `02/01/${YEAR + 1}`, '--reason', 'nhầm', '--by', 'gd'],
        cli,
      );
      expect(earlier.code).toBe(1);
      expect(earlier.stderr).toContain(`EXTENSION_NOT_LATER: hạn mới phải sau hạn hiện tại (${YEAR + 1}-01-15)`);

      const exempted = await runCli(['obligations', 'exempt', syt, '--reason', 'Đang sáp nhập', '--by', 'gd'], cli);
      expect(exempted.stdout).toContain('Đã miễn báo cáo cho Sở Y tế.');
      const unknown = await runCli(['obligations', 'exempt', `${syt}x`, '--reason', 'x'], cli);
      expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('OBLIGATION_NOT_FOUND')]);
      const notSplit = await runCli(['obligations', 'assign', sgd, '--unit', 'SYT', '--reason', 'x'], cli);
      expect(notSplit.stderr).toContain('ASSIGN_NOT_NEEDED');
      return sgd;
    });
    expect((await listAudit(database.db, 'obligation', sgd)).map((entry) => [entry.action, entry.actor])).toEqual([
      ['obligation.extend', 'gd'],
    ]);
  });
});
