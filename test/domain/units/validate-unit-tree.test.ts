import { formatUnitIssue } from '../../../domain/units/unit-issue';
import { validateUnitTree } from '../../../domain/units/validate-unit-tree';
import { snapshotOf } from './unit-fixtures';

const file = 'don-vi.csv';

describe('validateUnitTree', () => {
  it('accepts a code reused by a new unit from the day the old one ends', () => {
    const snapshot = snapshotOf([
      { id: 'old', code: '00004', name: 'Phường Trúc Bạch', type: 'phuong', to: '2025-07-01' },
      { id: 'new', code: '00004', name: 'Phường Ba Đình', type: 'phuong', from: '2025-07-01' },
    ]);
    expect(validateUnitTree(snapshot, new Map())).toEqual([]);
  });

  it('refuses one code for two units at the same time, pointing at the one the file brought', () => {
    const snapshot = snapshotOf([
      { id: 'stored', code: 'SNV', name: 'Sở Nội vụ', type: 'so', source: 'csv' },
      { id: 'new', code: 'SNV', name: 'Sở Nội vụ mới', type: 'so', from: '2024-01-01', to: '2026-01-01' },
    ]);
    const issues = validateUnitTree(snapshot, new Map([['new', { file, line: 3 }]]));
    expect(issues.map(formatUnitIssue)).toEqual([
      'UNIT_VALIDITY_OVERLAP: mã SNV: SNV "Sở Nội vụ mới" (01/01/2024 – 01/01/2026) trùng thời gian hiệu lực với SNV "Sở Nội vụ" (từ 01/01/2021, đã có trong cơ sở dữ liệu, nguồn csv); một mã chỉ thuộc một đơn vị tại mỗi thời điểm (don-vi.csv, dòng 3, cột valid_from)',
    ]);
  });

  it('refuses a unit that outlives its parent', () => {
    const snapshot = snapshotOf([
      { id: 'ha-nam', code: '35', name: 'Tỉnh Hà Nam', type: 'tinh', to: '2025-07-01' },
      { id: 'snv', code: 'SNV-HNA', name: 'Sở Nội vụ tỉnh Hà Nam', type: 'so', parent: 'ha-nam' },
    ]);
    const issues = validateUnitTree(snapshot, new Map([['v-snv', { file, line: 2 }]]));
    expect(issues.map(formatUnitIssue)).toEqual([
      'UNIT_PARENT_NOT_VALID: đơn vị cấp trên 35 "Tỉnh Hà Nam" chỉ có hiệu lực 01/01/2021 – 01/07/2025, không phủ thời gian từ 01/01/2021 của đơn vị SNV-HNA "Sở Nội vụ tỉnh Hà Nam" (don-vi.csv, dòng 2, cột parent_code)',
    ]);
  });

  it('finds a cycle in the tree and names every unit on it', () => {
    const snapshot = snapshotOf([
      { id: 'a', code: 'A', name: 'Ban A', type: 'ban', parent: 'c' },
      { id: 'b', code: 'B', name: 'Phòng B', type: 'phong', parent: 'a' },
      { id: 'c', code: 'C', name: 'Phòng C', type: 'phong', parent: 'b' },
      { id: 'd', code: 'D', name: 'Phòng D', type: 'phong', parent: 'a' },
      { id: 'self', code: 'S', name: 'Ban S', type: 'ban', parent: 'self' },
    ]);
    const issues = validateUnitTree(snapshot, new Map([['b', { file, line: 3 }]]));
    expect(issues.map((issue) => issue.code)).toEqual(['UNIT_CYCLE', 'UNIT_CYCLE']);
    expect(issues.map(formatUnitIssue)).toContain(
      'UNIT_CYCLE: vòng lặp cấp trên: A "Ban A" → C "Phòng C" → B "Phòng B" → A "Ban A"; một đơn vị không thể là cấp trên của chính nó (don-vi.csv, dòng 3, cột parent_code)',
    );
    expect(issues[1]!.message).toContain('S "Ban S" → S "Ban S"');
  });

  it('allows two units to swap places over time, which is a reorganisation and not a cycle', () => {
    const snapshot = snapshotOf([
      {
        id: 'a',
        code: 'A',
        name: 'Ban A',
        type: 'ban',
        to: '2024-01-01',
        then: [{ name: 'Phòng A', type: 'phong', parent: 'b' }],
      },
      {
        id: 'b',
        code: 'B',
        name: 'Phòng B',
        type: 'phong',
        parent: 'a',
        to: '2024-01-01',
        then: [{ name: 'Ban B', type: 'ban' }],
      },
    ]);
    expect(validateUnitTree(snapshot, new Map())).toEqual([]);
  });

  it('refuses versions that leave a gap in the unit’s validity', () => {
    const gap = snapshotOf([{ id: 'a', code: 'A', name: 'Ban A', type: 'ban', to: '2023-01-01' }]);
    const late = { id: 'a3', unitId: 'a', name: 'Ban A mới', type: 'ban' as const, parentUnitId: null };
    const snapshot = {
      ...gap,
      units: new Map([['a', { ...gap.units.get('a')!, validTo: null }]]),
      versions: new Map([['a', [...gap.versions.get('a')!, { ...late, validFrom: '2024-01-01', validTo: null }]]]),
    };
    expect(validateUnitTree(snapshot, new Map()).map(formatUnitIssue)).toEqual([
      'UNIT_VALIDITY_INVALID: các giai đoạn của đơn vị A "Ban A mới" (01/01/2021 – 01/01/2023; từ 01/01/2024) không nối liền nhau và phủ đúng thời gian hiệu lực từ 01/01/2021',
    ]);
  });
});
