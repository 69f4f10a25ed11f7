import type { Kysely } from 'kysely';
import type { buildHttpServer } from '../../../client/http/build-server';
import type { Database } from '../../../db/schema';
import { obligationId } from '../../client/http/helpers/api-seed';

type App = ReturnType<typeof buildHttpServer>;

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
      url: `/api/obligations/${enc(obligationId(plan.code, unit))}/links`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: {},
    });
    if (issued.statusCode !== 201) throw new Error(`link of ${unit}: ${issued.statusCode} ${issued.body}`);
    tokens.set(unit, issued.json<{ token: string }>().token);
  }
  return tokens;
}
