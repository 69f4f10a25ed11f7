const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Vietnamese mobile numbers: 0 or +84, then 3/5/7/8/9 and eight more digits (Zalo accounts are mobile numbers). */
const MOBILE = /^(?:\+?84|0)([35789]\d{8})$/;

/** The address as stored (trimmed), or an error in Vietnamese. */
export function parseContactEmail(text: string): { value: string } | { error: string } {
  const value = text.trim();
  return EMAIL.test(value) ? { value } : { error: `"${text}" không phải là địa chỉ email` };
}

/**
 * A mobile number as stored, in E.164 (`+84912345678`), from the ways people write it: `0912 345 678`,
 * `0912.345.678`, `+84 912-345-678`, `84912345678`.
 */
export function parseContactPhone(text: string): { value: string } | { error: string } {
  const match = MOBILE.exec(text.replace(/[\s.\-()]/g, ''));
  return match
    ? { value: `+84${match[1]}` }
    : { error: `"${text}" không phải là số di động Việt Nam (10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; hoặc +84…)` };
}

/**
 * A Zalo user id as an Official Account sees its follower (the `user_id` of the OA API and of its webhooks): digits
 * only, as Zalo shows them (`8473629105738291045`).
 */
export function parseContactZaloUserId(text: string): { value: string } | { error: string } {
  const value = text.trim();
  return /^\d{6,32}$/.test(value)
    ? { value }
    : { error: `"${text}" không phải là ID người dùng Zalo (dãy chữ số, lấy từ danh sách người quan tâm của OA)` };
}
