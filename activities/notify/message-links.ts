import { createHash } from 'node:crypto';
import type { NotificationRequest } from '../../domain/notify/notification-request';
import { reporterLinkExpiry, signReporterLink } from '../links/reporter-link';
import type { LinkOptions } from './notify-dependencies';

/** The unit's own people, who submit; everyone else (the parent's head, the owner, the leaders) watches. */
const SUBMITTING_ROLES = new Set(['reporter', 'head']);

/**
 * The link a message carries, when its caller did not give one: for the unit's reporter and head, its submission
 * page `…/nop/{token}` with a reporter's link signed here (the key never enters a workflow's history), valid until
 * LINK_DAYS_AFTER_CLOSE days after the report closes; for the people above, the leaders' view of the milestone
 * `…/theo-doi/{plan}/{milestone}`. The link id is derived from the notification's idempotency key, so a retried or
 * resent message carries the same link (and the same bytes), and revoking it revokes that message's link only.
 */
export function withMessageLink(request: NotificationRequest, links: LinkOptions | undefined): NotificationRequest {
  if (!links || request.submissionLink) return request;
  const { obligation } = request;
  if (obligation && SUBMITTING_ROLES.has(request.recipient.role)) {
    const { token } = signReporterLink(
      {
        obligationId: obligation.id,
        unitCode: obligation.unitCode,
        expiresAt: reporterLinkExpiry(obligation.closeAt, links.daysAfterClose),
        linkId: linkIdOf(request.idempotencyKey),
      },
      links.secret,
    );
    return { ...request, submissionLink: `${links.publicUrl}/nop/${token}` };
  }
  const view = `${links.publicUrl}/theo-doi/${encodeURIComponent(request.plan.code)}/${encodeURIComponent(request.milestone.id)}`;
  return { ...request, submissionLink: view };
}

/** A UUID-shaped id from the notification's key: the same message, the same link. */
function linkIdOf(idempotencyKey: string): string {
  const hex = createHash('sha256').update(idempotencyKey, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
