import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { complianceWorkbook } from '../../../client/exports/compliance-workbook';
import { ComplianceScopeError, loadComplianceReport } from '../../../client/exports/compliance-report';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { NOW, seedCompliance } from '../../db/compliance-fixture';

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as plain values from row `from` on (1-based): empty cells null, no leading empty slot. */
function values(sheet: ExcelJS.Worksheet, from = 1): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells = row.values as unknown[];
    if (number >= from) rows.push(Array.from({ length: cells.length - 1 }, (_, index) => cells[index + 1] ?? null));
  });
  return rows;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('compliance workbook (.xlsx)', () => {
  let database: TestDatabase;
  const code = `${randomInt(100, 999)}/KH-UBND`;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedCompliance(database.db, code);
  });
  afterAll(async () => database?.close());

  it('has a summary and one sheet per level, named from the plan, with frozen headers and filters', async () => {
    const report = await loadComplianceReport(database.db, { planCode: code, milestoneId: 'so-ket-2031' }, NOW);
    const workbook = await open(await complianceWorkbook(report));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Tổng hợp', 'Cấp huyện', 'Cấp xã']);

    const communes = workbook.getWorksheet('Cấp xã')!;
    expect(values(communes)[0]).toEqual([
      'STT',
      'Mã đơn vị',
      'Tên đơn vị',
      'Đơn vị cấp trên',
      'Mốc',
      'Báo cáo',
      'Hạn nộp',
      'Ngày nộp',
      'Tình trạng',
      'Số ngày trễ',
      'Gia hạn',
      'Ghi chú',
    ]);
    expect(communes.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(communes.autoFilter).toBe('A1:L5');
    expect(values(communes, 2)).toEqual([
      [
        1,
        'X11',
        'Xã Một Một',
        'Huyện Một',
        'Sơ kết năm 2031',
        'Báo cáo kết quả',
        day('2031-09-17'),
        day('2031-09-10'),
        'Đúng hạn',
        0,
        '',
        '',
      ],
      [
        2,
        'X12',
        'Xã Một Hai',
        'Huyện Một',
        'Sơ kết năm 2031',
        'Báo cáo kết quả',
        day('2031-09-17'),
        day('2031-09-19'),
        'Trễ hạn',
        2,
        '',
        'Đã leo thang 1 bước',
      ],
      [
        3,
        'X21',
        'Xã Hai Một',
        'Huyện Hai',
        'Sơ kết năm 2031',
        'Báo cáo kết quả',
        day('2031-09-17'),
        null,
        'Chưa nộp',
        369,
        '',
        'Đã leo thang 3 bước',
      ],
      [
        4,
        'X22',
        'Xã Hai Hai',
        'Huyện Hai',
        'Sơ kết năm 2031',
        'Báo cáo kết quả',
        day('2031-09-17'),
        null,
        'Được miễn',
        null,
        '',
        'Miễn báo cáo: Xã đang sáp nhập (giam-doc@snv)',
      ],
    ]);
    expect(communes.getCell('G2').numFmt).toBe('dd/mm/yyyy');
    expect(communes.getCell('H3').numFmt).toBe('dd/mm/yyyy');

    const districts = workbook.getWorksheet('Cấp huyện')!;
    expect(districts.autoFilter).toBe('A1:L3');
    expect(values(districts, 3)[0]).toEqual([
      2,
      'H2',
      'Huyện Hai',
      'Sở Nội vụ',
      'Sơ kết năm 2031',
      'Báo cáo kết quả',
      day('2031-09-26'),
      day('2031-09-25'),
      'Đúng hạn',
      0,
      'Có',
      'Gia hạn từ 22/09/2031 đến 26/09/2031: Huyện xin thêm thời gian tổng hợp (giam-doc@snv)',
    ]);
  });

  it('sums up the levels with rates as percentages, and the nominations by field and form', async () => {
    const report = await loadComplianceReport(database.db, { planCode: code, milestoneId: 'so-ket-2031' }, NOW);
    const summary = (await open(await complianceWorkbook(report))).getWorksheet('Tổng hợp')!;
    const rows = values(summary);
    expect(rows.slice(0, 4).map((row) => row[0])).toEqual([
      `TÌNH HÌNH BÁO CÁO — KẾ HOẠCH ${code}`,
      'Kế hoạch thi đua thử nghiệm giai đoạn 2031 - 2032',
      'Mốc: Sơ kết năm 2031',
      'Số liệu tính đến 20/09/2032 10:00',
    ]);
    expect(rows[5]).toEqual([
      'Cấp',
      'Tổng số',
      'Đúng hạn',
      'Trễ hạn',
      'Chưa nộp',
      'Quá hạn',
      'Trong hạn',
      'Được miễn',
      'Đã huỷ',
      'Gia hạn',
      'Tỷ lệ đúng hạn',
      'Tỷ lệ đã nộp',
    ]);
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(rows.slice(6, 9)).toEqual([
      ['Cấp huyện', 2, 2, 0, 0, 0, 0, 0, 0, 1, 1, 1],
      ['Cấp xã', 4, 1, 1, 1, 0, 0, 1, 0, 0, 0.333, 0.667],
      ['Tổng cộng', 6, 3, 1, 1, 0, 0, 1, 0, 1, 0.6, 0.8],
    ]);
    expect(summary.getCell('K8').numFmt).toBe('0.0%');
    expect(rows.slice(10)).toEqual([
      ['Đề nghị điển hình tiên tiến'],
      ['Lĩnh vực', 'Hình thức', 'Số điển hình', 'Số đơn vị đề nghị'],
      ['Kinh tế', 'tập thể', 1, 1],
      ['Văn hoá - xã hội', 'cá nhân', 1, 1],
    ]);
  });

  it('covers every milestone when none is named, and one level when asked', async () => {
    const whole = await open(
      await complianceWorkbook(await loadComplianceReport(database.db, { planCode: code }, NOW)),
    );
    const communes = values(whole.getWorksheet('Cấp xã')!, 2);
    expect(communes.map((row) => [row[1], row[4], row[8], row[9]])).toEqual([
      ['X11', 'Sơ kết năm 2031', 'Đúng hạn', 0],
      ['X11', 'Tổng kết năm 2032', 'Quá hạn', 3],
      ['X12', 'Sơ kết năm 2031', 'Trễ hạn', 2],
      ['X12', 'Tổng kết năm 2032', 'Quá hạn', 3],
      ['X21', 'Sơ kết năm 2031', 'Chưa nộp', 369],
      ['X21', 'Tổng kết năm 2032', 'Trễ hạn', 2],
      ['X22', 'Sơ kết năm 2031', 'Được miễn', null],
      ['X22', 'Tổng kết năm 2032', 'Đã huỷ', null],
    ]);
    const oneLevel = await open(
      await complianceWorkbook(await loadComplianceReport(database.db, { planCode: code, level: 0 }, NOW)),
    );
    expect(oneLevel.worksheets.map((sheet) => sheet.name)).toEqual(['Tổng hợp', 'Cấp huyện']);
  });

  it('refuses a milestone the plan does not have, naming the ones it has', async () => {
    const error = await loadComplianceReport(database.db, { planCode: code, milestoneId: 'so-ket-2030' }, NOW).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ComplianceScopeError);
    expect(error).toMatchObject({
      code: 'COMPLIANCE_MILESTONE_UNKNOWN',
      field: 'milestone',
      message: `COMPLIANCE_MILESTONE_UNKNOWN: kế hoạch ${code} không có mốc "so-ket-2030" (các mốc: so-ket-2031, tong-ket-2032)`,
    });
  });
});
