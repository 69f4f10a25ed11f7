import { html, type SafeHtml } from './html';
import type { ApiErrorBody } from './link-page-data';

/** What a unit reads when its link opens nothing, and the status the page answers with. */
interface LinkProblem {
  status: number;
  title: string;
  advice: string;
}

const PROBLEMS: Record<string, LinkProblem> = {
  LINK_EXPIRED: {
    status: 410,
    title: 'Liên kết đã hết hạn',
    advice: 'Hãy mở liên kết trong thư nhắc mới nhất, hoặc liên hệ Sở Nội vụ để nhận liên kết mới.',
  },
  LINK_REVOKED: {
    status: 410,
    title: 'Liên kết đã bị thu hồi',
    advice: 'Liên kết này không còn dùng được. Hãy dùng liên kết trong thư nhắc mới nhất.',
  },
  LINK_INVALID: {
    status: 403,
    title: 'Liên kết không hợp lệ',
    advice: 'Liên kết bị sửa hoặc chép thiếu. Hãy bấm đúng liên kết trong thư, hoặc chép lại toàn bộ địa chỉ.',
  },
  LINK_WRONG_UNIT: {
    status: 403,
    title: 'Liên kết không dùng được cho báo cáo này',
    advice: 'Mỗi đơn vị có liên kết riêng. Hãy dùng liên kết trong thư gửi cho đơn vị mình.',
  },
  OBLIGATION_NOT_FOUND: {
    status: 404,
    title: 'Không tìm thấy báo cáo',
    advice: 'Báo cáo của liên kết này không còn trong hệ thống. Hãy liên hệ Sở Nội vụ.',
  },
};

/**
 * The page for a link that opens nothing: expired or revoked (410 Gone: it was valid once), tampered or another
 * unit's (403), its report gone (404), anything else with the API's own status. The API's Vietnamese message is shown
 * too, so the unit can quote it.
 */
export function linkErrorPage(status: number, body: ApiErrorBody | undefined): { status: number; body: SafeHtml } {
  const code = body?.error.code ?? 'UNKNOWN';
  const problem = PROBLEMS[code] ?? {
    status: status >= 400 ? status : 500,
    title: 'Chưa mở được trang nộp báo cáo',
    advice: 'Hãy thử lại sau ít phút. Nếu vẫn không được, hãy liên hệ Sở Nội vụ.',
  };
  return {
    status: problem.status,
    body: html`<h1>${problem.title}</h1>
      <div class="notice error" role="alert">
        <p>${problem.advice}</p>
        ${body && html`<p class="hint">Chi tiết: ${body.error.message} (mã ${code})</p>`}
      </div>`,
  };
}
