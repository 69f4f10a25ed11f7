import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz the database fills in (`default now()`), read as a Date. */
type DefaultTimestamp = ColumnType<Date, string | Date | undefined, string | Date>;

/** A file sent with a submission; its bytes are stored once per content under DATA_DIR/attachments/<sha256>. */
export interface AttachmentTable {
  id: Generated<string>;
  obligation_id: string;
  /** The receipt of the submission it came with; null until the workflow accepted it. */
  receipt_number: string | null;
  link_id: string;
  sha256: string;
  /** The name as sent, sanitised (no folders, no control characters). */
  file_name: string;
  content_type: string;
  size_bytes: number;
  uploaded_at: DefaultTimestamp;
}

export type Attachment = Selectable<AttachmentTable>;
export type NewAttachment = Insertable<AttachmentTable>;
