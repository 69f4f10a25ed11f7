import { formatCivilDate, type CivilDate } from '../civil-time';
import type { NationalTreeInput, NationalUnitInput } from './national-tree';
import { emptyUnitChanges, type UnitChanges } from './unit-changes';
import { UnitError, UnitIssueCode, type UnitIssue } from './unit-issue';
import { normaliseUnitCode, normaliseUnitName } from './unit-text';
import { parseUnitType, UNIT_TYPE_LEVELS, UnitLevel, UnitType } from './unit-type';

export const NATIONAL_SOURCE = 'dvhcvn';

const LEVELS = [UnitLevel.province, UnitLevel.district, UnitLevel.commune] as const;
const LEVEL_NAMES = { province: 'cấp tỉnh', district: 'cấp huyện', commune: 'cấp xã', agency: 'cơ quan' } as const;

/** The list says `Thành phố` for both kinds of city; at district level it is a city within a province. */
function typeAt(level: UnitLevel, text: string): UnitType | undefined {
  if (level === UnitLevel.district && text.normalize('NFC').trim().toLowerCase() === 'thành phố') {
    return UnitType.thanhPhoThuocTinh;
  }
  const type = parseUnitType(text);
  return type && UNIT_TYPE_LEVELS[type] === level ? type : undefined;
}

/**
 * The changes that load the national tree as the state in force from `validFrom` (default: the list's own date;
 * a later date is refused, since the list does not say what held after it): one unit and one open-ended version per
 * entry, each under its parent entry. Throws `UnitError` listing every entry with an unreadable code, a missing name
 * or a type that is not of its level; overlaps with units already stored are the tree rules' job.
 */
export function planNationalImport(
  input: NationalTreeInput,
  options: { validFrom: CivilDate | undefined; newId: () => string },
): UnitChanges {
  const issues: UnitIssue[] = [];
  const validFrom = options.validFrom ?? input.dataDate;
  if (validFrom === undefined) {
    throw new UnitError([
      {
        code: UnitIssueCode.dateInvalid,
        message: 'tệp không ghi ngày của dữ liệu (data_date); hãy cho ngày hiệu lực bằng --valid-from',
        location: { file: input.file, path: 'data_date' },
      },
    ]);
  }
  if (input.dataDate !== undefined && validFrom > input.dataDate) {
    throw new UnitError([
      {
        code: UnitIssueCode.validFromAfterData,
        message: `ngày hiệu lực ${formatCivilDate(validFrom)} sau ngày của dữ liệu ${formatCivilDate(input.dataDate)}: danh mục chỉ cho biết các đơn vị tồn tại đến ngày đó; hãy chọn một ngày không muộn hơn`,
        location: { file: input.file, path: 'data_date' },
      },
    ]);
  }
  const changes = emptyUnitChanges();
  const visit = (entry: NationalUnitInput, depth: number, parentUnitId: string | null) => {
    const level = LEVELS[depth]!;
    const code = normaliseUnitCode(entry.code);
    const name = normaliseUnitName(entry.name);
    const type = typeAt(level, entry.type);
    const at = (field: string) => ({ file: input.file, path: `${entry.path}.${field}` });
    if (code === undefined) {
      issues.push({
        code: UnitIssueCode.codeInvalid,
        message: `mã "${entry.code}" không hợp lệ`,
        location: at(`level${depth + 1}_id`),
      });
    }
    if (name === '')
      issues.push({ code: UnitIssueCode.nameMissing, message: 'thiếu tên đơn vị', location: at('name') });
    if (type === undefined) {
      issues.push({
        code: UnitIssueCode.typeUnknown,
        message: `loại "${entry.type}" không phải là một loại đơn vị ${LEVEL_NAMES[level]}`,
        location: at('type'),
      });
    }
    const unitId = options.newId();
    const versionId = options.newId();
    if (code !== undefined && type !== undefined) {
      changes.createdUnits.push({ id: unitId, code, validFrom, validTo: null, source: NATIONAL_SOURCE });
      changes.createdVersions.push({ id: versionId, unitId, name, type, parentUnitId, validFrom, validTo: null });
      changes.sources.set(unitId, { file: input.file, path: entry.path });
      changes.sources.set(versionId, { file: input.file, path: entry.path });
    }
    if (depth + 1 < LEVELS.length) for (const child of entry.children) visit(child, depth + 1, unitId);
  };
  for (const province of input.provinces) visit(province, 0, null);
  if (issues.length > 0) throw new UnitError(issues);
  return changes;
}
