import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { zaloWebhookSignature } from '../../../../activities/notify/zalo-webhook';

export interface ZnsCall {
  token: string;
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId: string;
}

/** An Official Account message as the fake received it. */
export interface OaCall {
  token: string;
  userId: string;
  text: string;
}

/** A scripted answer of the send endpoint: an error code, an HTTP status, or a delay before answering. */
export type ZnsScript =
  | { error: number; message?: string }
  | { httpStatus: number }
  | { delayMs: number; then?: ZnsScript };

export interface FakeZalo {
  url: string;
  calls: ZnsCall[];
  /** The ZNS calls Zalo answered with success (`error: 0`): the messages that reached Zalo. */
  accepted: ZnsCall[];
  /** `POST /v3.0/oa/message/cs` calls that Zalo took (to a follower, with a valid token). */
  oaCalls: OaCall[];
  /** `msg_id`s the status endpoint reports as not received yet (a phone that is off); the rest are received. */
  undelivered: Set<string>;
  /** `GET /message/status` calls, by `message_id`. */
  statusCalls: string[];
  /** The Zalo user ids that follow the OA; a message to anyone else is refused. */
  followers: Set<string>;
  /** Refresh-token uses, in order, with whether each was accepted. */
  refreshes: Array<{ refreshToken: string; accepted: boolean }>;
  /** The next answers of `POST /message/template`; success when empty. */
  script: ZnsScript[];
  /** The pair Zalo currently honours. */
  validAccessToken: string;
  validRefreshToken: string;
  /** Invalidate the access token (as Zalo does when it expires or is revoked). */
  revokeAccessToken(): void;
  close(): Promise<void>;
}

async function read(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local server on 127.0.0.1 that answers as Zalo's documented endpoints do: `POST /message/template` (ZNS),
 * `GET /message/status`, `POST /v3.0/oa/message/cs` (Official Account text to a follower's user id), and `POST /v4/oa/access_token` (OAuth refresh: each refresh token works once and yields a
 * new pair, `expires_in` as a string of seconds).
 */
export async function startFakeZalo(options: {
  appSecret: string;
  initialRefreshToken: string;
  /**
   * Awaited when a valid `POST /message/template` has arrived, before Zalo takes it: 'drop' answers nothing and
   * keeps nothing (a server that had not committed the message when its client vanished). The crash tests kill the
   * sender here.
   */
  beforeAccept?: (call: ZnsCall) => Promise<'accept' | 'drop'>;
}): Promise<FakeZalo> {
  let generation = 0;
  const state: FakeZalo = {
    url: '',
    calls: [],
    accepted: [],
    oaCalls: [],
    followers: new Set(),
    undelivered: new Set(),
    statusCalls: [],
    refreshes: [],
    script: [],
    validAccessToken: 'no-access-token-yet',
    validRefreshToken: options.initialRefreshToken,
    revokeAccessToken() {
      state.validAccessToken = `revoked-${Math.random()}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const answer = async (response: ServerResponse, step: ZnsScript | undefined, call: ZnsCall) => {
    if (step && 'delayMs' in step) {
      await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      return answer(response, step.then, call);
    }
    if (step && 'httpStatus' in step) return json(response, step.httpStatus, { error: -100, message: 'Server error' });
    if (step) return json(response, 200, { error: step.error, message: step.message ?? 'error' });
    state.accepted.push(call);
    return json(response, 200, {
      error: 0,
      message: 'Success',
      data: {
        msg_id: `msg-${state.calls.length}`,
        sent_time: String(Date.now()),
        quota: { dailyQuota: '500', remainingQuota: '499' },
      },
    });
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await read(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method === 'POST' && url.pathname === '/v4/oa/access_token') {
        const form = new URLSearchParams(body);
        const refreshToken = form.get('refresh_token') ?? '';
        const accepted =
          request.headers.secret_key === options.appSecret &&
          form.get('grant_type') === 'refresh_token' &&
          refreshToken === state.validRefreshToken;
        state.refreshes.push({ refreshToken, accepted });
        if (!accepted) return json(response, 200, { error: -14014, error_name: 'Invalid refresh token' });
        generation += 1;
        state.validAccessToken = `AT-${generation}-${'x'.repeat(20)}`;
        state.validRefreshToken = `RT-${generation}-${'y'.repeat(20)}`;
        // A refresh takes a little time at Zalo: long enough for racing workers to overlap.
        await new Promise((resolve) => setTimeout(resolve, 50));
        return json(response, 200, {
          access_token: state.validAccessToken,
          refresh_token: state.validRefreshToken,
          expires_in: '90000',
        });
      }
      const token = String(request.headers.access_token ?? '');
      if (request.method === 'POST' && url.pathname === '/message/template') {
        const parsed = JSON.parse(body) as {
          phone: string;
          template_id: string;
          template_data: Record<string, string>;
          tracking_id: string;
        };
        const call = {
          token,
          phone: parsed.phone,
          templateId: parsed.template_id,
          templateData: parsed.template_data,
          trackingId: parsed.tracking_id,
        };
        if (token !== state.validAccessToken)
          return json(response, 200, { error: -124, message: 'Access token invalid' });
        if ((await options.beforeAccept?.(call)) === 'drop') {
          response.destroy();
          return;
        }
        state.calls.push(call);
        return answer(response, state.script.shift(), call);
      }
      if (request.method === 'POST' && url.pathname === '/v3.0/oa/message/cs') {
        const parsed = JSON.parse(body) as { recipient: { user_id: string }; message: { text: string } };
        if (token !== state.validAccessToken)
          return json(response, 200, { error: -124, message: 'Access token invalid' });
        const userId = parsed.recipient.user_id;
        // The code Zalo gives a non-follower is not in the sources we found; any refusal falls back to email.
        if (!state.followers.has(userId))
          return json(response, 200, { error: -213, message: 'User has not followed OA' });
        state.oaCalls.push({ token, userId, text: parsed.message.text });
        return json(response, 200, {
          error: 0,
          message: 'Success',
          data: { message_id: `oa-msg-${state.oaCalls.length}`, user_id: userId },
        });
      }
      if (request.method === 'GET' && url.pathname === '/message/status') {
        if (token !== state.validAccessToken)
          return json(response, 200, { error: -124, message: 'Access token invalid' });
        const messageId = url.searchParams.get('message_id') ?? '';
        state.statusCalls.push(messageId);
        if (state.undelivered.has(messageId)) {
          return json(response, 200, { error: 0, data: { status: 0, message: 'not delivered yet' } });
        }
        return json(response, 200, {
          error: 0,
          data: { status: 1, delivery_time: '1748570400000', message: 'delivered' },
        });
      }
      json(response, 404, { error: -106, message: 'Method unsupported' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return state;
}

/** Posts a webhook event to `url` signed as Zalo signs it (`X-ZEvent-Signature: mac=…`). */
export async function sendSignedWebhook(
  url: string,
  event: Record<string, unknown>,
  secrets: { appId: string; oaSecretKey: string },
  tamper?: (body: string) => string,
): Promise<Response> {
  const body = JSON.stringify(event);
  const timestamp = typeof event.timestamp === 'string' ? event.timestamp : '';
  const mac = zaloWebhookSignature(secrets.appId, body, timestamp, secrets.oaSecretKey);
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-ZEvent-Signature': `mac=${mac}` },
    body: tamper ? tamper(body) : body,
  });
}
