/**
 * An attachment and its history entry, in one statement, atomic on its own: the optimistic check
 * of the history length and of the file limit, the attachment row, and its `attachment_added`
 * entry (whose payload names the new row's id). Null when the check failed, or when the same
 * idempotency key won the race (the caller finds out which).
 */
import { sql, type Kysely } from 'kysely';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import type { AttachmentPurpose, Database } from '../../../db/schema';
import { isUniqueViolation } from '../repo';

export interface NewAttachment {
  row: { id: number; action_count: number };
  at: Date;
  fileName: string;
  documentCode: string | null;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  purpose: AttachmentPurpose;
  uploadedBy: number;
  /** The history entry's payload without the attachment's id (added by the statement). */
  payload: Omit<Extract<DossierAction, { type: 'attachment_added' }>, 'attachmentId'>;
  idempotencyKey: string | null;
  maxFiles: number;
}

export interface StoredAttachment {
  id: number;
  purpose: AttachmentPurpose;
  document_code: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
}

export async function insertAttachment(
  db: Kysely<Database>,
  input: NewAttachment,
): Promise<StoredAttachment | null> {
  const { row, at, fileName, sha256, purpose } = input;
  const documentCode = input.documentCode;
  const result = await sql<StoredAttachment>`
    with counted as (
      update dossiers set action_count = action_count + 1, updated_at = ${at}
      where id = ${row.id} and action_count = ${row.action_count}
        and (select count(*) from dossier_attachments where dossier_id = ${row.id}) < ${input.maxFiles}
        and not exists (select 1 from dossier_attachments where dossier_id = ${row.id} and sha256 = ${sha256}
          and file_name = ${fileName}
          and document_code is not distinct from ${documentCode} and purpose = ${purpose})
      returning id
    ), attachment as (
      insert into dossier_attachments (dossier_id, document_code, file_name, media_type, size_bytes, sha256,
        uploaded_by, uploaded_at, purpose)
      select id, ${documentCode}, ${fileName}, ${input.mediaType}, ${input.sizeBytes},
        ${sha256}, ${input.uploadedBy}, ${at}, ${purpose}
      from counted
      returning *
    ), history as (
      insert into dossier_actions (dossier_id, seq, type, at, actor_user_id, actor_unit_id, reason, payload,
        idempotency_key)
      select dossier_id, ${row.action_count + 1}, 'attachment_added', ${at}, ${input.uploadedBy}, null, file_name,
        ${JSON.stringify(input.payload)}::jsonb || jsonb_build_object('attachmentId', id), ${input.idempotencyKey}
      from attachment
    )
    select id, purpose, document_code, file_name, media_type, size_bytes, sha256, uploaded_at from attachment`
    .execute(db)
    .catch((error: unknown) => {
      // The same key sent twice at once: the other request won the UNIQUE (dossier_id, idempotency_key).
      if (input.idempotencyKey && isUniqueViolation(error)) return null;
      throw error;
    });
  const inserted = result?.rows[0];
  if (!inserted) return null;
  return { ...inserted, id: Number(inserted.id), uploaded_at: new Date(inserted.uploaded_at) };
}
