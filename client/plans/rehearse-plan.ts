import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { NotificationRequest, NotificationResult } from '../../activities/notify/send-notification';
import type { Database } from '../../db/schema';
import { formatVietnamInstant, parseInstant } from '../../domain/civil-time';
import { planCycleWorkflowId, unitMilestoneWorkflowId } from '../../domain/ids';
import type { Rollup } from '../../domain/obligation/rollup';
import type { ResolvedPlan } from '../../domain/plan/resolved-plan';
import { resolveTestServerWrapper } from '../../runtime/tools';
import { createWorker } from '../../worker/create-worker';
import { planCycleWorkflow } from '../../workflows/plan-cycle';
import type { unitMilestoneWorkflow } from '../../workflows/unit-milestone';

export interface RehearsalNotice {
  at: string;
  kind: NotificationRequest['kind'];
  milestone: string;
  unitCode: string;
  unitName: string;
  role: NotificationRequest['recipient']['role'];
  to: string;
  channels: string;
}

export interface Rehearsal {
  /** When the rehearsal's clock started, if not now: a plan whose first milestone has passed runs from that day. */
  clockStartedAt?: string;
  notices: RehearsalNotice[];
  rollups: Array<{ milestone: string; rollup: Rollup }>;
  /** How long the rehearsal took on the wall clock. */
  wallMs: number;
}

/**
 * Runs a whole plan on Temporal's time-skipping test server, in this process, as if nobody ever reported: every
 * notice that would be sent (to whom, on which channel, when), every escalation, and each milestone's roll-up — in
 * seconds, before the real start. The unit tree and contacts are read from the database; nothing is written to it
 * and nothing is sent (the senders and the projections are replaced by recorders). A plan whose first milestone has
 * already opened (the seeds of 2021–2025) is rehearsed from that opening, on a server whose clock starts there, so
 * its timeline is the one it was written for rather than everything overdue at once.
 */
export async function rehearsePlan(db: Kysely<Database>, plan: ResolvedPlan): Promise<Rehearsal> {
  const started = performance.now();
  // Errors only: the Rust core warns at every worker start that the test server lacks a capability, and it writes to
  // stdout, where `dondoc plan rehearse --json` writes its answer.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { console: {}, filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const wrapper = resolveTestServerWrapper();
  const firstOpening = Math.min(...plan.milestones.map((milestone) => parseInstant(milestone.opensAt)));
  // Our launcher (tools/test-server) can start the server's clock at an instant; the SDK's download cannot.
  const clockStartedAt = wrapper && firstOpening < Date.now() ? formatVietnamInstant(firstOpening - 60_000) : undefined;
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: wrapper ? { type: 'existing-path', path: wrapper } : { type: 'cached-download' },
      ...(clockStartedAt
        ? { extraArgs: [`--initial-time=${new Date(parseInstant(clockStartedAt)).toISOString()}`] }
        : {}),
    },
  });
  const notices: RehearsalNotice[] = [];
  const sendNotification = (request: NotificationRequest): Promise<NotificationResult> => {
    notices.push({
      at: request.now,
      kind: request.kind,
      milestone: request.milestone.id,
      unitCode: request.recipient.unitCode,
      unitName: request.recipient.unitName,
      role: request.recipient.role,
      to: [request.recipient.name, request.recipient.email, request.recipient.phone].filter(Boolean).join(' · '),
      channels: request.channels.join(', '),
    });
    return Promise.resolve({ deliveries: request.channels.map((channel) => ({ channel, status: 'sent' as const })) });
  };
  const nothing = () => Promise.resolve();
  try {
    const taskQueue = `rehearsal-${randomUUID()}`;
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      dependencies: { db },
      // Only what reads stays real: the tree, the contacts, the calendar. What writes or sends is a recorder.
      activityOverrides: {
        sendNotification,
        recordObligation: nothing,
        recordSubmission: nothing,
        recordEscalation: nothing,
        recordRollup: nothing,
        recordAudit: nothing,
        recordTimelineEvent: () => Promise.resolve({ eventId: 'rehearsal' }),
      },
    });
    const rollups: Rehearsal['rollups'] = [];
    await worker.runUntil(async () => {
      const cycle = await env.client.workflow.start(planCycleWorkflow, {
        workflowId: planCycleWorkflowId(plan.code),
        taskQueue,
        args: [{ version: 1, planVersion: 0, plan, opened: [] }],
      });
      await cycle.result();
      for (const milestone of plan.milestones) {
        const root = env.client.workflow.getHandle<typeof unitMilestoneWorkflow>(
          unitMilestoneWorkflowId(plan.code, milestone.id, plan.owner.unit),
        );
        rollups.push({ milestone: milestone.id, rollup: (await root.result()).rollup });
      }
    });
    notices.sort(
      (a, b) => a.at.localeCompare(b.at) || a.unitCode.localeCompare(b.unitCode) || a.role.localeCompare(b.role),
    );
    return {
      ...(clockStartedAt ? { clockStartedAt } : {}),
      notices,
      rollups,
      wallMs: Math.round(performance.now() - started),
    };
  } finally {
    await env.teardown();
  }
}
