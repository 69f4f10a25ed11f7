import { escapeHtml } from '../../domain/notify/render-message';

/** HTML that is already safe: built by `html`, or markup we wrote ourselves. Everything else is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * The one way pages build markup: a tagged template whose interpolations are escaped (escapeHtml, as the emails
 * do) unless they are `SafeHtml` already; arrays are joined, and `null`, `undefined` and `false` print nothing, so
 * `${cond && html`…`}` reads naturally.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup we wrote ourselves (an inline SVG built from numbers), trusted as is. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
