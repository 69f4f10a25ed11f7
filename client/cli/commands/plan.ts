import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { amendPlan, createPlan, getPlan, getPlanVersion, listPlans, setPlanStatus } from '../../../db/plan.repository';
import { planCycleWorkflowId } from '../../../domain/ids';
import { amendPlanSignal, cancelPlanSignal } from '../../../workflows/plan-cycle';
import { deleteDigestSchedule } from '../../plans/digest-schedule';
import { rehearsePlan } from '../../plans/rehearse-plan';
import type { NotificationKind } from '../../../domain/notify/notification-request';
import { startPlanCycle, type StartPlanOutcome } from '../../plans/start-plan-cycle';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { openCliTemporal } from '../cli-temporal';
import { formatCivilDate } from '../../../domain/civil-time';
import { loadPlan } from '../../../domain/plan/load-plan';
import { PlanFileError } from '../../../domain/plan/plan-errors';
import { readPlanFile } from '../../../domain/plan/read-plan-file';
import { planUnitProblems } from '../../plans/check-plan-units';
import { planTimeline } from '../../../domain/plan/plan-timeline';
import type { ResolvedPlan } from '../../../domain/plan/resolved-plan';
import { loadConfig } from '../../../runtime/config';
import { openCliDatabase } from '../cli-database';
import { loadWorkingCalendar } from '../load-calendar';
import { printResult, printRows, type OutputOptions } from '../output';
import { UserError } from '../user-error';
import { describeOpening, watchOpening, type OpeningSummary } from '../watch-opening';
import { STALL_MS } from '../wait-for-opening';
import { EnvironmentError } from '../../../runtime/environment-error';

/** Reads and resolves a plan file; its problems become one UserError listing each with file and line. */
async function loadPlanFile(file: string) {
  const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`PLAN_FILE_UNREADABLE: không đọc được tệp ${file} (${error.code ?? error.message})`);
  });
  try {
    const relative = path.relative(process.cwd(), file);
    const shown = relative && !relative.startsWith('..') ? relative : path.resolve(file);
    return { source, shown, ...loadPlan(source, shown, await loadWorkingCalendar()) };
  } catch (error) {
    if (error instanceof PlanFileError) throw new UserError(error.message);
    throw error;
  }
}

function describePlan(plan: ResolvedPlan): string {
  const reading =
    plan.deadlineReading === 'strictly-before'
      ? '"trước ngày X" = hạn cuối là hết ngày X − 1'
      : '"trước ngày X" = hạn cuối là hết ngày X';
  return [
    `Kế hoạch ${plan.code}: ${plan.title}`,
    `  Cơ quan ban hành: ${plan.issuer}${plan.signer ? ` — người ký: ${plan.signer.name}${plan.signer.title ? ` (${plan.signer.title})` : ''}` : ''}`,
    `  Giai đoạn: ${plan.period.from}–${plan.period.to}${plan.issued ? `; ban hành: ${plan.issued}` : ''}`,
    `  Cơ quan thường trực, đôn đốc: ${plan.owner.name} (${plan.owner.unit})`,
    `  Cấp báo cáo: ${plan.scope.levels.join(' → ')}`,
    `  Cách đọc hạn: ${reading}`,
    `  Nhắc hạn: trước ${plan.reminderPolicy.before.map((o) => o.text).join(', ')} qua ${plan.reminderPolicy.channels.join(', ')}`,
    `  Leo thang: ${plan.escalationPolicy.map((s) => `quá ${s.after.text} → ${s.notify.join(', ')}`).join('; ')}`,
    plan.milestones.length === 0
      ? '  Chưa có mốc nào: kế hoạch này chưa thể chạy.'
      : `  ${plan.milestones.length} mốc:`,
  ].join('\n');
}

function printPlan(plan: ResolvedPlan, options: OutputOptions): void {
  if (options.json) {
    printResult({ plan, timeline: planTimeline(plan) }, '', options);
    return;
  }
  process.stdout.write(describePlan(plan) + '\n');
  if (plan.milestones.length === 0) return;
  printRows(
    planTimeline(plan),
    [
      { header: 'Ngày', value: (row) => formatCivilDate(row.date) },
      {
        header: 'Giờ',
        value: (row) => (row.at && row.event !== 'mở mốc' && row.event !== 'hạn' ? row.at.slice(11, 16) : ''),
      },
      { header: 'Mốc', value: (row) => row.milestone },
      { header: 'Sự kiện', value: (row) => row.event },
      { header: 'Chi tiết', value: (row) => row.detail },
    ],
    options,
  );
}

/**
 * Prints what `plan start` did. When it started the cycle and milestones open at once, it first waits (unless
 * `--no-wait`) until their units have their reports, with a bar on a terminal; a wait that stalls is an
 * EnvironmentError (the worker is not running), after the result is printed.
 */
async function reportStart(
  db: Kysely<Database>,
  result: StartPlanOutcome & { code: string },
  options: OutputOptions & { wait: boolean },
): Promise<void> {
  const human =
    result.outcome === 'started'
      ? `Đã bắt đầu chu trình kế hoạch ${result.code} (phiên bản ${result.version}, workflow ${result.workflowId}).`
      : `Chu trình kế hoạch ${result.code} đang chạy (workflow ${result.workflowId}); không làm gì thêm.`;
  // Only a cycle this command started is waited for: a running one's milestones opened earlier.
  if (!options.wait || result.outcome !== 'started') {
    printResult(result, human, options);
    return;
  }
  let opening: OpeningSummary | undefined;
  // Ctrl-C from here on ends the wait only: the cycle runs on the server. A second Ctrl-C stops the command at once.
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    if (!options.json) process.stdout.write(human + '\n');
    const { resolved } = await getPlanVersion(db, result.code, result.version);
    opening = await watchOpening(db, resolved, { signal: interrupt.signal });
    if (options.json) {
      printResult({ ...result, ...(opening ? { opening } : {}) }, '', options);
    } else if (opening && opening.end !== 'stalled') {
      process.stdout.write(describeOpening(resolved, opening) + '\n');
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (opening?.end === 'stalled') {
    throw new EnvironmentError(
      'SERVICE_UNREACHABLE',
      `${STALL_MS / 60_000} phút nay không thêm đơn vị nào được giao báo cáo ` +
        `(${opening.openedUnits}/${opening.expectedUnits}): worker của Đôn đốc có đang chạy không (\`npm start\`)? ` +
        'Chu trình đã bắt đầu và sẽ tiếp tục khi worker chạy.',
    );
  }
}

const START_HELP = `
Khi có mốc mở ngay (thời điểm mở đã qua), lệnh chờ đến khi mọi đơn vị của mốc đã được giao báo cáo rồi in số đơn vị;
trên màn hình có thanh tiến độ (kế hoạch toàn quốc hơn 10.000 đơn vị: vài phút). Ctrl-C để thôi chờ: chu trình vẫn
chạy và tiếp tục giao báo cáo cho các đơn vị còn lại. Dùng --no-wait để trả lời ngay sau khi bắt đầu.
`;

const NOTICE_KINDS: Record<NotificationKind, string> = {
  assignment: 'giao nhiệm vụ',
  reminder: 'nhắc hạn',
  'due-today': 'đến hạn hôm nay',
  overdue: 'quá hạn',
  escalation: 'leo thang',
  receipt: 'biên nhận',
  extension: 'gia hạn',
  cancellation: 'dừng thực hiện',
  digest: 'bản tin',
};

const ROLES: Record<string, string> = {
  reporter: 'người báo cáo',
  head: 'thủ trưởng',
  'parent-head': 'thủ trưởng cấp trên',
  owner: 'cơ quan chủ trì',
  leader: 'lãnh đạo',
};

/** `dondoc plan …`: validate a plan file, load it, show and list loaded plans. */
export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('kế hoạch: kiểm tra, nạp, xem');

  plan
    .command('validate')
    .description('kiểm tra tệp kế hoạch và in toàn bộ mốc thời gian đã hiểu (mốc, hạn từng cấp, ngày nhắc, leo thang)')
    .argument('<tệp>', 'tệp kế hoạch .yaml')
    .option('--json', 'in JSON cho script')
    .action(async (file: string, options: OutputOptions) => {
      printPlan((await loadPlanFile(file)).resolved, options);
    });

  plan
    .command('import')
    .description('kiểm tra rồi nạp kế hoạch vào cơ sở dữ liệu (nạp lại đúng tệp cũ thì không ghi gì)')
    .argument('<tệp>', 'tệp kế hoạch .yaml')
    .option('--json', 'in JSON cho script')
    .action(async (file: string, options: OutputOptions) => {
      const { source, plan: definition, resolved, shown } = await loadPlanFile(file);
      const database = await openCliDatabase(loadConfig());
      try {
        const { lineOf } = readPlanFile(source, shown);
        const problems = await planUnitProblems(database.db, definition, resolved, lineOf);
        if (problems.length > 0) throw new UserError(new PlanFileError(shown, problems).message);
        const result = await createPlan(database.db, {
          sourceFile: file,
          sourceText: source,
          definition,
          resolved,
          actor: 'cli',
        });
        const human =
          result.outcome === 'created'
            ? `Đã nạp kế hoạch ${resolved.code} (phiên bản ${result.version}).`
            : `Kế hoạch ${resolved.code} đã có đúng nội dung này (phiên bản ${result.version}); không ghi gì.`;
        printResult({ code: resolved.code, ...result }, human, options);
      } catch (error) {
        if (error instanceof Error && /^PLAN_CODE_DUPLICATE/.test(error.message)) throw new UserError(error.message);
        throw error;
      } finally {
        await database.close();
      }
    });

  plan
    .command('show')
    .description('xem một kế hoạch đã nạp và mốc thời gian của nó')
    .argument('<số-hiệu>', 'số hiệu kế hoạch, ví dụ 960/KH-UBND')
    .option('--version <n>', 'phiên bản (mặc định: hiện hành)', (value) => Number(value))
    .option('--json', 'in JSON cho script')
    .action(async (code: string, options: OutputOptions & { version?: number }) => {
      const database = await openCliDatabase(loadConfig());
      try {
        await getPlan(database.db, code).catch((error: Error) => {
          throw new UserError(error.message);
        });
        const version = await getPlanVersion(database.db, code, options.version);
        printPlan(version.resolved, options);
      } finally {
        await database.close();
      }
    });

  plan
    .command('start')
    .description(
      'bắt đầu chu trình của một kế hoạch đã nạp (chạy lại lệnh này khi chu trình đang chạy thì không làm gì)',
    )
    .argument('<số-hiệu>', 'số hiệu kế hoạch')
    .option('--no-wait', 'không chờ các đơn vị được giao báo cáo: trả lời ngay sau khi bắt đầu')
    .option('--json', 'in JSON cho script')
    .addHelpText('after', START_HELP)
    .action(async (code: string, options: OutputOptions & { wait: boolean }) => {
      const config = loadConfig();
      const database = await openCliDatabase(config);
      try {
        const temporal = await openCliTemporal(config);
        try {
          const result = await startPlanCycle(database.db, temporal, {
            code,
            taskQueue: config.temporal.taskQueue,
            actor: 'cli',
          }).catch((error: Error) => {
            if (/^PLAN_NOT_FOUND/.test(error.message)) throw new UserError(error.message);
            throw error;
          });
          await reportStart(database.db, { code, ...result }, options);
        } finally {
          await temporal.connection.close();
        }
      } finally {
        await database.close();
      }
    });

  plan
    .command('amend')
    .description(
      'nạp bản điều chỉnh của một kế hoạch đã nạp (phiên bản mới, giữ mọi phiên bản cũ) và đưa nó tới chu trình đang chạy: ' +
        'các mốc chưa mở theo bản mới',
    )
    .argument('<tệp>', 'tệp kế hoạch .yaml đã sửa (cùng số hiệu)')
    .requiredOption('--reason <lý-do>', 'lý do điều chỉnh (ghi vào nhật ký)')
    .option('--actor <người>', 'người quyết định điều chỉnh', 'cli')
    .action(async (file: string, options: { reason: string; actor: string }) => {
      const { source, plan: definition, resolved } = await loadPlanFile(file);
      const config = loadConfig();
      const database = await openCliDatabase(config);
      try {
        const result = await amendPlan(
          database.db,
          { sourceFile: file, sourceText: source, definition, resolved, actor: options.actor },
          options.reason,
        ).catch((error: Error) => {
          if (/^PLAN_NOT_FOUND/.test(error.message)) throw new UserError(error.message);
          throw error;
        });
        if (result.outcome === 'unchanged') {
          process.stdout.write(
            `Kế hoạch ${resolved.code} đã có đúng nội dung này (phiên bản ${result.version}); không ghi gì.\n`,
          );
          return;
        }
        const plan = await getPlan(database.db, resolved.code);
        if (plan.status === 'running') {
          const temporal = await openCliTemporal(config);
          try {
            await temporal.workflow
              .getHandle(planCycleWorkflowId(resolved.code))
              .signal(amendPlanSignal, { planVersion: result.version, plan: resolved });
          } finally {
            await temporal.connection.close();
          }
        }
        process.stdout.write(
          `Đã nạp bản điều chỉnh kế hoạch ${resolved.code} (phiên bản ${result.version})` +
            `${plan.status === 'running' ? ' và gửi tới chu trình đang chạy' : ''}.\n`,
        );
      } finally {
        await database.close();
      }
    });

  plan
    .command('cancel')
    .description('huỷ chu trình của một kế hoạch: các mốc chưa mở không mở nữa, các mốc đang chạy dừng lại')
    .argument('<số-hiệu>', 'số hiệu kế hoạch')
    .requiredOption('--reason <lý-do>', 'lý do huỷ (ghi vào nhật ký)')
    .option('--actor <người>', 'người quyết định huỷ', 'cli')
    .action(async (code: string, options: { reason: string; actor: string }) => {
      const config = loadConfig();
      const database = await openCliDatabase(config);
      try {
        const temporal = await openCliTemporal(config);
        try {
          await temporal.workflow
            .getHandle(planCycleWorkflowId(code))
            .signal(cancelPlanSignal, { actor: options.actor, reason: options.reason });
          await deleteDigestSchedule(temporal, code);
          await setPlanStatus(database.db, code, 'cancelled', { actor: options.actor, reason: options.reason });
          process.stdout.write(`Đã huỷ chu trình kế hoạch ${code}.\n`);
        } finally {
          await temporal.connection.close();
        }
      } finally {
        await database.close();
      }
    });

  plan
    .command('rehearse')
    .description(
      'chạy thử cả kế hoạch trong vài giây (máy chủ Temporal tua thời gian): in mọi lời nhắc, leo thang gửi cho ai, khi nào, ' +
        'nếu không đơn vị nào báo cáo, và kết quả tổng hợp — không gửi gì, không ghi gì',
    )
    .argument('<tệp>', 'tệp kế hoạch .yaml')
    .option('--json', 'in JSON cho script')
    .action(async (file: string, options: OutputOptions) => {
      const { resolved } = await loadPlanFile(file);
      const database = await openCliDatabase(loadConfig());
      try {
        const rehearsal = await rehearsePlan(database.db, resolved);
        if (options.json) {
          printResult(rehearsal, '', options);
          return;
        }
        process.stdout.write(describePlan(resolved) + '\n');
        if (rehearsal.clockStartedAt) {
          process.stdout.write(
            `Kế hoạch đã bắt đầu trong quá khứ: chạy thử từ ${formatCivilDate(rehearsal.clockStartedAt.slice(0, 10))}, ` +
              'như khi kế hoạch mới ban hành.\n',
          );
        }
        printRows(
          rehearsal.notices,
          [
            { header: 'Ngày', value: (n) => formatCivilDate(n.at.slice(0, 10)) },
            { header: 'Giờ', value: (n) => n.at.slice(11, 16) },
            { header: 'Mốc', value: (n) => n.milestone },
            { header: 'Loại', value: (n) => NOTICE_KINDS[n.kind] },
            { header: 'Đơn vị', value: (n) => `${n.unitName} (${n.unitCode})` },
            { header: 'Người nhận', value: (n) => `${ROLES[n.role]}: ${n.to}` },
            { header: 'Kênh', value: (n) => n.channels },
          ],
          options,
        );
        for (const { milestone, rollup } of rehearsal.rollups) {
          process.stdout.write(
            `${milestone}: ${rollup.units} đơn vị — đúng hạn ${rollup.onTime}, trễ ${rollup.late}, không báo cáo ${rollup.missing}, ` +
              `miễn ${rollup.exempt}\n`,
          );
        }
        if (rehearsal.notices.length === 0) {
          process.stdout.write(
            'Không có đơn vị nào nhận thông báo: hãy nạp đơn vị và đầu mối liên hệ (`dondoc units import`).\n',
          );
        }
        process.stdout.write(
          `(chạy thử ${rehearsal.notices.length} thông báo trong ${(rehearsal.wallMs / 1000).toFixed(1)} s)\n`,
        );
      } finally {
        await database.close();
      }
    });

  plan
    .command('list')
    .description('liệt kê các kế hoạch đã nạp')
    .option('--json', 'in JSON cho script')
    .action(async (options: OutputOptions) => {
      const database = await openCliDatabase(loadConfig());
      try {
        printRows(
          await listPlans(database.db),
          [
            { header: 'Số hiệu', value: (row) => row.code },
            { header: 'Tên', value: (row) => row.title },
            { header: 'Cơ quan ban hành', value: (row) => row.issuer },
            { header: 'Phiên bản', value: (row) => row.current_version },
            { header: 'Trạng thái', value: (row) => row.status },
          ],
          options,
        );
      } finally {
        await database.close();
      }
    });
}
