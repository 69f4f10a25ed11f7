import { z } from 'zod';
import type { NationalTreeInput } from '../../domain/units/national-tree';
import { UnitError, UnitIssueCode } from '../../domain/units/unit-issue';
import { parseUserDate } from '../../domain/units/user-date';
import { shapeIssues } from './zod-issues';

const commune = z.object({ level3_id: z.string(), name: z.string(), type: z.string() });
const district = z.object({ level2_id: z.string(), name: z.string(), type: z.string(), level3s: z.array(commune) });
const province = z.object({ level1_id: z.string(), name: z.string(), type: z.string(), level2s: z.array(district) });

/**
 * The national list in the General Statistics Office's shape, as compiled by daohoangson/dvhcvn
 * (`../shared/data/dvhcvn/units-2025-03-01.json`): `data[]` of provinces (`level1_id`, `name`, `type`,
 * `level2s[]` of districts with `level3s[]` of communes) and `data_date` (`01/03/2025`).
 */
export const nationalTreeFile = z.object({ data: z.array(province).min(1), data_date: z.string().optional() });

/** True when the JSON has the list's shape at its first entries (for format detection). */
export function looksLikeNationalTree(json: unknown): boolean {
  const first = (json as { data?: Array<{ level2s?: Array<{ level3s?: unknown }> }> } | null)?.data?.[0];
  return Array.isArray(first?.level2s) && Array.isArray(first.level2s[0]?.level3s);
}

/** The list as the domain reads it. Throws `UnitError` (UNIT_JSON_INVALID) at every entry of the wrong shape. */
export function readNationalTree(file: string, json: unknown): NationalTreeInput {
  const parsed = nationalTreeFile.safeParse(json);
  if (!parsed.success) throw new UnitError(shapeIssues(file, json, parsed.error));
  const { data, data_date } = parsed.data;
  let dataDate: string | undefined;
  if (data_date !== undefined) {
    const read = parseUserDate(data_date);
    if ('error' in read) {
      throw new UnitError([
        { code: UnitIssueCode.jsonInvalid, message: read.error, location: { file, path: 'data_date' } },
      ]);
    }
    dataDate = read.date;
  }
  return {
    file,
    dataDate,
    provinces: data.map((p, i) => ({
      code: p.level1_id,
      name: p.name,
      type: p.type,
      path: `data[${i}]`,
      children: p.level2s.map((d, j) => ({
        code: d.level2_id,
        name: d.name,
        type: d.type,
        path: `data[${i}].level2s[${j}]`,
        children: d.level3s.map((c, k) => ({
          code: c.level3_id,
          name: c.name,
          type: c.type,
          path: `data[${i}].level2s[${j}].level3s[${k}]`,
          children: [],
        })),
      })),
    })),
  };
}
