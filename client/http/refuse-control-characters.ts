import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

/**
 * C0 controls other than tab and line breaks, DEL, and lone surrogates: no name, text or code of ours holds them,
 * Postgres refuses NUL in text and jsonb, and a lone surrogate cannot be written as UTF-8 at all.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;

/** The JSON path of the first string (value or key) in `value` holding a control character, or undefined. */
export function controlCharacterPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = controlCharacterPath(item, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const child = path ? `${path}.${key}` : key;
      if (CONTROL_CHARACTER.test(key)) return child;
      const found = controlCharacterPath(item, child);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * A preHandler for every `/api` route: a path parameter, query parameter or body (JSON, form, YAML or CSV text) with
 * a control character is refused with 400 TEXT_CONTROL_CHARACTER naming the field, before any query or workflow
 * sees it — a NUL in a submission would otherwise be accepted by the workflow and then fail to be stored forever.
 */
export async function refuseControlCharacters(request: FastifyRequest): Promise<void> {
  const sources = { params: request.params, query: request.query, body: request.body } as const;
  for (const [where, value] of Object.entries(sources)) {
    const field = controlCharacterPath(value);
    if (field === undefined) continue;
    throw new ApiError(
      400,
      'TEXT_CONTROL_CHARACTER',
      'nội dung có ký tự điều khiển (ví dụ NUL) không được phép; hãy xoá ký tự đó rồi gửi lại',
      field || where,
    );
  }
  return Promise.resolve();
}
