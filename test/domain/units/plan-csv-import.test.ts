import { applyUnitChanges } from '../../../domain/units/unit-changes';
import {
  UNIT_CSV_OPTIONAL_COLUMNS,
  UNIT_CSV_REQUIRED_COLUMNS,
  mapUnitCsvHeader,
  type UnitCsvColumn,
} from '../../../domain/units/unit-csv';
import { UnitError } from '../../../domain/units/unit-issue';
import { planCsvImport } from '../../../domain/units/plan-csv-import';
import { unitWithCodeAt, versionAt, type UnitSnapshot } from '../../../domain/units/unit-snapshot';
import { validateUnitTree } from '../../../domain/units/validate-unit-tree';
import { sequentialIds, snapshotOf } from './unit-fixtures';

const file = 'so-noi-vu.csv';
const COLUMNS = [...UNIT_CSV_REQUIRED_COLUMNS, ...UNIT_CSV_OPTIONAL_COLUMNS];

/** Rows as they would be read from lines 2, 3, … of the file. */
function csv(...rows: Array<Partial<Record<UnitCsvColumn, string>>>) {
  const blank = Object.fromEntries(COLUMNS.map((column) => [column, ''])) as Record<UnitCsvColumn, string>;
  return { file, rows: rows.map((cells, index) => ({ line: index + 2, cells: { ...blank, ...cells } })) };
}

/** Hà Nội and Cao Bằng before and after the reform (codes 01 and 04 reused), as the national imports leave them. */
const provinces = () =>
  snapshotOf([
    { id: 'hn-old', code: '01', name: 'Thành phố Hà Nội', type: 'thanh-pho-trung-uong', to: '2025-07-01' },
    { id: 'hn-new', code: '01', name: 'Thành phố Hà Nội', type: 'thanh-pho-trung-uong', from: '2025-07-01' },
    { id: 'cb-old', code: '04', name: 'Tỉnh Cao Bằng', type: 'tinh', to: '2025-07-01' },
  ]);

function plan(snapshot: UnitSnapshot, input: ReturnType<typeof csv>, defaultValidFrom?: string) {
  const changes = planCsvImport(snapshot, input, { defaultValidFrom, today: '2025-09-01', newId: sequentialIds() });
  const after = applyUnitChanges(snapshot, changes);
  return { changes, after, issues: validateUnitTree(after, changes.sources) };
}

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UnitError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a UnitError');
}

describe('planCsvImport', () => {
  it('builds an agency tree with contacts, dates typed dd/mm/yyyy, types by label, phones in E.164', () => {
    const { changes, after, issues } = plan(
      provinces(),
      csv(
        { code: 'SNV', name: 'Sở Nội vụ', type: 'Sở', parent_code: '01', valid_from: '01/07/2025' },
        {
          code: 'SNV.TDKT',
          name: 'Ban Thi đua – Khen thưởng'.normalize('NFD'),
          type: 'ban',
          parent_code: 'SNV',
          valid_from: '2025-07-01',
          reporter_name: 'Nguyễn Văn An',
          reporter_email: 'an.nv@hanoi.gov.vn',
          reporter_phone: '0912 345 678',
        },
      ),
    );
    expect(issues).toEqual([]);
    expect(changes.createdUnits.map((unit) => [unit.code, unit.validFrom, unit.validTo, unit.source])).toEqual([
      ['SNV', '2025-07-01', null, 'csv'],
      ['SNV.TDKT', '2025-07-01', null, 'csv'],
    ]);
    const ban = unitWithCodeAt(after, 'SNV.TDKT', '2025-08-01')!;
    expect(versionAt(after, ban.id, '2025-08-01')).toMatchObject({ name: 'Ban Thi đua – Khen thưởng', type: 'ban' });
    expect(versionAt(after, unitWithCodeAt(after, 'SNV', '2025-08-01')!.id, '2025-08-01')!.parentUnitId).toBe('hn-new');
    expect(changes.contacts).toEqual([
      {
        unitId: ban.id,
        role: 'reporter',
        name: 'Nguyễn Văn An',
        email: 'an.nv@hanoi.gov.vn',
        phone: '+84912345678',
        zaloUserId: null,
      },
    ]);
  });

  it('splits a unit across the reform when its parent code changed hands, keeping one identity', () => {
    const { changes, issues } = plan(
      provinces(),
      csv({ code: 'SNV', name: 'Sở Nội vụ', type: 'so', parent_code: '01', valid_from: '01/01/2021' }),
    );
    expect(issues).toEqual([]);
    expect(changes.createdUnits).toHaveLength(1);
    expect(changes.createdVersions.map((v) => [v.parentUnitId, v.validFrom, v.validTo])).toEqual([
      ['hn-old', '2021-01-01', '2025-07-01'],
      ['hn-new', '2025-07-01', null],
    ]);
  });

  it('keeps consecutive rows of one code as versions of one unit (a rename), and a gap as a reused code', () => {
    const { changes, issues } = plan(
      provinces(),
      csv(
        {
          code: 'P1',
          name: 'Phòng Tổ chức',
          type: 'phong',
          parent_code: '01',
          valid_from: '01/01/2021',
          valid_to: '01/01/2023',
        },
        {
          code: 'P1',
          name: 'Phòng Tổ chức – Biên chế',
          type: 'phong',
          parent_code: '01',
          valid_from: '01/01/2023',
          valid_to: '01/01/2024',
        },
        {
          code: 'P1',
          name: 'Phòng Công chức',
          type: 'phong',
          parent_code: '01',
          valid_from: '01/01/2025',
          valid_to: '01/07/2025',
        },
      ),
    );
    expect(issues).toEqual([]);
    expect(changes.createdUnits.map((unit) => [unit.validFrom, unit.validTo])).toEqual([
      ['2021-01-01', '2024-01-01'],
      ['2025-01-01', '2025-07-01'],
    ]);
    expect(changes.createdVersions.map((v) => v.name)).toEqual([
      'Phòng Tổ chức',
      'Phòng Tổ chức – Biên chế',
      'Phòng Công chức',
    ]);
  });

  it('updates a stored unit with the same code and first day instead of adding a second one', () => {
    const stored = snapshotOf([
      ...[...provinces().units.values()].map((unit) => ({
        id: unit.id,
        code: unit.code,
        name: 'x',
        type: 'tinh' as const,
        from: unit.validFrom,
        to: unit.validTo,
      })),
      { id: 'snv', code: 'SNV', name: 'Sở Nội vụ', type: 'so', parent: 'hn-new', from: '2025-07-01', source: 'csv' },
    ]);
    const { changes, issues } = plan(
      stored,
      csv({ code: 'SNV', name: 'Sở Nội vụ thành phố Hà Nội', type: 'so', parent_code: '01', valid_from: '01/07/2025' }),
    );
    expect(issues).toEqual([]);
    expect(changes.createdUnits).toEqual([]);
    expect([...changes.deletedVersionIds]).toEqual(['v-snv']);
    expect(changes.createdVersions).toMatchObject([{ unitId: 'snv', name: 'Sở Nội vụ thành phố Hà Nội' }]);
  });

  it('sets the contacts of a stored unit from a contacts-only row, looked up on the given or default date', () => {
    const { changes } = plan(
      provinces(),
      csv(
        { code: '04', valid_from: '01/03/2025', head_name: 'Trần Thị Bình', head_phone: '+84 987 654 321' },
        { code: '01', reporter_email: 'tdkt@hanoi.gov.vn' },
      ),
      '2023-07-01',
    );
    expect(changes.createdUnits).toEqual([]);
    expect(changes.contacts).toEqual([
      { unitId: 'cb-old', role: 'head', name: 'Trần Thị Bình', email: null, phone: '+84987654321', zaloUserId: null },
      { unitId: 'hn-old', role: 'reporter', name: null, email: 'tdkt@hanoi.gov.vn', phone: null, zaloUserId: null },
    ]);
  });

  it('reports every bad cell at once, with its line and column', () => {
    expect(
      issuesOf(() =>
        plan(
          provinces(),
          csv(
            { code: 'A B', name: 'Phòng A', type: 'phong', parent_code: '01', valid_from: '01/01/2024' },
            { code: 'B', name: ' ', type: 'bộ', parent_code: '01', valid_from: '30/02/2024' },
            {
              code: 'C',
              name: 'Phòng C',
              type: 'phong',
              parent_code: '01',
              valid_from: '01/01/2024',
              valid_to: '01/01/2023',
            },
            { code: 'D', name: 'Phòng D', type: 'phong', parent_code: '01', reporter_email: 'd@', head_phone: '12345' },
          ),
        ),
      ),
    ).toEqual([
      'UNIT_CODE_INVALID: mã "A B" không hợp lệ (chỉ gồm chữ, số và . - _ /) (so-noi-vu.csv, dòng 2, cột code)',
      'UNIT_NAME_MISSING: thiếu tên đơn vị (so-noi-vu.csv, dòng 3, cột name)',
      'UNIT_TYPE_UNKNOWN: loại "bộ" không có; dùng một trong: tỉnh, huyện, xã, phường, sở, ban, phòng, chi cục, trung tâm, cơ quan… (so-noi-vu.csv, dòng 3, cột type)',
      'UNIT_DATE_INVALID: ngày 30/02/2024 không tồn tại (so-noi-vu.csv, dòng 3, cột valid_from)',
      'UNIT_VALIDITY_INVALID: ngày hết hiệu lực 01/01/2023 phải sau ngày bắt đầu 01/01/2024 (so-noi-vu.csv, dòng 4, cột valid_to)',
      'UNIT_DATE_INVALID: thiếu ngày bắt đầu hiệu lực (hoặc cho ngày chung bằng --valid-from) (so-noi-vu.csv, dòng 5, cột valid_from)',
      'UNIT_CONTACT_EMAIL_INVALID: "d@" không phải là địa chỉ email (so-noi-vu.csv, dòng 5, cột reporter_email)',
      'UNIT_CONTACT_PHONE_INVALID: "12345" không phải là số di động Việt Nam (10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; hoặc +84…) (so-noi-vu.csv, dòng 5, cột head_phone)',
    ]);
  });

  it('refuses an unknown parent, a parent that ends first, overlapping rows and contacts for no unit', () => {
    expect(
      issuesOf(() =>
        plan(
          provinces(),
          csv(
            { code: 'A', name: 'Phòng A', type: 'phong', parent_code: '99', valid_from: '01/01/2024' },
            { code: 'B', name: 'Phòng B', type: 'phong', parent_code: '04', valid_from: '01/01/2024' },
            { code: 'C', name: 'Phòng C', type: 'phong', parent_code: '01', valid_from: '01/01/2024' },
            { code: 'C', name: 'Phòng C2', type: 'phong', parent_code: '01', valid_from: '01/06/2024' },
            { code: 'ZZ', reporter_name: 'Lê Văn C' },
          ),
        ),
      ),
    ).toEqual([
      'UNIT_VALIDITY_OVERLAP: mã C: thời gian hiệu lực từ 01/06/2024 trùng với dòng 4 (từ 01/01/2024); một mã chỉ thuộc một đơn vị tại mỗi thời điểm (so-noi-vu.csv, dòng 5, cột valid_from)',
      'UNIT_PARENT_UNKNOWN: không có đơn vị nào mã 99 (cấp trên của A), trong tệp cũng như trong cơ sở dữ liệu (so-noi-vu.csv, dòng 2, cột parent_code)',
      'UNIT_PARENT_NOT_VALID: cấp trên 04 không có hiệu lực suốt thời gian từ 01/01/2024 của đơn vị B (mã 04 chỉ có hiệu lực: 01/01/2021 – 01/07/2025) (so-noi-vu.csv, dòng 3, cột parent_code)',
      'UNIT_NOT_FOUND: không có đơn vị mã ZZ vào ngày 01/09/2025 để ghi người liên hệ (so-noi-vu.csv, dòng 6, cột code)',
    ]);
  });

  it('leaves a cycle to the tree rules, which name it', () => {
    const { issues } = plan(
      provinces(),
      csv(
        { code: 'A', name: 'Ban A', type: 'ban', parent_code: 'B', valid_from: '01/01/2024' },
        { code: 'B', name: 'Ban B', type: 'ban', parent_code: 'A', valid_from: '01/01/2024' },
      ),
    );
    expect(issues.map((issue) => [issue.code, issue.location?.line])).toEqual([['UNIT_CYCLE', 2]]);
    expect(issues[0]!.message).toBe(
      'vòng lặp cấp trên: A "Ban A" → B "Ban B" → A "Ban A"; một đơn vị không thể là cấp trên của chính nó',
    );
  });

  it('checks the header: every required column, no unknown or repeated one', () => {
    expect(mapUnitCsvHeader(file, ['Code', ' name ', 'type', 'parent_code', 'valid_from', 'head_phone'])).toEqual([
      'code',
      'name',
      'type',
      'parent_code',
      'valid_from',
      'head_phone',
    ]);
    expect(issuesOf(() => mapUnitCsvHeader(file, ['code', 'name', 'loai', 'name', 'valid_from']))).toEqual([
      'UNIT_CSV_COLUMN_UNKNOWN: không có cột "loai" trong định dạng; các cột là code, name, type, parent_code, valid_from, valid_to, reporter_name, reporter_email, reporter_phone, head_name, head_email, head_phone, reporter_zalo_user_id, head_zalo_user_id (so-noi-vu.csv, dòng 1, cột loai)',
      'UNIT_CSV_COLUMN_UNKNOWN: cột "name" có hai lần (so-noi-vu.csv, dòng 1, cột name)',
      'UNIT_CSV_COLUMN_MISSING: thiếu cột "type" ở dòng tiêu đề; các cột bắt buộc là code, name, type, parent_code, valid_from (so-noi-vu.csv, dòng 1, cột type)',
      'UNIT_CSV_COLUMN_MISSING: thiếu cột "parent_code" ở dòng tiêu đề; các cột bắt buộc là code, name, type, parent_code, valid_from (so-noi-vu.csv, dòng 1, cột parent_code)',
    ]);
  });
});
