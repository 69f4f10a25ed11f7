import type { CivilDate } from '../../domain/civil-time';
import type { NationalTreeInput } from '../../domain/units/national-tree';
import type { ReformInput } from '../../domain/units/reform-mapping';
import type { UnitCsvInput } from '../../domain/units/unit-csv';
import { UnitError, UnitIssueCode } from '../../domain/units/unit-issue';
import { readNationalTree } from './dvhcvn-file';
import { parseUnitJson, readUnitFile } from './read-unit-file';
import { readReform, reformCompanionPath, reformDateFromName, reformFileRole } from './reform-files';
import { readUnitCsv } from './unit-csv-file';
import { detectUnitFileFormat, UnitFileFormat } from './unit-file-format';

export interface UnitImportRequest {
  /** The file; for a reform the merges or the splits file (the other is found beside it), or both. */
  files: string[];
  /** Detected from the file when absent. */
  format?: UnitFileFormat;
  /**
   * dvhcvn: the first day the list is in force (default: its own date). reform: the day it takes effect (default:
   * the date in the file name). csv: the first day of rows whose `valid_from` is empty.
   */
  validFrom?: CivilDate;
}

/** A request with its files read and parsed, ready to plan against the store. */
export type PreparedUnitImport =
  | { format: 'dvhcvn'; files: string[]; input: NationalTreeInput; validFrom: CivilDate | undefined }
  | { format: 'reform'; files: string[]; input: ReformInput }
  | { format: 'csv'; files: string[]; input: UnitCsvInput; validFrom: CivilDate | undefined };

/**
 * Reads and parses the request's files, before any database work. Throws `UnitError` for a file that cannot be read
 * or parsed, an unknown format, a reform whose other half is missing, or a reform date that cannot be known.
 */
export function prepareUnitImport(request: UnitImportRequest): PreparedUnitImport {
  const [file, ...rest] = request.files;
  if (file === undefined) throw usage('chưa cho tệp nào để nhập');
  const texts = new Map<string, string>();
  const text = (name: string) => texts.get(name) ?? texts.set(name, readUnitFile(name)).get(name)!;
  const jsons = new Map<string, unknown>();
  const json = (name: string) =>
    jsons.has(name) ? jsons.get(name) : jsons.set(name, parseUnitJson(name, text(name))).get(name);
  const format = request.format ?? detectUnitFileFormat(file, () => json(file));
  if (format !== UnitFileFormat.reform && rest.length > 0) {
    throw usage(`định dạng ${format} nhập một tệp mỗi lần; đã cho ${request.files.length} tệp`);
  }
  switch (format) {
    case UnitFileFormat.csv:
      return { format, files: [file], input: readUnitCsv(file, text(file)), validFrom: request.validFrom };
    case UnitFileFormat.dvhcvn:
      return { format, files: [file], input: readNationalTree(file, json(file)), validFrom: request.validFrom };
    case UnitFileFormat.reform: {
      const files = reformFiles(request.files, json);
      const effectiveOn = request.validFrom ?? reformDateFromName(files.merges);
      if (effectiveOn === undefined) {
        throw new UnitError([
          {
            code: UnitIssueCode.dateInvalid,
            message:
              'không biết ngày bản đồ sắp xếp có hiệu lực: tên tệp không có ngày (YYYY-MM-DD); hãy cho --valid-from',
            location: { file: files.merges },
          },
        ]);
      }
      const input = readReform(files, { merges: json(files.merges), splits: json(files.splits) }, effectiveOn);
      return { format, files: [files.merges, files.splits], input };
    }
  }
}

function reformFiles(files: string[], json: (name: string) => unknown): { merges: string; splits: string } {
  if (files.length > 2) throw usage('bản đồ sắp xếp gồm đúng hai tệp: -merges.json và -splits.json');
  const roleOf = (name: string) => {
    const role = reformFileRole(json(name));
    if (role) return role;
    throw new UnitError([
      {
        code: UnitIssueCode.formatUnknown,
        message: 'không phải một nửa của bản đồ sắp xếp (cần data[].merges hoặc data[].splits)',
        location: { file: name },
      },
    ]);
  };
  const first = files[0]!;
  const firstRole = roleOf(first);
  // One file given: the other half is beside it, named alike (…-merges.json ↔ …-splits.json).
  const second = files[1] ?? reformCompanionPath(first, firstRole);
  if (second === first) {
    const other = firstRole === 'merges' ? 'splits' : 'merges';
    throw usage(
      `tên tệp ${first} không chứa "${firstRole}" nên không tìm được tệp -${other}.json đi kèm; hãy cho cả hai tệp`,
    );
  }
  if (roleOf(second) === firstRole) {
    throw new UnitError([
      {
        code: UnitIssueCode.formatUnknown,
        message: `cần một tệp -merges.json và một tệp -splits.json; cả hai tệp đều là ${firstRole}`,
        location: { file: second },
      },
    ]);
  }
  return firstRole === 'merges' ? { merges: first, splits: second } : { merges: second, splits: first };
}

function usage(message: string): UnitError {
  return new UnitError([{ code: UnitIssueCode.formatUnknown, message }]);
}
