import type { NationalTreeInput } from '../../../domain/units/national-tree';
import { planNationalImport } from '../../../domain/units/plan-national-import';
import { UnitError } from '../../../domain/units/unit-issue';
import { sequentialIds } from './unit-fixtures';

const list = (types: { province?: string; district?: string; commune?: string } = {}): NationalTreeInput => ({
  file: 'units.json',
  dataDate: '2025-03-01',
  provinces: [
    {
      code: '04',
      name: 'Tỉnh Cao Bằng',
      type: types.province ?? 'Tỉnh',
      path: 'data[0]',
      children: [
        {
          code: '040',
          name: 'Thành phố Cao Bằng',
          type: types.district ?? 'Thành phố',
          path: 'data[0].level2s[0]',
          children: [
            {
              code: '01273',
              name: 'Phường Sông Hiến'.normalize('NFD'),
              type: types.commune ?? 'Phường',
              path: 'data[0].level2s[0].level3s[0]',
              children: [],
            },
          ],
        },
      ],
    },
  ],
});

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UnitError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a UnitError');
}

describe('planNationalImport', () => {
  it('loads every entry as a unit in force from the chosen date, under its parent, names in NFC', () => {
    const changes = planNationalImport(list(), { validFrom: '2021-01-01', newId: sequentialIds() });
    expect(changes.createdUnits).toEqual([
      { id: 'id-1', code: '04', validFrom: '2021-01-01', validTo: null, source: 'dvhcvn' },
      { id: 'id-3', code: '040', validFrom: '2021-01-01', validTo: null, source: 'dvhcvn' },
      { id: 'id-5', code: '01273', validFrom: '2021-01-01', validTo: null, source: 'dvhcvn' },
    ]);
    expect(changes.createdVersions.map((v) => [v.name, v.type, v.parentUnitId])).toEqual([
      ['Tỉnh Cao Bằng', 'tinh', null],
      ['Thành phố Cao Bằng', 'thanh-pho-thuoc-tinh', 'id-1'],
      ['Phường Sông Hiến', 'phuong', 'id-3'],
    ]);
    expect(changes.sources.get('id-5')).toEqual({ file: 'units.json', path: 'data[0].level2s[0].level3s[0]' });
  });

  it('defaults to the list’s own date, and refuses a later one', () => {
    const changes = planNationalImport(list(), { validFrom: undefined, newId: sequentialIds() });
    expect(changes.createdUnits[0]!.validFrom).toBe('2025-03-01');
    expect(issuesOf(() => planNationalImport(list(), { validFrom: '2025-07-01', newId: sequentialIds() }))).toEqual([
      'UNIT_VALID_FROM_AFTER_DATA: ngày hiệu lực 01/07/2025 sau ngày của dữ liệu 01/03/2025: danh mục chỉ cho biết các đơn vị tồn tại đến ngày đó; hãy chọn một ngày không muộn hơn (units.json, trường data_date)',
    ]);
  });

  it('refuses a type that is not one of its level', () => {
    expect(
      issuesOf(() =>
        planNationalImport(list({ district: 'Phường', commune: 'Ấp' }), {
          validFrom: undefined,
          newId: sequentialIds(),
        }),
      ),
    ).toEqual([
      'UNIT_TYPE_UNKNOWN: loại "Phường" không phải là một loại đơn vị cấp huyện (units.json, trường data[0].level2s[0].type)',
      'UNIT_TYPE_UNKNOWN: loại "Ấp" không phải là một loại đơn vị cấp xã (units.json, trường data[0].level2s[0].level3s[0].type)',
    ]);
  });
});
