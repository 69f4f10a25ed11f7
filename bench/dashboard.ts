// The compliance views for the national tree: one milestone's read model over 63 provinces, 696 districts and
// 10,047 communes (the list of 01/03/2025 read in place), written through upsertObligation as the workflows write
// it; then p50/p95 of each db/compliance.repository.ts view and of the leaders' pages rendered through the HTTP
// server (fastify inject, signed in as an admin): the national page (the provinces' rows, each with its branch's
// figures; overdue list paged), one province opened, and deep pages of every commune — against the raw SQL
// aggregate on the same table in the same run. The views that list every unit are the API's and the downloads'.
// Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
//   node --import tsx bench/dashboard.ts                  # all 63 provinces, 20 samples per view
//   node --import tsx bench/dashboard.ts --provinces 5 --samples 10
//   node --import tsx bench/dashboard.ts --explain        # also EXPLAIN ANALYZE each query of the pages (stderr)
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildHttpServer } from '../client/http/build-server';
import { hashPassword } from '../client/http/auth/password-hash';
import { saveAccount } from '../db/account.repository';
import {
  getComplianceOutline,
  getUnitMilestoneHistory,
  listComplianceLevel,
  listComplianceMatrix,
  listOverdueObligations,
  summarizeCompliance,
  summarizeMilestones,
} from '../db/compliance.repository';
import { getPlanVersion } from '../db/plan.repository';
import type { Database } from '../db/schema';
import { loadDashboard } from '../client/web/dashboard-data';
import { formatVietnamInstant, parseInstant } from '../domain/civil-time';
import { createLogger } from '../runtime/logger';
import { registerTempDir, removeTempDir } from './lib/cleanup';
import {
  benchPlanText,
  importNationalUnits,
  loadBenchPlan,
  NATIONAL_OWNER,
  readNationalUnits,
  vietnamToday,
} from './lib/national-plan';
import { seedNationalObligations } from './lib/national-read-model';
import { freshDatabase, startPrivatePostgres } from './lib/scale-servers';
import { percentile, round } from './lib/stats';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const PASSWORD = 'mat-khau-bench-12345';

function parseOptions() {
  const { values } = parseArgs({
    options: { provinces: { type: 'string' }, samples: { type: 'string' }, explain: { type: 'boolean' } },
  });
  return {
    provinces: Number(values.provinces ?? 63),
    samples: Number(values.samples ?? 20),
    explain: values.explain ?? false,
  };
}

/** Runs `work` on a connection that records its queries, then prints each one's EXPLAIN ANALYZE to stderr. */
async function explain(url: string, what: string, work: (db: Kysely<Database>) => Promise<unknown>) {
  const queries: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  try {
    await work(db);
    for (const query of queries.splice(0)) {
      const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers off) ${query.sql}`, [...query.parameters]),
      );
      log(
        `${what}: ${query.sql.replace(/\s+/g, ' ').slice(0, 160)}…\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`,
      );
    }
  } finally {
    await db.destroy();
  }
}

/** Runs `work` twice untimed (plans and caches warm), then `samples` times; p50 and p95 in ms. */
async function time(samples: number, work: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  return { p50Ms: round(percentile(ms, 50), 1), p95Ms: round(percentile(ms, 95), 1) };
}

async function main() {
  const options = parseOptions();
  const loadAverageAtStart = round(os.loadavg()[0]!);
  const provinces = readNationalUnits().slice(0, options.provinces);
  const postgres = startPrivatePostgres();
  const databaseName = `dondoc_bench_dashboard_${process.pid}`;
  const database = await freshDatabase(postgres.url, databaseName);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-dashboard-'));
  registerTempDir(dataDir);
  const db = database.db;
  // No Temporal in this benchmark: the pages read the database only; a lazy client that is never called.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', interceptors: [] }) });
  const app = buildHttpServer({
    temporal,
    db,
    log: createLogger('bench', 'silent'),
    outboxDir: path.join(dataDir, 'outbox'),
    zaloWebhook: null,
    api: {
      taskQueue: 'bench',
      linkSecret: () => 'bench-link-secret-0123456789abcdef0123456789',
      linkDaysAfterClose: 30,
      trustedProxySecret: () => undefined,
      sessionHours: 12,
      attachmentMaxBytes: 1024 * 1024,
      dataDir,
      rehearse: undefined,
      sendNotification: () => Promise.reject(new Error('no sender in this benchmark')),
    },
  });
  try {
    const owner = { unit: NATIONAL_OWNER, name: 'Bộ Nội vụ' };
    await importNationalUnits(db, { provinces, owner });
    const planCode = `KH-BENCH-DASH-${process.pid}`;
    const scope = `[${provinces.map((p) => `{ unit: '${p.level1_id}' }`).join(', ')}]`;
    await loadBenchPlan(
      db,
      benchPlanText({
        code: planCode,
        owner,
        scope,
        levels: ['cấp tỉnh', 'cấp huyện', 'cấp xã'],
        today: vietnamToday(),
      }),
    );
    const milestone = (await getPlanVersion(db, planCode)).resolved.milestones[0]!;
    const dueAt = milestone.reports[0]!.levels[0]!.dueAt;
    const seeding = performance.now();
    const obligations = await seedNationalObligations(db, {
      planCode,
      milestoneId: milestone.id,
      owner: owner.unit,
      provinces,
      dueAt,
    });
    await sql`analyze`.execute(db);
    log(`${obligations} obligations written through upsertObligation in ${Math.round(performance.now() - seeding)} ms`);
    // Five days after the top level's deadline: every level's deadline has passed.
    const now = formatVietnamInstant(parseInstant(dueAt) + 5 * 86_400_000);
    const scopeAll = { planCode, milestoneId: milestone.id };
    const province = provinces[0]!;
    const commune = province.level2s[0]!.level3s[0]!.level3_id;

    await saveAccount(
      db,
      { username: 'admin-bench', passwordHash: await hashPassword(PASSWORD), role: 'admin', unitCode: null },
      'bench',
    );
    const login = await app.inject({
      method: 'POST',
      url: '/dang-nhap',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'admin-bench', password: PASSWORD, next: '/theo-doi' }).toString(),
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const pagePath = `/theo-doi/${encodeURIComponent(planCode)}/${milestone.id}`;
    const page = async (url: string) => {
      const response = await app.inject({ url, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
      return Buffer.byteLength(response.body); // UTF-8 bytes sent (diacritics are 2–3 each)
    };
    const pageBytes = await page(pagePath);
    const provincePageBytes = await page(`${pagePath}?under=${province.level1_id}`);
    // Every commune of the country (level 2), deep pages of it and of the overdue list: what offsets cost.
    const deepPath = `${pagePath}?level=2&page=50&overduePage=50`;
    const deepPageBytes = await page(deepPath);
    if (options.explain) {
      const url = new URL(postgres.url);
      url.pathname = `/${databaseName}`;
      const outline = await getComplianceOutline(db, planCode);
      const pages = { units: 1, overdue: 1 };
      await explain(url.toString(), 'national page', (logged) =>
        loadDashboard(logged, outline, outline.milestones[0]!, {}, { pages, root: undefined }, now),
      );
      await explain(url.toString(), 'one province', (logged) =>
        loadDashboard(
          logged,
          outline,
          outline.milestones[0]!,
          { under: province.level1_id },
          { pages, root: undefined },
          now,
        ),
      );
      await explain(url.toString(), 'unit history', (logged) =>
        getUnitMilestoneHistory(logged, { planCode, milestoneId: milestone.id, unitCode: commune }, now),
      );
    }

    const n = options.samples;
    const baseline = await time(n, () =>
      sql`select level, status, count(*) from obligations where plan_code = ${planCode} group by level, status`.execute(
        db,
      ),
    );
    log(`baseline ${baseline.p50Ms} ms`);
    const views = {
      summaryPerLevel: await time(n, () => summarizeCompliance(db, scopeAll, now)),
      summaryOfOneProvince: await time(n, () =>
        summarizeCompliance(db, { ...scopeAll, under: province.level1_id }, now),
      ),
      topLevelWithBranches: await time(n, () => listComplianceLevel(db, scopeAll, { offset: 0, limit: 100 }, now)),
      trendPerMilestone: await time(n, () => summarizeMilestones(db, { planCode }, now)),
      overdueFirstPage: await time(n, () => listOverdueObligations(db, scopeAll, now, { offset: 0, limit: 50 })),
      matrixEveryUnit: await time(n, () => listComplianceMatrix(db, { planCode }, now)),
      overdueListEveryUnit: await time(n, () => listOverdueObligations(db, scopeAll, now)),
      unitHistory: await time(n, () =>
        getUnitMilestoneHistory(db, { planCode, milestoneId: milestone.id, unitCode: commune }, now),
      ),
      httpDashboardPage: await time(n, () => page(pagePath)),
      httpDashboardPageOneProvince: await time(n, () => page(`${pagePath}?under=${province.level1_id}`)),
      httpDashboardPageDeepPages: await time(n, () => page(deepPath)),
      httpUnitHistoryPage: await time(n, () => page(`${pagePath}/don-vi/${commune}`)),
    };
    log('views timed');
    process.stdout.write(
      JSON.stringify(
        {
          bench: 'dashboard',
          obligations,
          provinces: provinces.length,
          milestones: 1,
          database: 'PostgreSQL 15, private (scripts/test-postgres.sh, fsync off)',
          samples: n,
          cpus: os.cpus().length,
          loadAverageAtStart,
          loadAverageAtEnd: round(os.loadavg()[0]!),
          dashboardPageBytes: pageBytes,
          provincePageBytes,
          deepPageBytes,
          baseline: { what: 'select level, status, count(*) … group by level, status', ...baseline },
          views,
          p50RatioVsBaseline: Object.fromEntries(
            Object.entries(views).map(([name, figures]) => [name, round(figures.p50Ms / baseline.p50Ms, 1)]),
          ),
          p95RatioVsBaseline: Object.fromEntries(
            Object.entries(views).map(([name, figures]) => [name, round(figures.p95Ms / baseline.p95Ms, 1)]),
          ),
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await app.close();
    await temporal.connection.close();
    await database.close();
    postgres.stop();
    removeTempDir(dataDir);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
