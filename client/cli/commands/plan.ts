import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { createPlan, getPlan, getPlanVersion, listPlans } from '../../../db/plan.repository';
import { formatCivilDate } from '../../../domain/civil-time';
import { loadPlan } from '../../../domain/plan/load-plan';
import { PlanFileError } from '../../../domain/plan/plan-errors';
import { planTimeline } from '../../../domain/plan/plan-timeline';
import type { ResolvedPlan } from '../../../domain/plan/resolved-plan';
import { loadConfig } from '../../../runtime/config';
import { openCliDatabase } from '../cli-database';
import { loadWorkingCalendar } from '../load-calendar';
import { printResult, printRows, type OutputOptions } from '../output';
import { UserError } from '../user-error';

/** Reads and resolves a plan file; its problems become one UserError listing each with file and line. */
async function loadPlanFile(file: string) {
  const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`PLAN_FILE_UNREADABLE: không đọc được tệp ${file} (${error.code ?? error.message})`);
  });
  try {
    const relative = path.relative(process.cwd(), file);
    const shown = relative && !relative.startsWith('..') ? relative : path.resolve(file);
    return { source, ...loadPlan(source, shown, await loadWorkingCalendar()) };
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
      const { source, plan: definition, resolved } = await loadPlanFile(file);
      const database = await openCliDatabase(loadConfig());
      try {
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
