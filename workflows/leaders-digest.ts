import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { formatVietnamInstant } from '../domain/civil-time';

export interface LeadersDigestInput {
  version: 1;
  planCode: string;
}

export interface LeadersDigestResult {
  overdue: number;
  sent: boolean;
}

const { buildOverdueDigest, sendNotification } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * The leaders' daily overdue digest of one plan, started each morning by the Temporal Schedule `digest/{plan}`:
 * reads who is late from the read model and, when anyone is, sends one digest to the plan owner's head. Keyed by
 * plan and day, so a schedule catching up after an outage, or a retried run, never sends the same day twice.
 */
export async function leadersDigestWorkflow(input: LeadersDigestInput): Promise<LeadersDigestResult> {
  const now = formatVietnamInstant(Date.now());
  const digest = await buildOverdueDigest({ planCode: input.planCode, now });
  const head = digest.owner.head;
  if (digest.rows.length === 0 || !head) return { overdue: digest.rows.length, sent: false };
  await sendNotification({
    idempotencyKey: `digest/${input.planCode}/${now.slice(0, 10)}`,
    kind: 'digest',
    recipient: {
      role: 'leader',
      name: head.name,
      email: head.email,
      phone: head.phone,
      unitCode: digest.owner.unitCode,
      unitName: digest.owner.unitName,
    },
    channels: ['email'],
    plan: digest.plan,
    milestone: { id: digest.rows[0]!.milestoneId, title: digest.rows[0]!.milestoneId },
    report: { id: 'qua-han', title: 'các báo cáo quá hạn' },
    extra: {
      overdue: digest.rows.length,
      rows: JSON.stringify(
        digest.rows.map((row) => ({
          unitName: `${row.unitName} (${row.unitCode})`,
          status: `quá hạn ${row.daysLate} ngày`,
          note: `mốc ${row.milestoneId}${row.escalationStep ? `, đã leo thang bậc ${row.escalationStep}` : ''}`,
        })),
      ),
      scheduledBy: workflowInfo().workflowId,
    },
    now,
  });
  return { overdue: digest.rows.length, sent: true };
}
