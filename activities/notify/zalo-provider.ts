/** One Zalo message: to a phone number (ZNS template) or, for the OA provider, to the follower behind it. */
export interface ZaloMessage {
  /** `84912345678`. */
  phone: string;
  /** Derived from the delivery key (delivery-keys.ts): a resend carries the same `tracking_id`. */
  trackingId: string;
  /** The plan's approved ZNS template for this kind; required by the ZNS provider. */
  templateId: string | undefined;
  templateData: Record<string, string>;
  /** The message as plain Vietnamese text, for the OA provider. */
  text: string;
}

/** Zalo's answer, raw: the caller classifies it (domain/notify/zalo-error-policy.ts) and logs the code. */
export type ZaloAnswer =
  | { ok: true; msgId: string; remainingQuota: number | undefined }
  | { ok: false; httpStatus: number; errorCode: number | undefined; message: string | undefined };

export interface ZaloReceipt {
  status: 'received' | 'seen' | 'unknown';
  /** When the phone received it (ISO). */
  at: string | undefined;
}

/**
 * Sends Zalo messages. Implementations: ZNS template messages to a phone number, and Official Account messages to a
 * follower. `send` refreshes the access token once when Zalo refuses it (−124) and sends again; it throws only for
 * a network failure or a timeout (transient: the activity retries with the same tracking_id).
 */
export interface ZaloProvider {
  readonly kind: 'zns' | 'oa';
  send(message: ZaloMessage): Promise<ZaloAnswer>;
  /** Asks Zalo whether a sent message reached the phone (the status endpoint). */
  receipt(msgId: string, phone: string): Promise<ZaloReceipt>;
}

/** The token refresh failed for good (a used or expired refresh token): an operator must grant access again. */
export class ZaloTokenRevokedError extends Error {
  constructor(readonly code: string) {
    super(`ZALO_TOKEN_REVOKED: Zalo không cấp token mới (${code}); cần cấp quyền lại cho ứng dụng trong Zalo OA`);
    this.name = 'ZaloTokenRevokedError';
  }
}
