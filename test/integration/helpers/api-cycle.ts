import type { Kysely } from 'kysely';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importUnits } from '../../../db/import/import-units';
import type { Database } from '../../../db/schema';
import type { buildHttpServer } from '../../../client/http/build-server';

type App = ReturnType<typeof buildHttpServer>;

/** This year in Vietnam (UTC+7), for plans whose one milestone is open now and due on 31/12. */
export const THIS_YEAR = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));

/** Codes of `count` sở: `${prefix}01`, `${prefix}02`, … */
export function unitCodes(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
}

/**
 * A units CSV: the plan owner `owner` and one sở per code, each with a reporter and a head on loopback-invalid
 * addresses (`@<code>.example.invalid`), valid from 2020.
 */
export function unitsCsv(owner: string, codes: string[]): string {
  const header = 'code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email\n';
  const ownerRow = `${owner},Sở Nội vụ ${owner},so,,2020-01-01,,,Giám đốc ${owner},gd@${owner.toLowerCase()}.example.invalid\n`;
  const rows = codes.map((code) => {
    const domain = `${code.toLowerCase()}.example.invalid`;
    return `${code},Sở thử ${code},so,,2020-01-01,Cán bộ ${code},cb@${domain},Giám đốc ${code},gd@${domain}\n`;
  });
  return header + ownerRow + rows.join('');
}

/** Imports a units CSV through the importer the CLI uses (all or nothing). */
export async function importUnitsCsv(db: Kysely<Database>, csv: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-fault-units-'));
  try {
    writeFileSync(path.join(dir, 'don-vi.csv'), csv);
    await importUnits(db, { files: [path.join(dir, 'don-vi.csv')], format: 'csv' }, { today: `${THIS_YEAR}-01-01` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A plan owned by `owner` asking each unit for one report in this year's milestone ("năm <year>", open now, due at
 * the end of 31/12), so the submission window is open while the test runs.
 */
export function yearPlanYaml(code: string, owner: string, codes: string[]): string {
  return `format: 1
code: ${code}
title: Kế hoạch thử chịu lỗi
issuer: UBND tỉnh
period: ${THIS_YEAR}-${THIS_YEAR}
owner: { unit: ${owner}, name: Sở Nội vụ }
scope: { units: [${codes.map((unit) => `{ unit: ${unit} }`).join(', ')}], levels: [cấp sở] }
milestones:
  - id: tong-ket
    kind: tổng kết
    title: Tổng kết năm
    when: năm ${THIS_YEAR}
    reports:
      - id: bao-cao
        title: Báo cáo tổng kết
`;
}

/** The obligation id of a unit in a plan made by yearPlanYaml. */
export function yearObligationId(planCode: string, unit: string): string {
  return `plan/${planCode}/tong-ket/${unit}#bao-cao`;
}

/** Polls `probe` every 100 ms until it gives a value, or fails naming `what`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Through the API as `auth` (an admin): loads the plan, starts its cycle, waits for every unit's obligation in the
 * read model, and issues each unit's link. Returns the link token per unit code.
 */
export async function startCycleWithLinks(
  app: App,
  db: Kysely<Database>,
  auth: Record<string, string>,
  plan: { code: string; yaml: string; units: string[] },
): Promise<Map<string, string>> {
  const enc = encodeURIComponent;
  const loaded = await app.inject({
    method: 'POST',
    url: '/api/plans?file=thu.yaml',
    headers: { ...auth, 'content-type': 'application/yaml' },
    payload: plan.yaml,
  });
  if (loaded.statusCode !== 201) throw new Error(`plan load: ${loaded.statusCode} ${loaded.body}`);
  const started = await app.inject({ method: 'POST', url: `/api/plans/${enc(plan.code)}/start`, headers: auth });
  if (started.statusCode >= 300) throw new Error(`plan start: ${started.statusCode} ${started.body}`);
  await waitFor(
    async () => {
      const rows = await db.selectFrom('obligations').select('id').where('plan_code', '=', plan.code).execute();
      return rows.length === plan.units.length ? true : undefined;
    },
    `the ${plan.units.length} obligations of ${plan.code}`,
    45_000,
  );
  const tokens = new Map<string, string>();
  for (const unit of plan.units) {
    const issued = await app.inject({
      method: 'POST',
      url: `/api/obligations/${enc(yearObligationId(plan.code, unit))}/links`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: {},
    });
    if (issued.statusCode !== 201) throw new Error(`link of ${unit}: ${issued.statusCode} ${issued.body}`);
    tokens.set(unit, issued.json<{ token: string }>().token);
  }
  return tokens;
}
