/**
 * Drafts (hồ sơ nháp): a citizen's online dossier before submission, saved and resumed across
 * sessions. A draft is a dossier row without a code, visible to its owner only (repo.scopeOf); its
 * form data is kept as typed, unvalidated, and checked against the procedure's form schema only on
 * submission. Files uploaded to a draft are in its history (attachment_added) like any other; a
 * discarded draft is withdrawn, never deleted, because attachments and history are append-only.
 * Drafts never reach queues or statistics: those read received or submitted dossiers.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { formatVietnamIso } from '../../lib/time';
import type { Principal } from '../auth/permissions';
import type { CatalogueIndex } from '../procedures/catalogue-index';
import { listAttachments } from './attachments';
import { nextDossierCode } from './codes';
import { applyAction, foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { appendAction, loadDossier } from './repo';
import { route, validateForm, type Applicant } from './service';

/** Open drafts one citizen may keep at a time. */
export const MAX_OPEN_DRAFTS = 20;

export interface DraftInput {
  procedureCode: string;
  unitId?: number;
  formData?: Record<string, unknown>;
}

function citizenOnly(principal: Principal) {
  if (principal.kind !== 'citizen')
    throw forbidden(
      'Hồ sơ nháp dành cho công dân, tổ chức nộp trực tuyến; cán bộ nhập hồ sơ tại quầy trực tiếp.',
      'Drafts are for online applicants.',
    );
}

async function offeredOnline(catalogue: CatalogueIndex, procedureCode: string) {
  const version = await catalogue.versionInForce(procedureCode);
  if (!version) throw notFound(`thủ tục ${procedureCode}`, `Procedure ${procedureCode}`);
  const channels = version.channels as Array<{ channel: string }>;
  if (!channels.some((channel) => channel.channel === 'online'))
    throw invalid([
      fieldError(
        '/procedureCode',
        'not_online',
        'Thủ tục này chưa cung cấp dịch vụ công trực tuyến; vui lòng nộp hồ sơ tại Bộ phận Một cửa.',
        'This procedure is not offered online.',
      ),
    ]);
  return version;
}

async function ownDraft(db: Kysely<Database>, principal: Principal, id: number) {
  citizenOnly(principal);
  const loaded = await loadDossier(db, { draftId: id });
  if (loaded.row.applicant_user_id !== principal.userId) throw notFound(`hồ sơ nháp số ${id}`, 'Draft');
  return loaded;
}

function requireDraft(status: string) {
  if (status !== 'draft')
    throw conflict(
      'not_a_draft',
      'Hồ sơ nháp này đã bị hủy; không thể sửa hoặc nộp.',
      'This draft was discarded.',
    );
}

export async function describeDraft(db: Kysely<Database>, principal: Principal, id: number) {
  const { row, state } = await ownDraft(db, principal, id);
  const version = await db
    .selectFrom('procedure_versions')
    .select(['name', 'handling_unit_id'])
    .where('id', '=', row.procedure_version_id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    status: state.status,
    procedureCode: row.procedure_code,
    procedureName: version.name,
    unitId: version.handling_unit_id === null ? row.handling_unit_id : null,
    formData: row.form_data as Record<string, unknown>,
    attachments: await listAttachments(db, row.id),
    createdAt: formatVietnamIso(row.created_at),
    updatedAt: formatVietnamIso(row.updated_at),
  };
}

export async function createDraft(
  db: Kysely<Database>,
  catalogue: CatalogueIndex,
  principal: Principal,
  input: DraftInput,
) {
  citizenOnly(principal);
  const version = await offeredOnline(catalogue, input.procedureCode);
  const routing = await route(db, catalogue, version, input.unitId);
  const open = await db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('applicant_user_id', '=', principal.userId)
    .where('code', 'is', null)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  if (Number(open.n) >= MAX_OPEN_DRAFTS)
    throw conflict(
      'too_many_drafts',
      `Bạn đang có ${MAX_OPEN_DRAFTS} hồ sơ nháp; hãy nộp hoặc hủy bớt trước khi tạo mới.`,
      `At most ${MAX_OPEN_DRAFTS} open drafts.`,
    );
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  const applicant: Applicant = {
    fullName: user.full_name,
    identityNumber: user.identity_number,
    phone: user.phone,
    email: user.email,
    address: null,
  };
  const row = await db
    .insertInto('dossiers')
    .values({
      code: null,
      procedure_version_id: version.version_id,
      procedure_code: version.code,
      receiving_unit_id: routing.receivingUnitId,
      handling_unit_id: routing.handlingUnitId,
      applicant_user_id: principal.userId,
      applicant: JSON.stringify(applicant),
      channel: 'online',
      form_data: JSON.stringify(input.formData ?? {}),
      status: 'draft',
      created_by: principal.userId,
      action_count: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDraft(
  db: Kysely<Database>,
  catalogue: CatalogueIndex,
  principal: Principal,
  id: number,
  input: { unitId?: number; formData: Record<string, unknown> },
) {
  const { row, state } = await ownDraft(db, principal, id);
  requireDraft(state.status);
  const version = await db
    .selectFrom('procedure_versions')
    .select(['handling_unit_id', 'levels'])
    .where('id', '=', row.procedure_version_id)
    .executeTakeFirstOrThrow();
  const routing =
    input.unitId === undefined || version.handling_unit_id !== null
      ? null
      : await route(db, catalogue, version, input.unitId);
  const updated = await db
    .updateTable('dossiers')
    .set({
      form_data: JSON.stringify(input.formData),
      updated_at: new Date(),
      ...(routing
        ? { receiving_unit_id: routing.receivingUnitId, handling_unit_id: routing.handlingUnitId }
        : {}),
    })
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .where('code', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) requireDraft('gone');
}

export async function listDrafts(db: Kysely<Database>, principal: Principal, page: number, pageSize: number) {
  citizenOnly(principal);
  const base = db
    .selectFrom('dossiers')
    .where('applicant_user_id', '=', principal.userId)
    .where('code', 'is', null)
    .where('status', '=', 'draft');
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('procedure_versions as v', 'v.id', 'dossiers.procedure_version_id')
    .select([
      'dossiers.id',
      'dossiers.procedure_code',
      'v.name as procedure_name',
      'dossiers.created_at',
      'dossiers.updated_at',
    ])
    .orderBy('dossiers.updated_at', 'desc')
    .orderBy('dossiers.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      createdAt: formatVietnamIso(r.created_at),
      updatedAt: formatVietnamIso(r.updated_at),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}

/** Discarding keeps the row and its files (append-only): the draft is withdrawn by its owner. */
export async function discardDraft(db: Kysely<Database>, principal: Principal, id: number) {
  const { row, state } = await ownDraft(db, principal, id);
  requireDraft(state.status);
  const action: DossierAction = {
    type: 'withdrawn',
    at: new Date().toISOString(),
    reason: 'Người nộp hủy hồ sơ nháp',
  };
  const next = applyAction(state, action);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('dossiers')
      .set({ status: next.status, updated_at: new Date(), action_count: row.action_count + 1 })
      .where('id', '=', row.id)
      .where('action_count', '=', row.action_count)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) requireDraft('gone');
    await appendAction(
      trx,
      row.id,
      row.action_count + 1,
      action,
      { userId: principal.userId, unitId: null },
      action.reason,
      null,
    );
  });
}

/**
 * Submits a draft: the form is validated against the procedure version it was started under,
 * then the code is assigned and `submitted` appended in one transaction. Submitting an already
 * submitted draft answers with the same dossier (a retried request never makes two).
 */
export async function submitDraft(
  db: Kysely<Database>,
  catalogue: CatalogueIndex,
  principal: Principal,
  id: number,
): Promise<string> {
  citizenOnly(principal);
  const existing = await db
    .selectFrom('dossiers')
    .select(['code', 'applicant_user_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (existing?.code && existing.applicant_user_id === principal.userId) return existing.code;
  const { row, actions, state } = await ownDraft(db, principal, id);
  requireDraft(state.status);
  // The dossier is resolved under the procedure in force when it is submitted: if the catalogue
  // published a new version since the draft was started, the form is checked against that one.
  const version = await offeredOnline(catalogue, row.procedure_code);
  validateForm(version.version_id, version.form_schema, row.form_data);
  const receiving = await db
    .selectFrom('units')
    .select(['agency_code', 'valid_until'])
    .where('id', '=', row.receiving_unit_id)
    .executeTakeFirstOrThrow();
  if (!receiving.agency_code || receiving.valid_until !== null)
    throw conflict(
      'unit_closed',
      'Đơn vị tiếp nhận đã thay đổi sau khi lưu nháp; hãy chọn lại nơi nộp hồ sơ.',
      'The receiving unit changed since the draft was saved.',
    );
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const code = await nextDossierCode(trx, receiving.agency_code!, now);
    const action: DossierAction = { type: 'submitted', at: now.toISOString(), channel: 'online' };
    const next = applyAction(foldActions(actions.map((a) => a.payload)), action);
    const updated = await trx
      .updateTable('dossiers')
      .set({
        code,
        procedure_version_id: version.version_id,
        status: next.status,
        submitted_at: now,
        updated_at: now,
        action_count: row.action_count + 1,
      })
      .where('id', '=', row.id)
      .where('action_count', '=', row.action_count)
      .where('code', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw conflict(
        'concurrent_change',
        'Hồ sơ nháp vừa được cập nhật ở nơi khác; vui lòng tải lại và thử lại.',
        'The draft changed meanwhile; reload and retry.',
      );
    await appendAction(
      trx,
      row.id,
      row.action_count + 1,
      action,
      { userId: principal.userId, unitId: null },
      null,
      null,
    );
    return code;
  });
}
