import type { MessageContent } from './message-content';

/** The plain-text body of an email (and the text of a Zalo OA message). */
export function renderText(content: MessageContent): string {
  const lines = [content.greeting, '', ...content.paragraphs.flatMap((p) => [p, ''])];
  lines.push(...content.facts.map((fact) => `${fact.label}: ${fact.value}`), '');
  if (content.action) lines.push(`${content.action.label}: ${content.action.url}`, '');
  if (content.table) {
    lines.push(content.table.headers.join(' | '));
    lines.push(...content.table.rows.map((row) => row.join(' | ')), '');
  }
  lines.push('Trân trọng,', content.signature, '', '--', content.footer);
  return lines.join('\n');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML; every value that came from a plan or a contact goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** The HTML body of an email: one column, inline styles (mail clients ignore style sheets), the link as a button. */
export function renderHtml(content: MessageContent): string {
  const e = escapeHtml;
  const cell = 'padding:4px 8px;border:1px solid #d0d7de;text-align:left;vertical-align:top';
  const parts = [
    '<!doctype html>',
    `<html lang="vi"><head><meta charset="utf-8"><title>${e(content.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2328">',
    `<p>${e(content.greeting)}</p>`,
    ...content.paragraphs.map((p) => `<p>${e(p)}</p>`),
    '<table style="border-collapse:collapse;margin:12px 0">',
    ...content.facts.map(
      (fact) =>
        `<tr><th style="${cell};background:#f6f8fa;white-space:nowrap">${e(fact.label)}</th>` +
        `<td style="${cell}">${e(fact.value)}</td></tr>`,
    ),
    '</table>',
  ];
  if (content.action) {
    parts.push(
      `<p><a href="${e(content.action.url)}" style="display:inline-block;padding:10px 16px;background:#b91c1c;` +
        `color:#ffffff;text-decoration:none;border-radius:4px">${e(content.action.label)}</a></p>`,
      `<p style="font-size:13px;color:#57606a">${e(content.action.url)}</p>`,
    );
  }
  if (content.table) {
    parts.push(
      '<table style="border-collapse:collapse;margin:12px 0">',
      `<tr>${content.table.headers.map((h) => `<th style="${cell};background:#f6f8fa">${e(h)}</th>`).join('')}</tr>`,
      ...content.table.rows.map((row) => `<tr>${row.map((v) => `<td style="${cell}">${e(v)}</td>`).join('')}</tr>`),
      '</table>',
    );
  }
  parts.push(
    `<p>Trân trọng,<br>${e(content.signature)}</p>`,
    `<hr><p style="font-size:12px;color:#57606a">${e(content.footer)}</p>`,
    '</body></html>',
  );
  return parts.join('\n');
}
