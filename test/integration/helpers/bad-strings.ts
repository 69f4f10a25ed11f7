/**
 * Hostile strings for the bad-input corpora: each family is something a real file or form has carried, or an attack
 * has tried. Every free-text field of the API and of plan and unit files gets each of them.
 */

/** SQL that would do harm if any query were built by concatenation. */
export const SQL_INJECTIONS = [
  "'; DROP TABLE units; --",
  "' OR '1'='1",
  'Sở Y tế"); DELETE FROM submissions; --',
  '1; SELECT pg_sleep(30); --',
  '$$; TRUNCATE plans CASCADE; $$',
  "\\'; UPDATE accounts SET role = 'admin'; --",
] as const;

/** Markup that would run if any page or message put text into HTML unescaped. */
export const HTML_INJECTIONS = [
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '</title><script>document.location="//x.invalid"</script>',
  '{{constructor.constructor("alert(1)")()}}',
] as const;

/** Control and formatting characters: NUL, escape sequences, bidi overrides, zero-width, a lone surrogate. */
export const CONTROL_STRINGS = [
  'Sở\u0000Nội vụ',
  'Sở\u0007Y tế\u0008',
  '\u001b[31mSở Tư pháp\u001b[0m',
  'Sở\r\nCông Thương',
  'Sở\u202eTài chính',
  'Sở\u200bXây\ufeffdựng',
  'Sở\ud800Nông nghiệp',
] as const;

/** One Vietnamese name composed (NFC) and decomposed (NFD, as Excel on macOS writes it). */
export const VIETNAMESE_NFC = 'Phòng Giáo dục và Đào tạo huyện Hữu Lũng';
export const VIETNAMESE_NFD = VIETNAMESE_NFC.normalize('NFD');

/** Attachment names that try to leave the attachments folder, hide their type, or overflow a column. */
export const PATH_TRICKS = [
  '../../etc/passwd',
  '../../etc/passwd.pdf',
  '..\\..\\windows\\x.pdf',
  '/etc/shadow.pdf',
  'C:\\Windows\\System32\\drivers.pdf',
  'bao-cao\u0000.exe.pdf',
  'bao-cao.pdf\u0000.exe',
  `${'dài'.repeat(2000)}.pdf`,
  'bao-cao-\u202efdp.exe',
  '\u202egnp.pdf',
  '.pdf',
  '....pdf',
  'bao cao <quý> |1| *?.pdf',
] as const;

/** Every free-text attack, for the fields that take any text. */
export const FREE_TEXT_ATTACKS: readonly string[] = [
  ...SQL_INJECTIONS,
  ...HTML_INJECTIONS,
  ...CONTROL_STRINGS,
  VIETNAMESE_NFD,
];

/** A YAML array nested `depth` levels deep, in flow style: `[[[…]]]`. */
export function deeplyNested(depth: number, open = '[', close = ']'): string {
  return open.repeat(depth) + close.repeat(depth);
}

/** True when the text has a Vietnamese letter with a diacritic (a message written for the user, not a stack trace). */
export function looksVietnamese(text: string): boolean {
  return /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i.test(text);
}

/** What the API and the plan reader refuse: C0 controls but tab and line breaks, DEL, lone surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;
