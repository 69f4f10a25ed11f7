import { zaloErrorCode, zaloFailure, zaloFetch } from './zalo-http';
import type { ZaloAnswer, ZaloMessage, ZaloProvider, ZaloReceipt } from './zalo-provider';
import type { ZaloTokenStore } from './zalo-token-store';

export interface ZnsOptions {
  /** `https://business.openapi.zalo.me`. */
  apiBaseUrl: string;
  tokens: ZaloTokenStore;
  timeoutMs: number;
}

/** Sends once with `token`; a refusal of the token is reported as `-124` for the caller to refresh. */
async function post(options: ZnsOptions, token: string, message: ZaloMessage): Promise<ZaloAnswer> {
  const answer = await zaloFetch(
    `${options.apiBaseUrl}/message/template`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', access_token: token },
      body: JSON.stringify({
        phone: message.phone,
        template_id: message.templateId,
        template_data: message.templateData,
        tracking_id: message.trackingId,
      }),
    },
    options.timeoutMs,
  );
  const code = zaloErrorCode(answer.body);
  const data = answer.body?.data as { msg_id?: unknown; quota?: { remainingQuota?: unknown } } | undefined;
  if (answer.status < 300 && code === 0 && typeof data?.msg_id === 'string') {
    const remaining = Number(data.quota?.remainingQuota);
    return { ok: true, msgId: data.msg_id, remainingQuota: Number.isFinite(remaining) ? remaining : undefined };
  }
  return zaloFailure(answer, code);
}

/**
 * ZNS: template messages to a phone number (`POST /message/template`, header `access_token`, body `phone` as 84…,
 * `template_id`, `template_data`, `tracking_id`). The templates are a plan's, pre-approved by Zalo. On −124 the
 * token is refreshed once and the message sent again.
 */
export function createZnsZaloProvider(options: ZnsOptions): ZaloProvider {
  return {
    kind: 'zns',
    async send(message) {
      const token = await options.tokens.accessToken();
      const first = await post(options, token, message);
      if (first.ok || first.errorCode !== -124) return first;
      return post(options, await options.tokens.replaceRejected(token), message);
    },
    async receipt(msgId, phone): Promise<ZaloReceipt> {
      const token = await options.tokens.accessToken();
      const query = new URLSearchParams({ message_id: msgId, phone }).toString();
      const answer = await zaloFetch(
        `${options.apiBaseUrl}/message/status?${query}`,
        { method: 'GET', headers: { access_token: token } },
        options.timeoutMs,
      );
      const data = answer.body?.data as { status?: unknown; delivery_time?: unknown } | undefined;
      if (zaloErrorCode(answer.body) !== 0 || Number(data?.status) !== 1) return { status: 'unknown', at: undefined };
      const at = Number(data?.delivery_time);
      return { status: 'received', at: Number.isFinite(at) && at > 0 ? new Date(at).toISOString() : undefined };
    },
  };
}
