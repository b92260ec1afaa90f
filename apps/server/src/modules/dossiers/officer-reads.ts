/**
 * Small reads for the officers' screens: the recorded events of a dossier (so the web app folds
 * the state with the same shared code as the server), and the specialists one may assign it to.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { forbidden, notFound } from '../../http/errors';
import type { Principal } from '../auth';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { canView, mayAct } from './policy';
import { loadDossier, scopeOf } from './repo';
import { historyFor } from './applicant-view';

/** GET /events: the history's events as recorded (`DossierAction`), in order. */
export async function dossierEvents(
  db: Kysely<Database>,
  principal: Principal,
  code: string,
): Promise<{ code: string; events: DossierAction[] }> {
  const { row, actions, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  return {
    code,
    events: historyFor(principal, scope, actions, row.applicant_user_id).map((action) => action.payload),
  };
}

/**
 * GET /assignees: the active specialists of the dossier's handling unit, for those who may
 * assign it (leaders and specialists of that unit).
 */
export async function dossierAssignees(db: Kysely<Database>, principal: Principal, code: string) {
  const { row, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  if (!mayAct(principal, scope, 'assigned'))
    throw forbidden(
      'Chỉ lãnh đạo, chuyên viên của cơ quan giải quyết được phân công hồ sơ.',
      'Only officers of the handling unit assign dossiers.',
    );
  const rows = await db
    .selectFrom('role_grants_view as g')
    .innerJoin('users_view as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.full_name', 'u.username'])
    .where('g.role', '=', 'specialist')
    .where('g.unit_id', '=', row.handling_unit_id)
    .where('g.revoked_at', 'is', null)
    .where('u.status', '=', 'active')
    .distinct()
    .orderBy('u.full_name')
    .execute();
  return {
    unitId: row.handling_unit_id,
    assigneeId: state.assigneeId,
    items: rows.map((user) => ({ id: Number(user.id), fullName: user.full_name, username: user.username })),
  };
}

/**
 * For the evidence log's proofs: the actions of a dossier that this principal may see (the same
 * filter as the history on the dossier's page), by code or by internal id; 404 otherwise.
 */
export async function visibleActions(
  db: Kysely<Database>,
  principal: Principal,
  ref: { code: string } | { dossierId: number },
): Promise<{ code: string; actions: Array<{ id: number; seq: number; type: string; at: Date }> }> {
  let code: string;
  if ('code' in ref) code = ref.code;
  else {
    const found = await db
      .selectFrom('dossiers')
      .select('code')
      .where('id', '=', ref.dossierId)
      .executeTakeFirst();
    if (!found?.code) throw notFound(`hồ sơ #${ref.dossierId}`, `Dossier #${ref.dossierId}`);
    code = found.code;
  }
  const { row, actions, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  return {
    code,
    actions: historyFor(principal, scope, actions, row.applicant_user_id).map((action) => ({
      id: action.id,
      seq: action.seq,
      type: action.type,
      at: action.at,
    })),
  };
}
