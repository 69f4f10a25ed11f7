import { UnitError, UnitIssueCode } from '../../domain/units/unit-issue';
import { looksLikeNationalTree } from './dvhcvn-file';
import { reformFileRole } from './reform-files';

/** The file formats `dondoc units import` reads. */
export const UnitFileFormat = {
  /** The national list (daohoangson/dvhcvn shape), e.g. ../shared/data/dvhcvn/units-2025-03-01.json. */
  dvhcvn: 'dvhcvn',
  /** A reform mapping: reform-YYYY-MM-DD-merges.json with -splits.json beside it. */
  reform: 'reform',
  /** An agency's own units and contacts (domain/units/unit-csv.ts). */
  csv: 'csv',
} as const;
export type UnitFileFormat = (typeof UnitFileFormat)[keyof typeof UnitFileFormat];

/**
 * The format of a file from its name (`.csv`) or, for JSON, its shape. Throws `UnitError` (UNIT_FORMAT_UNKNOWN)
 * when it is none of them, saying how to name the format.
 */
export function detectUnitFileFormat(file: string, json: () => unknown): UnitFileFormat {
  if (/\.csv$/i.test(file)) return UnitFileFormat.csv;
  const value = json();
  if (looksLikeNationalTree(value)) return UnitFileFormat.dvhcvn;
  if (reformFileRole(value)) return UnitFileFormat.reform;
  throw new UnitError([
    {
      code: UnitIssueCode.formatUnknown,
      message:
        'không nhận ra định dạng: không phải danh mục đơn vị hành chính (data[].level2s[].level3s), bản đồ sắp xếp (data[].merges hoặc data[].splits) hay tệp .csv; hãy ghi rõ --format dvhcvn|reform|csv',
      location: { file },
    },
  ]);
}
