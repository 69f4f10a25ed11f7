import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildProgram } from '../../../client/cli/program';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { runCli } from '../../helpers/run-cli';
import { seedCompliance, shiftToToday } from '../../db/compliance-fixture';

/** A table's body rows as cell texts. */
function tableRows(output: string): string[][] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('dondoc compliance and dondoc export', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let dir: string;
  const code = `${randomInt(100, 999)}/KH-UBND`;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    // The CLI reads the clock: the data is moved so that today is the fixture's NOW.
    await seedCompliance(database.db, code, { shiftDays: shiftToToday() });
    env = { DATABASE_URL: database.url };
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-cli-compliance-'));
  });
  afterAll(async () => {
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the counts per level, then the overdue list, most days late first', async () => {
    const run = await runCli(['compliance', code], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^Kế hoạch ${code}: Kế hoạch thi đua thử nghiệm giai đoạn 2031 - 2032\n  Tất cả các mốc\n`),
    );
    const rows = tableRows(run.stdout);
    expect(rows.slice(0, 4)).toEqual([
      [
        'Cấp',
        'Tổng số',
        'Đúng hạn',
        'Trễ hạn',
        'Chưa nộp',
        'Quá hạn',
        'Trong hạn',
        'Được miễn',
        'Gia hạn',
        'Tỷ lệ đúng hạn',
      ],
      ['Cấp huyện', '4', '3', '0', '0', '0', '1', '0', '1', '75%'],
      ['Cấp xã', '8', '1', '2', '1', '2', '0', '1', '0', '16,7%'],
      ['Tổng cộng', '12', '4', '2', '1', '2', '1', '1', '1', '40%'],
    ]);
    expect(run.stdout).toContain('Quá hạn, chưa nộp (3), nhiều ngày trễ nhất trước:');
    expect(rows.slice(4).map((row) => [row[0], row[2], row[4], row[5], row[6]])).toEqual([
      ['Đơn vị', 'Mốc', 'Số ngày trễ', 'Tình trạng', 'Leo thang'],
      ['Xã Hai Một (X21)', 'Sơ kết năm 2031', '369', 'Chưa nộp', 'bước 3'],
      ['Xã Một Một (X11)', 'Tổng kết năm 2032', '3', 'Quá hạn', ''],
      ['Xã Một Hai (X12)', 'Tổng kết năm 2032', '3', 'Quá hạn', 'bước 1'],
    ]);
  });

  it("gives scripts a leader's subtree, one level named as in the plan, as JSON", async () => {
    const run = await runCli(['compliance', code, '--under', 'H1', '--level', 'cấp xã', '--json'], env);
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as {
      scope: object;
      summary: { overall: object };
      overdue: Array<{ unitCode: string; daysLate: number; lastDay: string }>;
    };
    expect(output.scope).toEqual({ planCode: code, level: 1, under: 'H1' });
    expect(output.summary.overall).toMatchObject({ total: 4, onTime: 1, late: 1, overdue: 2, percent: { onTime: 25 } });
    expect(output.overdue.map((row) => [row.unitCode, row.daysLate])).toEqual([
      ['X11', 3],
      ['X12', 3],
    ]);
  });

  it('refuses an unknown plan, milestone or level with its code and exit code 1; a wrong command line is 2', async () => {
    const [plan, milestone, level, usage] = await Promise.all([
      runCli(['compliance', '99/KH-KHONG'], env),
      runCli(['compliance', code, '--milestone', 'so-ket-2030'], env),
      runCli(['export', 'xlsx', code, '--level', '3', '-o', path.join(dir, 'x.xlsx')], env),
      runCli(['export', 'docx', code], env),
    ]);
    expect([plan.code, milestone.code, level.code, usage.code]).toEqual([1, 1, 1, 2]);
    expect(plan.stderr).toBe('PLAN_NOT_FOUND: không có kế hoạch số hiệu "99/KH-KHONG"\n');
    expect(milestone.stderr).toBe(
      `COMPLIANCE_MILESTONE_UNKNOWN: kế hoạch ${code} không có mốc "so-ket-2030" (các mốc: so-ket-2031, tong-ket-2032)\n`,
    );
    expect(level.stderr).toBe(
      `COMPLIANCE_LEVEL_UNKNOWN: kế hoạch ${code} có 2 cấp báo cáo: 1 = cấp huyện, 2 = cấp xã\n`,
    );
    expect(usage.stderr).toContain("required option '-o, --output <tệp>' not specified");
  });

  it('exports the workbook and the summary report to the files named', async () => {
    const xlsx = path.join(dir, 'tinh-hinh.xlsx');
    const docx = path.join(dir, 'bao-cao.docx');
    const [sheet, document] = await Promise.all([
      runCli(['export', 'xlsx', code, '--milestone', 'so-ket-2031', '-o', xlsx], env),
      runCli(
        [
          'export',
          'docx',
          code,
          '--milestone',
          'so-ket-2031',
          '-o',
          docx,
          '--place',
          'Cao Bằng',
          '--date',
          '22/11/2026',
          '--signer',
          'Nguyễn Văn Bình',
          '--signer-title',
          'Phó Giám đốc',
          '--authority',
          'KT. Giám đốc',
          '--json',
        ],
        env,
      ),
    ]);
    expect(sheet.stderr).toBe('');
    expect(sheet.stdout).toMatch(/^Đã ghi bảng tính vào .*tinh-hinh\.xlsx \(\d+ KB\)\.\n$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((ws) => [ws.name, ws.rowCount])).toEqual([
      ['Tổng hợp', 14],
      ['Cấp huyện', 3],
      ['Cấp xã', 5],
    ]);

    expect(document.stderr).toBe('');
    expect(JSON.parse(document.stdout)).toEqual({ file: docx, bytes: readFileSync(docx).length });
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    for (const text of ['Cao Bằng, ngày 22 tháng 11 năm 2026', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn Bình']) {
      expect(xml).toContain(`>${text}<`);
    }
  });

  it('explains itself in Vietnamese', () => {
    const exportCommand = buildProgram().commands.find((command) => command.name() === 'export')!;
    const help = exportCommand.commands.find((command) => command.name() === 'xlsx')!.helpInformation();
    expect(help).toContain('bảng tính Excel: trang "Tổng hợp" và mỗi cấp báo cáo một trang');
    expect(help).toContain('-o, --output <tệp>');
    expect(help).toContain('chỉ một cấp báo cáo: số thứ tự từ 1');
  });
});
