import { normalizePhrase } from './time-phrases';

/**
 * A distance from a deadline, as the plan writes it: "7 ngày làm việc", "3 ngày", "1 tuần", "sáng ngày hạn".
 * Reminders count it back from the deadline, escalations forward from it.
 */
export interface Offset {
  amount: number;
  unit: 'working-day' | 'day' | 'week';
}

export class OffsetPhraseError extends Error {
  constructor(readonly phrase: string) {
    super(
      `PLAN_OFFSET_UNREADABLE: "${phrase}" không đọc được; viết "N ngày làm việc", "N ngày", "N tuần" hoặc "sáng ngày hạn"`,
    );
    this.name = 'OffsetPhraseError';
  }
}

/** Reads an offset phrase; throws `OffsetPhraseError` for anything else. */
export function readOffset(phrase: string): Offset {
  const normalized = normalizePhrase(phrase);
  if (/^(?:sáng )?(?:ngày hạn|đúng hạn)$/.test(normalized)) return { amount: 0, unit: 'day' };
  const match = /^(\d{1,3}) (ngày làm việc|ngày|tuần)$/.exec(normalized);
  if (!match) throw new OffsetPhraseError(phrase);
  const unit = match[2] === 'ngày làm việc' ? 'working-day' : match[2] === 'tuần' ? 'week' : 'day';
  return { amount: Number(match[1]), unit };
}

/** "7 ngày làm việc", "sáng ngày hạn": how an offset is printed back to people. */
export function describeOffset(offset: Offset): string {
  if (offset.amount === 0) return 'sáng ngày hạn';
  return `${offset.amount} ${offset.unit === 'working-day' ? 'ngày làm việc' : offset.unit === 'week' ? 'tuần' : 'ngày'}`;
}
