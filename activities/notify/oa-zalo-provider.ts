import { zaloErrorCode, zaloFailure, zaloFetch } from './zalo-http';
import type { ZaloAnswer, ZaloMessage, ZaloProvider } from './zalo-provider';
import type { ZaloTokenStore } from './zalo-token-store';

export interface OaOptions {
  /** `https://openapi.zalo.me`. */
  apiBaseUrl: string;
  tokens: ZaloTokenStore;
  timeoutMs: number;
  /** The follower's Zalo user id for a phone number (`84…`), when a contact with that number follows the OA. */
  followerOf: (phone: string) => Promise<string | undefined>;
}

/**
 * Official Account messages to followers (`POST /v3.0/oa/message/cs`, text). A phone number whose owner does not
 * follow the OA has no user id: that is reported as Zalo's "no account" (−118) so the caller falls back to email.
 */
export function createOaZaloProvider(options: OaOptions): ZaloProvider {
  async function post(token: string, userId: string, message: ZaloMessage): Promise<ZaloAnswer> {
    const answer = await zaloFetch(
      `${options.apiBaseUrl}/v3.0/oa/message/cs`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', access_token: token },
        body: JSON.stringify({ recipient: { user_id: userId }, message: { text: message.text.slice(0, 2000) } }),
      },
      options.timeoutMs,
    );
    const code = zaloErrorCode(answer.body);
    const data = answer.body?.data as { message_id?: unknown } | undefined;
    if (answer.status < 300 && code === 0 && typeof data?.message_id === 'string') {
      return { ok: true, msgId: data.message_id, remainingQuota: undefined };
    }
    return zaloFailure(answer, code);
  }
  return {
    kind: 'oa',
    async send(message) {
      const userId = await options.followerOf(message.phone);
      if (!userId) {
        return { ok: false, httpStatus: 200, errorCode: -118, message: 'người nhận chưa quan tâm Official Account' };
      }
      const token = await options.tokens.accessToken();
      const first = await post(token, userId, message);
      if (first.ok || first.errorCode !== -124) return first;
      return post(await options.tokens.replaceRejected(token), userId, message);
    },
    receipt: () => Promise.resolve({ status: 'unknown', at: undefined }),
  };
}
