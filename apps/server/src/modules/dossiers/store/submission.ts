/**
 * The submission's writes as one statement: take the agency's next daily number, insert the
 * dossier with its code and the first history entry. One round trip, atomic on its own, and the
 * counter row is locked only for that statement and its commit (concurrent submissions to the
 * same agency queue there; see store/codes.ts for why numbers stay gap-free).
 */
import { sql, type Kysely } from 'kysely';
import { dossierCodePrefix, MAX_DAILY_NUMBER } from '@tayninh/domain/dossiers/code';
import { applyAction, foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import type { Database } from '../../../db/schema';
import { vietnamDate } from '../../../lib/time';
import { dailyLimitReached } from '../codes';
import { onlineCapacityReached } from '../submission-quota';
import type { ActionRow, DossierRow, LoadedDossier } from '../repo';
import { rethrowDailyLimit } from './codes';

export interface NewSubmission {
  versionId: number;
  procedureCode: string;
  receivingUnitId: number;
  receivingAgencyCode: string;
  handlingUnitId: number;
  applicantUserId: number | null;
  applicant: object;
  channel: 'online' | 'counter' | 'post';
  formData: Record<string, unknown>;
  createdBy: number;
  /** The unit the submitter acted for (an officer's receiving unit), null for the applicant. */
  actorUnitId: number | null;
  idempotencyKey: string | null;
  cases: unknown;
  resultDelivery: string | null;
  resultAddress: string | null;
  documentsReceived: string[] | null;
  /** The highest number of the day this submission may take. */
  ceiling: number;
}

export async function insertSubmission(
  db: Kysely<Database>,
  input: NewSubmission,
): Promise<{ id: number; code: string; at: Date; loaded: LoadedDossier }> {
  const now = new Date();
  const day = vietnamDate(now);
  const prefix = dossierCodePrefix(input.receivingAgencyCode, day);
  const action: DossierAction = { type: 'submitted', at: now.toISOString(), channel: input.channel };
  const state = applyAction(foldActions([]), action);
  const key = input.idempotencyKey;
  const result = await sql<DossierRow & { action_id: number }>`
    with counter as (
      insert into dossier_code_counters (agency_code, day, last_number)
      values (${input.receivingAgencyCode}, ${day}, 1)
      on conflict (agency_code, day) do update set last_number = dossier_code_counters.last_number + 1
        where dossier_code_counters.last_number < ${input.ceiling}
      returning last_number
    ), dossier as (
      insert into dossiers (code, procedure_version_id, procedure_code, receiving_unit_id, handling_unit_id,
        applicant_user_id, applicant, channel, form_data, status, submitted_at, created_by,
        idempotency_key, action_count, cases, result_delivery, result_address, documents_received)
      select ${prefix} || lpad(counter.last_number::text, 4, '0'), ${input.versionId}, ${input.procedureCode},
        ${input.receivingUnitId}, ${input.handlingUnitId}, ${input.applicantUserId},
        ${JSON.stringify(input.applicant)}::jsonb, ${input.channel}, ${JSON.stringify(input.formData)}::jsonb,
        ${state.status}, ${now}, ${input.createdBy}, ${key}, 1,
        ${JSON.stringify(input.cases)}::jsonb, ${input.resultDelivery}, ${input.resultAddress},
        ${input.documentsReceived === null ? null : JSON.stringify(input.documentsReceived)}::jsonb
      from counter
      returning *
    ), history as (
      insert into dossier_actions (dossier_id, seq, type, at, actor_user_id, actor_unit_id, reason, payload,
        idempotency_key)
      select dossier.id, 1, ${action.type}, ${now}, ${input.createdBy}, ${input.actorUnitId}, null,
        ${JSON.stringify(action)}::jsonb, ${key}
      from dossier
      returning id
    )
    select dossier.*, (select id from history) as action_id from dossier`
    .execute(db)
    .catch(rethrowDailyLimit);
  const row = result.rows[0];
  // The counter was at the ceiling: online, the rest of the day is the counter's; else 9999.
  if (!row) throw input.ceiling < MAX_DAILY_NUMBER ? onlineCapacityReached() : dailyLimitReached();
  const { action_id: actionId, ...dossier } = row;
  const first: ActionRow = {
    id: Number(actionId),
    dossier_id: Number(dossier.id),
    seq: 1,
    type: action.type,
    at: now,
    actor_user_id: input.createdBy,
    actor_unit_id: input.actorUnitId,
    reason: null,
    payload: action,
    idempotency_key: key,
  };
  return {
    id: Number(dossier.id),
    code: dossier.code!,
    at: now,
    loaded: { row: dossier, actions: [first], state, attachments: [] },
  };
}
