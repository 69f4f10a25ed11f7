import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One line of the outbox index (`index.jsonl`). */
export interface OutboxEntry {
  /** The file name without extension: `<name>.eml` is the message, `<name>.html` its HTML body. */
  name: string;
  messageId: string;
  to: string;
  subject: string;
  planCode: string;
  kind: string;
  /** When the outbox accepted it (ISO). */
  storedAt: string;
}

/** The file name of a message in the outbox, from its Message-ID: a resend finds the same file. */
export function outboxName(messageId: string): string {
  return createHash('sha256').update(messageId).digest('hex').slice(0, 32);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Stores a message in the outbox folder: the raw `.eml` and its HTML body, each written to a temporary file and
 * renamed (a crash never leaves half a message), then one line in `index.jsonl`. A message already there (same
 * Message-ID) is not stored or listed twice. Returns the entry's name.
 */
export async function storeInOutbox(
  dir: string,
  entry: Omit<OutboxEntry, 'name'>,
  raw: Buffer,
  html: string,
): Promise<{ name: string; stored: boolean }> {
  await mkdir(dir, { recursive: true });
  const name = outboxName(entry.messageId);
  const eml = path.join(dir, `${name}.eml`);
  if (await exists(eml)) return { name, stored: false };
  await writeFile(path.join(dir, `${name}.html.tmp`), html);
  await rename(path.join(dir, `${name}.html.tmp`), path.join(dir, `${name}.html`));
  await writeFile(`${eml}.tmp`, raw);
  await rename(`${eml}.tmp`, eml);
  await appendFile(path.join(dir, 'index.jsonl'), `${JSON.stringify({ name, ...entry })}\n`);
  return { name, stored: true };
}

/** The outbox's messages, newest first; an empty list when nothing was sent yet. */
export async function listOutbox(dir: string, limit = 500): Promise<OutboxEntry[]> {
  const text = await readFile(path.join(dir, 'index.jsonl'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const entries = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as OutboxEntry];
      } catch {
        return []; // a line cut by a crash mid-append
      }
    });
  return entries.reverse().slice(0, limit);
}

/** A stored file of the outbox (`.eml` or `.html`) by entry name; undefined for a name that is not ours. */
export async function readOutboxFile(
  dir: string,
  name: string,
  extension: 'eml' | 'html',
): Promise<Buffer | undefined> {
  if (!/^[0-9a-f]{32}$/.test(name)) return undefined;
  return readFile(path.join(dir, `${name}.${extension}`)).catch(() => undefined);
}
