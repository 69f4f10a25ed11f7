import { Option, type Command } from 'commander';
import type { Kysely } from 'kysely';
import { silentProgress, type ImportProgress } from '../../../db/import/import-progress';
import { importPreparedUnits } from '../../../db/import/import-units';
import { prepareUnitImport } from '../../../db/import/prepare-unit-import';
import { UnitFileFormat } from '../../../db/import/unit-file-format';
import type { Database } from '../../../db/schema';
import { listUnitContacts } from '../../../db/unit-contact.repository';
import { listPredecessors, listSuccessors } from '../../../db/unit-succession.repository';
import { listAncestorsAt, listChildUnitsAt } from '../../../db/unit-tree.repository';
import { countUnitsAt, getUnitAt, type UnitAt } from '../../../db/unit.repository';
import { formatCivilDate, vietnamCivilDate, type CivilDate } from '../../../domain/civil-time';
import { UnitError } from '../../../domain/units/unit-issue';
import { UNIT_TYPE_LABELS } from '../../../domain/units/unit-type';
import { parseUserDate } from '../../../domain/units/user-date';
import { loadConfig } from '../../../runtime/config';
import { openCliDatabase } from '../cli-database';
import { printResult, printRows, type OutputOptions } from '../output';
import { terminalBar } from '../terminal-bar';
import { UserError } from '../user-error';

const IMPORT_HELP = `
Định dạng (--format; bỏ trống thì tự nhận ra theo tên và nội dung tệp):
  dvhcvn  danh mục đơn vị hành chính của Tổng cục Thống kê (tỉnh → huyện → xã), ví dụ
          ../shared/data/dvhcvn/units-2025-03-01.json. --valid-from: ngày danh mục bắt đầu có hiệu lực
          (mặc định là ngày của dữ liệu, 01/03/2025; được lùi về trước, không được sau ngày đó).
  reform  bản đồ sắp xếp đơn vị hành chính: cho tệp …-merges.json, tệp …-splits.json nằm cạnh sẽ được tìm tự động
          (hoặc cho cả hai tệp). Đơn vị cũ hết hiệu lực, đơn vị mới bắt đầu từ ngày trong tên tệp (hoặc --valid-from);
          ghi lại đơn vị nào kế thừa đơn vị nào. Cần nhập danh mục dvhcvn trước.
  csv     đơn vị và người liên hệ của cơ quan, dòng đầu là tên cột:
          code,name,type,parent_code,valid_from[,valid_to,reporter_name,reporter_email,reporter_phone,
          head_name,head_email,head_phone,reporter_zalo_user_id,head_zalo_user_id] — ngày viết dd/mm/yyyy;
          --valid-from dùng cho dòng để trống valid_from; zalo_user_id: người theo dõi Official Account.

Mọi lần nhập là trọn gói: có lỗi thì không ghi gì và in từng lỗi kèm mã lỗi, tệp, dòng và cột.

Ví dụ:
  dondoc units import ../shared/data/dvhcvn/units-2025-03-01.json --valid-from 01/01/2021
  dondoc units import ../shared/data/dvhcvn/reform-2025-07-01-merges.json
  dondoc units import don-vi-so-noi-vu.csv
`;

/** A date option as people type it (`01/07/2025` or `2025-07-01`); a bad one is a UserError naming the option. */
function dateOption(option: string, text: string | undefined): CivilDate | undefined {
  if (text === undefined) return undefined;
  const parsed = parseUserDate(text);
  if ('error' in parsed) throw new UserError(`UNIT_DATE_INVALID: ${option}: ${parsed.error}`);
  return parsed.date;
}

/** A bar on stderr when a person watches a terminal; nothing when the output goes to a file or a script. */
function terminalProgress(): ImportProgress {
  const bar = terminalBar('Ghi dữ liệu |{bar}| {percentage}% | {value}/{total} dòng');
  if (!bar) return silentProgress;
  return { start: (total) => bar.start(total, 0), advance: (count) => bar.increment(count), stop: () => bar.stop() };
}

function unitErrorsAsUserErrors<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof UnitError) throw new UserError(error.message);
    throw error;
  }
}

/** Runs a command's body on the CLI database; a unit problem becomes a UserError (exit code 1). */
async function withDatabase<T>(body: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const database = await openCliDatabase(loadConfig());
  try {
    return await body(database.db);
  } catch (error) {
    if (error instanceof UnitError) throw new UserError(error.message);
    throw error;
  } finally {
    await database.close();
  }
}

const ROW_COLUMNS = [
  { header: 'Quan hệ', value: (row: ShowRow) => row.relation },
  { header: 'Mã', value: (row: ShowRow) => row.code },
  { header: 'Tên', value: (row: ShowRow) => row.name },
  { header: 'Loại', value: (row: ShowRow) => UNIT_TYPE_LABELS[row.type] ?? row.type },
  { header: 'Hiệu lực từ', value: (row: ShowRow) => formatCivilDate(row.validFrom) },
  { header: 'Đến', value: (row: ShowRow) => (row.validTo ? formatCivilDate(row.validTo) : '') },
  { header: 'Ghi chú', value: (row: ShowRow) => row.note },
];
type ShowRow = UnitAt & { relation: string; note: string };

/** `dondoc units …`: import units (national list, reform, CSV) and show a unit in its tree on a date. */
export function registerUnitCommands(program: Command): void {
  const units = program
    .command('units')
    .description('đơn vị: nhập danh mục và bản đồ sắp xếp, xem đơn vị tại một ngày');

  units
    .command('import')
    .description('nhập đơn vị từ danh mục quốc gia (dvhcvn), bản đồ sắp xếp (reform) hoặc tệp CSV của cơ quan')
    .argument('<tệp...>', 'tệp cần nhập (bản đồ sắp xếp: tệp -merges.json, có thể kèm tệp -splits.json)')
    .addOption(new Option('--format <định-dạng>', 'định dạng tệp').choices(Object.values(UnitFileFormat)))
    .option('--valid-from <ngày>', 'ngày bắt đầu hiệu lực, dd/mm/yyyy (ý nghĩa theo định dạng, xem dưới)')
    .option('--json', 'in JSON cho script')
    .addHelpText('after', IMPORT_HELP)
    .action(async (files: string[], options: OutputOptions & { format?: UnitFileFormat; validFrom?: string }) => {
      const validFrom = dateOption('--valid-from', options.validFrom);
      // Files are read and checked for shape before the database opens: a broken file is reported at once.
      const prepared = unitErrorsAsUserErrors(() => prepareUnitImport({ files, format: options.format, validFrom }));
      await withDatabase(async (db) => {
        const today = vietnamCivilDate(Date.now());
        const result = await importPreparedUnits(db, prepared, { today, progress: terminalProgress() });
        const counts = result.validFrom === undefined ? undefined : (await countUnitsAt(db, result.validFrom)).byLevel;
        const { summary: s, timingsMs: t } = result;
        const human = [
          `Đã nhập ${result.files.join(' + ')} (${result.format}) trong ${(t.total / 1000).toFixed(1)} giây:`,
          `  ${s.createdUnits} đơn vị mới, ${s.createdVersions} giai đoạn tên/cấp trên, ${s.endedUnits} đơn vị hết hiệu lực, ${s.successions} liên kết kế thừa, ${s.contacts} người liên hệ.`,
          counts && result.validFrom
            ? `  Ngày ${formatCivilDate(result.validFrom)}: ${counts.province} tỉnh/thành phố, ${counts.district} đơn vị cấp huyện, ${counts.commune} đơn vị cấp xã, ${counts.agency} cơ quan.`
            : undefined,
        ];
        printResult({ ...result, countsAtValidFrom: counts }, human.filter(Boolean).join('\n'), options);
      });
    });

  units
    .command('show')
    .description(
      'xem một đơn vị tại một ngày: các cấp trên, đơn vị cấp dưới, đơn vị tiền thân và kế thừa, người liên hệ',
    )
    .argument('<mã>', 'mã đơn vị, ví dụ 04 (tỉnh), 00004 (xã/phường)')
    .option('--at <ngày>', 'ngày xem, dd/mm/yyyy (mặc định: hôm nay)')
    .option('--json', 'in JSON cho script')
    .action(async (code: string, options: OutputOptions & { at?: string }) => {
      const at = dateOption('--at', options.at) ?? vietnamCivilDate(Date.now());
      await withDatabase(async (db) => {
        const unit = await getUnitAt(db, code, at);
        const [ancestors, children, predecessors, successors, contacts] = await Promise.all([
          listAncestorsAt(db, unit.id, at),
          listChildUnitsAt(db, unit.id, at),
          listPredecessors(db, unit.id),
          listSuccessors(db, unit.id),
          listUnitContacts(db, unit.id),
        ]);
        if (options.json) {
          printResult({ at, unit, ancestors, children, predecessors, successors, contacts }, '', options);
          return;
        }
        const share = (kind: string) => (kind === 'full' ? 'toàn bộ' : 'một phần');
        const rows: ShowRow[] = [
          ...ancestors.map((row) => ({ ...row, relation: 'cấp trên', note: '' })),
          { ...unit, relation: 'đơn vị', note: '' },
          ...children.map((row) => ({ ...row, relation: 'cấp dưới', note: '' })),
          ...predecessors.map((link) => ({
            ...link.unit,
            relation: 'tiền thân',
            note: `${share(link.kind)}, từ ${formatCivilDate(link.effectiveOn)}`,
          })),
          ...successors.map((link) => ({
            ...link.unit,
            relation: 'kế thừa',
            note: `${share(link.kind)}, từ ${formatCivilDate(link.effectiveOn)}`,
          })),
        ];
        process.stdout.write(`Đơn vị ${unit.code} "${unit.name}" ngày ${formatCivilDate(at)}\n`);
        printRows(rows, ROW_COLUMNS, options);
        if (contacts.length === 0) return;
        printRows(
          contacts,
          [
            { header: 'Liên hệ', value: (row) => (row.role === 'reporter' ? 'người báo cáo' : 'thủ trưởng') },
            { header: 'Họ tên', value: (row) => row.name },
            { header: 'Email', value: (row) => row.email },
            { header: 'Điện thoại (Zalo)', value: (row) => row.phone },
          ],
          options,
        );
      });
    });
}
