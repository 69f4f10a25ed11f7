import type { ComplianceOutline } from '../../db/compliance.repository';
import { formatPercent, type ComplianceFigures } from '../../domain/obligation/compliance-figures';
import { escapeHtml } from '../../domain/notify/render-message';
import { html, raw, type SafeHtml } from './html';
import { milestoneLabel } from './milestone-label';

/** The stacked parts of a bar, bottom up, with the colours of the status badges (dondoc.css). */
const PARTS = [
  { key: 'onTime', label: 'Đúng hạn', colour: '#4ac26b' },
  { key: 'late', label: 'Trễ hạn', colour: '#d4a72c' },
  { key: 'overdue', label: 'Quá hạn', colour: '#fb8f44' },
  { key: 'missing', label: 'Chưa nộp', colour: '#ff8182' },
  { key: 'open', label: 'Trong hạn', colour: '#54aeff' },
] as const;

const BAR = 56;
const GAP = 28;
const HEIGHT = 180;
const TOP = 24;
const BOTTOM = 40;

/**
 * The trend across milestones as an inline SVG (no script, no library): one bar per milestone, 100% of the reports
 * owed, stacked on time / late / overdue / missing / open, the on-time rate written above. Each part has a <title>
 * for a pointer, and the same figures follow in a table for screen readers and for reading without colour.
 */
export function trendChart(
  outline: ComplianceOutline,
  trend: ReadonlyArray<{ milestoneId: string; figures: ComplianceFigures }>,
  currentId: string,
): SafeHtml {
  if (trend.length === 0) return html`<p class="muted">Chưa có số liệu theo mốc.</p>`;
  const width = trend.length * (BAR + GAP) + GAP;
  const total = TOP + HEIGHT + BOTTOM;
  const milestones = new Map(outline.milestones.map((m) => [m.id, m]));
  const bars = trend.map(({ milestoneId, figures }, index) => {
    const x = GAP + index * (BAR + GAP);
    let y = TOP + HEIGHT;
    const parts = PARTS.map((part) => {
      const count = figures[part.key];
      const h = figures.expected > 0 ? (count / figures.expected) * HEIGHT : 0;
      y -= h;
      return h > 0
        ? `<rect x="${x}" y="${y.toFixed(1)}" width="${BAR}" height="${h.toFixed(1)}" fill="${part.colour}"><title>${escapeHtml(
            `${part.label}: ${count}/${figures.expected}`,
          )}</title></rect>`
        : '';
    }).join('');
    const label = escapeHtml(milestoneLabel(milestones.get(milestoneId), milestoneId));
    const bold = milestoneId === currentId ? ' font-weight="bold"' : '';
    return (
      `<rect x="${x}" y="${TOP}" width="${BAR}" height="${HEIGHT}" fill="none" stroke="#d0d7de"/>` +
      parts +
      `<text x="${x + BAR / 2}" y="${TOP - 6}" text-anchor="middle" font-size="12"${bold}>${formatPercent(figures.percent.onTime)}</text>` +
      `<text x="${x + BAR / 2}" y="${TOP + HEIGHT + 16}" text-anchor="middle" font-size="11"${bold}>${label}</text>`
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${total}" width="${width}" height="${total}" role="img" aria-labelledby="xu-huong-tieu-de" font-family="Arial, sans-serif">${bars.join('')}</svg>`;
  return html`<figure class="chart">
    <figcaption id="xu-huong-tieu-de">Tỷ lệ đúng hạn qua các mốc (trên mỗi cột); cột chia theo tình trạng.</figcaption>
    ${raw(svg)}
    <ul class="legend" aria-hidden="true">
      ${PARTS.map(
        (part) =>
          html`<li>
            <span style="${`display:inline-block;width:12px;height:12px;background:${part.colour}`}"></span>
            ${part.label}
          </li>`,
      )}
    </ul>
    <details>
      <summary>Số liệu của biểu đồ</summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Mốc</th>
              <th class="num">Phải nộp</th>
              ${PARTS.map((part) => html`<th class="num">${part.label}</th>`)}
              <th class="num">Tỷ lệ đúng hạn</th>
            </tr>
          </thead>
          <tbody>
            ${trend.map(
              ({ milestoneId, figures }) =>
                html`<tr>
                  <th scope="row">${milestoneLabel(milestones.get(milestoneId), milestoneId)}</th>
                  <td class="num">${figures.expected}</td>
                  ${PARTS.map((part) => html`<td class="num">${figures[part.key]}</td>`)}
                  <td class="num">${formatPercent(figures.percent.onTime)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`;
}
