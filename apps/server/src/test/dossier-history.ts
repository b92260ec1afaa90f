/**
 * Test helper: writes a dossier with a given history, at given moments, straight into the
 * database — what the action API would have written had these things happened on those days.
 * Tests of what is derived from a history (process control slip, register) need past dates and
 * exact times, which the API (acting "now") cannot give. The history is checked by the same
 * lifecycle fold as the API's.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { nextDossierCode } from '../modules/dossiers/codes';
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { versionInForce } from '../modules/procedures/repo';
import { vietnamDate } from '../lib/time';
import type { Principal } from '../modules/auth/permissions';
import { activeGrants } from '../modules/auth/repo';
import { PERMIT, permitForm } from './dossier-fixtures';

/**
 * Who did it: a demo username, and the unit they acted for — 'receiving' or 'handling' (the
 * dossier's units), another agency's code, or null (the applicant).
 */
export type HistoryStep = [DossierAction, string | null, string | null];

export interface SeededDossier {
  procedureCode?: string;
  channel?: 'online' | 'counter' | 'post';
  applicant?: { fullName: string; address?: string | null; phone?: string | null };
  /** Username of the citizen applying online (their dossier), if any. */
  applicantUsername?: string;
  history: HistoryStep[];
}

/** The id of the unit in force with this agency code. */
export async function unitByCode(db: Kysely<Database>, agencyCode: string): Promise<number> {
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('agency_code', '=', agencyCode)
    .where('valid_until', 'is', null)
    .executeTakeFirstOrThrow();
  return unit.id;
}

/** Writes the dossier and its history; returns its code. */
export async function seedDossier(db: Kysely<Database>, input: SeededDossier): Promise<string> {
  const actions = input.history.map(([action]) => ({ ...action, at: new Date(action.at).toISOString() }));
  const state = foldActions(actions);
  const submittedAt = new Date(actions[0]!.at);
  const version = await versionInForce(db, input.procedureCode ?? PERMIT, vietnamDate(submittedAt));
  if (!version) throw new Error('no version in force');
  const receivingCode = '000.02.01.H53';
  const receivingUnitId = await unitByCode(db, receivingCode);
  const handlingUnitId = version.handling_unit_id ?? receivingUnitId;
  const usernames = [
    ...new Set([input.applicantUsername, ...input.history.map(([, user]) => user)].filter(Boolean)),
  ] as string[];
  const users = usernames.length
    ? await db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute()
    : [];
  const userId = (username: string | null | undefined) =>
    username ? (users.find((u) => u.username === username)?.id ?? null) : null;
  const unitOf = async (unit: HistoryStep[2]) =>
    unit === null
      ? null
      : unit === 'receiving'
        ? receivingUnitId
        : unit === 'handling'
          ? handlingUnitId
          : unitByCode(db, unit);
  const actorUnits = await Promise.all(input.history.map(([, , unit]) => unitOf(unit)));
  const applicant = input.applicant ?? { fullName: permitForm.applicant.fullName, address: 'Tây Ninh' };
  return db.transaction().execute(async (trx) => {
    const code = await nextDossierCode(trx, receivingCode, submittedAt);
    const row = await trx
      .insertInto('dossiers')
      .values({
        code,
        procedure_version_id: version.version_id,
        procedure_code: version.code,
        receiving_unit_id: receivingUnitId,
        handling_unit_id: handlingUnitId,
        applicant_user_id: userId(input.applicantUsername),
        applicant: JSON.stringify(applicant),
        channel: input.channel ?? 'online',
        form_data: JSON.stringify(permitForm),
        status: state.status,
        submitted_at: submittedAt,
        received_at: state.receivedAt,
        due_at: state.dueAt,
        original_due_at: state.originalDueAt,
        completed_at: state.completedAt,
        assignee_id: state.assigneeId,
        created_by: userId(input.history[0]![1]) ?? userId(input.applicantUsername)!,
        action_count: actions.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('dossier_actions')
      .values(
        actions.map((action, index) => ({
          dossier_id: row.id,
          seq: index + 1,
          type: action.type,
          at: action.at,
          actor_user_id: userId(input.history[index]![1]),
          actor_unit_id: actorUnits[index]!,
          reason: 'reason' in action ? action.reason : null,
          payload: JSON.stringify(action),
          idempotency_key: null,
        })),
      )
      .execute();
    for (const task of state.openTasks)
      await trx
        .insertInto('dossier_open_tasks')
        .values({
          task_id: task.taskId,
          dossier_id: row.id,
          unit_id: task.unitId,
          task: task.task,
          due_at: task.dueAt,
          opened_at: actions.find((a) => a.type === 'forwarded' && a.taskId === task.taskId)!.at,
        })
        .execute();
    return code;
  });
}

/** The principal of a demo account, as the access layer would build it. */
export async function principalOf(db: Kysely<Database>, username: string): Promise<Principal> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: user.username,
    fullName: user.full_name,
    kind: user.kind,
    primaryUnitId: user.primary_unit_id,
    grants: await activeGrants(db, user.id),
    via: 'session',
  };
}
