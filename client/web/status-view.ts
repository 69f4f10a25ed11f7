import { COMPLIANCE_STATUS_LABELS, type ComplianceStatus } from '../../domain/obligation/compliance-status';
import { html, type SafeHtml } from './html';

/** A symbol per status, so a cell reads without colour (and in a black-and-white print). */
export const STATUS_SYMBOLS: Readonly<Record<ComplianceStatus, string>> = {
  'on-time': '✓',
  late: '◔',
  missing: '✗',
  overdue: '!',
  open: '○',
  exempt: '–',
  cancelled: '⊘',
};

/** The statuses in the order the legend and the counts show them. */
export const STATUS_ORDER: readonly ComplianceStatus[] = [
  'on-time',
  'late',
  'missing',
  'overdue',
  'open',
  'exempt',
  'cancelled',
];

/** A status as a coloured badge with its symbol and its Vietnamese word; "gia hạn" beside it when extended. */
export function statusBadge(status: ComplianceStatus, extended = false, className = 'badge'): SafeHtml {
  return html`<span class="${className} st-${status}" data-status="${status}"
    ><span aria-hidden="true">${STATUS_SYMBOLS[status]}</span> ${COMPLIANCE_STATUS_LABELS[status]}${extended &&
    html` <abbr title="được gia hạn">+GH</abbr>`}</span
  >`;
}

/** The legend under the matrix: every colour with its symbol and word, and what "+GH" means. */
export function statusLegend(): SafeHtml {
  return html`<ul class="legend" aria-label="Chú giải màu">
    ${STATUS_ORDER.map((status) => html`<li>${statusBadge(status)}</li>`)}
    <li><abbr title="được gia hạn">+GH</abbr>: được gia hạn</li>
  </ul>`;
}
