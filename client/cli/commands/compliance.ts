import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { getComplianceOutline } from '../../../db/compliance.repository';
import { PlanNotFoundError } from '../../../db/plan.repository';
import type { Database } from '../../../db/schema';
import { formatCivilDate, formatVietnamInstant, type CivilDate } from '../../../domain/civil-time';
import { formatPercent, levelLabel, type ComplianceFigures } from '../../../domain/obligation/compliance-figures';
import { COMPLIANCE_STATUS_LABELS } from '../../../domain/obligation/compliance-status';
import { parseUserDate } from '../../../domain/units/user-date';
import { loadConfig } from '../../../runtime/config';
import { ComplianceScopeError, loadComplianceReport, type ComplianceReport } from '../../exports/compliance-report';
import { complianceWorkbook } from '../../exports/compliance-workbook';
import { summaryReport } from '../../exports/summary-report';
import { formatInstantVi } from '../../exports/vietnamese-dates';
import { openCliDatabase } from '../cli-database';
import { printResult, printRows, type OutputOptions } from '../output';
import { UserError } from '../user-error';

interface ScopeOptions {
  milestone?: string;
  level?: string;
  under?: string;
}

const LEVEL_HELP =
  'chỉ một cấp báo cáo: số thứ tự từ 1 (cấp báo cáo trực tiếp cho cơ quan chủ trì) hoặc tên cấp như trong kế hoạch, ví dụ "cấp xã"';

/**
 * Reads the report for a plan and the options at this moment, on the CLI database. An unknown plan, milestone or
 * level becomes a UserError (exit code 1) with its code and what the plan does have.
 */
async function readReport(code: string, options: ScopeOptions): Promise<ComplianceReport> {
  const database = await openCliDatabase(loadConfig());
  try {
    return await withScopeErrors(async () => {
      const level = options.level === undefined ? undefined : await levelIndex(database.db, code, options.level);
      return loadComplianceReport(
        database.db,
        { planCode: code, milestoneId: options.milestone, level, under: options.under },
        formatVietnamInstant(Date.now()),
      );
    });
  } finally {
    await database.close();
  }
}

async function withScopeErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof PlanNotFoundError || error instanceof ComplianceScopeError) throw new UserError(error.message);
    throw error;
  }
}

/** `--level 2` or `--level "cấp xã"` as the stored level (0 at the top); NaN when neither, for the scope check. */
async function levelIndex(db: Kysely<Database>, code: string, text: string): Promise<number> {
  if (/^\d+$/.test(text.trim())) return Number(text) - 1;
  const wanted = text.trim().toLocaleLowerCase('vi');
  const index = (await getComplianceOutline(db, code)).levels.findIndex(
    (label) => label.toLocaleLowerCase('vi') === wanted,
  );
  return index >= 0 ? index : Number.NaN;
}

function scopeLine(report: ComplianceReport): string {
  const { outline, milestone, scope } = report;
  return [
    `Kế hoạch ${outline.code}: ${outline.title}`,
    `  ${milestone ? `Mốc: ${milestone.title} (${milestone.id})` : 'Tất cả các mốc'}` +
      `${scope.level !== undefined ? `; ${levelLabel(outline.levels, scope.level).toLocaleLowerCase('vi')}` : ''}` +
      `${scope.under ? `; đơn vị ${scope.under} và cấp dưới` : ''}`,
    `  Số liệu tính đến ${formatInstantVi(report.now)}`,
  ].join('\n');
}

const LEVEL_COLUMNS: ReadonlyArray<{
  header: string;
  value: (row: ComplianceFigures & { label: string }) => string | number;
}> = [
  { header: 'Cấp', value: (row) => row.label },
  { header: 'Tổng số', value: (row) => row.total },
  { header: 'Đúng hạn', value: (row) => row.onTime },
  { header: 'Trễ hạn', value: (row) => row.late },
  { header: 'Chưa nộp', value: (row) => row.missing },
  { header: 'Quá hạn', value: (row) => row.overdue },
  { header: 'Trong hạn', value: (row) => row.open },
  { header: 'Được miễn', value: (row) => row.exempt },
  { header: 'Gia hạn', value: (row) => row.extended },
  { header: 'Tỷ lệ đúng hạn', value: (row) => formatPercent(row.percent.onTime) },
];

function printCompliance(report: ComplianceReport): void {
  const { summary, outline, overdue } = report;
  process.stdout.write(scopeLine(report) + '\n');
  if (summary.overall.total === 0) {
    process.stdout.write(
      report.scope.under
        ? `Không có báo cáo nào của đơn vị ${report.scope.under} hoặc cấp dưới trong phạm vi này.\n`
        : 'Chưa có báo cáo nào trong phạm vi này (chu trình chưa mở mốc nào?).\n',
    );
    return;
  }
  printRows(
    [
      ...summary.levels.map((level) => ({ ...level, label: levelLabel(outline.levels, level.level) })),
      { ...summary.overall, label: 'Tổng cộng' },
    ],
    LEVEL_COLUMNS,
    {},
  );
  if (overdue.length === 0) {
    process.stdout.write('Không có báo cáo nào quá hạn hoặc chưa nộp.\n');
    return;
  }
  const milestoneTitle = (id: string) => outline.milestones.find((m) => m.id === id)?.title ?? id;
  process.stdout.write(`Quá hạn, chưa nộp (${overdue.length}), nhiều ngày trễ nhất trước:\n`);
  printRows(
    overdue,
    [
      { header: 'Đơn vị', value: (row) => `${row.unitName} (${row.unitCode})` },
      { header: 'Cấp trên', value: (row) => row.parentUnitName ?? row.parentUnitCode },
      { header: 'Mốc', value: (row) => milestoneTitle(row.milestoneId) },
      { header: 'Hạn nộp', value: (row) => formatCivilDate(row.lastDay) },
      { header: 'Số ngày trễ', value: (row) => row.daysLate },
      { header: 'Tình trạng', value: (row) => COMPLIANCE_STATUS_LABELS[row.status] },
      { header: 'Leo thang', value: (row) => (row.escalationStep > 0 ? `bước ${row.escalationStep}` : '') },
    ],
    {},
  );
}

async function writeOutput(file: string, content: Buffer, what: string, options: OutputOptions): Promise<void> {
  await writeFile(file, content).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`EXPORT_FILE_UNWRITABLE: không ghi được tệp ${file} (${error.code ?? error.message})`);
  });
  printResult(
    { file: path.resolve(file), bytes: content.length },
    `Đã ghi ${what} vào ${file} (${Math.max(1, Math.round(content.length / 1024))} KB).`,
    options,
  );
}

function dateOption(text: string | undefined): CivilDate | undefined {
  if (text === undefined) return undefined;
  const parsed = parseUserDate(text);
  if ('error' in parsed) throw new UserError(`EXPORT_DATE_INVALID: --date: ${parsed.error}`);
  return parsed.date;
}

/** `dondoc compliance …` (who reported on time, who is late) and `dondoc export xlsx|docx …`. */
export function registerComplianceCommands(program: Command): void {
  program
    .command('compliance')
    .description(
      'tình hình báo cáo của một kế hoạch: số đúng hạn, trễ hạn, chưa nộp, được miễn theo từng cấp, ' +
        'rồi danh sách quá hạn (nhiều ngày trễ nhất trước)',
    )
    .argument('<số-hiệu>', 'số hiệu kế hoạch, ví dụ 960/KH-UBND')
    .option('--milestone <mốc>', 'chỉ một mốc (mã mốc như trong `dondoc plan show`)')
    .option('--level <cấp>', LEVEL_HELP)
    .option('--under <mã-đơn-vị>', 'chỉ đơn vị này và các đơn vị báo cáo qua nó (phần việc của một lãnh đạo)')
    .option('--json', 'in JSON cho script')
    .action(async (code: string, options: ScopeOptions & OutputOptions) => {
      const report = await readReport(code, options);
      if (options.json) {
        const { outline, milestone, scope, now, summary, overdue, nominations } = report;
        printResult({ plan: outline, milestone, scope, now, summary, overdue, nominations }, '', options);
        return;
      }
      printCompliance(report);
    });

  const exportCommand = program
    .command('export')
    .description('xuất tình hình báo cáo ra tệp: bảng tính .xlsx hoặc báo cáo tổng hợp .docx');

  exportCommand
    .command('xlsx')
    .description(
      'bảng tính Excel: trang "Tổng hợp" và mỗi cấp báo cáo một trang (mỗi báo cáo một dòng: hạn nộp, ngày nộp, ' +
        'tình trạng, số ngày trễ), có lọc theo cột',
    )
    .argument('<số-hiệu>', 'số hiệu kế hoạch')
    .requiredOption('-o, --output <tệp>', 'tệp .xlsx sẽ ghi')
    .option('--milestone <mốc>', 'chỉ một mốc')
    .option('--level <cấp>', LEVEL_HELP)
    .option('--under <mã-đơn-vị>', 'chỉ đơn vị này và các đơn vị báo cáo qua nó')
    .option('--json', 'in JSON cho script')
    .action(async (code: string, options: ScopeOptions & OutputOptions & { output: string }) => {
      const report = await readReport(code, options);
      await writeOutput(options.output, await complianceWorkbook(report), 'bảng tính', options);
    });

  exportCommand
    .command('docx')
    .description(
      'báo cáo tổng hợp kết quả (Word) theo thể thức Nghị định 30/2020/NĐ-CP, để ký: số liệu từng cấp, ' +
        'danh sách quá hạn, đề nghị điển hình; số văn bản và người ký để trống cho người dùng điền',
    )
    .argument('<số-hiệu>', 'số hiệu kế hoạch')
    .requiredOption('-o, --output <tệp>', 'tệp .docx sẽ ghi')
    .option('--milestone <mốc>', 'chỉ một mốc')
    .option('--under <mã-đơn-vị>', 'chỉ đơn vị này và các đơn vị báo cáo qua nó')
    .option(
      '--place <địa-danh>',
      'địa danh ghi trước ngày tháng (mặc định: tỉnh/huyện trong tên cơ quan ban hành kế hoạch)',
    )
    .option('--date <ngày>', 'ngày của báo cáo, dd/mm/yyyy (mặc định: hôm nay)')
    .option('--signer <họ-tên>', 'họ và tên người ký')
    .option('--signer-title <chức-vụ>', 'chức vụ người ký, ví dụ "Phó Giám đốc"')
    .option('--authority <quyền-hạn>', 'quyền hạn ký, ví dụ "KT. Giám đốc"')
    .option('--json', 'in JSON cho script')
    .action(
      async (
        code: string,
        options: ScopeOptions &
          OutputOptions & {
            output: string;
            place?: string;
            date?: string;
            signer?: string;
            signerTitle?: string;
            authority?: string;
          },
      ) => {
        const date = dateOption(options.date);
        const report = await readReport(code, options);
        const document = await summaryReport(report, {
          place: options.place,
          date,
          signer: {
            ...(options.signer ? { name: options.signer } : {}),
            ...(options.signerTitle ? { title: options.signerTitle } : {}),
            ...(options.authority ? { authority: options.authority } : {}),
          },
        });
        await writeOutput(options.output, document, 'báo cáo tổng hợp', options);
      },
    );
}
