import { unitTreeAt, walkUnitTree } from '../../../domain/units/unit-tree-at';
import { snapshotOf } from './unit-fixtures';

describe('unitTreeAt', () => {
  const snapshot = snapshotOf([
    { id: 'hn', code: '01', name: 'Thành phố Hà Nội', type: 'thanh-pho-trung-uong', to: '2025-07-01' },
    { id: 'bd', code: '001', name: 'Quận Ba Đình', type: 'quan', parent: 'hn', to: '2025-07-01' },
    { id: 'tb', code: '00004', name: 'Phường Trúc Bạch', type: 'phuong', parent: 'bd', to: '2025-07-01' },
    { id: 'px', code: '00001', name: 'Phường Phúc Xá', type: 'phuong', parent: 'bd', to: '2025-07-01' },
    { id: 'hn2', code: '01', name: 'Thành phố Hà Nội', type: 'thanh-pho-trung-uong', from: '2025-07-01' },
    { id: 'bd2', code: '00004', name: 'Phường Ba Đình', type: 'phuong', parent: 'hn2', from: '2025-07-01' },
  ]);
  const lines = (date: string) =>
    [...walkUnitTree(unitTreeAt(snapshot, date))].map(
      ({ node, depth }) => `${'  '.repeat(depth)}${node.code} ${node.name}`,
    );

  it('shows three levels before the reform, children by code', () => {
    expect(lines('2025-06-30')).toEqual([
      '01 Thành phố Hà Nội',
      '  001 Quận Ba Đình',
      '    00001 Phường Phúc Xá',
      '    00004 Phường Trúc Bạch',
    ]);
  });

  it('shows two levels from the day of the reform, the reused code meaning the new unit', () => {
    expect(lines('2025-07-01')).toEqual(['01 Thành phố Hà Nội', '  00004 Phường Ba Đình']);
    expect(lines('2020-12-31')).toEqual([]);
  });
});
