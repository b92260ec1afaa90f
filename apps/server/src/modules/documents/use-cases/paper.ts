/**
 * Paper documents (NĐ 30/2020 Điều 21.1): the văn thư receives a document on paper, enters its
 * metadata by hand and attaches its scan (PDF) before registering it in the same số đến as the
 * electronic ones. A document that looks already received — the same identifier, or the same
 * số/ký hiệu from the same issuer in the same year — is refused with the earlier ones named
 * (409 `duplicate_suspected`) unless the văn thư confirms it is another one (Điều 21.1.a asks the
 * văn thư to check a document before registering it; the platform makes the check).
 */
import { sql, type Kysely } from 'kysely';
import { numberAndNotation } from '@tayninh/domain/documents/notation';
import {
  documentKind,
  type Secrecy,
  type SigningNotation,
  type Urgency,
} from '@tayninh/domain/documents/types';
import { holdsRoleIn } from '@tayninh/domain/org/grants';
import type { Database } from '../../../db/schema';
import { conflict, DomainError, fieldError, forbidden, invalid, type FieldError } from '../../../http/errors';
import type { FileStore } from '../../../lib/file-store';
import { vietnamDate } from '../../../lib/time';
import type { Principal } from '../../auth';
import { unitPath } from '../../org';
import { contentKindOf } from '../content/convert';
import { pdfText } from '../content/text';
import type { LoadedDocument } from '../load';
import { mayActOnDocument, type DocumentScope } from '../policy';
import { saveFile } from '../store/files';
import { appendEvents, insertDocument } from '../store/history';
import { searchTextOf } from '../store/search';
import { agencyOf } from '../store/settings';

export interface PaperInput {
  /** The receiving agency (or one of its units); the văn thư's own agency when absent. */
  unitId?: number | null;
  kind: string;
  subject: string;
  issuerName: string;
  issuerOrganId?: string | null;
  codeNumber?: string | null;
  codeNotation?: string | null;
  issuedDate: string;
  urgency?: Urgency;
  secrecy?: Secrecy;
  pageAmount?: number | null;
  signerName?: string | null;
  signerPosition?: string | null;
  dueDate?: string | null;
  description?: string | null;
  /** The văn thư has seen the suspected duplicates and says this is another document. */
  confirmDuplicate?: boolean;
}

export interface DuplicateProbe {
  unitId: number;
  excludeId?: number;
  sourceDocumentId?: number | null;
  codeNumber?: string | null;
  codeNotation?: string | null;
  issuedDate?: string | null;
  organId?: string | null;
  organName?: string | null;
}

/** Incoming documents of the agency that look like the same one (not those returned or withdrawn). */
export async function suspectedDuplicates(db: Kysely<Database>, probe: DuplicateProbe) {
  const sameNumber =
    probe.codeNumber && probe.codeNotation
      ? sql<boolean>`(d.origin_code_number = ${probe.codeNumber}
          and upper(d.origin_code_notation) = upper(${probe.codeNotation})
          and (d.issuer_organ_id = ${probe.organId ?? null}
               or lower(d.issuer_organ_name) = lower(${probe.organName ?? null}))
          and (d.origin_issued_date is null or ${probe.issuedDate ?? null}::date is null
               or extract(year from d.origin_issued_date) = extract(year from ${probe.issuedDate ?? null}::date)))`
      : sql<boolean>`false`;
  const sameSource =
    probe.sourceDocumentId != null
      ? sql<boolean>`d.source_document_id = ${probe.sourceDocumentId}`
      : sql<boolean>`false`;
  const rows = await db
    .selectFrom('documents as d')
    .select([
      'd.id',
      'd.subject',
      'd.origin_code_number',
      'd.origin_code_notation',
      'd.issuer_organ_name',
      'd.arrival_number',
      'd.arrival_date',
    ])
    .where('d.unit_id', '=', probe.unitId)
    .where('d.direction', '=', 'incoming')
    .where('d.status', 'not in', ['returned_to_sender', 'withdrawn_by_sender'])
    .where('d.id', '!=', probe.excludeId ?? 0)
    .where(sql<boolean>`(${sameSource} or ${sameNumber})`)
    .orderBy('d.id')
    .limit(10)
    .execute();
  return rows.map((r) => {
    const number =
      r.origin_code_number && r.origin_code_notation
        ? numberAndNotation(r.origin_code_number, r.origin_code_notation)
        : null;
    const arrival =
      r.arrival_number === null
        ? 'chưa vào sổ'
        : `số đến ${String(r.arrival_number).padStart(2, '0')} ngày ${String(r.arrival_date).slice(0, 10)}`;
    return {
      id: Number(r.id),
      href: `/api/documents/${r.id}`,
      title: `${number ?? 'Văn bản'} của ${r.issuer_organ_name ?? '—'}: ${r.subject} (${arrival})`,
    };
  });
}

/** 409 `duplicate_suspected` naming the earlier documents, unless there are none. */
export function refuseDuplicates(found: Awaited<ReturnType<typeof suspectedDuplicates>>): void {
  if (found.length === 0) return;
  throw new DomainError({
    code: 'duplicate_suspected',
    status: 409,
    message: `Văn bản này có thể đã được tiếp nhận: ${found.map((f) => f.title).join('; ')}. Nếu đúng là văn bản khác, hãy xác nhận (confirmDuplicate).`,
    messageEn:
      'This document may have been received already (see related); confirm with confirmDuplicate if it is another one.',
    related: found,
  });
}

function validate(input: PaperInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!documentKind(input.kind))
    errors.push(fieldError('kind', 'unknown_kind', 'Loại văn bản không có trong danh mục.', 'Unknown kind.'));
  if (!input.subject.trim())
    errors.push(fieldError('subject', 'required', 'Nhập trích yếu nội dung.', 'Enter the subject.'));
  if (!input.issuerName.trim())
    errors.push(fieldError('issuerName', 'required', 'Nhập tên cơ quan ban hành.', 'Enter the issuer.'));
  if (Boolean(input.codeNumber?.trim()) !== Boolean(input.codeNotation?.trim()))
    errors.push(
      fieldError(
        input.codeNumber?.trim() ? 'codeNotation' : 'codeNumber',
        'incomplete_number',
        'Nhập cả số và ký hiệu của văn bản (hoặc bỏ trống cả hai nếu văn bản không có số).',
        'Enter both the number and the notation, or neither.',
      ),
    );
  if (input.issuedDate > today)
    errors.push(
      fieldError('issuedDate', 'in_future', 'Ngày ban hành không thể sau hôm nay.', 'Issued in the future.'),
    );
  if (input.dueDate && input.dueDate < input.issuedDate)
    errors.push(
      fieldError('dueDate', 'before_issued', 'Hạn trả lời phải sau ngày ban hành.', 'Due before issued.'),
    );
  return errors;
}

/** Receives a paper document: a new incoming document, `received` through the paper channel. */
export async function receivePaper(
  db: Kysely<Database>,
  principal: Principal,
  input: PaperInput,
): Promise<number> {
  const start = input.unitId ?? principal.primaryUnitId;
  const agency = start === null ? null : await agencyOf(db, start);
  if (!agency || !holdsRoleIn(principal.grants, ['clerk'], await unitPath(db, agency.unitId)))
    throw forbidden(
      'Chỉ văn thư của cơ quan nhận tiếp nhận văn bản giấy.',
      'Only the receiving agency’s văn thư receives paper documents.',
    );
  const at = new Date();
  const errors = validate(input, vietnamDate(at));
  if (errors.length > 0) throw invalid(errors);
  const codeNumber = input.codeNumber?.trim() || null;
  const codeNotation = input.codeNotation?.trim() || null;
  if (!input.confirmDuplicate)
    refuseDuplicates(
      await suspectedDuplicates(db, {
        unitId: agency.unitId,
        codeNumber,
        codeNotation,
        issuedDate: input.issuedDate,
        organId: input.issuerOrganId ?? null,
        organName: input.issuerName.trim(),
      }),
    );
  const values = {
    direction: 'incoming' as const,
    unit_id: agency.unitId,
    drafting_unit_id: null,
    kind: input.kind,
    subject: input.subject.trim(),
    urgency: input.urgency ?? 'normal',
    secrecy: input.secrecy ?? 'none',
    page_amount: input.pageAmount ?? null,
    signer_user_id: null,
    signer_name: input.signerName?.trim() || null,
    signer_position: input.signerPosition?.trim() || null,
    signing_notation: null as SigningNotation | null,
    due_date: input.dueDate ?? null,
    description: input.description?.trim() || null,
    answers_document_id: null,
    issuer_organ_id: input.issuerOrganId ?? null,
    issuer_organ_name: input.issuerName.trim(),
    source_document_id: null,
    origin_code_number: codeNumber,
    origin_code_notation: codeNotation,
    origin_issued_date: input.issuedDate,
    recipients: '[]',
    electronic: false,
    created_by: principal.userId,
  };
  return db.transaction().execute(async (trx) => {
    const { id } = await insertDocument(
      trx,
      { ...values, search_text: searchTextOf(values) },
      { type: 'received', at: at.toISOString(), channel: 'paper', fromDocumentId: null },
      { userId: principal.userId, unitId: principal.primaryUnitId },
    );
    return id;
  });
}

/** Whether this principal may attach the scan of this paper document now. */
export function mayAttachScan(principal: Principal, loaded: LoadedDocument & { scope: DocumentScope }) {
  return (
    loaded.row.direction === 'incoming' &&
    !loaded.row.electronic &&
    loaded.row.secrecy === 'none' &&
    loaded.state.status === 'received' &&
    mayActOnDocument(principal, loaded.scope, 'scanned')
  );
}

/** Attaches (or replaces) the scan of a paper document before registration. */
export async function attachScan(
  db: Kysely<Database>,
  files: FileStore,
  principal: Principal,
  loaded: LoadedDocument & { scope: DocumentScope },
  upload: { fileName: string; content: Uint8Array },
): Promise<void> {
  if (!mayActOnDocument(principal, loaded.scope, 'scanned'))
    throw forbidden('Chỉ văn thư của cơ quan nhận đính kèm bản quét.', 'Only the văn thư attaches the scan.');
  // Luật Bảo vệ bí mật nhà nước 2018, Điều 5.8: a secret document is never stored on a
  // networked system, so its paper stays the only copy (registered in the secret book).
  if (loaded.row.secrecy !== 'none')
    throw conflict(
      'secret_not_digitised',
      'Văn bản mật không được số hóa, lưu trên hệ thống kết nối mạng (Luật Bảo vệ bí mật nhà nước, Điều 5).',
      'A secret document is not digitised onto a networked system.',
    );
  if (!mayAttachScan(principal, loaded))
    throw conflict(
      'transition_not_allowed',
      'Bản quét chỉ đính kèm cho văn bản giấy đã tiếp nhận, trước khi vào sổ.',
      'A scan is attached only to a received paper document, before registration.',
    );
  if ((await contentKindOf(upload.content)) !== 'pdf')
    throw new DomainError({
      code: 'unsupported_file_type',
      status: 415,
      message: 'Bản quét phải là tệp PDF.',
      messageEn: 'The scan must be a PDF file.',
    });
  const { pages, text } = await pdfText(upload.content);
  const at = new Date();
  const fileName = `${
    upload.fileName
      .replace(/[\\/]/g, '_')
      .replace(/\.pdf$/i, '')
      .slice(0, 200) || 'ban-quet'
  }.pdf`;
  await db.transaction().execute(async (trx) => {
    const saved = await saveFile(trx, files, {
      documentId: Number(loaded.row.id),
      role: 'received',
      version: 0,
      fileName,
      mediaType: 'application/pdf',
      content: upload.content,
      createdBy: principal.userId,
      at,
    });
    await appendEvents(
      trx,
      Number(loaded.row.id),
      loaded,
      [{ type: 'scanned', at: at.toISOString(), fileName, sha256: saved.sha256 }],
      { userId: principal.userId, unitId: principal.primaryUnitId },
      // The scan's text (when it has one: a scanner's OCR) joins what it is found by.
      {
        extra: { search_text: searchTextOf(loaded.row, text), page_amount: loaded.row.page_amount ?? pages },
      },
    );
  });
}

/** A paper document is registered only with its scan; a secret one's scan stays on paper (Điều 21.1.b). */
export function requireScan(loaded: LoadedDocument, hasFile: boolean): void {
  if (loaded.row.electronic || hasFile || loaded.row.secrecy !== 'none') return;
  throw conflict(
    'scan_missing',
    'Văn bản giấy cần bản quét (PDF) trước khi vào sổ.',
    'A paper document needs its scan (PDF) before registration.',
  );
}
