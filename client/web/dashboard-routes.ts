import type { FastifyInstance, FastifyReply } from 'fastify';
import { getComplianceOutline, type ComplianceOutline } from '../../db/compliance.repository';
import { PlanNotFoundError, getPlanVersion } from '../../db/plan.repository';
import { formatVietnamInstant, vietnamCivilDate } from '../../domain/civil-time';
import { getUnitMilestoneHistory } from '../../db/compliance.repository';
import { loadComplianceReport } from '../exports/compliance-report';
import { complianceWorkbook } from '../exports/compliance-workbook';
import { summaryReport } from '../exports/summary-report';
import type { ApiContext } from '../http/api-options';
import { assertInScope } from '../http/auth/leader-scope';
import type { StaffPrincipal } from '../http/auth/principal';
import { dashboardRoot, dashboardSubtree, isOutOfScope, staffOrRedirect } from './dashboard-access';
import { loadDashboard, type DashboardFilters } from './dashboard-data';
import { dashboardPath } from './dashboard-links';
import { dashboardPage } from './dashboard-page';
import { html } from './html';
import { page, type PageUser } from './layout';
import { plansPage } from './plans-page';
import { unitHistoryPage } from './unit-history-page';
import { listVisiblePlans } from './visible-plans';

interface FilterQuery {
  level?: string;
  field?: string;
  kind?: string;
  under?: string;
  page?: string;
  overduePage?: string;
}

type Params = { plan: string; milestone: string };

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

function userOf(principal: StaffPrincipal): PageUser {
  return { username: principal.username, role: principal.role };
}

function sendPage(reply: FastifyReply, status: number, title: string, body: ReturnType<typeof html>, user?: PageUser) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(page({ title, body, user }));
}

function problemPage(reply: FastifyReply, status: number, title: string, message: string, user: PageUser) {
  return sendPage(
    reply,
    status,
    title,
    html`<h1>${title}</h1>
      <p class="notice error" role="alert">${message}</p>
      <p><a href="/theo-doi">← Các kế hoạch</a></p>`,
    user,
  );
}

/** The milestone a plan's page opens on: the one open today, else the latest opened, else the first. */
export function defaultMilestone(outline: ComplianceOutline, today: string): string | undefined {
  const opened = outline.milestones.filter((m) => m.opensOn <= today);
  return (
    opened.find((m) => today <= m.closesOn)?.id ??
    opened.sort((a, b) => a.opensOn.localeCompare(b.opensOn)).at(-1)?.id ??
    outline.milestones[0]?.id
  );
}

/** A page number from the query string: a whole number from 1, else the first page. */
function pageOf(value: string | undefined): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

function filtersOf(query: FilterQuery, outline: ComplianceOutline): DashboardFilters {
  const level = query.level === undefined || query.level === '' ? undefined : Number(query.level);
  return {
    level:
      level !== undefined && Number.isInteger(level) && level >= 0 && level < outline.levels.length ? level : undefined,
    field: query.field || undefined,
    kind: query.kind || undefined,
    under: query.under || undefined,
  };
}

/**
 * The leaders' dashboard (client/web/README.md): `/theo-doi` (the plans the person may follow), `/theo-doi/:plan`
 * (to its current milestone), `/theo-doi/:plan/:milestone` (the dashboard; filters `level`, `field`, `kind`,
 * `under` in the query string), `/theo-doi/:plan/:milestone/don-vi/:unit` (one unit's history) and the downloads
 * `/theo-doi/:plan/:milestone/tai-ve/tinh-hinh.xlsx|bao-cao.docx` (client/exports). Signed-in admins and leaders
 * only (others go to /dang-nhap?next=…); a leader sees their subtree, and personal data of nominees is admins' only.
 */
export function registerDashboardRoutes(app: FastifyInstance, api: ApiContext): void {
  /** The plan's outline, or a 404 page (undefined) when no plan has this số hiệu. */
  async function outlineOr404(code: string, reply: FastifyReply, user: PageUser) {
    try {
      return await getComplianceOutline(api.db, code);
    } catch (error) {
      if (!(error instanceof PlanNotFoundError)) throw error;
      await problemPage(reply, 404, 'Không có kế hoạch này', `Không có kế hoạch số "${code}".`, user);
      return undefined;
    }
  }

  /** The outline, milestone and subtree of a request, or undefined after answering it with a 404/403 page. */
  async function viewOf(
    principal: StaffPrincipal,
    params: Params,
    query: FilterQuery,
    reply: FastifyReply,
  ): Promise<{ outline: ComplianceOutline; filters: DashboardFilters; milestoneIndex: number } | undefined> {
    const user = userOf(principal);
    const outline = await outlineOr404(params.plan, reply, user);
    if (!outline) return undefined;
    const milestoneIndex = outline.milestones.findIndex((m) => m.id === params.milestone);
    if (milestoneIndex < 0) {
      await problemPage(
        reply,
        404,
        'Không có mốc này',
        `Kế hoạch ${outline.code} không có mốc "${params.milestone}".`,
        user,
      );
      return undefined;
    }
    const filters = filtersOf(query, outline);
    try {
      filters.under = await dashboardSubtree(api.db, principal, outline, filters.under, vietnamCivilDate(api.now()));
    } catch (error) {
      if (!isOutOfScope(error)) throw error;
      await problemPage(
        reply,
        403,
        'Ngoài phạm vi theo dõi',
        `${error.message.charAt(0).toLocaleUpperCase('vi')}${error.message.slice(1)}.`,
        user,
      );
      return undefined;
    }
    return { outline, filters, milestoneIndex };
  }

  app.get('/theo-doi', async (request, reply) => {
    const principal = staffOrRedirect(request, reply);
    if (!principal) return reply;
    const plans = await listVisiblePlans(api.db, principal, vietnamCivilDate(api.now()));
    return sendPage(reply, 200, 'Theo dõi báo cáo', plansPage(plans, principal), userOf(principal));
  });

  app.get<{ Params: { plan: string } }>('/theo-doi/:plan', async (request, reply) => {
    const principal = staffOrRedirect(request, reply);
    if (!principal) return reply;
    const outline = await outlineOr404(request.params.plan, reply, userOf(principal));
    if (!outline) return reply;
    const milestone = defaultMilestone(outline, vietnamCivilDate(api.now()));
    if (!milestone) {
      return problemPage(
        reply,
        404,
        'Kế hoạch chưa có mốc',
        `Kế hoạch ${outline.code} chưa có mốc nào để theo dõi.`,
        userOf(principal),
      );
    }
    return reply.redirect(dashboardPath(outline.code, milestone), 302);
  });

  app.get<{ Params: Params; Querystring: FilterQuery }>('/theo-doi/:plan/:milestone', async (request, reply) => {
    const principal = staffOrRedirect(request, reply);
    if (!principal) return reply;
    const view = await viewOf(principal, request.params, request.query, reply);
    if (!view) return reply;
    const { outline, filters, milestoneIndex } = view;
    const now = formatVietnamInstant(api.now());
    const pages = { units: pageOf(request.query.page), overdue: pageOf(request.query.overduePage) };
    const root = dashboardRoot(principal, outline);
    const [data, version] = await Promise.all([
      loadDashboard(api.db, outline, outline.milestones[milestoneIndex]!, filters, { pages, root }, now),
      getPlanVersion(api.db, outline.code),
    ]);
    const fields = [
      ...new Set(
        version.resolved.milestones.flatMap((m) =>
          m.reports.flatMap((r) => (r.nominations?.fields ?? []).map((f) => f.name)),
        ),
      ),
    ];
    const kinds = [...new Set(outline.milestones.map((m) => m.kind))];
    const underName = filters.under
      ? (data.path.find((u) => u.unitCode === filters.under)?.unitName ?? filters.under)
      : undefined;
    const scopeName = underName ? `${underName} và các đơn vị báo cáo qua đơn vị này` : 'toàn kế hoạch';
    return sendPage(
      reply,
      200,
      `${outline.code} — ${data.milestone.title}`,
      dashboardPage(data, { fields, kinds }, scopeName),
      userOf(principal),
    );
  });

  app.get<{ Params: Params & { unit: string } }>('/theo-doi/:plan/:milestone/don-vi/:unit', async (request, reply) => {
    const principal = staffOrRedirect(request, reply);
    if (!principal) return reply;
    const user = userOf(principal);
    const view = await viewOf(principal, request.params, {}, reply);
    if (!view) return reply;
    const { outline, milestoneIndex } = view;
    const milestone = outline.milestones[milestoneIndex]!;
    const unitCode = request.params.unit;
    try {
      await assertInScope(api.db, principal, { unitCode, date: milestone.opensOn, planOwner: outline.owner.unit });
    } catch (error) {
      if (!isOutOfScope(error)) throw error;
      return problemPage(
        reply,
        403,
        'Ngoài phạm vi theo dõi',
        `${error.message.charAt(0).toLocaleUpperCase('vi')}${error.message.slice(1)}.`,
        user,
      );
    }
    const history = await getUnitMilestoneHistory(
      api.db,
      { planCode: outline.code, milestoneId: milestone.id, unitCode },
      formatVietnamInstant(api.now()),
      { personalData: principal.role === 'admin' },
    );
    if (!history) {
      return problemPage(
        reply,
        404,
        'Không có báo cáo',
        `Đơn vị ${unitCode} không có báo cáo nào trong mốc này.`,
        user,
      );
    }
    const { resolved } = await getPlanVersion(api.db, outline.code);
    const fieldLabels = Object.fromEntries(
      (resolved.milestones.find((m) => m.id === milestone.id)?.reports ?? []).flatMap((r) =>
        r.fields.map((f) => [f.id, f.label]),
      ),
    );
    return sendPage(reply, 200, history.unitName, unitHistoryPage(history, outline, fieldLabels), user);
  });

  app.get<{ Params: Params & { file: string }; Querystring: FilterQuery }>(
    '/theo-doi/:plan/:milestone/tai-ve/:file',
    async (request, reply) => {
      const principal = staffOrRedirect(request, reply);
      if (!principal) return reply;
      const format = ({ 'tinh-hinh.xlsx': 'xlsx', 'bao-cao.docx': 'docx' } as const)[
        request.params.file as 'tinh-hinh.xlsx'
      ];
      if (!format)
        return problemPage(
          reply,
          404,
          'Không có tệp này',
          'Chỉ tải được tinh-hinh.xlsx hoặc bao-cao.docx.',
          userOf(principal),
        );
      const view = await viewOf(principal, request.params, request.query, reply);
      if (!view) return reply;
      const { outline, filters, milestoneIndex } = view;
      const report = await loadComplianceReport(
        api.db,
        {
          planCode: outline.code,
          milestoneId: outline.milestones[milestoneIndex]!.id,
          level: filters.level,
          under: filters.under,
        },
        formatVietnamInstant(api.now()),
      );
      const body = format === 'xlsx' ? await complianceWorkbook(report) : await summaryReport(report);
      const name = `${request.params.file.replace(/\.\w+$/, '')}-${outline.code}-${request.params.milestone}`
        .normalize('NFD')
        .replace(/[^\w-]+/g, '-');
      return reply
        .type(CONTENT_TYPES[format])
        .header('Content-Disposition', `attachment; filename="${name}.${format}"`)
        .header('Cache-Control', 'no-store')
        .send(body);
    },
  );
}
