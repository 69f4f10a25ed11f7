import type { Kysely } from 'kysely';
import { verifyReporterLink } from '../../../activities/links/reporter-link';
import { findLinkRevocation } from '../../../db/reporter-link.repository';
import type { Database } from '../../../db/schema';
import { formatVietnamInstant } from '../../../domain/civil-time';
import { ApiError } from '../api-error';
import type { Principal } from './principal';

/**
 * The reporter a signed link speaks for: its signature checked, then its expiry, then the revocation list. Each
 * refusal is a 403 with its own code so the page can say what to do: LINK_INVALID (not a link of ours, or altered),
 * LINK_EXPIRED, LINK_REVOKED (ask the Sở Nội vụ for a new one).
 */
export async function reporterFromLink(
  db: Kysely<Database>,
  token: string,
  secret: string,
  nowMs: number,
): Promise<Extract<Principal, { role: 'reporter' }>> {
  const verified = verifyReporterLink(token, secret, nowMs);
  if (!verified.ok) {
    if (verified.reason === 'expired') {
      throw new ApiError(
        403,
        'LINK_EXPIRED',
        'liên kết nộp báo cáo đã hết hạn; hãy liên hệ Sở Nội vụ để nhận liên kết mới',
        'token',
      );
    }
    throw new ApiError(403, 'LINK_INVALID', 'liên kết nộp báo cáo không hợp lệ (bị sửa hoặc không đầy đủ)', 'token');
  }
  const revoked = await findLinkRevocation(db, verified.payload.linkId);
  if (revoked) {
    throw new ApiError(
      403,
      'LINK_REVOKED',
      `liên kết này đã bị thu hồi lúc ${formatVietnamInstant(revoked.revoked_at.getTime())}; hãy dùng liên kết mới nhất trong thư nhắc`,
      'token',
    );
  }
  return { role: 'reporter', link: verified.payload };
}
