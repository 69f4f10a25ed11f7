/**
 * What to do with an answer from Zalo's APIs. Codes are those of Zalo's ZNS error table (zalo.cloud, "Cách xử lý mã
 * lỗi"; docs/notifications.md lists the sources); the raw code is always kept in the log next to the action.
 */
export const ZaloAction = {
  /** The recipient cannot be reached on Zalo (no account, cannot receive ZNS, bad number): use email instead. */
  fallback: 'fallback',
  /** The access token was refused (−124): refresh it once and send again. */
  refreshToken: 'refresh-token',
  /** Out of quota or rate-limited: keep the message and try later, with backoff; never drop it. */
  defer: 'defer',
  /** A server-side or unknown error (5xx, −100, a timeout): let the activity retry. */
  retry: 'retry',
  /** Our configuration is wrong (app, template, data): no retry will help; fall back to email and say why. */
  permanent: 'permanent',
} as const;
export type ZaloAction = (typeof ZaloAction)[keyof typeof ZaloAction];

export interface ZaloVerdict {
  action: ZaloAction;
  /** In Vietnamese, for the dashboard's "không gửi được", ending with the raw code. */
  reason: string;
}

const KNOWN: Record<number, { action: ZaloAction; text: string }> = {
  [-100]: { action: 'retry', text: 'Zalo báo lỗi không xác định' },
  [-101]: { action: 'permanent', text: 'ứng dụng Zalo không hợp lệ' },
  [-102]: { action: 'permanent', text: 'ứng dụng Zalo không tồn tại' },
  [-103]: { action: 'permanent', text: 'ứng dụng Zalo chưa được kích hoạt' },
  [-104]: { action: 'permanent', text: 'khoá bí mật của ứng dụng Zalo không hợp lệ' },
  [-105]: { action: 'permanent', text: 'ứng dụng Zalo chưa liên kết với Official Account' },
  [-106]: { action: 'permanent', text: 'Zalo không hỗ trợ phương thức này' },
  [-107]: { action: 'permanent', text: 'mã thông báo không hợp lệ' },
  [-108]: { action: 'fallback', text: 'số điện thoại không hợp lệ' },
  [-109]: { action: 'permanent', text: 'mã mẫu ZNS không hợp lệ' },
  [-110]: { action: 'fallback', text: 'người nhận dùng phiên bản Zalo quá cũ' },
  [-111]: { action: 'permanent', text: 'mẫu ZNS thiếu dữ liệu' },
  [-112]: { action: 'permanent', text: 'dữ liệu mẫu ZNS không hợp lệ' },
  [-114]: {
    action: 'fallback',
    text: 'người nhận không nhận tin ZNS (tài khoản, tuỳ chọn nhận tin hoặc phiên bản Zalo)',
  },
  [-115]: { action: 'defer', text: 'tài khoản ZNS đã hết hạn mức (số dư)' },
  [-116]: { action: 'permanent', text: 'nội dung tin không hợp lệ' },
  [-117]: { action: 'permanent', text: 'OA hoặc ứng dụng không có quyền dùng mẫu ZNS này' },
  [-118]: { action: 'fallback', text: 'số điện thoại chưa có tài khoản Zalo' },
  [-119]: { action: 'fallback', text: 'tài khoản Zalo của người nhận không nhận được tin ZNS' },
  [-124]: { action: 'refresh-token', text: 'access token không hợp lệ' },
};

/**
 * Classifies a Zalo answer: the HTTP status first (429 → defer, 5xx → retry), then the `error` field of the JSON
 * body. An unknown negative code is permanent for Zalo (and falls back to email): repeating a request Zalo refused
 * for a reason we do not know would only repeat the refusal.
 */
export function classifyZaloAnswer(httpStatus: number, errorCode: number | undefined, message?: string): ZaloVerdict {
  const raw = `(HTTP ${httpStatus}, mã ${errorCode ?? '—'}${message ? `: ${message}` : ''})`;
  if (httpStatus === 429) return { action: 'defer', reason: `Zalo giới hạn tần suất gửi ${raw}` };
  if (httpStatus >= 500) return { action: 'retry', reason: `máy chủ Zalo lỗi ${raw}` };
  if (errorCode === undefined) return { action: 'retry', reason: `Zalo trả lời không đọc được ${raw}` };
  const known = KNOWN[errorCode];
  if (known) return { action: known.action, reason: `${known.text} ${raw}` };
  if (/quota|limit|exceed/i.test(message ?? '')) return { action: 'defer', reason: `Zalo báo vượt hạn mức ${raw}` };
  return { action: 'permanent', reason: `Zalo từ chối tin ${raw}` };
}

/**
 * When to try a deferred send again: 5 min, 10, 20, … doubling per attempt, at most 6 h. A quota that resets daily
 * is reached within a day; a rate limit clears within minutes.
 */
export function deferDelayMs(attempt: number): number {
  const base = 5 * 60 * 1000;
  return Math.min(base * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60 * 1000);
}
