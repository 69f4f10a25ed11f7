import { vietnamEpochMs, type CivilDate } from '../civil-time';

/**
 * Reads the time phrases plans are written in ("Quý III/2021", "trước ngày 31/5/2021", "chậm nhất ngày 20/12",
 * "tháng 6/2022", "dịp 11/6", "cuối năm", "hằng năm vào cuối năm", "năm 2025") into exact civil dates.
 * Pure and deterministic; the resolver turns the dates into instants with the working calendar.
 */
export type TimePhrase =
  /** A span of days: a quarter, a month, a year, the end of a year. */
  | { kind: 'window'; start: CivilDate; end: CivilDate }
  /** A deadline: the last civil day on which the report is still on time. */
  | { kind: 'deadline'; lastDay: CivilDate; reading: DeadlineReading }
  /** A single day an event is held on ("dịp 11/6", "ngày 11/6/2022"). */
  | { kind: 'day'; date: CivilDate }
  /** The same phrase every year of a range ("hằng năm vào cuối năm", with the years from the plan). */
  | { kind: 'yearly'; each: Exclude<TimePhrase, { kind: 'yearly' }>[] };

/**
 * How "trước ngày X" is read. `strictly-before` (the default) takes the words literally: the report must arrive
 * before day X begins, so the last day on time is X − 1. `end-of-day` reads it as "by day X", as many offices do
 * in practice. "chậm nhất ngày X" and "hạn ngày X" always mean by the end of X.
 */
export type DeadlineReading = 'strictly-before' | 'end-of-day';
export const DEFAULT_DEADLINE_READING: DeadlineReading = 'strictly-before';

export interface PhraseContext {
  /** The year a phrase without one belongs to ("chậm nhất ngày 20/12" in a milestone of 2023). */
  year?: number;
  /** The years a yearly phrase repeats over (the plan's period, or the milestone's own range). */
  years?: { from: number; to: number };
  deadlineReading: DeadlineReading;
}

export type PhraseErrorCode = 'PLAN_PHRASE_UNREADABLE' | 'PLAN_PHRASE_AMBIGUOUS' | 'PLAN_DATE_INVALID';

export class PhraseError extends Error {
  constructor(
    readonly code: PhraseErrorCode,
    readonly phrase: string,
    readonly reason: string,
  ) {
    super(`${code}: "${phrase}" ${reason}`);
    this.name = 'PhraseError';
  }
}

const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const YEAR = String.raw`(?:\/|\s*năm\s*)(\d{4})`;

/** Lower case, NFC, single spaces, no trailing punctuation: "  Quý  III/2021." → "quý iii/2021". */
export function normalizePhrase(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.;,:]+$/, '')
    .trim();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A civil date from day, month, year, rejecting dates that do not exist (30/2). */
function civilDate(phrase: string, day: number, month: number, year: number): CivilDate {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) {
    throw new PhraseError('PLAN_DATE_INVALID', phrase, `chứa ngày ${pad(day)}/${pad(month)}/${year} không tồn tại`);
  }
  vietnamEpochMs(date);
  return date;
}

function contextYear(phrase: string, explicit: string | undefined, context: PhraseContext): number {
  if (explicit) return Number(explicit);
  if (context.year !== undefined) return context.year;
  throw new PhraseError('PLAN_PHRASE_AMBIGUOUS', phrase, 'không ghi năm, và mốc chứa nó cũng không xác định năm nào');
}

type SinglePhrase = Exclude<TimePhrase, { kind: 'yearly' }>;
type Rule = { pattern: RegExp; read: (match: RegExpExecArray, phrase: string, context: PhraseContext) => SinglePhrase };

const DAY_MONTH = String.raw`(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?`;

const RULES: Rule[] = [
  {
    // "Quý III/2021", "trong Quý 3 năm 2021"
    pattern: new RegExp(String.raw`^(?:trong )?quý (iv|iii|ii|i|[1-4])${YEAR}$`),
    read: ([, quarter, year], phrase) => {
      const q = QUARTERS[quarter!]!;
      const y = Number(year);
      const endMonth = q * 3;
      return {
        kind: 'window',
        start: civilDate(phrase, 1, endMonth - 2, y),
        end: civilDate(phrase, lastDayOfMonth(y, endMonth), endMonth, y),
      };
    },
  },
  {
    // "tháng 6/2022", "trong tháng 6 năm 2022", "dự kiến vào tháng 6/2022"
    pattern: new RegExp(String.raw`^(?:dự kiến )?(?:vào |trong )?tháng (\d{1,2})${YEAR}$`),
    read: ([, month, year], phrase) => {
      const [m, y] = [Number(month), Number(year)];
      if (m < 1 || m > 12) throw new PhraseError('PLAN_DATE_INVALID', phrase, `có tháng ${m} không tồn tại`);
      return { kind: 'window', start: civilDate(phrase, 1, m, y), end: civilDate(phrase, lastDayOfMonth(y, m), m, y) };
    },
  },
  {
    // "năm 2025", "trong năm 2025"
    pattern: /^(?:trong )?năm (\d{4})$/,
    read: ([, year], phrase) => ({
      kind: 'window',
      start: civilDate(phrase, 1, 1, Number(year)),
      end: civilDate(phrase, 31, 12, Number(year)),
    }),
  },
  {
    // "cuối năm", "cuối năm 2023", "vào cuối năm": the last month of the year
    pattern: /^(?:vào )?cuối năm(?: (\d{4}))?$/,
    read: ([, year], phrase, context) => {
      const y = contextYear(phrase, year, context);
      return { kind: 'window', start: civilDate(phrase, 1, 12, y), end: civilDate(phrase, 31, 12, y) };
    },
  },
  {
    // "trước ngày 31/5/2021", "trước 31/5"
    pattern: new RegExp(String.raw`^(?:báo cáo )?trước (?:ngày )?${DAY_MONTH}$`),
    read: ([, day, month, year], phrase, context) => {
      const named = civilDate(phrase, Number(day), Number(month), contextYear(phrase, year, context));
      const lastDay = context.deadlineReading === 'strictly-before' ? previousDay(named) : named;
      return { kind: 'deadline', lastDay, reading: context.deadlineReading };
    },
  },
  {
    // "chậm nhất ngày 20/12", "chậm nhất là ngày 20/12/2023", "hạn ngày 20/12", "đến hết ngày 20/12"
    pattern: new RegExp(String.raw`^(?:chậm nhất(?: là)?|hạn(?: chót)?|(?:đến )?hết) (?:ngày )?${DAY_MONTH}$`),
    read: ([, day, month, year], phrase, context) => ({
      kind: 'deadline',
      lastDay: civilDate(phrase, Number(day), Number(month), contextYear(phrase, year, context)),
      reading: 'end-of-day',
    }),
  },
  {
    // "dịp 11/6", "nhân dịp 11/6/2022", "ngày 11/6/2022", "vào ngày 11/6", "24/03/2023"
    pattern: new RegExp(String.raw`^(?:(?:nhân |vào )?(?:dịp|ngày) )?${DAY_MONTH}$`),
    read: ([, day, month, year], phrase, context) => ({
      kind: 'day',
      date: civilDate(phrase, Number(day), Number(month), contextYear(phrase, year, context)),
    }),
  },
];

function previousDay(date: CivilDate): CivilDate {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function readSingle(phrase: string, normalized: string, context: PhraseContext): SinglePhrase {
  for (const rule of RULES) {
    const match = rule.pattern.exec(normalized);
    if (match) return rule.read(match, phrase, context);
  }
  throw new PhraseError(
    'PLAN_PHRASE_UNREADABLE',
    phrase,
    'không đọc được. Các cách viết được hiểu: "Quý III/2021", "tháng 6/2022", "năm 2025", "cuối năm", ' +
      '"trước ngày 31/5/2021", "chậm nhất ngày 20/12", "dịp 11/6", "hằng năm vào cuối năm"',
  );
}

/**
 * Reads one time phrase. Throws `PhraseError` with a stable code: PLAN_PHRASE_UNREADABLE for words it does not
 * know, PLAN_PHRASE_AMBIGUOUS for a phrase that needs a year (or a range of years) its context does not give,
 * PLAN_DATE_INVALID for a date that does not exist ("30/2/2023", "Quý V/2023" is unreadable).
 */
export function readTimePhrase(phrase: string, context: PhraseContext): TimePhrase {
  const normalized = normalizePhrase(phrase);
  const yearly = /^(?:hằng|hàng) năm(?: vào| trong)? (.+)$/.exec(normalized);
  if (!yearly) return readSingle(phrase, normalized, context);
  if (!context.years) {
    throw new PhraseError('PLAN_PHRASE_AMBIGUOUS', phrase, 'lặp lại hằng năm nhưng không rõ từ năm nào đến năm nào');
  }
  const each: SinglePhrase[] = [];
  for (let year = context.years.from; year <= context.years.to; year++) {
    each.push(readSingle(phrase, yearly[1]!, { ...context, year }));
  }
  return { kind: 'yearly', each };
}
