import { formatCivilDate, type CivilDate } from '../civil-time';
import { parentSegments } from './parent-segments';
import { readCsvRow, type ContactRow, type UnitRow } from './read-csv-row';
import { applyUnitChanges, emptyUnitChanges, type UnitChanges } from './unit-changes';
import type { UnitCsvInput } from './unit-csv';
import { UnitError, UnitIssueCode, type SourceLocation, type UnitIssue } from './unit-issue';
import type { UnitContactRecord } from './unit-records';
import { unitWithCodeAt, type UnitSnapshot } from './unit-snapshot';
import { formatValidity, type Validity } from './validity';

export const CSV_SOURCE = 'csv';

/**
 * The changes a CSV of units and contacts makes (columns in unit-csv.ts). Each row is one period of one unit:
 * - rows of the same code that follow each other (one's `valid_to` is the next one's `valid_from`) are one unit
 *   renamed or moved, kept as versions of it; rows with a gap between them are different units reusing the code;
 *   rows that overlap are an error (UNIT_VALIDITY_OVERLAP);
 * - a unit already stored with the same code and the same first day is the same unit: the file replaces its
 *   name, type, parent and end, so importing a corrected file again updates rather than duplicates;
 * - `parent_code` is looked up over the row's whole period, in the file and in the store; when the code changed
 *   hands in that period (the 2025 reform reused province codes) the row is split per parent unit;
 * - a row with only `code`, an optional `valid_from` and contact cells sets the contacts of the unit that has the
 *   code on that date (default: `today`), e.g. the reporters of communes loaded from the national list.
 * Contacts belong to the unit, not to a period; empty contact cells leave stored contacts as they are.
 * Throws `UnitError` with every problem found, each with its line and column.
 */
export function planCsvImport(
  snapshot: UnitSnapshot,
  input: UnitCsvInput,
  options: { defaultValidFrom: CivilDate | undefined; today: CivilDate; newId: () => string },
): UnitChanges {
  const issues: UnitIssue[] = [];
  const at = (line: number, field: string): SourceLocation => ({ file: input.file, line, field });
  const unitRows: UnitRow[] = [];
  const contactRows: ContactRow[] = [];
  for (const row of input.rows) {
    const parsed = readCsvRow(row, options, at, issues);
    if (parsed?.unit) unitRows.push(parsed.unit);
    if (parsed) contactRows.push(parsed.contacts);
  }
  if (issues.length > 0) throw new UnitError(issues);

  const changes = emptyUnitChanges();
  const unitOfRow = new Map<UnitRow, string>();
  for (const chain of chainsByCode(unitRows, at, issues)) {
    const first = chain[0]!;
    const last = chain.at(-1)!;
    const stored = snapshot.byCode.get(first.code)?.find((unit) => unit.validFrom === first.validFrom);
    const unitId = stored?.id ?? options.newId();
    if (stored) {
      if (stored.validTo !== last.validTo) changes.unitEnds.set(stored.id, last.validTo);
      for (const version of snapshot.versions.get(stored.id) ?? []) changes.deletedVersionIds.add(version.id);
    } else {
      changes.createdUnits.push({
        id: unitId,
        code: first.code,
        validFrom: first.validFrom,
        validTo: last.validTo,
        source: CSV_SOURCE,
      });
    }
    changes.sources.set(unitId, at(first.line, 'code'));
    for (const row of chain) unitOfRow.set(row, unitId);
  }

  const planned = applyUnitChanges(snapshot, changes);
  for (const [row, unitId] of unitOfRow) {
    const segments =
      row.parentCode === null ? [{ ...row, parentUnitId: null }] : resolveParent(row, planned, at, issues);
    for (const segment of segments) {
      const id = options.newId();
      const { name, type } = row;
      const { validFrom, validTo, parentUnitId } = segment;
      changes.createdVersions.push({ id, unitId, name, type, parentUnitId, validFrom, validTo });
      changes.sources.set(id, at(row.line, 'parent_code'));
    }
  }

  const contacts = new Map<string, UnitContactRecord>();
  for (const row of contactRows) {
    const unitId = unitWithCodeAt(planned, row.code, row.date)?.id;
    if (unitId === undefined) {
      issues.push({
        code: UnitIssueCode.notFound,
        message: `không có đơn vị mã ${row.code} vào ngày ${formatCivilDate(row.date)} để ghi người liên hệ`,
        location: at(row.line, 'code'),
      });
      continue;
    }
    for (const contact of row.contacts) contacts.set(`${unitId}/${contact.role}`, { ...contact, unitId });
  }
  changes.contacts.push(...contacts.values());
  if (issues.length > 0) throw new UnitError(issues);
  return changes;
}

/** Rows of one code in date order, cut where they stop following each other. */
function chainsByCode(
  rows: readonly UnitRow[],
  at: (line: number, field: string) => SourceLocation,
  issues: UnitIssue[],
): UnitRow[][] {
  const byCode = new Map<string, UnitRow[]>();
  for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row]);
  const chains: UnitRow[][] = [];
  for (const list of byCode.values()) {
    list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a.line - b.line));
    let chain: UnitRow[] = [];
    for (const row of list) {
      const previous = chain.at(-1);
      if (previous && (previous.validTo === null || previous.validTo > row.validFrom)) {
        issues.push({
          code: UnitIssueCode.validityOverlap,
          message: `mã ${row.code}: thời gian hiệu lực ${formatValidity(row)} trùng với dòng ${previous.line} (${formatValidity(previous)}); một mã chỉ thuộc một đơn vị tại mỗi thời điểm`,
          location: at(row.line, 'valid_from'),
        });
        continue;
      }
      if (previous && previous.validTo !== row.validFrom) {
        chains.push(chain);
        chain = [];
      }
      chain.push(row);
    }
    chains.push(chain);
  }
  return chains;
}

function resolveParent(
  row: UnitRow,
  planned: UnitSnapshot,
  at: (line: number, field: string) => SourceLocation,
  issues: UnitIssue[],
): Array<Validity & { parentUnitId: string }> {
  const candidates = planned.byCode.get(row.parentCode!) ?? [];
  if (candidates.length === 0) {
    issues.push({
      code: UnitIssueCode.parentUnknown,
      message: `không có đơn vị nào mã ${row.parentCode} (cấp trên của ${row.code}), trong tệp cũng như trong cơ sở dữ liệu`,
      location: at(row.line, 'parent_code'),
    });
    return [];
  }
  const segments = parentSegments(row, candidates);
  if (segments) return segments;
  const held = candidates.map((unit) => formatValidity(unit)).join('; ');
  issues.push({
    code: UnitIssueCode.parentNotValid,
    message: `cấp trên ${row.parentCode} không có hiệu lực suốt thời gian ${formatValidity(row)} của đơn vị ${row.code} (mã ${row.parentCode} chỉ có hiệu lực: ${held})`,
    location: at(row.line, 'parent_code'),
  });
  return [];
}
