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
import type { Principal } from '../auth';
import type { CatalogueIndex } from '../procedures';
import { applicantAccount } from '../org';
import { listAttachments } from './attachments';
import { applyAction, foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { loadDossier } from './repo';
import type { Applicant } from './applicant';
import { nextDossierCode } from './store/codes';
import { discardDraftRow, insertDraft, submitDraftRow, updateDraftRow } from './store/drafts';
import { validateForm } from './use-cases/form';
import { route } from './use-cases/routing';
import { checkDeclaration, requireUploads, resultDeliveryOut, type Declaration } from './declaration';
import { onlineApplicant } from './applicant';
import {
  onlineCapacityReached,
  submissionCeiling,
  withinDraftQuota,
  withinSubmissionQuota,
  type SubmissionLimits,
} from './submission-quota';

/** Open drafts one citizen may keep at a time. */
export const MAX_OPEN_DRAFTS = 20;

export interface DraftInput {
  procedureCode: string;
  unitId?: number;
  formData?: Record<string, unknown>;
  cases?: string[];
  resultDelivery?: Declaration['resultDelivery'];
}

/** The declaration as a draft keeps it: as typed, checked only on submission. */
function declarationColumns(input: Pick<DraftInput, 'cases' | 'resultDelivery'>) {
  return {
    ...(input.cases ? { cases: JSON.stringify(input.cases) } : {}),
    ...(input.resultDelivery
      ? {
          result_delivery: input.resultDelivery.method,
          result_address: input.resultDelivery.address ?? null,
        }
      : {}),
  };
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
    .selectFrom('procedure_versions_view')
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
    cases: row.cases,
    resultDelivery: resultDeliveryOut(row),
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
  limits: SubmissionLimits,
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
  const user = await applicantAccount(db, principal.userId);
  const applicant: Applicant = {
    fullName: user.full_name,
    identityNumber: user.identity_number,
    phone: user.phone,
    email: user.email,
    address: null,
  };
  const insert = (trx: Kysely<Database>) =>
    insertDraft(trx, {
      versionId: version.version_id,
      procedureCode: version.code,
      receivingUnitId: routing.receivingUnitId,
      handlingUnitId: routing.handlingUnitId,
      applicantUserId: principal.userId,
      applicant,
      formData: input.formData ?? {},
      declaration: declarationColumns(input),
    });
  const row = await withinDraftQuota(db, limits, principal, insert);
  return row.id;
}

export async function updateDraft(
  db: Kysely<Database>,
  catalogue: CatalogueIndex,
  principal: Principal,
  id: number,
  input: Omit<DraftInput, 'procedureCode'> & { formData: Record<string, unknown> },
) {
  const { row, state } = await ownDraft(db, principal, id);
  requireDraft(state.status);
  const version = await db
    .selectFrom('procedure_versions_view')
    .select(['handling_unit_id', 'levels'])
    .where('id', '=', row.procedure_version_id)
    .executeTakeFirstOrThrow();
  const routing =
    input.unitId === undefined || version.handling_unit_id !== null
      ? null
      : await route(db, catalogue, version, input.unitId);
  const updated = await updateDraftRow(db, row.id, {
    formData: input.formData,
    declaration: declarationColumns(input),
    routing,
  });
  if (!updated) requireDraft('gone');
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
    .innerJoin('procedure_versions_view as v', 'v.id', 'dossiers.procedure_version_id')
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
  const action = {
    type: 'withdrawn',
    at: new Date().toISOString(),
    reason: 'Người nộp hủy hồ sơ nháp',
  } as const;
  const next = applyAction(state, action);
  const discarded = await discardDraftRow(db, row, next, action, { userId: principal.userId, unitId: null });
  if (!discarded) requireDraft('gone');
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
  limits: SubmissionLimits,
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
  const user = await applicantAccount(db, principal.userId);
  const declaration = checkDeclaration(
    version,
    'online',
    {
      cases: row.cases,
      ...(row.result_delivery
        ? { resultDelivery: { method: row.result_delivery, address: row.result_address ?? undefined } }
        : {}),
    },
    onlineApplicant(user, row.form_data as Record<string, unknown>).address ?? null,
  );
  requireUploads(version, declaration.cases, await listAttachments(db, row.id));
  const receiving = await db
    .selectFrom('units_view')
    .select(['agency_code', 'valid_until'])
    .where('id', '=', row.receiving_unit_id)
    .executeTakeFirstOrThrow();
  if (!receiving.agency_code || receiving.valid_until !== null)
    throw conflict(
      'unit_closed',
      'Đơn vị tiếp nhận đã thay đổi sau khi lưu nháp; hãy chọn lại nơi nộp hồ sơ.',
      'The receiving unit changed since the draft was saved.',
    );
  return withinSubmissionQuota(db, limits, principal, async (trx) => {
    const now = new Date();
    const code = await nextDossierCode(
      trx,
      receiving.agency_code!,
      now,
      submissionCeiling(limits, principal),
      onlineCapacityReached,
    );
    const action: DossierAction = { type: 'submitted', at: now.toISOString(), channel: 'online' };
    const next = applyAction(foldActions(actions.map((a) => a.payload)), action);
    const updated = await submitDraftRow(trx, row, {
      code,
      // The applicant as declared in the form now submitted (the draft started with the account's).
      applicant: onlineApplicant(user, row.form_data as Record<string, unknown>),
      versionId: version.version_id,
      resultDelivery: declaration.resultDelivery,
      resultAddress: declaration.resultAddress,
      next,
      action,
      actor: { userId: principal.userId, unitId: null },
    });
    if (!updated)
      throw conflict(
        'concurrent_change',
        'Hồ sơ nháp vừa được cập nhật ở nơi khác; vui lòng tải lại và thử lại.',
        'The draft changed meanwhile; reload and retry.',
      );
    return code;
  });
}
