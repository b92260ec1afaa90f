/**
 * Submission (nộp hồ sơ): online by the applicant, at the counter or by post entered by a
 * receiving officer. The dossier is numbered and written with its first history entry in one
 * statement (store/submission.ts): no transaction and no extra round trip unless an account quota
 * must be counted under its lock first.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { fieldError, forbidden, invalid, notFound } from '../../../http/errors';
import type { Principal } from '../../auth';
import { applicantAccount, unitPath } from '../../org';
import type { CatalogueIndex } from '../../procedures';
import { onlineApplicant, type Applicant } from '../applicant';
import { checkDeclaration, type Declaration } from '../declaration';
import { mayAct, type DossierScope } from '../policy';
import { isUniqueViolation, type LoadedDossier } from '../repo';
import { insertSubmission } from '../store/submission';
import {
  hasAccountQuota,
  submissionCeiling,
  withinSubmissionQuota,
  type SubmissionLimits,
} from '../submission-quota';
import { validateForm } from './form';
import { route } from './routing';

export interface SubmitInput {
  procedureCode: string;
  /** The commune (for commune-level procedures) or agency chosen by the applicant. */
  unitId?: number;
  channel: 'online' | 'counter' | 'post';
  formData: Record<string, unknown>;
  applicant?: Applicant;
  idempotencyKey?: string;
}

type SubmitRequest = SubmitInput & Declaration;

const channelError = (code: string, message: string, messageEn: string) =>
  invalid([fieldError('/channel', code, message, messageEn)]);

/** The applicant: the citizen's account, or the person an officer enters at the counter. */
async function applicantOf(
  db: Kysely<Database>,
  principal: Principal,
  input: SubmitRequest,
  receivingUnitId: number,
): Promise<{ applicant: Applicant; applicantUserId: number | null }> {
  if (principal.kind === 'citizen') {
    if (input.channel !== 'online')
      throw forbidden('Công dân nộp hồ sơ qua kênh trực tuyến.', 'Citizens submit online.');
    const user = await applicantAccount(db, principal.userId);
    return { applicantUserId: user.id, applicant: onlineApplicant(user, input.formData) };
  }
  const scope: DossierScope = {
    applicantUserId: null,
    receivingPath: await unitPath(db, receivingUnitId),
    handlingPath: [],
    taskPaths: [],
  };
  if (!mayAct(principal, scope, 'submitted')) {
    throw forbidden(
      'Chỉ cán bộ Bộ phận Một cửa của đơn vị tiếp nhận được nhập hồ sơ tại quầy.',
      'Only receiving officers of the receiving unit enter counter dossiers.',
    );
  }
  if (input.channel === 'online')
    throw channelError(
      'officer_online',
      'Hồ sơ do cán bộ nhập phải là kênh trực tiếp hoặc bưu chính.',
      'Officers enter counter or post dossiers.',
    );
  if (!input.applicant)
    throw invalid([
      fieldError('/applicant', 'required', 'Cần thông tin người nộp hồ sơ.', 'Applicant required.'),
    ]);
  return { applicantUserId: null, applicant: input.applicant };
}

export async function submitDossier(
  db: Kysely<Database>,
  catalogue: CatalogueIndex,
  principal: Principal,
  input: SubmitRequest,
  limits: SubmissionLimits,
): Promise<{ code: string; loaded?: LoadedDossier }> {
  const previous = async () =>
    input.idempotencyKey
      ? await db
          .selectFrom('dossiers')
          .select('code')
          .where('created_by', '=', principal.userId)
          .where('idempotency_key', '=', input.idempotencyKey)
          .executeTakeFirst()
      : undefined;
  // A repeated key answers the dossier it made. Under an account quota it is looked up first, so
  // that a retry is not counted against the quota; otherwise the insert's UNIQUE (created_by,
  // idempotency_key) finds it (below), and a first submission costs no extra round trip.
  const quota = hasAccountQuota(limits, principal);
  if (quota) {
    const existing = await previous();
    if (existing?.code) return { code: existing.code };
  }
  const version = await catalogue.versionInForce(input.procedureCode);
  if (!version) throw notFound(`thủ tục ${input.procedureCode}`, `Procedure ${input.procedureCode}`);
  const channels = version.channels as Array<{ channel: string }>;
  if (!channels.some((channel) => channel.channel === input.channel))
    throw channelError(
      'channel_not_offered',
      'Thủ tục này không tiếp nhận hồ sơ qua kênh đã chọn.',
      'The procedure does not accept this channel.',
    );
  const routing = await route(db, catalogue, version, input.unitId);
  const { applicant, applicantUserId } = await applicantOf(db, principal, input, routing.receivingUnitId);
  validateForm(version.version_id, version.form_schema, input.formData);
  if (principal.kind === 'citizen' && input.documentsReceived)
    throw invalid([
      fieldError(
        '/documentsReceived',
        'officer_only',
        'Chỉ cán bộ tiếp nhận ghi các giấy tờ đã nhận tại quầy.',
        'Only receiving officers record documents received.',
      ),
    ]);
  const declared = checkDeclaration(version, input.channel, input, applicant.address ?? null);
  try {
    // One statement on its own, unless the account's quota must be counted under its lock first.
    const insert = (executor: Kysely<Database>) =>
      insertSubmission(executor, {
        versionId: version.version_id,
        procedureCode: version.code,
        receivingUnitId: routing.receivingUnitId,
        receivingAgencyCode: routing.receivingAgencyCode,
        handlingUnitId: routing.handlingUnitId,
        applicantUserId,
        applicant,
        channel: input.channel,
        formData: input.formData,
        createdBy: principal.userId,
        actorUnitId: principal.kind === 'officer' ? routing.receivingUnitId : null,
        idempotencyKey: input.idempotencyKey ?? null,
        cases: declared.cases,
        resultDelivery: declared.resultDelivery,
        resultAddress: declared.resultAddress,
        documentsReceived: principal.kind === 'citizen' ? null : (input.documentsReceived ?? []),
        ceiling: submissionCeiling(limits, principal),
      });
    const inserted = quota ? await withinSubmissionQuota(db, limits, principal, insert) : await insert(db);
    return { code: inserted.code, loaded: inserted.loaded };
  } catch (error) {
    // The same key sent twice at once: the second insert hits UNIQUE (created_by, idempotency_key)
    // after the first committed; answer with the dossier the first one made.
    if (isUniqueViolation(error)) {
      const winner = await previous();
      if (winner?.code) return { code: winner.code };
    }
    throw error;
  }
}
