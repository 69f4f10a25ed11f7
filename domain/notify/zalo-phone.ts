/**
 * A Vietnamese mobile number as Zalo's ZNS API takes it: digits with the country code, `84912345678`. Accepts
 * `+84912345678`, `84912345678` and `0912345678`, with spaces, dots or dashes; undefined for anything else.
 */
export function toZaloPhone(phone: string): string | undefined {
  const digits = phone.replace(/[\s.()-]/g, '');
  const national = /^\+?84(\d{9})$/.exec(digits)?.[1] ?? /^0(\d{9})$/.exec(digits)?.[1];
  return national ? `84${national}` : undefined;
}
