import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { ATTACHMENT_EXTENSIONS, type SubmissionAttachment } from '../../../domain/obligation/submission';
import { ApiError } from '../api-error';

/** The first bytes of each accepted type: a renamed executable is refused whatever its name says. */
const SIGNATURES: Record<string, { bytes: number[]; contentType: string }[]> = {
  pdf: [{ bytes: [0x25, 0x50, 0x44, 0x46], contentType: 'application/pdf' }],
  png: [{ bytes: [0x89, 0x50, 0x4e, 0x47], contentType: 'image/png' }],
  jpg: [{ bytes: [0xff, 0xd8, 0xff], contentType: 'image/jpeg' }],
  jpeg: [{ bytes: [0xff, 0xd8, 0xff], contentType: 'image/jpeg' }],
  // Word and Excel: the old binary formats are OLE compound files, the new ones ZIP packages.
  doc: [{ bytes: [0xd0, 0xcf, 0x11, 0xe0], contentType: 'application/msword' }],
  xls: [{ bytes: [0xd0, 0xcf, 0x11, 0xe0], contentType: 'application/vnd.ms-excel' }],
  docx: [
    {
      bytes: [0x50, 0x4b, 0x03, 0x04],
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
  ],
  xlsx: [
    {
      bytes: [0x50, 0x4b, 0x03, 0x04],
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  ],
};

/**
 * A file name safe to store and show: the last path segment only (no `../`, no `C:\`), NFC, without control
 * characters or quotes, at most 200 characters; '' when nothing is left.
 */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const printable = [...last.normalize('NFC')].filter((char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f');
  return printable
    .join('')
    .replace(/["<>|:*?]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(-200);
}

/** The folder attachments are stored in. */
export function attachmentsDir(dataDir: string): string {
  return path.join(dataDir, 'attachments');
}

/**
 * Stores one uploaded file under `DATA_DIR/attachments/<sha256>` (the same content is stored once), checking its
 * type by extension and by its first bytes. Throws 400 SUBMISSION_FILE_TYPE for a type not on the list (pdf, doc,
 * docx, xls, xlsx, jpg, png) or whose content is not what its name says; the size limit is the multipart parser's
 * (413). Nothing of a refused file is left behind.
 */
export async function storeAttachment(
  dataDir: string,
  upload: { filename: string; file: Readable },
  onCreated: (sha256: string) => void = () => undefined,
): Promise<SubmissionAttachment> {
  const name = safeFileName(upload.filename);
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const allowed = (ATTACHMENT_EXTENSIONS as readonly string[]).includes(extension);
  if (!name || !allowed) {
    upload.file.resume();
    throw new ApiError(
      400,
      'SUBMISSION_FILE_TYPE',
      `tệp "${name || upload.filename}" không thuộc loại được nhận (${ATTACHMENT_EXTENSIONS.join(', ')})`,
      'attachments',
    );
  }
  const dir = attachmentsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let size = 0;
  upload.file.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
    if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8)]);
  });
  try {
    await pipeline(upload.file, createWriteStream(temporary, { mode: 0o600 }));
    if ((upload.file as Readable & { truncated?: boolean }).truncated) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `tệp "${name}" vượt quá dung lượng cho phép`, 'attachments');
    }
    const signature = SIGNATURES[extension]!.find((candidate) => candidate.bytes.every((byte, i) => head[i] === byte));
    if (!signature || size === 0) {
      throw new ApiError(
        400,
        'SUBMISSION_FILE_TYPE',
        `nội dung tệp "${name}" không phải tệp .${extension} thật (có thể đã bị đổi tên)`,
        'attachments',
      );
    }
    const sha256 = hash.digest('hex');
    const target = path.join(dir, sha256);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (exists) await rm(temporary, { force: true });
    else {
      await rename(temporary, target);
      onCreated(sha256);
    }
    return { name, sha256, size, contentType: signature.contentType };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Removes files a refused request stored (`created`: the ones it wrote, not those already there) unless an
 * attachment row refers to them meanwhile: a form refused after its first files were stored leaves nothing behind.
 * Best effort: a failure here leaves an unreferenced file, never breaks the answer.
 */
export async function discardUnreferencedUploads(
  db: Kysely<Database>,
  dataDir: string,
  created: readonly string[],
): Promise<void> {
  if (created.length === 0) return;
  const referenced = await db
    .selectFrom('attachments')
    .select('sha256')
    .where('sha256', 'in', [...created])
    .execute()
    .then((rows) => new Set(rows.map((row) => row.sha256)))
    .catch(() => new Set(created));
  await Promise.all(
    created
      .filter((sha256) => !referenced.has(sha256))
      .map((sha256) => rm(path.join(attachmentsDir(dataDir), sha256), { force: true }).catch(() => undefined)),
  );
}
