import type { CivilDate } from '../civil-time';

/**
 * The national list of administrative units (Danh mục hành chính, Tổng cục Thống kê) as the importer reads it:
 * provinces, their districts, their communes; each with its official code, name and type as published
 * (`Tỉnh`, `Quận`, `Thành phố`, `Thị trấn`…) and its JSON path in the file, for error messages.
 */
export interface NationalTreeInput {
  file: string;
  /** The date the list describes (`data_date`), when the file says. */
  dataDate: CivilDate | undefined;
  provinces: NationalUnitInput[];
}

export interface NationalUnitInput {
  code: string;
  name: string;
  type: string;
  /** JSON path of the entry, e.g. `data[0].level2s[3]`. */
  path: string;
  children: NationalUnitInput[];
}
