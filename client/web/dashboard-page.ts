import type { ComplianceRow } from '../../db/compliance.repository';
import { formatCivilDate } from '../../domain/civil-time';
import { formatPercent, levelLabel, type ComplianceFigures } from '../../domain/obligation/compliance-figures';
import type { MatrixUnit } from '../../domain/obligation/compliance-matrix';
import { formatVietnameseDateTime } from '../../domain/notify/vietnamese-date';
import type { DashboardData } from './dashboard-data';
import { dashboardPath, filterQuery, unitHistoryPath } from './dashboard-links';
import { html, type SafeHtml } from './html';
import { milestoneLabel } from './milestone-label';
import { statusBadge, statusLegend } from './status-view';
import { trendChart } from './trend-chart';

/** Rows shown in the tree and the matrix at most; a national tree is narrowed with the filters or a subtree. */
export const MAX_UNITS_SHOWN = 400;

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

function treeSection(data: DashboardData): SafeHtml {
  const id = data.milestone.id;
  const units = data.matrix.units.filter((unit) => unit.cells[id]).slice(0, MAX_UNITS_SHOWN);
  const codes = new Set(units.map((unit) => unit.unitCode));
  const children = new Map<string | null, MatrixUnit[]>();
  for (const unit of units) {
    const parent = unit.parentUnitCode !== null && codes.has(unit.parentUnitCode) ? unit.parentUnitCode : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(unit);
    else children.set(parent, [unit]);
  }
  const branch = (parent: string | null): SafeHtml => {
    const list = children.get(parent) ?? [];
    return html`${list.map((unit) => {
      const cell = unit.cells[id]!;
      const below = children.get(unit.unitCode);
      return html`<li>
        <a href="${unitHistoryPath(data.outline.code, id, unit.unitCode)}">${unit.unitName}</a>
        ${statusBadge(cell.status, cell.extended)}
        ${below &&
        html`<ul>
          ${branch(unit.unitCode)}
        </ul>`}
      </li>`;
    })}`;
  };
  return html`<section aria-labelledby="cay-don-vi">
    <h2 id="cay-don-vi">Cây đơn vị</h2>
    ${units.length === 0
      ? html`<p class="muted">Không có đơn vị nào trong phạm vi này.</p>`
      : html`<ul class="tree">
          ${branch(null)}
        </ul>`}
  </section>`;
}

function matrixSection(data: DashboardData): SafeHtml {
  const { matrix, outline } = data;
  const milestones = new Map(outline.milestones.map((m) => [m.id, m]));
  const units = matrix.units.slice(0, MAX_UNITS_SHOWN);
  return html`<section aria-labelledby="ma-tran">
    <h2 id="ma-tran">Ma trận đơn vị × mốc</h2>
    ${statusLegend()}
    ${matrix.units.length > MAX_UNITS_SHOWN &&
    html`<p class="notice warn">
      Hiển thị ${MAX_UNITS_SHOWN}/${matrix.units.length} đơn vị đầu tiên; hãy lọc theo cấp hoặc chọn một đơn vị trong
      cây để xem phần còn lại.
    </p>`}
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
          ${units.map(
            (unit) =>
              html`<tr data-unit="${unit.unitCode}">
                <th scope="row" style="${`padding-left:${8 + unit.level * 16}px`}">${unit.unitName}</th>
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
  </section>`;
}

function overdueSection(data: DashboardData): SafeHtml {
  const rows: ComplianceRow[] = data.overdue;
  return html`<section aria-labelledby="qua-han">
    <h2 id="qua-han">Quá hạn, chưa nộp (${rows.length})</h2>
    ${rows.length === 0
      ? html`<p class="muted">Không có đơn vị nào quá hạn.</p>`
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
                  html`<tr>
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
 * the tree of units with each one's status, the units × milestones matrix (colour, symbol and word in each cell,
 * with a legend), the overdue list (most days late first), the trend across milestones, the nominations by field and
 * form, and the downloads (.xlsx, .docx) of the same view.
 */
export function dashboardPage(data: DashboardData, choices: FilterChoices, scopeName: string): SafeHtml {
  const { outline, milestone } = data;
  const query = filterQuery(data.filters);
  const base = dashboardPath(outline.code, milestone.id);
  return html`<p><a href="/theo-doi">← Các kế hoạch</a></p>
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
        <a class="button secondary" href="${base}/tai-ve/tinh-hinh.xlsx${query}" download>Tải bảng tình hình (.xlsx)</a>
        <a class="button secondary" href="${base}/tai-ve/bao-cao.docx${query}" download>Tải báo cáo tổng hợp (.docx)</a>
      </div>
    </div>
    ${filterForm(data, choices)} ${summarySection(data)}
    <div class="two-col">${treeSection(data)}${overdueSection(data)}</div>
    ${matrixSection(data)}
    <section aria-labelledby="xu-huong">
      <h2 id="xu-huong">Xu hướng qua các mốc</h2>
      ${trendChart(outline, data.trend, milestone.id)}
    </section>
    ${nominationSection(data)}`;
}
