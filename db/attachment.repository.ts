import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { Attachment, NewAttachment } from './tables/attachment.table';

export type { Attachment };

/** Records the files of one accepted submission (their bytes are already stored), in one statement. */
export async function insertAttachments(db: Kysely<Database>, rows: NewAttachment[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('attachments').values(rows).execute();
}

/** The files of an obligation's submissions, oldest first. */
export function listAttachments(db: Kysely<Database>, obligationId: string): Promise<Attachment[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('obligation_id', '=', obligationId)
    .orderBy('uploaded_at')
    .orderBy('file_name')
    .execute();
}
