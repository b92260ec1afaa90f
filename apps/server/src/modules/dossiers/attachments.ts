/**
 * Attachments: stored by SHA-256, typed by their content (never by the client's claim), limited
 * in size and number, readable only by those who may see the dossier. Each upload is an action in
 * the dossier's history, and records what the file is for (document, supplement or result).
 */
import { versionContent } from './version-content';
import { fileTypeFromBuffer } from 'file-type';
import { sql, type Kysely } from 'kysely';
import type { AttachmentPurpose, Database } from '../../db/schema';
import { conflict, DomainError, fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { sha256Hex, type FileStore } from '../../lib/file-store';
import { formatVietnamIso } from '../../lib/time';
import type { Principal } from '../auth';
import {
  applyAction,
  STATUS_NAMES,
  TERMINAL_STATUSES,
  TransitionError,
  type DossierAction,
  type DossierState,
  type DossierStatus,
} from '@tayninh/domain/dossiers/lifecycle';
import { actsFor, canView, mayAct, maySeeResult, type DossierScope } from './policy';
import { loadDossier, refName, scopeOf, type DossierRef } from './repo';
import { insertAttachment } from './store/attachments';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_DOSSIER = 30;

/** Accepted kinds, detected from the bytes. */
export const ACCEPTED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
};

/** Statuses in which the applicant may still add files. */
const APPLICANT_UPLOAD_STATUSES = ['draft', 'submitted', 'intake_supplement', 'supplement_requested'];

/** Statuses in which a supplement has been requested and not yet given. */
const SUPPLEMENT_STATUSES: readonly DossierStatus[] = ['intake_supplement', 'supplement_requested'];

/**
 * Statuses in which the result exists and has not been handed over: after approval or rejection
 * (result_ready), also while the fees are awaited. Before the leader's decision there is no result
 * yet; after return the dossier is closed.
 */
const RESULT_STATUSES: readonly DossierStatus[] = ['result_ready', 'awaiting_payment'];

/**
 * Who may say an upload is a result or a supplement (403 otherwise). A result is attached by the
 * receiving officer who returns it (the check of return-result) or by the handling unit's
 * specialists and leaders who produced it; a supplement is given by those who may record one.
 */
function checkPurposeAuthority(principal: Principal, scope: DossierScope, purpose: AttachmentPurpose) {
  if (
    purpose === 'result' &&
    !mayAct(principal, scope, 'result_returned') &&
    !actsFor(principal, scope.handlingPath)
  ) {
    throw forbidden(
      'Chỉ cán bộ của cơ quan tiếp nhận hoặc cơ quan giải quyết hồ sơ được đính kèm tệp kết quả.',
      'Only an officer of the receiving or handling unit may attach a result file.',
    );
  }
  if (purpose === 'supplement' && !mayAct(principal, scope, 'supplemented')) {
    throw forbidden(
      'Chỉ người nộp hồ sơ hoặc cán bộ tiếp nhận được đính kèm tệp bổ sung.',
      'Only the applicant or the receiving officer may attach a supplement file.',
    );
  }
}

/** Whether the dossier's status allows this purpose now (409 otherwise). */
function checkPurposeTiming(state: DossierState, purpose: AttachmentPurpose, documentCode?: string) {
  const status = STATUS_NAMES[state.status];
  if (purpose === 'result' && !RESULT_STATUSES.includes(state.status)) {
    throw conflict(
      'result_not_ready',
      `Chỉ đính kèm tệp kết quả khi hồ sơ đã có kết quả và chưa trả (hiện tại: ${status}).`,
      'A result file can be attached only once the dossier has a result and before it is returned.',
    );
  }
  if (purpose === 'result' && documentCode) {
    throw invalid([
      fieldError(
        '/documentCode',
        'not_for_result',
        'Tệp kết quả không thuộc thành phần hồ sơ; không gửi kèm mã thành phần hồ sơ.',
        'A result file answers no required document; send no documentCode.',
      ),
    ]);
  }
  if (purpose === 'supplement' && !SUPPLEMENT_STATUSES.includes(state.status)) {
    throw conflict(
      'supplement_not_requested',
      `Hồ sơ không ở trạng thái chờ bổ sung (hiện tại: ${status}).`,
      'No supplement is requested now.',
    );
  }
}

/** A display name only: no directories, no control characters, bounded length. */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}<>:"|?*]/gu, '')
    .replace(/^\.+/, '')
    .trim()
    .normalize('NFC');
  return (cleaned || 'tep-dinh-kem').slice(0, 255);
}

export interface AttachmentOut {
  id: number;
  purpose: AttachmentPurpose;
  documentCode: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export async function addAttachment(
  db: Kysely<Database>,
  store: FileStore,
  principal: Principal,
  ref: DossierRef,
  input: {
    fileName: string;
    content: Buffer;
    documentCode?: string;
    purpose?: AttachmentPurpose;
    /** The client's key for this upload (Idempotency-Key header): a retry returns the first result. */
    idempotencyKey?: string;
  },
): Promise<{ attachment: AttachmentOut; created: boolean }> {
  const { row, actions, state } = await loadDossier(db, ref);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(refName(ref), 'Dossier');
  // A retried upload (the answer to the first was lost: network, crash, restart) returns what the
  // first one stored, even if the dossier has moved on since.
  const repeated = input.idempotencyKey
    ? actions.find((a) => a.idempotency_key === input.idempotencyKey)
    : undefined;
  if (repeated)
    return {
      attachment: await repeatedUpload(db, row.id, repeated, principal, sha256Hex(input.content)),
      created: false,
    };
  if (!mayAct(principal, scope, 'attachment_added')) throw forbidden();
  if (input.purpose) checkPurposeAuthority(principal, scope, input.purpose);
  if (TERMINAL_STATUSES.includes(state.status)) {
    throw conflict('action_not_allowed', 'Hồ sơ đã kết thúc; không thể thêm tệp.', 'The dossier is closed.');
  }
  const isApplicant = row.applicant_user_id === principal.userId;
  if (isApplicant && principal.kind === 'citizen' && !APPLICANT_UPLOAD_STATUSES.includes(state.status)) {
    throw conflict(
      'upload_closed',
      'Hồ sơ đang được giải quyết; chỉ bổ sung tệp khi được yêu cầu bổ sung.',
      'Files can be added only before receipt or when a supplement is requested.',
    );
  }
  // Unsaid, what the applicant adds while a supplement is requested is that supplement.
  const purpose: AttachmentPurpose =
    input.purpose ?? (isApplicant && SUPPLEMENT_STATUSES.includes(state.status) ? 'supplement' : 'document');
  checkPurposeTiming(state, purpose, input.documentCode);
  if (input.content.length === 0) throw invalid([fieldError('/file', 'empty', 'Tệp rỗng.', 'Empty file.')]);
  if (input.content.length > MAX_FILE_BYTES) {
    throw new DomainError({
      code: 'file_too_large',
      status: 413,
      message: 'Tệp đính kèm vượt quá 10 MB.',
      messageEn: 'File larger than 10 MB.',
    });
  }
  const detected = await fileTypeFromBuffer(input.content);
  if (!detected || !ACCEPTED_TYPES[detected.mime]) {
    throw new DomainError({
      code: 'unsupported_file_type',
      status: 415,
      message: `Chỉ nhận tệp ${Object.values(ACCEPTED_TYPES).join(', ')} (kiểm tra theo nội dung tệp, không theo tên tệp).`,
      messageEn: 'Only PDF, JPEG, PNG, DOCX and XLSX files are accepted (checked by content).',
    });
  }
  if (input.documentCode) {
    const version = await versionContent(db, row.procedure_version_id);
    const codes = (version.documents as Array<{ code: string }>).map((doc) => doc.code);
    if (!codes.includes(input.documentCode)) {
      throw invalid([
        fieldError(
          '/documentCode',
          'unknown_document',
          `Thủ tục không có thành phần hồ sơ "${input.documentCode}".`,
          'Unknown document code.',
        ),
      ]);
    }
  }
  // Whether this upload is possible now (before the file is stored).
  const at = new Date();
  const probe: DossierAction = {
    type: 'attachment_added',
    at: at.toISOString(),
    attachmentId: 0,
    documentCode: input.documentCode ?? null,
    sha256: '0'.repeat(64),
  };
  try {
    applyAction(state, probe);
  } catch (error) {
    if (error instanceof TransitionError)
      throw conflict('action_not_allowed', error.message, 'Not allowed now.');
    throw error;
  }
  const sha256 = sha256Hex(input.content);
  const fileName = sanitiseFileName(input.fileName);
  // The file is stored first (content-addressed, idempotent); the row and the history entry are
  // then written together. A crash in between leaves an unreferenced file, never a dangling row.
  await store.put(input.content);
  const { attachmentId: _placeholder, ...payload } = { ...probe, sha256 };
  // One statement, atomic on its own: the optimistic check of the history length and the file
  // limit, the attachment row, and its history entry (whose payload names the new row's id).
  const result = await insertAttachment(db, {
    row,
    at,
    fileName,
    documentCode: input.documentCode ?? null,
    mediaType: detected.mime,
    sizeBytes: input.content.length,
    sha256,
    purpose,
    uploadedBy: principal.userId,
    payload,
    idempotencyKey: input.idempotencyKey ?? null,
    maxFiles: MAX_FILES_PER_DOSSIER,
  });
  const inserted = result;
  if (inserted) return { attachment: attachmentOut(inserted), created: true };
  // Not written: the same upload (by key, or the same file — content and name — for the same
  // document and purpose: a retry without a key, a double click), which answers with the
  // attachment already there; or another change won the race.
  if (input.idempotencyKey) {
    const won = await db
      .selectFrom('dossier_actions')
      .selectAll()
      .where('dossier_id', '=', row.id)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (won) return { attachment: await repeatedUpload(db, row.id, won, principal, sha256), created: false };
  }
  const raced = await sameAttachment(db, row.id, sha256, fileName, input.documentCode ?? null, purpose);
  if (raced) return { attachment: raced, created: false };
  const count = await db
    .selectFrom('dossier_attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dossier_id', '=', row.id)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_FILES_PER_DOSSIER)
    throw conflict(
      'too_many_files',
      `Mỗi hồ sơ có tối đa ${MAX_FILES_PER_DOSSIER} tệp đính kèm.`,
      `At most ${MAX_FILES_PER_DOSSIER} files per dossier.`,
    );
  throw conflict(
    'concurrent_change',
    'Hồ sơ vừa được cập nhật; vui lòng thử lại.',
    'The dossier changed meanwhile; retry.',
  );
}

/** The attachment a repeated key points to; the key is the uploader's, nobody else's. */
async function repeatedUpload(
  db: Kysely<Database>,
  dossierId: number,
  action: { type: string; actor_user_id: number | string | null; payload: unknown },
  principal: Principal,
  sha256: string,
): Promise<AttachmentOut> {
  const payload = action.payload as { attachmentId?: number; sha256?: string };
  const attachmentId = payload.attachmentId;
  // Another action's key, someone else's, or the same key for other bytes: one client error.
  if (
    action.type !== 'attachment_added' ||
    Number(action.actor_user_id) !== principal.userId ||
    !attachmentId ||
    payload.sha256 !== sha256
  )
    throw new DomainError({
      code: 'idempotency_key_reused',
      status: 422,
      message: 'Khoá chống gửi trùng (Idempotency-Key) này đã được dùng cho một thao tác hoặc một tệp khác.',
      messageEn: 'This Idempotency-Key was already used for another action or another file.',
    });
  const row = await db
    .selectFrom('dossier_attachments')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('id', '=', attachmentId)
    .executeTakeFirstOrThrow();
  return attachmentOut(row);
}

async function sameAttachment(
  db: Kysely<Database>,
  dossierId: number,
  sha256: string,
  fileName: string,
  documentCode: string | null,
  purpose: AttachmentPurpose,
): Promise<AttachmentOut | null> {
  const row = await db
    .selectFrom('dossier_attachments')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('sha256', '=', sha256)
    .where('file_name', '=', fileName)
    .where(sql<boolean>`document_code is not distinct from ${documentCode}`)
    .where('purpose', '=', purpose)
    .orderBy('id')
    .executeTakeFirst();
  return row ? attachmentOut(row) : null;
}

function attachmentOut(row: {
  id: number;
  purpose: AttachmentPurpose;
  document_code: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
}): AttachmentOut {
  return {
    id: row.id,
    purpose: row.purpose,
    documentCode: row.document_code,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: formatVietnamIso(row.uploaded_at),
  };
}

export async function listAttachments(db: Kysely<Database>, dossierId: number): Promise<AttachmentOut[]> {
  const rows = await db
    .selectFrom('dossier_attachments')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('id')
    .execute();
  return rows.map(attachmentOut);
}

export async function openAttachment(
  db: Kysely<Database>,
  store: FileStore,
  principal: Principal,
  ref: DossierRef,
  attachmentId: number,
) {
  const { row, state } = await loadDossier(db, ref);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(refName(ref), 'Dossier');
  const attachment = await db
    .selectFrom('dossier_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('dossier_id', '=', row.id)
    .executeTakeFirst();
  // A result not yet returned is, for the applicant, not there yet.
  if (!attachment || (attachment.purpose === 'result' && !maySeeResult(principal, scope, state.status)))
    throw notFound('tệp đính kèm', 'Attachment');
  return { attachment: attachmentOut(attachment), stream: store.open(attachment.sha256) };
}
