/**
 * A failure the API answers as `{ error: { code, message, field } }` with its HTTP status. Messages are Vietnamese,
 * for the person using the page or the script; `field` names the input at fault (a JSON path such as
 * `nominations[1].name`), or is null. `extra` adds members beside them (the located problems of a plan file,
 * `retryable` for a dependency that is down).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The body sent to the client. */
  body(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, field: this.field, ...this.extra } };
  }
}

/**
 * An ApiError from one of our `CODE: Vietnamese message` strings (the workflows' validators, the repositories):
 * the code before the first colon, the message after it.
 */
export function codedApiError(status: number, text: string, field: string | null = null): ApiError {
  const match = /^([A-Z][A-Z0-9_]+):\s*([\s\S]*)$/.exec(text);
  return match ? new ApiError(status, match[1]!, match[2]!, field) : new ApiError(status, 'ERROR', text, field);
}

export const notFound = (code: string, message: string, field: string | null = null) =>
  new ApiError(404, code, message, field);
