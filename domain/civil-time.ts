/**
 * Civil time in Asia/Ho_Chi_Minh. Vietnam has kept UTC+07:00 all year, without daylight saving, since 13/06/1975, so
 * the conversion is fixed arithmetic: no time-zone database, nothing that differs between machines, safe to import
 * from workflow code. Instants cross boundaries as ISO strings with the `+07:00` offset; civil dates as `YYYY-MM-DD`.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_UTC_OFFSET = '+07:00';
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** A civil date such as `2025-05-31`. */
export type CivilDate = string;

/** An instant as ISO-8601 text with an explicit offset, e.g. `2025-05-31T23:59:59+07:00`. */
export type InstantIso = string;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class CivilTimeError extends Error {
  constructor(
    readonly code: 'CIVIL_DATE_INVALID' | 'LOCAL_TIME_INVALID' | 'INSTANT_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'CivilTimeError';
  }
}

function parseCivilDate(date: CivilDate): { year: number; month: number; day: number } {
  const match = CIVIL_DATE.exec(date);
  if (!match) throw new CivilTimeError('CIVIL_DATE_INVALID', `ngày "${date}" không đúng dạng YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new CivilTimeError('CIVIL_DATE_INVALID', `ngày ${pad(day)}/${pad(month)}/${year} không tồn tại`);
  }
  return { year, month, day };
}

function parseLocalTime(time: string): { hour: number; minute: number; second: number } {
  const match = LOCAL_TIME.exec(time);
  const [hour, minute, second] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3] ?? 0)];
  if (!match || hour > 23 || minute > 59 || second > 59) {
    throw new CivilTimeError('LOCAL_TIME_INVALID', `giờ "${time}" không đúng dạng HH:mm hoặc HH:mm:ss`);
  }
  return { hour, minute, second };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Milliseconds since the epoch of a wall-clock moment in Vietnam. Throws `CivilTimeError` on a date that does not exist. */
export function vietnamEpochMs(date: CivilDate, time = '00:00'): number {
  const { year, month, day } = parseCivilDate(date);
  const { hour, minute, second } = parseLocalTime(time);
  return Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS;
}

/** The instant of a wall-clock moment in Vietnam, as `YYYY-MM-DDTHH:mm:ss+07:00`. */
export function vietnamInstant(date: CivilDate, time = '00:00'): InstantIso {
  return formatVietnamInstant(vietnamEpochMs(date, time));
}

/** Formats epoch milliseconds as Vietnamese wall-clock time with its offset (seconds precision). */
export function formatVietnamInstant(epochMs: number): InstantIso {
  const local = new Date(epochMs + OFFSET_MS);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}${VIETNAM_UTC_OFFSET}`;
}

/** The civil date in Vietnam at an instant. */
export function vietnamCivilDate(epochMs: number): CivilDate {
  return formatVietnamInstant(epochMs).slice(0, 10);
}

/** Parses an ISO instant that carries an explicit offset; a bare local time is rejected because it is ambiguous. */
export function parseInstant(iso: InstantIso): number {
  const ms = ISO_WITH_OFFSET.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CivilTimeError(
      'INSTANT_INVALID',
      `thời điểm "${iso}" phải có dạng ISO-8601 kèm múi giờ, ví dụ ${vietnamInstant('2025-05-31', '17:00')}`,
    );
  }
  return ms;
}

/** A civil date as Vietnamese officials write it: `31/05/2025`. */
export function formatCivilDate(date: CivilDate): string {
  const { year, month, day } = parseCivilDate(date);
  return `${pad(day)}/${pad(month)}/${year}`;
}
