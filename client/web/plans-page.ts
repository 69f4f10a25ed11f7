import type { StaffPrincipal } from '../http/auth/principal';
import { dashboardPath } from './dashboard-links';
import { html, type SafeHtml } from './html';
import type { VisiblePlan } from './visible-plans';

const STATUS_NAMES: Record<string, string> = {
  loaded: 'đã nạp, chưa chạy',
  running: 'đang chạy',
  cancelled: 'đã dừng',
  completed: 'đã hoàn thành',
};

/** The list of plans a person may follow, each linking to its dashboard. */
export function plansPage(plans: readonly VisiblePlan[], principal: StaffPrincipal): SafeHtml {
  return html`<h1>Theo dõi báo cáo</h1>
    <p class="muted">
      ${principal.role === 'leader'
        ? `Các kế hoạch có đơn vị thuộc phạm vi theo dõi của tài khoản (đơn vị ${principal.unitCode}).`
        : 'Mọi kế hoạch đã nạp.'}
    </p>
    ${plans.length === 0
      ? html`<p class="notice">Chưa có kế hoạch nào.</p>`
      : html`<div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Số hiệu</th>
                <th scope="col">Kế hoạch</th>
                <th scope="col">Cơ quan ban hành</th>
                <th scope="col">Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              ${plans.map(
                (plan) =>
                  html`<tr>
                    <td><a href="${dashboardPath(plan.code)}">${plan.code}</a></td>
                    <td>${plan.title}</td>
                    <td>${plan.issuer}</td>
                    <td>${STATUS_NAMES[plan.status] ?? plan.status}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`}`;
}
