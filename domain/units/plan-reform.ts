import { formatCivilDate } from '../civil-time';
import type { ReformInput, ReformNewUnitInput } from './reform-mapping';
import { emptyUnitChanges, endUnit, type UnitChanges } from './unit-changes';
import { UnitError, UnitIssueCode, type SourceLocation, type UnitIssue } from './unit-issue';
import { SuccessionKind, type UnitRecord, type UnitSuccessionRecord } from './unit-records';
import { describeUnit, unitWithCodeAt, versionAt, type UnitSnapshot } from './unit-snapshot';
import { normaliseUnitCode, normaliseUnitName } from './unit-text';
import { isAdministrative, UNIT_TYPE_LEVELS, UnitLevel, UnitType } from './unit-type';
import { addDays, isValidAt } from './validity';

export const REFORM_SOURCE = 'reform';

/** The mapping gives new units' names only; their type is the name's first words (Luật TCCQĐP 2025, Điều 2). */
const TYPE_PREFIXES: ReadonlyArray<ReadonlyArray<readonly [string, UnitType]>> = [
  [
    ['Thành phố ', UnitType.thanhPhoTrungUong],
    ['Tỉnh ', UnitType.tinh],
  ],
  [
    ['Phường ', UnitType.phuong],
    ['Xã ', UnitType.xa],
    ['Đặc khu ', UnitType.dacKhu],
  ],
];

/**
 * The changes that apply a reform of the map on `effectiveOn`, as a dated change: every administrative unit in
 * force the day before (province, district, commune) ends that day; the new provinces and their communes start it,
 * with no district level; each "new absorbed old" entry becomes a succession link old → new (`full` or `partial`),
 * which is where open obligations of an old unit move. The island districts that became special zones (đặc khu)
 * are linked district → zone. An agency under an old unit moves to that unit's successor when there is exactly one
 * that took all of it (a Sở of Hà Nam goes under the new Ninh Bình); otherwise it is an error to resolve first.
 *
 * Throws `UnitError` with every problem: an old code not in force the day before (UNIT_REFORM_UNIT_UNKNOWN, usually
 * because the national tree was not imported first), merges and splits that disagree (UNIT_REFORM_MISMATCH), an
 * agency left without a parent (UNIT_REFORM_CHILD_ORPHANED), a reform already applied (UNIT_VALIDITY_OVERLAP).
 */
export function planReform(snapshot: UnitSnapshot, input: ReformInput, options: { newId: () => string }): UnitChanges {
  const { effectiveOn } = input;
  const dayBefore = addDays(effectiveOn, -1);
  const applied = [...snapshot.units.values()].filter(
    (unit) => unit.source === REFORM_SOURCE && unit.validFrom === effectiveOn,
  );
  if (applied.length > 0) {
    throw new UnitError([
      {
        code: UnitIssueCode.validityOverlap,
        message: `bản đồ sắp xếp có hiệu lực từ ${formatCivilDate(effectiveOn)} đã được áp dụng (${applied.length} đơn vị mới đã có); không áp dụng lần hai`,
        location: { file: input.mergesFile },
      },
    ]);
  }
  const issues: UnitIssue[] = [];
  const changes = emptyUnitChanges();
  const mergePairs = new Map<string, string>();
  const successionKeys = new Set<string>();

  const resolveOld = (oldCode: string, levels: readonly UnitLevel[], location: SourceLocation) => {
    const unit = unitWithCodeAt(snapshot, oldCode, dayBefore);
    const version = unit && versionAt(snapshot, unit.id, dayBefore);
    if (unit && version && levels.includes(UNIT_TYPE_LEVELS[version.type])) return unit;
    issues.push({
      code: UnitIssueCode.reformUnitUnknown,
      message: `không có đơn vị hành chính mã ${oldCode} còn hiệu lực ngày ${formatCivilDate(dayBefore)}; hãy nhập danh mục đơn vị hành chính trước khi áp dụng bản đồ sắp xếp`,
      location,
    });
    return undefined;
  };

  const visit = (entry: ReformNewUnitInput, depth: number, parentUnitId: string | null) => {
    const code = normaliseUnitCode(entry.code);
    const name = normaliseUnitName(entry.name);
    const type = TYPE_PREFIXES[depth]?.find(([prefix]) => name.startsWith(prefix))?.[1];
    const idField = depth === 0 ? 'level1_id' : 'level2_id';
    if (code === undefined) {
      issues.push({
        code: UnitIssueCode.codeInvalid,
        message: `mã "${entry.code}" không hợp lệ`,
        location: { file: input.mergesFile, path: `${entry.path}.${idField}` },
      });
    }
    if (type === undefined) {
      issues.push({
        code: UnitIssueCode.typeUnknown,
        message: `tên "${name}" không bắt đầu bằng loại đơn vị (${TYPE_PREFIXES[depth]?.map(([prefix]) => prefix.trim()).join(', ')})`,
        location: { file: input.mergesFile, path: `${entry.path}.name` },
      });
    }
    const unitId = options.newId();
    const versionId = options.newId();
    if (code !== undefined && type !== undefined) {
      changes.createdUnits.push({ id: unitId, code, validFrom: effectiveOn, validTo: null, source: REFORM_SOURCE });
      changes.createdVersions.push({
        id: versionId,
        unitId,
        name,
        type,
        parentUnitId,
        validFrom: effectiveOn,
        validTo: null,
      });
      changes.sources.set(unitId, { file: input.mergesFile, path: entry.path });
      changes.sources.set(versionId, { file: input.mergesFile, path: entry.path });
    }
    const oldLevels = depth === 0 ? [UnitLevel.province] : [UnitLevel.commune, UnitLevel.district];
    for (const merge of entry.merges) {
      mergePairs.set(`${merge.oldCode}>${entry.code}`, merge.path);
      const old = resolveOld(merge.oldCode, oldLevels, { file: input.mergesFile, path: `${merge.path}.old_id` });
      const key = `${old?.id}>${unitId}`;
      if (!old || successionKeys.has(key)) continue;
      successionKeys.add(key);
      changes.successions.push({ predecessorId: old.id, successorId: unitId, kind: merge.kind, effectiveOn });
    }
    if (depth === 0) for (const child of entry.children) visit(child, 1, unitId);
  };
  for (const entry of input.newUnits) visit(entry, 0, null);

  issues.push(...crossCheck(input, mergePairs));
  const ended = new Set<string>();
  for (const unit of snapshot.units.values()) {
    const version = isValidAt(unit, dayBefore) ? versionAt(snapshot, unit.id, dayBefore) : undefined;
    if (!version || !isAdministrative(version.type)) continue;
    endUnit(snapshot, changes, unit.id, effectiveOn);
    ended.add(unit.id);
  }
  issues.push(...moveAgencies(snapshot, changes, ended, effectiveOn, options.newId));
  if (issues.length > 0) throw new UnitError(issues);
  return changes;
}

/** Both files describe the same pairs; a pair in one and not the other is an error in the files. */
function crossCheck(input: ReformInput, mergePairs: ReadonlyMap<string, string>): UnitIssue[] {
  const issues: UnitIssue[] = [];
  const splitPairs = new Set<string>();
  for (const split of input.splits) {
    for (const target of split.newCodes) {
      const key = `${split.oldCode}>${target.code}`;
      splitPairs.add(key);
      if (mergePairs.has(key)) continue;
      issues.push({
        code: UnitIssueCode.reformMismatch,
        message: `tệp tách ghi đơn vị cũ ${split.oldCode} chuyển vào đơn vị mới ${target.code}, nhưng tệp nhập không ghi đơn vị mới ${target.code} nhận đơn vị cũ ${split.oldCode}`,
        location: { file: input.splitsFile, path: `${target.path}.new_id` },
      });
    }
  }
  for (const [key, path] of mergePairs) {
    if (splitPairs.has(key)) continue;
    const [oldCode, newCode] = key.split('>');
    issues.push({
      code: UnitIssueCode.reformMismatch,
      message: `tệp nhập ghi đơn vị mới ${newCode} nhận đơn vị cũ ${oldCode}, nhưng tệp tách không ghi đơn vị cũ ${oldCode} chuyển vào ${newCode}`,
      location: { file: input.mergesFile, path: `${path}.old_id` },
    });
  }
  return issues;
}

/** Agencies under an ended unit move under its sole full successor from the effective date. */
function moveAgencies(
  snapshot: UnitSnapshot,
  changes: UnitChanges,
  ended: ReadonlySet<string>,
  effectiveOn: string,
  newId: () => string,
): UnitIssue[] {
  const successors = new Map<string, UnitSuccessionRecord[]>();
  for (const link of changes.successions) {
    successors.set(link.predecessorId, [...(successors.get(link.predecessorId) ?? []), link]);
  }
  const issues: UnitIssue[] = [];
  for (const [unitId, versions] of snapshot.versions) {
    if (ended.has(unitId)) continue;
    for (const version of versions) {
      const parentId = version.parentUnitId;
      if (parentId === null || !ended.has(parentId)) continue;
      if (version.validTo !== null && version.validTo <= effectiveOn) continue;
      const links = successors.get(parentId) ?? [];
      const heir = links.length === 1 && links[0]!.kind === SuccessionKind.full ? links[0]!.successorId : undefined;
      if (heir === undefined) {
        issues.push(orphaned(snapshot, unitId, parentId, links.length, effectiveOn));
        break;
      }
      const from = version.validFrom > effectiveOn ? version.validFrom : effectiveOn;
      if (version.validFrom >= effectiveOn) changes.deletedVersionIds.add(version.id);
      else changes.versionEnds.set(version.id, effectiveOn);
      changes.createdVersions.push({ ...version, id: newId(), parentUnitId: heir, validFrom: from });
    }
  }
  return issues;
}

function orphaned(
  snapshot: UnitSnapshot,
  unitId: string,
  parentId: string,
  successorCount: number,
  effectiveOn: string,
): UnitIssue {
  const why = successorCount === 0 ? 'không có đơn vị kế thừa' : `được chia cho ${successorCount} đơn vị`;
  const unit: UnitRecord | undefined = snapshot.units.get(unitId);
  return {
    code: UnitIssueCode.reformChildOrphaned,
    message: `đơn vị ${describeUnit(snapshot, unitId)} (nguồn ${unit?.source}) thuộc ${describeUnit(snapshot, parentId)}, đơn vị này hết hiệu lực ngày ${formatCivilDate(effectiveOn)} và ${why}; hãy chuyển nó sang một cấp trên khác hoặc cho nó hết hiệu lực từ ngày đó (cột valid_to của tệp CSV), rồi áp dụng lại bản đồ sắp xếp`,
  };
}
