import {
  formatCivilDate,
  formatVietnamInstant,
  parseInstant,
  type CivilDate,
  type InstantIso,
} from '../../domain/civil-time';

/**
 * The place and date line of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6): "Cao Bằng,
 * ngày 05 tháng 02 năm 2026" — days below 10 and months below 3 written with a leading zero.
 */
export function documentDateLine(place: string, date: CivilDate): string {
  const [year, month, day] = [date.slice(0, 4), Number(date.slice(5, 7)), date.slice(8, 10)];
  return `${place}, ngày ${day} tháng ${month < 3 ? `0${month}` : month} năm ${year}`;
}

/**
 * The place name a document issued by this body is dated at: the province or district named in it ("UBND tỉnh Cao
 * Bằng" → "Cao Bằng"), or undefined when the name has none.
 */
export function placeOfIssuer(issuer: string): string | undefined {
  const match = /(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường)\s+([^,;()]+?)\s*$/iu.exec(issuer.trim());
  return match?.[1];
}

/** An instant as people read it in Vietnam: `20/09/2032 10:00`. */
export function formatInstantVi(at: InstantIso): string {
  const local = formatVietnamInstant(parseInstant(at));
  return `${formatCivilDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/**
 * A civil date as a spreadsheet date: spreadsheets have no time zone, so the day is written as midnight UTC and
 * shown with a `dd/mm/yyyy` format, whatever the reader's zone.
 */
export function spreadsheetDate(date: CivilDate): Date {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));
}
