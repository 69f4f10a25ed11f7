/** A JSON answer from a Zalo endpoint: the HTTP status and the parsed body (undefined when it was not JSON). */
export interface ZaloHttpAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
}

/**
 * Calls a Zalo endpoint with a timeout. A network error or a timeout throws (the caller treats it as transient);
 * any HTTP answer, 5xx included, is returned for classification. Never logs: headers carry the access token.
 */
export async function zaloFetch(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<ZaloHttpAnswer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

/** Reads Zalo's `error` field, a number or a numeric string. */
export function zaloErrorCode(body: Record<string, unknown> | undefined): number | undefined {
  const value = body?.error;
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** A Zalo answer that is not a success, with the raw code kept for the log and the error policy. */
export function zaloFailure(answer: ZaloHttpAnswer, errorCode: number | undefined) {
  const text = answer.body?.message;
  return {
    ok: false as const,
    httpStatus: answer.status,
    errorCode,
    message: typeof text === 'string' ? text : undefined,
  };
}
