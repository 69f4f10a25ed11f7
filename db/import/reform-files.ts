import path from 'node:path';
import { z } from 'zod';
import type { ReformInput } from '../../domain/units/reform-mapping';
import { UnitError } from '../../domain/units/unit-issue';
import { shapeIssues } from './zod-issues';

const merge = z.object({ old_id: z.string(), name: z.string().optional(), type: z.enum(['full', 'partial']) });
const newCommune = z.object({ level2_id: z.string(), name: z.string(), merges: z.array(merge).min(1) });
const newProvince = z.object({
  level1_id: z.string(),
  name: z.string(),
  merges: z.array(merge).min(1),
  level2s: z.array(newCommune),
});

/**
 * New → old, as compiled by dvhcvn/20250701 (`reform-2025-07-01-merges.json`): `data[]` of new provinces, each with
 * `merges[]` (`old_id`, `name`, `type` full|partial) and `level2s[]` — the new communes, named level 2 since there
 * is no district level any more — each with its own `merges[]` of old communes (or of an island district).
 */
export const reformMergesFile = z.object({ data: z.array(newProvince).min(1) });

const split = z.object({ new_id: z.string(), name: z.string().optional() });
const oldCommune = z.object({ level3_id: z.string(), name: z.string().optional(), splits: z.array(split).min(1) });
const oldDistrict = z.object({ level2_id: z.string(), name: z.string().optional(), splits: z.array(split).min(1) });
const oldProvince = z.object({
  level1_id: z.string(),
  name: z.string().optional(),
  splits: z.array(split).min(1),
  level3s: z.array(oldCommune),
  level2s: z.array(oldDistrict).optional(),
});

/** Old → new (`reform-2025-07-01-splits.json`): old provinces, their communes (`level3s`) and the island districts
 * that became special zones (`level2s`), each with the new unit(s) it went into. */
export const reformSplitsFile = z.object({ data: z.array(oldProvince).min(1) });

export type ReformFileRole = 'merges' | 'splits';

/** Which half of a reform mapping the JSON is, if either. */
export function reformFileRole(json: unknown): ReformFileRole | undefined {
  const first = (json as { data?: Array<Record<string, unknown>> } | null)?.data?.[0];
  if (Array.isArray(first?.merges)) return 'merges';
  if (Array.isArray(first?.splits)) return 'splits';
  return undefined;
}

/** `…/reform-2025-07-01-splits.json` beside `…/reform-2025-07-01-merges.json`, and the other way round. */
export function reformCompanionPath(file: string, role: ReformFileRole): string {
  const [from, to] = role === 'merges' ? ['merges', 'splits'] : ['splits', 'merges'];
  return path.join(path.dirname(file), path.basename(file).replace(from, to));
}

/** The first `YYYY-MM-DD` in the file name: the day the reform takes effect, by the files' naming. */
export function reformDateFromName(file: string): string | undefined {
  return /(\d{4}-\d{2}-\d{2})/.exec(path.basename(file))?.[1];
}

/** Both halves as the domain reads them. Throws `UnitError` (UNIT_JSON_INVALID) at every entry of the wrong shape. */
export function readReform(
  files: { merges: string; splits: string },
  json: { merges: unknown; splits: unknown },
  effectiveOn: string,
): ReformInput {
  const merges = reformMergesFile.safeParse(json.merges);
  const splits = reformSplitsFile.safeParse(json.splits);
  const issues = [
    ...(merges.success ? [] : shapeIssues(files.merges, json.merges, merges.error)),
    ...(splits.success ? [] : shapeIssues(files.splits, json.splits, splits.error)),
  ];
  if (!merges.success || !splits.success) throw new UnitError(issues);
  const mergesOf = (list: z.infer<typeof merge>[], at: string) =>
    list.map((m, k) => ({ oldCode: m.old_id, kind: m.type, path: `${at}.merges[${k}]` }));
  const splitsOf = (list: z.infer<typeof split>[], at: string) =>
    list.map((s, k) => ({ code: s.new_id, path: `${at}.splits[${k}]` }));
  return {
    mergesFile: files.merges,
    splitsFile: files.splits,
    effectiveOn,
    newUnits: merges.data.data.map((p, i) => ({
      code: p.level1_id,
      name: p.name,
      path: `data[${i}]`,
      merges: mergesOf(p.merges, `data[${i}]`),
      children: p.level2s.map((c, j) => ({
        code: c.level2_id,
        name: c.name,
        path: `data[${i}].level2s[${j}]`,
        merges: mergesOf(c.merges, `data[${i}].level2s[${j}]`),
        children: [],
      })),
    })),
    splits: splits.data.data.flatMap((p, i) => [
      { oldCode: p.level1_id, path: `data[${i}]`, newCodes: splitsOf(p.splits, `data[${i}]`) },
      ...p.level3s.map((c, j) => ({
        oldCode: c.level3_id,
        path: `data[${i}].level3s[${j}]`,
        newCodes: splitsOf(c.splits, `data[${i}].level3s[${j}]`),
      })),
      ...(p.level2s ?? []).map((d, j) => ({
        oldCode: d.level2_id,
        path: `data[${i}].level2s[${j}]`,
        newCodes: splitsOf(d.splits, `data[${i}].level2s[${j}]`),
      })),
    ]),
  };
}
