import { CivilTimeError, formatCivilDate, type CivilDate } from '../civil-time';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VIETNAMESE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * Reads a date as people type it: `31/05/2025`, `1/7/2025`, `31-05-2025`, `31.05.2025` (day first, as officials
 * write) or `2025-05-31`. Returns the civil date, or a Vietnamese reason when the text is not a date or the day does
 * not exist (`30/02/2025`).
 */
export function parseUserDate(text: string): { date: CivilDate } | { error: string } {
  const trimmed = text.trim();
  const iso = ISO.exec(trimmed);
  const vietnamese = VIETNAMESE.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : vietnamese ? [vietnamese[3], vietnamese[2], vietnamese[1]] : undefined;
  if (!parts) return { error: `"${text}" không phải là ngày (viết dd/mm/yyyy, ví dụ 01/07/2025)` };
  const date = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  try {
    formatCivilDate(date);
  } catch (error) {
    if (error instanceof CivilTimeError) return { error: error.message };
    throw error;
  }
  return { date };
}
