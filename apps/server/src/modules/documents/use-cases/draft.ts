/**
 * Drafting an outgoing document (NĐ 30/2020 Điều 10–11): a specialist or leader of a unit drafts
 * for that unit's agency; the draft names its kind, subject, body, urgency, secrecy, signer and
 * recipients. The platform composes the PDF with the thể thức of Phụ lục I (compose.ts); every
 * version is kept (its PDF and its history entry). A revision is a new version, by the drafter,
 * while the draft is with them.
 */
import type { Kysely } from 'kysely';
import {
  documentKind,
  SECRECY_NAMES,
  URGENCY_NAMES,
  type Secrecy,
  type SigningNotation,
  type Urgency,
} from '@tayninh/domain/documents/types';
import { documentNotation, NotationError } from '@tayninh/domain/documents/notation';
import { AGENCY_CODE } from '@tayninh/domain/org/codes';
import { holdsRoleIn } from '@tayninh/domain/org/grants';
import type { Database, DocumentRecipient } from '../../../db/schema';
import { conflict, DomainError, fieldError, forbidden, invalid, type FieldError } from '../../../http/errors';
import { allowedDocumentEvents } from '@tayninh/domain/documents/lifecycle';
import type { FileStore } from '../../../lib/file-store';
import { activeGrants, type Principal } from '../../auth';
import { unitPath } from '../../org';
import { composeDocument } from '../compose';
import { carryFiles, saveFile } from '../store/files';
import { appendEvents, insertDocument, StaleDocumentError } from '../store/history';
import { agencyOf } from '../store/settings';
import { searchTextOf } from '../store/search';
import { foldedContent } from '@tayninh/domain/documents/search';
import type { LoadedDocument } from '../load';
import { amendmentColumns, amendmentErrors, answeredErrors, type AmendsInput } from './amendments';

export interface DraftInput {
  kind: string;
  subject: string;
  body: string;
  urgency?: Urgency;
  secrecy?: Secrecy;
  signerUserId: number;
  signerPosition: string;
  signingNotation?: SigningNotation | null;
  authorityTitle?: string | null;
  recipients: Array<{
    unitId?: number | null;
    organId?: string | null;
    name?: string | null;
    purpose?: 'action' | 'information';
  }>;
  dueDate?: string | null;
  answersDocumentId?: number | null;
  amends?: AmendsInput | null;
  description?: string | null;
  draftingUnitId?: number | null;
}

interface Resolved {
  draftingUnitId: number;
  agencyId: number;
  agencyName: string;
  parentAgencyName: string | null;
  codeNotation: string;
  placeName: string;
  /** The drafting unit's abbreviation (the archive line "Lưu: VT, …"; công văn's ký hiệu). */
  draftingAbbreviation: string | null;
  signerName: string;
  recipients: DocumentRecipient[];
}

async function resolve(db: Kysely<Database>, principal: Principal, input: DraftInput): Promise<Resolved> {
  const draftingUnitId = input.draftingUnitId ?? principal.primaryUnitId;
  const draftingPath = draftingUnitId === null ? [] : await unitPath(db, draftingUnitId);
  if (draftingUnitId === null || !holdsRoleIn(principal.grants, ['specialist', 'leader'], draftingPath))
    throw forbidden(
      'Chỉ chuyên viên, lãnh đạo của đơn vị mới soạn thảo văn bản của đơn vị.',
      'Only the unit’s specialists and leaders draft its documents.',
    );
  const agency = await agencyOf(db, draftingUnitId);
  if (!agency)
    throw new DomainError({
      code: 'no_document_settings',
      status: 422,
      message: 'Cơ quan của đơn vị soạn thảo chưa được thiết lập sổ và ký hiệu văn bản.',
      messageEn: 'The drafting unit’s agency has no document settings yet.',
    });
  const errors: FieldError[] = [];
  const kind = documentKind(input.kind);
  if (!kind)
    errors.push(
      fieldError('kind', 'unknown_kind', 'Loại văn bản không có trong danh mục.', 'Unknown document kind.'),
    );
  if (!input.subject.trim())
    errors.push(fieldError('subject', 'required', 'Nhập trích yếu nội dung.', 'Enter the subject.'));
  if (!input.body.trim())
    errors.push(fieldError('body', 'required', 'Nhập nội dung văn bản.', 'Enter the body.'));
  const units = await db
    .selectFrom('units_view')
    .select(['id', 'name', 'parent_id'])
    .where('id', 'in', [agency.unitId, ...input.recipients.map((r) => r.unitId ?? 0)])
    .execute();
  const signer = await db
    .selectFrom('users_view')
    .select(['id', 'full_name'])
    .where('id', '=', input.signerUserId)
    .executeTakeFirst();
  if (!signer)
    errors.push(fieldError('signerUserId', 'unknown_user', 'Không có người ký này.', 'No such signer.'));
  else {
    const agencyPath = await unitPath(db, agency.unitId);
    const leads = holdsRoleIn(await activeGrants(db, input.signerUserId), ['leader'], agencyPath);
    if (!leads)
      errors.push(
        fieldError(
          'signerUserId',
          'not_a_leader',
          'Người ký phải là lãnh đạo của cơ quan ban hành.',
          'The signer must be a leader of the issuing agency.',
        ),
      );
  }
  const recipients: DocumentRecipient[] = [];
  input.recipients.forEach((r, i) => {
    const field = `recipients/${i}`;
    if (r.unitId) {
      const unit = units.find((u) => Number(u.id) === r.unitId);
      if (!unit)
        errors.push(
          fieldError(field, 'unknown_unit', 'Không có đơn vị nhận này.', 'No such recipient unit.'),
        );
      else
        recipients.push({
          unitId: r.unitId,
          name: r.name?.trim() || unit.name,
          purpose: r.purpose ?? 'action',
        });
    } else if (r.organId) {
      if (!AGENCY_CODE.test(r.organId) || !r.name?.trim())
        errors.push(
          fieldError(
            field,
            'bad_organ',
            'Cơ quan ngoài cần mã định danh (000.00.00.H53) và tên.',
            'An external agency needs its identifier code and name.',
          ),
        );
      else recipients.push({ organId: r.organId, name: r.name.trim(), purpose: r.purpose ?? 'action' });
    } else
      errors.push(
        fieldError(
          field,
          'required',
          'Chọn đơn vị nhận hoặc nhập mã cơ quan.',
          'Choose a unit or enter an agency code.',
        ),
      );
  });
  if (recipients.length === 0 && errors.length === 0)
    errors.push(
      fieldError('recipients', 'required', 'Văn bản cần ít nhất một nơi nhận.', 'At least one recipient.'),
    );
  let codeNotation = '';
  if (kind) {
    try {
      codeNotation = documentNotation({
        kind: kind.code,
        agency: agency.settings.agencyAbbreviation,
        unit: agency.settings.unitAbbreviations[String(draftingUnitId)] ?? null,
      });
    } catch (error) {
      if (!(error instanceof NotationError)) throw error;
      errors.push(
        fieldError(
          'kind',
          'notation',
          error.message,
          'The notation cannot be formed: set the unit’s abbreviation.',
        ),
      );
    }
  }
  if (input.amends && kind)
    errors.push(
      ...(await amendmentErrors(
        db,
        principal,
        { agencyId: agency.unitId, kind: kind.code, recipients },
        input.amends,
      )),
    );
  if (input.answersDocumentId)
    errors.push(...(await answeredErrors(db, principal, agency.unitId, input.answersDocumentId)));
  if (errors.length > 0) throw invalid(errors);
  const agencyUnit = units.find((u) => Number(u.id) === agency.unitId)!;
  const parent = agencyUnit.parent_id
    ? await db
        .selectFrom('units_view')
        .select('name')
        .where('id', '=', agencyUnit.parent_id)
        .executeTakeFirst()
    : undefined;
  return {
    draftingUnitId,
    agencyId: agency.unitId,
    agencyName: agencyUnit.name,
    parentAgencyName: parent?.name ?? null,
    codeNotation,
    placeName: agency.settings.placeName,
    draftingAbbreviation: agency.settings.unitAbbreviations[String(draftingUnitId)] ?? null,
    signerName: signer!.full_name ?? '',
    recipients,
  };
}

async function render(input: DraftInput, resolved: Resolved) {
  const kind = documentKind(input.kind)!;
  return composeDocument({
    parentAgencyName: resolved.parentAgencyName,
    agencyName: resolved.agencyName,
    kindName: kind.abbreviation === null ? null : kind.name.replace(/ \(.*\)$/, ''),
    codeNotation: resolved.codeNotation,
    placeName: resolved.placeName,
    subject: input.subject.trim(),
    body: input.body,
    urgencyName: input.urgency && input.urgency !== 'normal' ? URGENCY_NAMES[input.urgency] : null,
    secrecyName: input.secrecy && input.secrecy !== 'none' ? SECRECY_NAMES[input.secrecy] : null,
    signature: {
      notation: input.signingNotation ?? null,
      authorityTitle: input.authorityTitle ?? null,
      position: input.signerPosition,
      fullName: resolved.signerName,
    },
    recipients: resolved.recipients.map((r) => r.name),
    archiveLine: `Lưu: VT${resolved.draftingAbbreviation ? `, ${resolved.draftingAbbreviation}` : ''}`,
  });
}

function columns(input: DraftInput, resolved: Resolved) {
  return {
    kind: input.kind,
    subject: input.subject.trim(),
    body: input.body,
    urgency: input.urgency ?? 'normal',
    secrecy: input.secrecy ?? 'none',
    signer_user_id: input.signerUserId,
    signer_position: input.signerPosition.trim(),
    signer_name: resolved.signerName.slice(0, 50),
    signing_notation: input.signingNotation ?? null,
    authority_title: input.authorityTitle?.trim() || null,
    recipients: JSON.stringify(resolved.recipients),
    due_date: input.dueDate ?? null,
    answers_document_id: input.answersDocumentId ?? null,
    ...amendmentColumns(input.amends),
    description: input.description ?? null,
  } as const;
}

export async function createDraft(
  db: Kysely<Database>,
  files: FileStore,
  principal: Principal,
  input: DraftInput,
): Promise<number> {
  const resolved = await resolve(db, principal, input);
  const { pdf, layout } = await render(input, resolved);
  const at = new Date();
  return db.transaction().execute(async (trx) => {
    const values = {
      direction: 'outgoing' as const,
      unit_id: resolved.agencyId,
      drafting_unit_id: resolved.draftingUnitId,
      created_by: principal.userId,
      ...columns(input, resolved),
    };
    const { id } = await insertDocument(
      trx,
      { ...values, search_text: searchTextOf(values, foldedContent(input.body)) },
      { type: 'drafted', at: at.toISOString(), version: 1 },
      { userId: principal.userId, unitId: resolved.draftingUnitId },
    );
    await saveFile(trx, files, {
      documentId: id,
      role: 'draft',
      version: 1,
      fileName: `du-thao-v1.pdf`,
      mediaType: 'application/pdf',
      content: pdf,
      layout,
      createdBy: principal.userId,
      at,
    });
    return id;
  });
}

/** A new version of a draft that is with its drafter (drafting: new, or returned for revision). */
export async function reviseDraft(
  db: Kysely<Database>,
  files: FileStore,
  principal: Principal,
  loaded: LoadedDocument,
  input: DraftInput,
): Promise<void> {
  if (!allowedDocumentEvents(loaded.state).includes('revised'))
    throw conflict(
      'transition_not_allowed',
      'Chỉ sửa được dự thảo đang ở chỗ người soạn thảo (mới soạn, hoặc bị trả lại).',
      'A draft can be revised only while it is with its drafter (new, or returned).',
    );
  const resolved = await resolve(db, principal, { ...input, draftingUnitId: loaded.row.drafting_unit_id });
  const { pdf, layout } = await render(input, resolved);
  const at = new Date();
  const version = loaded.state.version + 1;
  await db.transaction().execute(async (trx) => {
    await appendEvents(
      trx,
      Number(loaded.row.id),
      loaded,
      [{ type: 'revised', at: at.toISOString(), version }],
      { userId: principal.userId, unitId: resolved.draftingUnitId },
      {
        extra: {
          ...columns(input, resolved),
          search_text: searchTextOf(
            { ...loaded.row, ...columns(input, resolved) },
            foldedContent(input.body),
          ),
        },
      },
    );
    // The attachments stay with the new version; the composed text replaces the content.
    await carryFiles(
      trx,
      Number(loaded.row.id),
      loaded.state.version,
      version,
      (f) => f.role === 'attachment',
      at,
      principal.userId,
    );
    await saveFile(trx, files, {
      documentId: Number(loaded.row.id),
      role: 'draft',
      version,
      fileName: `du-thao-v${version}.pdf`,
      mediaType: 'application/pdf',
      content: pdf,
      layout,
      createdBy: principal.userId,
      at,
    });
  });
}

export { StaleDocumentError };
