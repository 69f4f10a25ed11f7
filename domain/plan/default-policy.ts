import type { Channel, Recipient } from './plan-schema';

/**
 * What a plan that says nothing about reminders gets: reminders 7, 3 and 1 working days before the deadline and on
 * its morning, by email and Zalo; then the escalation ladder — the unit's reporter and head one working day late,
 * the parent unit's head at three, the owner and the leaders' digest at five.
 */
export const DEFAULT_REMINDERS: { before: string[]; channels: Channel[] } = {
  before: ['7 ngày làm việc', '3 ngày làm việc', '1 ngày làm việc', 'sáng ngày hạn'],
  channels: ['email', 'zalo'],
};

export const DEFAULT_ESCALATION: Array<{ after: string; notify: Recipient[] }> = [
  { after: '1 ngày làm việc', notify: ['người báo cáo', 'thủ trưởng đơn vị'] },
  { after: '3 ngày làm việc', notify: ['thủ trưởng cấp trên'] },
  { after: '5 ngày làm việc', notify: ['cơ quan chủ trì', 'bản tin lãnh đạo'] },
];

/** Levels below the first report this long before the level above when the plan names no dates for them. */
export const DEFAULT_CASCADE_GAP = '2 ngày làm việc';

/** Reminders and escalations are sent at 08:00, the start of the office day. */
export const NOTICE_TIME = '08:00';
