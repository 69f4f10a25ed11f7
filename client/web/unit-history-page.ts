import type { ComplianceOutline, ReportHistory, UnitMilestoneHistory } from '../../db/compliance.repository';
import { formatCivilDate } from '../../domain/civil-time';
import { formatVietnameseDateTime } from '../../domain/notify/vietnamese-date';
import { dashboardPath } from './dashboard-links';
import { html, type SafeHtml } from './html';
import { statusBadge } from './status-view';

const KIND_NAMES: Record<string, string> = {
  assignment: 'Giao nhiệm vụ',
  reminder: 'Nhắc hạn',
  'due-today': 'Đến hạn hôm nay',
  overdue: 'Báo quá hạn',
  escalation: 'Đôn đốc, leo thang',
  receipt: 'Biên nhận',
  extension: 'Gia hạn',
  cancellation: 'Dừng thực hiện',
  digest: 'Bản tin lãnh đạo',
};

const ROLE_NAMES: Record<string, string> = {
  reporter: 'người báo cáo',
  head: 'thủ trưởng',
  'parent-head': 'thủ trưởng cấp trên',
  owner: 'cơ quan chủ trì',
  leader: 'lãnh đạo',
};

const DELIVERY: Record<string, string> = {
  sent: 'đã gửi',
  pending: 'chờ gửi',
  sending: 'đang gửi',
  deferred: 'tạm hoãn (sẽ gửi lại)',
  failed: 'không gửi được',
};

function notices(report: ReportHistory): SafeHtml {
  if (report.notifications.length === 0) return html`<p class="muted">Chưa có thông báo nào.</p>`;
  return html`<ul class="history">
    ${report.notifications.map(
      (n) =>
        html`<li data-notice-status="${n.status}">
          <strong>${KIND_NAMES[n.kind] ?? n.kind}</strong> qua ${n.channel === 'zalo' ? 'Zalo' : 'thư điện tử'} tới
          ${n.recipientName || ROLE_NAMES[n.recipientRole] || n.recipientRole} (${n.address}) —
          ${formatVietnameseDateTime(n.createdAt)}:
          ${n.status === 'failed'
            ? html`<span class="badge st-missing">✗ không gửi được</span>${n.reason && html` — lý do: ${n.reason}`}`
            : html`${DELIVERY[n.status] ?? n.status}${n.deliveryStatus &&
              `, ${n.deliveryStatus === 'seen' ? 'đã xem' : 'đã nhận'}`}`}
        </li>`,
    )}
  </ul>`;
}

function reportSection(
  report: ReportHistory,
  outline: ComplianceOutline,
  milestoneId: string,
  fieldLabels: Readonly<Record<string, string>>,
): SafeHtml {
  const { row } = report;
  const title = outline.milestones.find((m) => m.id === milestoneId)?.reports.find((r) => r.id === row.reportId)?.title;
  return html`<section class="card" aria-label="${title ?? row.reportId}">
    <h2 style="margin-top:0">${title ?? row.reportId}</h2>
    <p>
      ${statusBadge(row.status, row.extended)} · hạn cuối
      ${formatCivilDate(row.lastDay)}${row.daysLate ? html` · trễ ${row.daysLate} ngày` : ''}
    </p>
    ${report.extension &&
    html`<p>
      Gia hạn từ ${formatCivilDate(report.extension.fromLastDay)} đến ${formatCivilDate(report.extension.toLastDay)}
      (${report.extension.by}${report.extension.reason && `: ${report.extension.reason}`}).
    </p>`}
    ${report.exemption &&
    html`<p>Được miễn (${report.exemption.by}${report.exemption.reason && `: ${report.exemption.reason}`}).</p>`}
    <h3>Các lần nộp</h3>
    ${report.submissions.length === 0
      ? html`<p class="muted">Chưa nộp.</p>`
      : html`<ul class="history">
          ${report.submissions.map(
            (s) =>
              html`<li>
                Lần ${s.version}, số biên nhận <strong>${s.receiptNumber}</strong>,
                ${formatVietnameseDateTime(s.submittedAt)}, người nộp ${s.submittedBy} —
                ${s.late ? 'nộp muộn' : 'đúng hạn'}
                ${s.text && html`<blockquote>${s.text.length > 600 ? `${s.text.slice(0, 600)}…` : s.text}</blockquote>`}
                ${Object.keys(s.fields).length > 0 &&
                html`<ul>
                  ${Object.entries(s.fields).map(
                    ([key, value]) =>
                      html`<li>
                        ${fieldLabels[key] ?? key}: ${typeof value === 'boolean' ? (value ? 'có' : 'không') : value}
                      </li>`,
                  )}
                </ul>`}
                ${s.nominations.length > 0 &&
                html`<ul>
                  ${s.nominations.map(
                    (n) =>
                      html`<li>
                        Điển hình (${n.form}${n.field && `, ${n.field}`}):
                        ${n.name ?? html`<em>ẩn họ tên — dữ liệu cá nhân</em>`}${n.birthDate &&
                        `, sinh ${n.birthDate}`}${n.position && `, ${n.position}`}
                        — ${n.achievements ?? ''}
                      </li>`,
                  )}
                </ul>`}
              </li>`,
          )}
        </ul>`}
    <h3>Leo thang</h3>
    ${report.escalations.length === 0
      ? html`<p class="muted">Chưa phải leo thang.</p>`
      : html`<ul class="history">
          ${report.escalations.map(
            (e) =>
              html`<li>
                Bước ${e.step}, ${formatVietnameseDateTime(e.at)}: báo
                ${e.notified.map((who) => ROLE_NAMES[who] ?? who).join(', ')}
              </li>`,
          )}
        </ul>`}
    <h3>Thông báo đã gửi</h3>
    ${notices(report)}
  </section>`;
}

/**
 * One unit's history for a milestone, the dashboard's drill-down: per report its status, deadline, extension or
 * exemption, every submission (its fields by the plan's labels, `fieldLabels` by field id) (nominated individuals' names hidden unless the reader may see personal data), the
 * escalation steps and every notice with its delivery — a notice that could not be delivered reads "không gửi được"
 * with the reason.
 */
export function unitHistoryPage(
  history: UnitMilestoneHistory,
  outline: ComplianceOutline,
  fieldLabels: Readonly<Record<string, string>> = {},
): SafeHtml {
  const milestone = outline.milestones.find((m) => m.id === history.milestoneId);
  return html`<p>
      <a href="${dashboardPath(outline.code, history.milestoneId)}">← ${milestone?.title ?? history.milestoneId}</a>
    </p>
    <h1>${history.unitName}</h1>
    <p class="muted">
      Mã ${history.unitCode} · kế hoạch số ${outline.code} · ${milestone?.title ?? history.milestoneId}
    </p>
    ${history.reports.map((report) => reportSection(report, outline, history.milestoneId, fieldLabels))}`;
}
