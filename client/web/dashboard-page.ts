import type { ComplianceRow } from '../../db/compliance.repository';
import { formatCivilDate } from '../../domain/civil-time';
import { formatPercent, levelLabel, type ComplianceFigures } from '../../domain/obligation/compliance-figures';
import { formatVietnameseDateTime } from '../../domain/notify/vietnamese-date';
import { OVERDUE_PER_PAGE, UNITS_PER_PAGE, type DashboardData } from './dashboard-data';
import { dashboardPath, filterQuery, unitHistoryPath } from './dashboard-links';
import { html, raw, type SafeHtml } from './html';
import { milestoneLabel } from './milestone-label';
import { statusBadge, statusLegend } from './status-view';
import { trendChart } from './trend-chart';

/** The choices of the filter form that come from the plan: lĩnh vực of its nominations, kinds of its milestones. */
export interface FilterChoices {
  fields: string[];
  kinds: string[];
}

const FIGURES: ReadonlyArray<{
  key: keyof ComplianceFigures['percent'] & keyof ComplianceFigures;
  label: string;
  css: string;
}> = [
  { key: 'onTime', label: 'Đúng hạn', css: 'st-on-time' },
  { key: 'late', label: 'Trễ hạn', css: 'st-late' },
  { key: 'missing', label: 'Chưa nộp', css: 'st-missing' },
  { key: 'overdue', label: 'Quá hạn', css: 'st-overdue' },
  { key: 'open', label: 'Trong hạn', css: 'st-open' },
  { key: 'exempt', label: 'Được miễn', css: 'st-exempt' },
  { key: 'extended', label: 'Gia hạn', css: 'st-open' },
];

function summarySection(data: DashboardData): SafeHtml {
  const { overall, levels } = data.summary;
  return html`<section aria-labelledby="so-lieu">
    <h2 id="so-lieu">Số liệu mốc này</h2>
    <p>
      ${overall.expected} báo cáo phải nộp, đã nộp ${overall.submitted} (${formatPercent(overall.percent.submitted)}).
    </p>
    <div class="summary-grid">
      ${FIGURES.map(
        (f) =>
          html`<div class="stat ${f.css}" data-count="${f.key}">
            <span class="value">${overall[f.key]}</span>${f.label} · ${formatPercent(overall.percent[f.key])}
          </div>`,
      )}
    </div>
    <div class="table-wrap" style="margin-top:12px">
      <table>
        <caption>
          Theo cấp báo cáo
        </caption>
        <thead>
          <tr>
            <th scope="col">Cấp</th>
            <th class="num" scope="col">Tổng</th>
            ${FIGURES.map((f) => html`<th class="num" scope="col">${f.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${levels.map(
            (level) =>
              html`<tr>
                <th scope="row">${levelLabel(data.outline.levels, level.level)}</th>
                <td class="num">${level.total}</td>
                ${FIGURES.map(
                  (f) => html`<td class="num">${level[f.key]} (${formatPercent(level.percent[f.key])})</td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** "Hiển thị 1–100 trong 121 đơn vị" with the previous and next pages' links (to the section's anchor). */
function pager(
  what: { label: string; noun: string; anchor: string },
  page: number,
  perPage: number,
  total: number,
  href: (page: number) => string,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (total <= perPage && page === 1) return html``;
  const first = Math.min(total, (page - 1) * perPage + 1);
  const last = Math.min(total, page * perPage);
  return html`<nav class="pager" aria-label="${what.label}">
    <span>Hiển thị ${first}–${last} trong ${total} ${what.noun} · trang ${page}/${pages}</span>
    ${page > 1 && html`<a rel="prev" href="${href(Math.min(page - 1, pages))}#${what.anchor}">← Trang trước</a>`}
    ${page < pages && html`<a rel="next" href="${href(page + 1)}#${what.anchor}">Xem thêm →</a>`}
  </nav>`;
}

function unitsPager(data: DashboardData): SafeHtml {
  const base = dashboardPath(data.outline.code, data.milestone.id);
  return pager(
    { label: 'Trang của danh sách đơn vị', noun: 'đơn vị', anchor: 'cay-don-vi' },
    data.pages.units,
    UNITS_PER_PAGE,
    data.level.total,
    (page) => `${base}${filterQuery(data.filters, { units: page, overdue: data.pages.overdue })}`,
  );
}

/** Where the view stands in the tree: the whole plan (when the viewer may see it), then each unit down to `under`. */
function breadcrumb(data: DashboardData): SafeHtml {
  if (!data.filters.under) return html``;
  const base = dashboardPath(data.outline.code, data.milestone.id);
  const at = (under: string | undefined) => `${base}${filterQuery({ ...data.filters, under })}#cay-don-vi`;
  const path = data.path.length > 0 ? data.path : [{ unitCode: data.filters.under, unitName: data.filters.under }];
  return html`<nav class="breadcrumb" aria-label="Vị trí trong cây đơn vị">
    ${data.wholePlan && html`<a href="${at(undefined)}">Toàn kế hoạch</a> › `}
    ${path.map((unit, index) =>
      index === path.length - 1
        ? html`<span aria-current="location">${unit.unitName}</span>`
        : html`<a href="${at(unit.unitCode)}">${unit.unitName}</a> › `,
    )}
  </nav>`;
}

/**
 * The level of the tree the view opens on — the top level, or `under` and the units reporting to it — one page of
 * it: each unit's status in this milestone, the exact figures of its subtree, and a link opening it (`?under=`).
 */
function unitsSection(data: DashboardData): SafeHtml {
  const { outline, milestone, filters } = data;
  const base = dashboardPath(outline.code, milestone.id);
  const cells = new Map(data.matrix.units.map((unit) => [unit.unitCode, unit.cells[milestone.id]]));
  return html`<section aria-labelledby="cay-don-vi">
    <h2 id="cay-don-vi">Cây đơn vị</h2>
    ${breadcrumb(data)}
    ${data.level.units.length === 0
      ? html`<p class="muted">
            ${data.level.total === 0 ? 'Không có đơn vị nào trong phạm vi này.' : 'Trang này không có đơn vị nào.'}
          </p>
          ${unitsPager(data)}`
      : html`<div class="table-wrap">
            <table class="level">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Mốc này</th>
                  <th class="num" scope="col">Cả nhánh: đã nộp/phải nộp</th>
                  <th class="num" scope="col">Quá hạn, chưa nộp</th>
                  <th scope="col">Trực thuộc</th>
                </tr>
              </thead>
              <tbody>
                ${data.level.units.map((unit) => {
                  const cell = cells.get(unit.unitCode);
                  const sub = unit.subtree;
                  return html`<tr data-level-unit="${unit.unitCode}">
                    <th scope="row">
                      <a href="${unitHistoryPath(outline.code, milestone.id, unit.unitCode)}">${unit.unitName}</a>
                    </th>
                    <td>${cell ? statusBadge(cell.status, cell.extended) : html`<span class="muted">·</span>`}</td>
                    <td class="num" data-subtree="submitted">
                      ${sub ? `${sub.submitted}/${sub.expected} (${formatPercent(sub.percent.submitted)})` : '—'}
                    </td>
                    <td class="num" data-subtree="overdue">${sub ? sub.overdue + sub.missing : '—'}</td>
                    <td>
                      ${unit.unitCode === filters.under
                        ? html`<span class="muted">đơn vị đang xem</span>`
                        : unit.children > 0 &&
                          html`<a
                            data-expand="${unit.unitCode}"
                            href="${base}${filterQuery({ ...filters, under: unit.unitCode })}#cay-don-vi"
                            >Mở ${unit.children} đơn vị</a
                          >`}
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>
          ${unitsPager(data)}`}
  </section>`;
}

function matrixSection(data: DashboardData): SafeHtml {
  const { matrix, outline } = data;
  const milestones = new Map(outline.milestones.map((m) => [m.id, m]));
  const top = Math.min(...matrix.units.map((unit) => unit.level));
  return html`<section aria-labelledby="ma-tran">
    <h2 id="ma-tran">Ma trận đơn vị × mốc</h2>
    ${statusLegend()}
    <div class="table-wrap">
      <table class="matrix">
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            ${matrix.milestoneIds.map((mid) => {
              const m = milestones.get(mid);
              return html`<th scope="col" class="${mid === data.milestone.id ? 'current' : ''}">
                <a href="${dashboardPath(outline.code, mid)}${filterQuery(data.filters)}" title="${m?.title ?? mid}"
                  >${milestoneLabel(m, mid)}</a
                >
              </th>`;
            })}
          </tr>
        </thead>
        <tbody>
          ${matrix.units.map(
            (unit) =>
              html`<tr data-unit="${unit.unitCode}">
                <th scope="row" style="${`padding-left:${8 + (unit.level - top) * 16}px`}">${unit.unitName}</th>
                ${matrix.milestoneIds.map((mid) => {
                  const cell = unit.cells[mid];
                  return html`<td class="${mid === data.milestone.id ? 'current' : ''}" data-milestone="${mid}">
                    ${cell
                      ? html`<a href="${unitHistoryPath(outline.code, mid, unit.unitCode)}" data-cell="${cell.status}"
                          >${statusBadge(cell.status, cell.extended, 'cell')}</a
                        >`
                      : html`<span class="muted" title="không phải báo cáo mốc này">·</span>`}
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${unitsPager(data)}
  </section>`;
}

function overdueSection(data: DashboardData): SafeHtml {
  const rows: ComplianceRow[] = data.overdue;
  const base = dashboardPath(data.outline.code, data.milestone.id);
  return html`<section aria-labelledby="qua-han">
    <h2 id="qua-han">Quá hạn, chưa nộp (${data.overdueTotal})</h2>
    ${rows.length === 0
      ? html`<p class="muted">
          ${data.overdueTotal === 0 ? 'Không có đơn vị nào quá hạn.' : 'Trang này không có dòng nào.'}
        </p>`
      : html`<div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Cấp trên</th>
                <th scope="col">Hạn cuối</th>
                <th class="num" scope="col">Số ngày trễ</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">Đã leo thang</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) =>
                  html`<tr data-overdue="${row.unitCode}">
                    <td>
                      <a href="${unitHistoryPath(data.outline.code, row.milestoneId, row.unitCode)}">${row.unitName}</a>
                    </td>
                    <td>${row.parentUnitName ?? ''}</td>
                    <td>${formatCivilDate(row.lastDay)}</td>
                    <td class="num">${row.daysLate ?? ''}</td>
                    <td>${statusBadge(row.status, row.extended)}</td>
                    <td>${row.escalationStep > 0 ? `bước ${row.escalationStep}` : 'chưa'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`}
    ${pager(
      { label: 'Trang của danh sách quá hạn', noun: 'báo cáo', anchor: 'qua-han' },
      data.pages.overdue,
      OVERDUE_PER_PAGE,
      data.overdueTotal,
      (page) => `${base}${filterQuery(data.filters, { units: data.pages.units, overdue: page })}`,
    )}
  </section>`;
}

function nominationSection(data: DashboardData): SafeHtml {
  if (data.nominations.length === 0) return html``;
  return html`<section aria-labelledby="dien-hinh">
    <h2 id="dien-hinh">Điển hình được đề nghị</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Lĩnh vực</th>
            <th scope="col">Mẫu</th>
            <th class="num" scope="col">Số điển hình</th>
            <th class="num" scope="col">Số đơn vị</th>
          </tr>
        </thead>
        <tbody>
          ${data.nominations.map(
            (n) =>
              html`<tr>
                <td>${n.field ?? '—'}</td>
                <td>${n.form}</td>
                <td class="num">${n.count}</td>
                <td class="num">${n.units}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

function filterForm(data: DashboardData, choices: FilterChoices): SafeHtml {
  const { filters, outline } = data;
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}" ${selected && html` selected`}>${label}</option>`;
  return html`<form
    class="filters card"
    method="get"
    action="${dashboardPath(outline.code, data.milestone.id)}"
    aria-label="Lọc"
  >
    <div>
      <label for="loc-cap">Cấp báo cáo</label>
      <select id="loc-cap" name="level">
        ${option('', 'Mọi cấp', filters.level === undefined)}
        ${outline.levels.map((_name, level) =>
          option(String(level), levelLabel(outline.levels, level), filters.level === level),
        )}
      </select>
    </div>
    ${choices.fields.length > 0 &&
    html`<div>
      <label for="loc-linh-vuc">Lĩnh vực (điển hình)</label>
      <select id="loc-linh-vuc" name="field">
        ${option('', 'Mọi lĩnh vực', !filters.field)}
        ${choices.fields.map((field) => option(field, field, filters.field === field))}
      </select>
    </div>`}
    <div>
      <label for="loc-loai">Loại mốc</label>
      <select id="loc-loai" name="kind">
        ${option('', 'Mọi loại', !filters.kind)}
        ${choices.kinds.map((kind) => option(kind, kind, filters.kind === kind))}
      </select>
    </div>
    ${filters.under && html`<input type="hidden" name="under" value="${filters.under}" />`}
    <div class="actions" style="margin:0">
      <button type="submit">Lọc</button>
      <a class="button secondary" href="${dashboardPath(outline.code, data.milestone.id)}">Bỏ lọc</a>
    </div>
  </form>`;
}

/**
 * The leaders' dashboard of one plan and milestone: what the filters cover, the counts and percentages per level,
 * one level of the tree (the top level, or `under` and the units reporting to it) with each unit's status, its
 * subtree's figures and a link opening it, the units × milestones matrix of the same units (colour, symbol and word
 * in each cell, with a legend), the overdue list (most days late first), both paged with their totals, the trend
 * across milestones, the nominations by field and form, and the downloads (.xlsx, .docx) of the whole view.
 */
export function dashboardPage(data: DashboardData, choices: FilterChoices, scopeName: string): SafeHtml {
  const { outline, milestone } = data;
  const query = filterQuery(data.filters);
  const base = dashboardPath(outline.code, milestone.id);
  return withoutIndentation(
    html`<p><a href="/theo-doi">← Các kế hoạch</a></p>
      <h1>${outline.title}</h1>
      <p class="muted">Số ${outline.code} · ${outline.issuer} · cơ quan thường trực: ${outline.owner.name}</p>
      <nav aria-label="Các mốc">
        <ul class="tabs">
          ${outline.milestones.map(
            (m) =>
              html`<li>
                <a
                  href="${dashboardPath(outline.code, m.id)}${query}"
                  ${m.id === milestone.id && html` aria-current="page"`}
                  >${milestoneLabel(m, m.id)}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      <div class="card">
        <h2 style="margin-top:0">${milestone.title}</h2>
        <p>
          Từ ${formatCivilDate(milestone.opensOn)} đến ${formatCivilDate(milestone.closesOn)}. Phạm vi: ${scopeName}. Số
          liệu lúc ${formatVietnameseDateTime(data.now)}.
        </p>
        <div class="downloads">
          <a class="button secondary" href="${base}/tai-ve/tinh-hinh.xlsx${query}" download
            >Tải bảng tình hình (.xlsx)</a
          >
          <a class="button secondary" href="${base}/tai-ve/bao-cao.docx${query}" download
            >Tải báo cáo tổng hợp (.docx)</a
          >
        </div>
      </div>
      ${filterForm(data, choices)} ${summarySection(data)}
      <div class="two-col">${unitsSection(data)}${overdueSection(data)}</div>
      ${matrixSection(data)}
      <section aria-labelledby="xu-huong">
        <h2 id="xu-huong">Xu hướng qua các mốc</h2>
        ${trendChart(outline, data.trend, milestone.id)}
      </section>
      ${nominationSection(data)}`,
  );
}

/**
 * The page without the templates' indentation: a line break keeps the whitespace between inline elements (the
 * page has no <pre> or <textarea>), and a page of 100 units and 50 overdue rows is a third lighter.
 */
function withoutIndentation(page: SafeHtml): SafeHtml {
  return raw(page.value.replace(/\n[ \t]+/g, '\n'));
}
