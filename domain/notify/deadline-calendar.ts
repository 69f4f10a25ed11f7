import { parseInstant } from '../civil-time';
import type { NotificationRequest } from './notification-request';
import { describeDeadline } from './vietnamese-date';

/**
 * Kinds whose email carries the deadline as an `.ics` event: the ones that ask the unit to act before a date, and
 * the cancellation, whose event (METHOD:CANCEL, same UID) removes the deadline from the recipient's calendar.
 */
export const KINDS_WITH_CALENDAR = new Set(['assignment', 'reminder', 'due-today', 'extension', 'cancellation']);

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = new TextEncoder().encode(char).length;
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function basicDate(date: string): string {
  return date.replaceAll('-', '');
}

function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * The deadline as an all-day iCalendar event on its last day, with a reminder the day before. The UID is the
 * obligation's (plan, milestone, report, unit), not the message's, so the event of an extension replaces the first
 * one in the recipient's calendar (a higher SEQUENCE). DTSTAMP is the workflow's `now`: the same request always
 * yields the same bytes.
 */
export function deadlineCalendar(request: NotificationRequest): string | undefined {
  if (!request.dueAt || !KINDS_WITH_CALENDAR.has(request.kind)) return undefined;
  const deadline = describeDeadline(request.dueAt);
  const dayAfter = new Date(Date.parse(`${deadline.lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const obligation = [request.plan.code, request.milestone.id, request.report?.id ?? '', request.recipient.unitCode]
    .join('/')
    .replace(/[^A-Za-z0-9./_-]/g, '-');
  const report = request.report?.title ?? request.milestone.title;
  const cancelled = request.kind === 'cancellation';
  // An extension or a cancellation supersedes the events sent before it: a higher SEQUENCE of the same UID.
  const sequence = request.kind === 'extension' || cancelled ? Number(request.extra?.sequence ?? 1) : 0;
  const description = [
    `Kế hoạch số ${request.plan.code} của ${request.plan.issuer}: ${request.plan.title}`,
    `Hạn nộp: ${deadline.phrase}`,
    ...(request.submissionLink ? [`Nộp báo cáo: ${request.submissionLink}`] : []),
  ].join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Don doc//Nhac han bao cao//VI',
    'CALSCALE:GREGORIAN',
    cancelled ? 'METHOD:CANCEL' : 'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${obligation}@dondoc`,
    `SEQUENCE:${Number.isInteger(sequence) ? sequence : 1}`,
    `DTSTAMP:${utcStamp(parseInstant(request.now))}`,
    `DTSTART;VALUE=DATE:${basicDate(deadline.lastDay)}`,
    `DTEND;VALUE=DATE:${basicDate(dayAfter)}`,
    `SUMMARY:${icsText(`Hạn nộp ${report} (${request.recipient.unitName})`)}`,
    `DESCRIPTION:${icsText(description)}`,
    ...(request.submissionLink ? [`URL:${request.submissionLink}`] : []),
    ...(cancelled ? ['STATUS:CANCELLED'] : []),
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${icsText(`Ngày mai là hạn nộp ${report}`)}`,
    'TRIGGER:-P1D',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
