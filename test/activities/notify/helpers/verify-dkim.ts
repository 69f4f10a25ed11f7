import { createHash, verify, type KeyObject } from 'node:crypto';

export interface DkimVerdict {
  /** The body hash recomputed from the message equals `bh=`. */
  bodyHashMatches: boolean;
  /** The RSA-SHA256 signature `b=` verifies over the signed headers with the public key. */
  signatureValid: boolean;
  /** The signature's tags (`d`, `s`, `h`, `c`, `a`…). */
  tags: Record<string, string>;
}

interface HeaderField {
  name: string;
  /** The field as it appears in the message, folding kept, without its final CRLF. */
  raw: string;
}

/** RFC 6376 §3.4.2 relaxed header canonicalization of one field, with its CRLF. */
function relaxedHeader(raw: string): string {
  const colon = raw.indexOf(':');
  const name = raw.slice(0, colon).trim().toLowerCase();
  const value = raw
    .slice(colon + 1)
    .replace(/\r\n(?=[ \t])/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${name}:${value}\r\n`;
}

/** RFC 6376 §3.4.4 relaxed body canonicalization. */
function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

function splitHeaders(head: string): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1]!.raw += `\r\n${line}`;
    else if (line.includes(':'))
      fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
  }
  return fields;
}

/**
 * Verifies the first DKIM-Signature of a raw message (CRLF line ends, as an SMTP server receives it) with an
 * RSA public key, as a receiving server would after fetching `s._domainkey.d`: relaxed/relaxed canonicalization,
 * the body hash, and the signature over the `h=` headers (bottom-up instances) plus the signature field with `b=`
 * emptied. A small verifier written for the tests, independent of the signer in nodemailer.
 */
export function verifyDkim(raw: string, publicKey: KeyObject): DkimVerdict {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const fields = splitHeaders(head);
  const signature = fields.find((field) => field.name === 'dkim-signature');
  if (!signature) throw new Error('no DKIM-Signature header');
  const tagText = signature.raw.slice(signature.raw.indexOf(':') + 1).replace(/\s+/g, '');
  const tags = Object.fromEntries(
    tagText
      .split(';')
      .filter(Boolean)
      .map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)]),
  );
  if (tags.c !== 'relaxed/relaxed' || tags.a !== 'rsa-sha256') {
    throw new Error(`unsupported c=${tags.c} a=${tags.a}`);
  }
  const bodyHash = createHash('sha256').update(relaxedBody(body)).digest('base64');

  // Each name in h= takes the last instance not used yet; a name with none left contributes nothing.
  const used = new Set<HeaderField>();
  let signed = '';
  for (const name of (tags.h ?? '').toLowerCase().split(':')) {
    const instance = fields.filter((field) => field.name === name && !used.has(field)).pop();
    if (!instance) continue;
    used.add(instance);
    signed += relaxedHeader(instance.raw);
  }
  const withoutB = signature.raw.replace(/(\bb=)[^;]*/, (_m, tag: string) => tag);
  signed += relaxedHeader(withoutB).replace(/\r\n$/, '');
  const signatureValid = verify('sha256', Buffer.from(signed), publicKey, Buffer.from(tags.b ?? '', 'base64'));
  return { bodyHashMatches: bodyHash === tags.bh, signatureValid, tags };
}
