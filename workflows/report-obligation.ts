import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { NotificationRequest } from '../activities/notify/send-notification';
import type { UnitContacts } from '../activities/plan-cycle/get-unit-contacts';
import {
  formatVietnamInstant,
  parseInstant,
  vietnamInstant,
  type CivilDate,
  type InstantIso,
} from '../domain/civil-time';
import { ownRollup, type ObligationOutcome, type Rollup } from '../domain/obligation/rollup';
import {
  isLate,
  receiptNumber,
  submissionProblem,
  type AcceptedSubmission,
  type SubmissionInput,
} from '../domain/obligation/submission';
import type { NoticePolicy } from '../domain/plan/deadline-schedule';
import type { Recipient } from '../domain/plan/plan-schema';
import type { ResolvedLevelDeadline, ResolvedMilestone, ResolvedReport } from '../domain/plan/resolved-plan';

type Activities = ReturnType<typeof createActivities>;

const {
  recordObligation,
  recordSubmission,
  recordEscalation,
  recordAudit,
  scheduleNewDeadline,
  findSuccessor,
  getUnitContacts,
} = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // 1s+2s+4s+…+1min: a database restart of several minutes is ridden out without failing the workflow.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const { sendNotification } = proxyActivities<Activities>({
  // One SMTP or Zalo call with the pool's queueing; permanent failures come back as results, not errors. It
  // heartbeats every 5 s: a worker that dies mid-send is retried 30 s after, not 2 minutes (its log leases, 40 s,
  // renewed with each heartbeat, are free by then).
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Everything an obligation needs to know, plain JSON from the UnitMilestone input. */
export interface ObligationContext {
  planCode: string;
  planVersion: number;
  plan: { code: string; title: string; issuer: string };
  owner: { unit: string; name: string };
  milestone: Pick<ResolvedMilestone, 'id' | 'title' | 'opensOn'>;
  report: ResolvedReport;
  level: number;
  schedule: ResolvedLevelDeadline;
  policy: NoticePolicy;
  unit: { id: string; code: string; name: string; validTo?: CivilDate | null };
  parentUnitCode: string | null;
  contacts: UnitContacts;
  parentContacts: UnitContacts;
  ownerContacts: UnitContacts;
}

export interface ObligationStatus {
  reportId: string;
  unitCode: string;
  state: 'open' | 'submitted' | 'overdue' | 'closed';
  outcome?: ObligationOutcome;
  dueAt: InstantIso;
  lastDay: CivilDate;
  closeAt: InstantIso;
  submissions: AcceptedSubmission[];
  extension?: { lastDay: CivilDate; actor: string; reason: string };
  exemption?: { actor: string; reason: string };
  cancellation?: CancellationInput;
  escalationStep: number;
  remindersSent: number;
}

export interface ExtensionInput {
  reportId: string;
  lastDay: CivilDate;
  actor: string;
  reason: string;
}

export interface ExemptionInput {
  reportId: string;
  actor: string;
  reason: string;
}

/** Who stopped the plan (or its milestone) and why: the units are told the reason. */
export interface CancellationInput {
  actor: string;
  reason: string;
}

/** A person's choice of the unit that takes over a report whose unit was split between several successors. */
export interface SuccessorAssignmentInput {
  reportId: string;
  unitCode: string;
  actor: string;
  reason: string;
}

/** What an amendment of the plan did to an obligation already running. */
export type AmendmentEffect = 'moved' | 'unchanged' | 'not-shortened' | 'closed';

const MAX_DEFERRALS = 20;

/**
 * One unit's report for one milestone, run inside its UnitMilestone workflow: the assignment notice at the start,
 * reminders before the deadline, the escalation ladder after it, until a submission, an exemption or the close.
 * A late submission is accepted and marked late; a second one replaces the first only before the deadline; the
 * deadline can be extended (the timers move) and the report exempted, each with actor and reason. The obligation
 * closes at the end of the day of its last escalation step (the day the parent can count it as missing).
 */
export class ReportObligation {
  private schedule: ResolvedLevelDeadline;
  private readonly submissions: AcceptedSubmission[] = [];
  private extension?: ExtensionInput;
  private exemption?: ExemptionInput;
  private cancellation?: CancellationInput;
  /** How many times the deadline event was superseded (extension, amendment, cancellation): the .ics SEQUENCE. */
  private revision = 0;
  private escalationStep = 0;
  private remindersSent = 0;
  /**
   * Whether a reminder whose time passed while the workflow was busy or its worker down is still sent (before the
   * deadline). Cycles started before this version skipped it (`patched('late-reminders-still-sent')`).
   */
  private lateRemindersSent = false;
  private closed = false;
  private outcome?: ObligationOutcome;
  /** Writes of the read model so far, and whether one has landed (a submission's row needs the obligation's). */
  private projections = 0;
  private projected = false;
  /** Bumped by every change a waiting timer must notice (submission, extension, exemption). */
  private changes = 0;
  private readonly pendingNotices: Array<() => Promise<void>> = [];
  /** The unit that now answers for the report: the unit itself, or its successor once it ended (the 2025 reform). */
  private assignee: { id: string; code: string; name: string };
  private contacts: UnitContacts;
  /** Who gets the "thủ trưởng cấp trên" step: the parent's head, or the owner's once the parent no longer stands above. */
  private parentContacts: UnitContacts;
  private transferChecked = false;
  /** The successors among which a person must choose (a unit split by the reform), until one is chosen. */
  private candidates: Array<{ id: string; code: string; name: string; parentCode: string | null }> = [];

  constructor(private readonly context: ObligationContext) {
    this.schedule = context.schedule;
    this.assignee = context.unit;
    this.contacts = context.contacts;
    this.parentContacts = context.parentContacts;
  }

  get reportId(): string {
    return this.context.report.id;
  }

  private get obligationId(): string {
    return `${workflowInfo().workflowId}#${this.reportId}`;
  }

  private get closeAt(): InstantIso {
    const last = this.schedule.escalations.at(-1)?.at ?? this.schedule.dueAt;
    // 24:00 of the day of the last escalation step.
    return vietnamInstant(formatVietnamInstant(parseInstant(last) + 24 * 3600 * 1000).slice(0, 10));
  }

  status(): ObligationStatus {
    const now = Date.now();
    const submitted = this.submissions.length > 0;
    return {
      reportId: this.reportId,
      unitCode: this.context.unit.code,
      state: this.closed
        ? 'closed'
        : submitted
          ? 'submitted'
          : now >= parseInstant(this.schedule.dueAt)
            ? 'overdue'
            : 'open',
      ...(this.outcome ? { outcome: this.outcome } : {}),
      dueAt: this.schedule.dueAt,
      lastDay: this.schedule.lastDay,
      closeAt: this.closeAt,
      submissions: [...this.submissions],
      ...(this.extension
        ? { extension: { lastDay: this.extension.lastDay, actor: this.extension.actor, reason: this.extension.reason } }
        : {}),
      ...(this.exemption ? { exemption: { actor: this.exemption.actor, reason: this.exemption.reason } } : {}),
      ...(this.cancellation ? { cancellation: { ...this.cancellation } } : {}),
      escalationStep: this.escalationStep,
      remindersSent: this.remindersSent,
    };
  }

  /** Why a submission would be refused now, or undefined. Pure: validators must not change state. */
  submissionProblem(input: SubmissionInput): string | undefined {
    const problem = submissionProblem(input, {
      unitCode: input.unitCode === this.assignee.code ? this.assignee.code : this.context.unit.code,
      milestoneId: this.context.milestone.id,
      report: this.context.report,
    });
    if (problem) return problem;
    if (this.exemption) return 'SUBMISSION_EXEMPT: đơn vị đã được miễn báo cáo này';
    if (this.cancellation) return 'SUBMISSION_CANCELLED: kế hoạch đã dừng thực hiện mốc này, không nhận báo cáo';
    if (this.closed) return 'SUBMISSION_CLOSED: báo cáo này đã đóng, không nhận thêm';
    if (this.submissions.length > 0 && Date.now() >= parseInstant(this.schedule.dueAt)) {
      return 'SUBMISSION_WINDOW_CLOSED: đã quá hạn nên không thể nộp thay báo cáo đã nộp';
    }
    return undefined;
  }

  /** Accepts a submission (validated first by `submissionProblem`): stores it, returns the receipt. */
  async submit(input: SubmissionInput): Promise<AcceptedSubmission> {
    const now = Date.now();
    const version = this.submissions.length + 1;
    const accepted: AcceptedSubmission = {
      ...input,
      version,
      receiptNumber: receiptNumber(this.context.unit.code, version, uuid4(), now),
      submittedAt: formatVietnamInstant(now),
      late: isLate(formatVietnamInstant(now), this.schedule.dueAt),
    };
    this.submissions.push(accepted);
    // A submission arriving before the obligation's first write landed (its parent still starting siblings, or the
    // write retried after a worker died) writes the obligation first: the submission's row refers to it.
    if (!this.projected && patched('record-obligation-before-submission')) await this.project();
    await recordSubmission({ obligationId: this.obligationId, submission: accepted });
    await this.project();
    this.pendingNotices.push(() =>
      this.notify('receipt', `receipt-v${version}`, ['reporter'], { receiptNumber: accepted.receiptNumber }),
    );
    // Wakes the main loop last, once the receipt is queued.
    this.changes++;
    return accepted;
  }

  extensionProblem(input: ExtensionInput): string | undefined {
    if (this.closed || this.exemption || this.cancellation) {
      return 'EXTENSION_CLOSED: báo cáo đã đóng, đã được miễn hoặc kế hoạch đã dừng';
    }
    if (this.submissions.length > 0) return 'EXTENSION_NOT_NEEDED: đơn vị đã nộp báo cáo';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.lastDay))
      return `EXTENSION_DATE_INVALID: ngày "${input.lastDay}" phải có dạng YYYY-MM-DD`;
    if (input.lastDay <= this.schedule.lastDay) {
      return `EXTENSION_NOT_LATER: hạn mới phải sau hạn hiện tại (${this.schedule.lastDay})`;
    }
    if (!input.actor.trim() || !input.reason.trim()) return 'EXTENSION_REASON_MISSING: cần người gia hạn và lý do';
    return undefined;
  }

  /** Moves the deadline (gia hạn): the new schedule from the working calendar, audit, notice to the unit. */
  async extend(input: ExtensionInput): Promise<ResolvedLevelDeadline> {
    const scheduled = await scheduleNewDeadline({
      lastDay: input.lastDay,
      opensOn: this.context.milestone.opensOn,
      policy: this.context.policy,
    });
    const before = this.schedule;
    this.schedule = { level: before.level, ...scheduled };
    this.restartReminders();
    this.extension = input;
    await recordAudit({
      key: `${this.obligationId}/extend/${input.lastDay}`,
      actor: input.actor,
      action: 'obligation.extend',
      entityType: 'obligation',
      entityId: this.obligationId,
      before: { lastDay: before.lastDay },
      after: { lastDay: this.schedule.lastDay },
      reason: input.reason,
    });
    await this.project();
    this.pendingNotices.push(() =>
      this.notify('extension', `extension-${this.schedule.lastDay}`, ['reporter', 'head'], {
        sequence: ++this.revision,
        reason: input.reason,
        previousDueAt: before.dueAt,
      }),
    );
    this.changes++;
    return this.schedule;
  }

  /**
   * Brings an amended plan's deadline to this running report: a later last day moves the timers like an extension
   * (audited, the unit told); an earlier one is not applied — a deadline already given to a unit is never shortened —
   * and the refusal is audited for the plan owner; a closed, submitted, exempted or cancelled report is left alone.
   */
  async amend(schedule: ResolvedLevelDeadline, planVersion: number): Promise<AmendmentEffect> {
    if (this.closed || this.exemption || this.cancellation || this.submissions.length > 0) return 'closed';
    if (schedule.lastDay === this.schedule.lastDay) return 'unchanged';
    const before = this.schedule;
    const reason = `Kế hoạch được điều chỉnh (phiên bản ${planVersion})`;
    if (schedule.lastDay < before.lastDay) {
      await recordAudit({
        key: `${this.obligationId}/amend-v${planVersion}`,
        actor: 'dondoc',
        action: 'obligation.amend-not-applied',
        entityType: 'obligation',
        entityId: this.obligationId,
        before: { lastDay: before.lastDay },
        after: { lastDay: schedule.lastDay },
        reason: `${reason}: không rút ngắn hạn đã giao cho đơn vị`,
      });
      return 'not-shortened';
    }
    this.schedule = { ...schedule, level: before.level };
    this.restartReminders();
    await recordAudit({
      key: `${this.obligationId}/amend-v${planVersion}`,
      actor: 'dondoc',
      action: 'obligation.amend',
      entityType: 'obligation',
      entityId: this.obligationId,
      before: { lastDay: before.lastDay },
      after: { lastDay: this.schedule.lastDay },
      reason,
    });
    await this.project();
    this.pendingNotices.push(() =>
      this.notify('extension', `amend-v${planVersion}-${this.schedule.lastDay}`, ['reporter', 'head'], {
        sequence: ++this.revision,
        reason,
        previousDueAt: before.dueAt,
      }),
    );
    this.changes++;
    return 'moved';
  }

  /**
   * Stops the report because its plan (or milestone) was cancelled: the timers end, the read model says
   * `cancelled` (a report already sent keeps its outcome), and a unit that still owed it is told, with the reason and
   * an .ics that withdraws the deadline from its calendar. Idempotent.
   */
  cancel(input: CancellationInput): void {
    if (this.closed || this.cancellation) return;
    this.cancellation = input;
    if (this.submissions.length === 0 && !this.exemption) {
      this.pendingNotices.push(() =>
        this.notify('cancellation', 'cancellation', ['reporter', 'head'], {
          sequence: ++this.revision,
          reason: input.reason,
        }),
      );
    }
    this.changes++;
  }

  exemptionProblem(input: ExemptionInput): string | undefined {
    if (this.closed || this.cancellation) return 'EXEMPTION_CLOSED: báo cáo đã đóng hoặc kế hoạch đã dừng';
    if (this.exemption) return 'EXEMPTION_DUPLICATE: đơn vị đã được miễn';
    if (this.submissions.length > 0) return 'EXEMPTION_NOT_NEEDED: đơn vị đã nộp báo cáo';
    if (!input.actor.trim() || !input.reason.trim())
      return 'EXEMPTION_REASON_MISSING: cần người quyết định miễn và lý do';
    return undefined;
  }

  async exempt(input: ExemptionInput): Promise<void> {
    this.exemption = input;
    await recordAudit({
      key: `${this.obligationId}/exempt`,
      actor: input.actor,
      action: 'obligation.exempt',
      entityType: 'obligation',
      entityId: this.obligationId,
      reason: input.reason,
    });
    await this.project();
    this.changes++;
  }

  /**
   * A new deadline brings its own reminders: each one still ahead is sent, even at an offset already used for the
   * old deadline (the unit hears "7 ngày làm việc" before the new date too). Before this version the offsets already
   * sent were skipped.
   */
  private restartReminders(): void {
    if (patched('reminders-restart-on-new-deadline')) {
      this.remindersSent = this.lateRemindersSent ? this.firstReminderAhead() : 0;
    }
  }

  /** The index of the schedule's first reminder still ahead (its length when none is). */
  private firstReminderAhead(): number {
    const now = Date.now();
    const index = this.schedule.reminders.findIndex((reminder) => parseInstant(reminder.at) > now);
    return index === -1 ? this.schedule.reminders.length : index;
  }

  /** Runs the obligation to its close and returns the unit's own roll-up. */
  async run(): Promise<{ outcome: ObligationOutcome; rollup: Rollup }> {
    this.lateRemindersSent = patched('late-reminders-still-sent');
    // Reminders already past when the report opens (a milestone opened late) are not sent in a burst.
    if (this.lateRemindersSent) this.remindersSent = this.firstReminderAhead();
    await this.project();
    await this.notify('assignment', 'assignment', ['reporter', 'head']);
    for (;;) {
      await this.flushNotices();
      if (this.isFinished()) break;
      const next = this.nextEvent();
      const seen = this.changes;
      const changed = await condition(
        () => this.changes !== seen || this.pendingNotices.length > 0,
        Math.max(1, parseInstant(next.at) - Date.now()),
      );
      if (changed) continue;
      await next.run();
    }
    // A handler still writing (an exemption at the last moment) finishes before the obligation closes.
    await condition(allHandlersFinished);
    await this.flushNotices();
    return this.close();
  }

  private isFinished(): boolean {
    if (this.exemption || this.cancellation) return true;
    const last = this.submissions.at(-1);
    // On time: finished once the deadline passes (until then the unit may replace it). Late: finished at once.
    if (last) return last.late || Date.now() >= parseInstant(this.schedule.dueAt);
    return Date.now() >= parseInstant(this.closeAt);
  }

  /** The next timed step: the unit's end (a transfer), an unsent reminder, the deadline, an escalation, the close. */
  private nextEvent(): { at: InstantIso; run: () => Promise<void> } {
    const scheduled = this.scheduledEvent();
    const endsAt = this.context.unit.validTo ? vietnamInstant(this.context.unit.validTo) : undefined;
    const transferPending = endsAt && !this.transferChecked && this.submissions.length === 0;
    if (
      transferPending &&
      parseInstant(endsAt) <= parseInstant(scheduled.at) &&
      parseInstant(endsAt) < parseInstant(this.closeAt)
    ) {
      return { at: endsAt, run: () => this.transfer(this.context.unit.validTo!) };
    }
    return scheduled;
  }

  private scheduledEvent(): { at: InstantIso; run: () => Promise<void> } {
    const now = Date.now();
    const dueMs = parseInstant(this.schedule.dueAt);
    if (this.submissions.length === 0) {
      // The next reminder in order; one whose time passed while the loop was busy goes out at once, until the
      // deadline. (Before `late-reminders-still-sent`: the next one still ahead, a late one skipped.)
      const reminder = this.lateRemindersSent
        ? now < dueMs
          ? this.schedule.reminders[this.remindersSent]
          : undefined
        : this.schedule.reminders.find((r, i) => i >= this.remindersSent && parseInstant(r.at) > now);
      const index = reminder ? this.schedule.reminders.indexOf(reminder) : -1;
      if (reminder && parseInstant(reminder.at) < dueMs) {
        return {
          at: reminder.at,
          run: async () => {
            this.remindersSent = index + 1;
            const dueToday = reminder.offset === 'sáng ngày hạn';
            await this.notify(
              dueToday ? 'due-today' : 'reminder',
              `reminder-${this.schedule.lastDay}-${index + 1}`,
              ['reporter'],
              {
                offset: reminder.offset,
              },
            );
          },
        };
      }
      if (now < dueMs) return { at: this.schedule.dueAt, run: () => this.project() };
      const step = this.schedule.escalations[this.escalationStep];
      if (step) return { at: step.at, run: () => this.escalate(step) };
    }
    return { at: this.submissions.length ? this.schedule.dueAt : this.closeAt, run: () => this.project() };
  }

  /**
   * The unit ended while its report was open: the report moves to its successor (its contacts get the notices from
   * now on, and a submission from it is accepted here); reports already submitted stay with the unit that sent them.
   * A unit split between several successors keeps the report, and the owner is told a person must choose.
   */
  private async transfer(endedOn: CivilDate): Promise<void> {
    this.transferChecked = true;
    if (this.submissions.length > 0 || this.exemption) return;
    const choice = await findSuccessor({ unitId: this.context.unit.id, date: endedOn });
    if (choice.outcome === 'none' && patched('dissolved-unit-exempt')) {
      // Dissolved with no successor (the districts of the 2025 reform): nobody is left to report, so the report is
      // exempted by the reform rather than counted missing; the unit's children still report through this node.
      this.exemption = {
        reportId: this.reportId,
        actor: 'dondoc',
        reason: `${this.context.unit.name} giải thể từ ${endedOn}, không có đơn vị kế thừa`,
      };
      await recordAudit({
        key: `${this.obligationId}/exempt`,
        actor: this.exemption.actor,
        action: 'obligation.exempt',
        entityType: 'obligation',
        entityId: this.obligationId,
        reason: this.exemption.reason,
      });
      await this.project();
      return;
    }
    if (choice.outcome !== 'successor') {
      if (choice.outcome === 'ambiguous') {
        this.candidates = choice.candidates;
        await recordAudit({
          key: `${this.obligationId}/transfer-ambiguous`,
          actor: 'dondoc',
          action: 'obligation.transfer-needed',
          entityType: 'obligation',
          entityId: this.obligationId,
          after: { candidates: choice.candidates.map((unit) => unit.code) },
          reason: `${this.context.unit.name} chia cho nhiều đơn vị kế thừa; cần chọn đơn vị chịu trách nhiệm báo cáo`,
        });
      }
      return;
    }
    await this.handOver(choice.unit, choice.parentCode, {
      actor: 'dondoc',
      kind: choice.kind,
      reason: `${this.assignee.name} hết hiệu lực từ ${endedOn}; ${choice.unit.name} kế thừa`,
    });
  }

  /** Why a person's choice of successor would be refused now, or undefined. Pure. */
  assignmentProblem(input: SuccessorAssignmentInput): string | undefined {
    if (this.closed || this.exemption || this.cancellation || this.submissions.length > 0) {
      return 'ASSIGN_CLOSED: báo cáo đã nộp, đã đóng, đã được miễn hoặc kế hoạch đã dừng';
    }
    if (this.candidates.length === 0) {
      return `ASSIGN_NOT_NEEDED: ${this.context.unit.name} không chia cho nhiều đơn vị kế thừa, không cần chọn`;
    }
    if (!this.candidates.some((unit) => unit.code === input.unitCode)) {
      const choices = this.candidates.map((unit) => `${unit.code} (${unit.name})`).join(', ');
      return `ASSIGN_NOT_A_SUCCESSOR: ${input.unitCode} không kế thừa ${this.context.unit.name}; chọn một trong: ${choices}`;
    }
    if (!input.actor.trim() || !input.reason.trim()) return 'ASSIGN_REASON_MISSING: cần người quyết định và lý do';
    return undefined;
  }

  /** Gives the report to the successor a person chose (validated by `assignmentProblem`). */
  async assign(input: SuccessorAssignmentInput): Promise<{ unitCode: string }> {
    const unit = this.candidates.find((candidate) => candidate.code === input.unitCode)!;
    this.candidates = [];
    await this.handOver(unit, unit.parentCode, { actor: input.actor, kind: 'partial', reason: input.reason });
    this.changes++;
    return { unitCode: unit.code };
  }

  /**
   * The report moves to a successor: its people get the notices from now on (and a submission from it is accepted),
   * audited with who decided and why. When the successor no longer stands under the same parent (a dissolved
   * district's communes stand under the province), it answers to the plan owner directly, so the parent step of the
   * ladder goes there.
   */
  private async handOver(
    unit: { id: string; code: string; name: string },
    parentCode: string | null,
    why: { actor: string; kind: 'full' | 'partial'; reason: string },
  ): Promise<void> {
    const from = this.assignee;
    this.assignee = { id: unit.id, code: unit.code, name: unit.name };
    this.contacts = await getUnitContacts({ unitId: unit.id });
    if (parentCode !== this.context.parentUnitCode) this.parentContacts = this.context.ownerContacts;
    await recordAudit({
      key: `${this.obligationId}/transfer/${unit.code}`,
      actor: why.actor,
      action: 'obligation.transfer',
      entityType: 'obligation',
      entityId: this.obligationId,
      before: { unit: from.code },
      after: { unit: unit.code, kind: why.kind },
      reason: why.reason,
    });
    await this.project();
    await this.notify('assignment', `transfer-${unit.code}`, ['reporter', 'head']);
  }

  private async escalate(step: ResolvedLevelDeadline['escalations'][number]): Promise<void> {
    this.escalationStep = step.step;
    const roles = step.notify.flatMap((recipient) => RECIPIENT_ROLES[recipient]);
    await recordEscalation({
      obligationId: this.obligationId,
      step: step.step,
      at: formatVietnamInstant(Date.now()),
      notified: step.notify,
    });
    await this.project();
    await this.notify(
      step.step === 1 ? 'overdue' : 'escalation',
      `escalation-${this.schedule.lastDay}-${step.step}`,
      roles,
      {
        escalationStep: step.step,
      },
    );
  }

  private async close(): Promise<{ outcome: ObligationOutcome; rollup: Rollup }> {
    const last = this.submissions.at(-1);
    this.outcome = this.exemption
      ? 'exempt'
      : last
        ? last.late
          ? 'late'
          : 'on-time'
        : this.cancellation
          ? 'cancelled'
          : 'missing';
    this.closed = true;
    await this.project();
    return {
      outcome: this.outcome,
      rollup: ownRollup(this.outcome, this.extension !== undefined, last?.nominations ?? []),
    };
  }

  private async flushNotices(): Promise<void> {
    while (this.pendingNotices.length > 0) await this.pendingNotices.shift()!();
  }

  /** Writes the obligation's read model. */
  private async project(): Promise<void> {
    const last = this.submissions.at(-1);
    const status = this.status();
    const sequence = ++this.projections;
    await recordObligation({
      id: this.obligationId,
      workflow_id: workflowInfo().workflowId,
      plan_code: this.context.planCode,
      plan_version: this.context.planVersion,
      milestone_id: this.context.milestone.id,
      report_id: this.reportId,
      unit_id: this.context.unit.id,
      unit_code: this.context.unit.code,
      unit_name: this.context.unit.name,
      parent_unit_code: this.context.parentUnitCode,
      // By identity: the 2025 reform gave some new communes the code of one of the old ones they absorbed.
      assigned_unit_code: this.assignee.id === this.context.unit.id ? null : this.assignee.code,
      level: this.context.level,
      due_at: this.schedule.dueAt,
      original_due_at: this.context.schedule.dueAt,
      status: this.outcome ?? (status.state === 'closed' ? 'missing' : status.state),
      submitted_at: last?.submittedAt ?? null,
      submission_version: this.submissions.length,
      extended_by: this.extension?.actor ?? null,
      extension_reason: this.extension?.reason ?? null,
      exempted_by: this.exemption?.actor ?? null,
      exemption_reason: this.exemption?.reason ?? null,
      escalation_step: this.escalationStep,
      projection_seq: sequence,
    });
    this.projected = true;
  }

  /**
   * Sends one notice to the given roles' contacts; a channel deferred by quiet hours or quota is retried then. Since
   * `notify-recipients-together` the roles' sends run at once (a unit's reporter and head in one round trip instead
   * of two); before, one after the other.
   */
  private async notify(
    kind: NotificationRequest['kind'],
    step: string,
    roles: Array<NotificationRequest['recipient']['role']>,
    extra: Record<string, string | number> = {},
  ): Promise<void> {
    if (patched('notify-recipients-together')) {
      await Promise.all(roles.map((role) => this.notifyRole(kind, step, role, extra)));
      return;
    }
    for (const role of roles) await this.notifyRole(kind, step, role, extra);
  }

  /** One role's notice; the channels deferred are sent again when the provider said to retry. */
  private async notifyRole(
    kind: NotificationRequest['kind'],
    step: string,
    role: NotificationRequest['recipient']['role'],
    extra: Record<string, string | number>,
  ): Promise<void> {
    const { context } = this;
    const contact =
      role === 'reporter'
        ? this.contacts.reporter
        : role === 'head'
          ? this.contacts.head
          : role === 'parent-head'
            ? this.parentContacts.head
            : role === 'owner' || role === 'leader'
              ? context.ownerContacts.head
              : undefined;
    if (!contact) return;
    let channels = context.policy.reminderPolicy.channels;
    for (let attempt = 0; attempt < MAX_DEFERRALS && channels.length > 0; attempt++) {
      const result = await sendNotification({
        idempotencyKey: `${workflowInfo().workflowId}/${this.reportId}/${step}/${role}`,
        kind,
        recipient: {
          role,
          name: contact.name,
          email: contact.email,
          phone: contact.phone,
          // The unit's own people speak for its successor once it took the report over.
          unitCode: role === 'reporter' || role === 'head' ? this.assignee.code : context.unit.code,
          unitName: role === 'reporter' || role === 'head' ? this.assignee.name : context.unit.name,
        },
        channels,
        plan: context.plan,
        milestone: { id: context.milestone.id, title: context.milestone.title },
        report: { id: this.reportId, title: context.report.title },
        dueAt: this.schedule.dueAt,
        // The activity turns this into the unit's signed link, or the leaders' view for the people above.
        obligation: { id: this.obligationId, unitCode: this.assignee.code, closeAt: this.closeAt },
        extra,
        now: formatVietnamInstant(Date.now()),
      });
      const deferred = result.deliveries.filter((delivery) => delivery.status === 'deferred');
      if (deferred.length === 0) break;
      const retryAt = Math.min(
        ...deferred.map((delivery) => (delivery.retryAt ? parseInstant(delivery.retryAt) : Date.now() + 3600_000)),
      );
      channels = deferred.map((delivery) => delivery.channel);
      await sleep(Math.max(1000, retryAt - Date.now()));
    }
  }
}

/** Who each plan recipient word means, as notification roles. */
const RECIPIENT_ROLES: Record<Recipient, Array<NotificationRequest['recipient']['role']>> = {
  'người báo cáo': ['reporter'],
  'thủ trưởng đơn vị': ['head'],
  'thủ trưởng cấp trên': ['parent-head'],
  'cơ quan chủ trì': ['owner'],
  'bản tin lãnh đạo': ['leader'],
};
