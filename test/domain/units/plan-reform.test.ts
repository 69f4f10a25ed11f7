import { planReform } from '../../../domain/units/plan-reform';
import type { ReformInput } from '../../../domain/units/reform-mapping';
import { applyUnitChanges } from '../../../domain/units/unit-changes';
import { UnitError } from '../../../domain/units/unit-issue';
import type { SuccessionKind } from '../../../domain/units/unit-records';
import type { UnitSnapshot } from '../../../domain/units/unit-snapshot';
import { unitTreeAt, walkUnitTree } from '../../../domain/units/unit-tree-at';
import { validateUnitTree } from '../../../domain/units/validate-unit-tree';
import { sequentialIds, snapshotOf, type FixtureUnit } from './unit-fixtures';

/** Two provinces merged into one, a commune split between two new ones, an island district become a special zone. */
const OLD: FixtureUnit[] = [
  { id: 'ha-nam', code: '35', name: 'Tỉnh Hà Nam', type: 'tinh' },
  { id: 'phu-ly', code: '347', name: 'Thành phố Phủ Lý', type: 'thanh-pho-thuoc-tinh', parent: 'ha-nam' },
  { id: 'quang-trung', code: '13285', name: 'Phường Quang Trung', type: 'phuong', parent: 'phu-ly' },
  { id: 'luong-khanh-thien', code: '13288', name: 'Phường Lương Khánh Thiện', type: 'phuong', parent: 'phu-ly' },
  { id: 'ninh-binh', code: '37', name: 'Tỉnh Ninh Bình', type: 'tinh' },
  { id: 'hoa-lu', code: '369', name: 'Thành phố Hoa Lư', type: 'thanh-pho-thuoc-tinh', parent: 'ninh-binh' },
  { id: 'dong-thanh', code: '14329', name: 'Phường Đông Thành', type: 'phuong', parent: 'hoa-lu' },
  { id: 'hai-phong', code: '31', name: 'Thành phố Hải Phòng', type: 'thanh-pho-trung-uong' },
  { id: 'blv', code: '318', name: 'Huyện Bạch Long Vĩ', type: 'huyen', parent: 'hai-phong' },
  { id: 'snv', code: 'SNV-HNA', name: 'Sở Nội vụ tỉnh Hà Nam', type: 'so', parent: 'ha-nam', source: 'csv' },
];

type Merge = [oldCode: string, kind: SuccessionKind];

function reform(overrides: Partial<ReformInput> = {}): ReformInput {
  const unit = (code: string, name: string, path: string, merges: Merge[], children: ReformInput['newUnits'] = []) => ({
    code,
    name,
    path,
    merges: merges.map(([oldCode, kind], k) => ({ oldCode, kind, path: `${path}.merges[${k}]` })),
    children,
  });
  const split = (oldCode: string, path: string, codes: string[]) => ({
    oldCode,
    path,
    newCodes: codes.map((code, k) => ({ code, path: `${path}.splits[${k}]` })),
  });
  return {
    mergesFile: 'merges.json',
    splitsFile: 'splits.json',
    effectiveOn: '2025-07-01',
    newUnits: [
      unit(
        '37',
        'Tỉnh Ninh Bình',
        'data[0]',
        [
          ['35', 'full'],
          ['37', 'full'],
        ],
        [
          unit('13285', 'Phường Phủ Lý', 'data[0].level2s[0]', [
            ['13285', 'full'],
            ['13288', 'partial'],
          ]),
          unit('14329', 'Phường Hoa Lư', 'data[0].level2s[1]', [
            ['14329', 'full'],
            ['13288', 'partial'],
          ]),
        ],
      ),
      unit(
        '31',
        'Thành phố Hải Phòng',
        'data[1]',
        [['31', 'full']],
        [unit('11948', 'Đặc khu Bạch Long Vĩ', 'data[1].level2s[0]', [['318', 'full']])],
      ),
    ],
    splits: [
      split('35', 'data[0]', ['37']),
      split('37', 'data[1]', ['37']),
      split('31', 'data[2]', ['31']),
      split('13285', 'data[0].level3s[0]', ['13285']),
      split('13288', 'data[0].level3s[1]', ['13285', '14329']),
      split('14329', 'data[1].level3s[0]', ['14329']),
      split('318', 'data[2].level2s[0]', ['11948']),
    ],
    ...overrides,
  };
}

function issuesOf(snapshot: UnitSnapshot, input: ReformInput): string[] {
  try {
    planReform(snapshot, input, { newId: sequentialIds() });
  } catch (error) {
    if (error instanceof UnitError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a UnitError');
}

describe('planReform', () => {
  const before = snapshotOf(OLD);
  const changes = planReform(before, reform(), { newId: sequentialIds('new') });
  const after = applyUnitChanges(before, changes);
  const codeOf = (id: string) => after.units.get(id)!.code;
  const tree = (date: string) =>
    [...walkUnitTree(unitTreeAt(after, date))].map(
      ({ node, depth }) => `${'  '.repeat(depth)}${node.code} ${node.name}`,
    );

  it('ends the old map the day before it takes effect and starts the new one that day, with no district level', () => {
    expect(validateUnitTree(after, changes.sources)).toEqual([]);
    expect(tree('2025-06-30')).toEqual([
      '31 Thành phố Hải Phòng',
      '  318 Huyện Bạch Long Vĩ',
      '35 Tỉnh Hà Nam',
      '  347 Thành phố Phủ Lý',
      '    13285 Phường Quang Trung',
      '    13288 Phường Lương Khánh Thiện',
      '  SNV-HNA Sở Nội vụ tỉnh Hà Nam',
      '37 Tỉnh Ninh Bình',
      '  369 Thành phố Hoa Lư',
      '    14329 Phường Đông Thành',
    ]);
    expect(tree('2025-07-01')).toEqual([
      '31 Thành phố Hải Phòng',
      '  11948 Đặc khu Bạch Long Vĩ',
      '37 Tỉnh Ninh Bình',
      '  13285 Phường Phủ Lý',
      '  14329 Phường Hoa Lư',
      '  SNV-HNA Sở Nội vụ tỉnh Hà Nam',
    ]);
    expect([...changes.unitEnds.values()]).toEqual(Array(9).fill('2025-07-01'));
  });

  it('links each old unit to the new ones that took it over, full or partial', () => {
    const links = changes.successions.map((s) => `${codeOf(s.predecessorId)}→${codeOf(s.successorId)} ${s.kind}`);
    expect(links).toEqual([
      '35→37 full',
      '37→37 full',
      '13285→13285 full',
      '13288→13285 partial',
      '14329→14329 full',
      '13288→14329 partial',
      '31→31 full',
      '318→11948 full',
    ]);
    expect(changes.successions.every((s) => s.effectiveOn === '2025-07-01')).toBe(true);
    expect(changes.successions.find((s) => codeOf(s.predecessorId) === '35')!.predecessorId).toBe('ha-nam');
  });

  it('moves an agency under the sole successor of its parent, keeping the agency itself', () => {
    const versions = after.versions.get('snv')!;
    expect(versions.map((v) => [codeOf(v.parentUnitId!), v.validFrom, v.validTo])).toEqual([
      ['35', '2021-01-01', '2025-07-01'],
      ['37', '2025-07-01', null],
    ]);
    expect(after.units.get('snv')!.validTo).toBeNull();
  });

  it('refuses to leave an agency without a parent, an old code not in force, files that disagree, a second run', () => {
    const orphan = snapshotOf([
      ...OLD,
      { id: 'p', code: 'P-PL', name: 'Phòng Nội vụ Phủ Lý', type: 'phong', parent: 'phu-ly' },
    ]);
    expect(issuesOf(orphan, reform())).toEqual([
      'UNIT_REFORM_CHILD_ORPHANED: đơn vị P-PL "Phòng Nội vụ Phủ Lý" (nguồn test) thuộc 347 "Thành phố Phủ Lý", đơn vị này hết hiệu lực ngày 01/07/2025 và không có đơn vị kế thừa; hãy chuyển nó sang một cấp trên khác hoặc cho nó hết hiệu lực từ ngày đó (cột valid_to của tệp CSV), rồi áp dụng lại bản đồ sắp xếp',
    ]);

    const input = reform();
    input.newUnits[1]!.merges[0]!.oldCode = '99';
    input.splits.pop();
    expect(issuesOf(before, input)).toEqual([
      'UNIT_REFORM_UNIT_UNKNOWN: không có đơn vị hành chính mã 99 còn hiệu lực ngày 30/06/2025; hãy nhập danh mục đơn vị hành chính trước khi áp dụng bản đồ sắp xếp (merges.json, trường data[1].merges[0].old_id)',
      'UNIT_REFORM_MISMATCH: tệp tách ghi đơn vị cũ 31 chuyển vào đơn vị mới 31, nhưng tệp nhập không ghi đơn vị mới 31 nhận đơn vị cũ 31 (splits.json, trường data[2].splits[0].new_id)',
      'UNIT_REFORM_MISMATCH: tệp nhập ghi đơn vị mới 31 nhận đơn vị cũ 99, nhưng tệp tách không ghi đơn vị cũ 99 chuyển vào 31 (merges.json, trường data[1].merges[0].old_id)',
      'UNIT_REFORM_MISMATCH: tệp nhập ghi đơn vị mới 11948 nhận đơn vị cũ 318, nhưng tệp tách không ghi đơn vị cũ 318 chuyển vào 11948 (merges.json, trường data[1].level2s[0].merges[0].old_id)',
    ]);

    expect(issuesOf(after, reform())).toEqual([
      'UNIT_VALIDITY_OVERLAP: bản đồ sắp xếp có hiệu lực từ 01/07/2025 đã được áp dụng (5 đơn vị mới đã có); không áp dụng lần hai (merges.json)',
    ]);
  });

  it('reads the type of a new unit from its name, and refuses a name without one', () => {
    expect(after.versions.get(changes.createdUnits.find((u) => u.code === '11948')!.id)![0]!.type).toBe('dac-khu');
    const input = reform();
    input.newUnits[0]!.children[0]!.name = 'Khu Phủ Lý';
    expect(issuesOf(before, input)).toEqual([
      'UNIT_TYPE_UNKNOWN: tên "Khu Phủ Lý" không bắt đầu bằng loại đơn vị (Phường, Xã, Đặc khu) (merges.json, trường data[0].level2s[0].name)',
    ]);
  });
});
