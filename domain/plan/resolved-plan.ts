import type { CivilDate, InstantIso } from '../civil-time';
import type { DeadlineReading } from './time-phrases';
import type { Offset } from './offset-phrases';
import type { Channel, MilestoneKind, NominationForm, PlanFile, Recipient } from './plan-schema';

/**
 * A plan with every phrase turned into exact dates and instants in Asia/Ho_Chi_Minh: what workflows run on and what
 * `dondoc plan validate` prints. Plain JSON (it crosses workflow boundaries); `version` guards its shape.
 */
export interface ResolvedPlan {
  version: 1;
  code: string;
  title: string;
  issuer: string;
  signer?: { name: string; title?: string };
  issued?: string;
  period: { from: number; to: number };
  basis?: string;
  deadlineReading: DeadlineReading;
  owner: { unit: string; name: string };
  scope: PlanFile['scope'];
  reminderPolicy: { before: Array<Offset & { text: string }>; channels: Channel[] };
  escalationPolicy: Array<{ after: Offset & { text: string }; notify: Recipient[] }>;
  amendable: boolean;
  milestones: ResolvedMilestone[];
}

export interface ResolvedMilestone {
  /** Unique in the plan: the file's id, with the year appended for each occurrence of a yearly milestone. */
  id: string;
  kind: MilestoneKind;
  title: string;
  lead?: string;
  /** The plan's own words, kept to show beside the dates. */
  when: string;
  opensOn: CivilDate;
  closesOn: CivilDate;
  opensAt: InstantIso;
  /** The day of the event itself (a Hội nghị "dịp 11/6"), when the plan names one. */
  eventOn?: CivilDate;
  reports: ResolvedReport[];
}

export interface ResolvedReport {
  id: string;
  title: string;
  text: boolean;
  fields: Array<{ id: string; label: string; type: string; required: boolean }>;
  nominations?: { forms: NominationForm[]; quota?: number; fields?: Array<{ name: string; lead?: string }> };
  /** The phrase the top level's deadline came from, or undefined when it is the milestone's end. */
  due?: string;
  /** One deadline per reporting level, from the top (reporting to the owner) down. */
  levels: ResolvedLevelDeadline[];
}

export interface ResolvedLevelDeadline {
  level: string;
  /** The last civil day on time (after Bộ luật Dân sự 2015 Điều 148, when the named day was a day off). */
  lastDay: CivilDate;
  /** When the deadline passes: 24:00 of `lastDay` in Vietnam (Bộ luật Dân sự 2015 Điều 148 khoản 6). */
  dueAt: InstantIso;
  /** The day the plan named, and why it moved, when Điều 148 moved it. */
  moved?: { from: CivilDate; reason: string };
  reminders: Array<{ offset: string; at: InstantIso }>;
  escalations: Array<{ step: number; after: string; at: InstantIso; notify: Recipient[] }>;
}
