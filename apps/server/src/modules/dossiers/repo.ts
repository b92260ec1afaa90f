/** Loading a dossier with its history and its access scope (the writes are in store/). */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import { notFound } from '../../http/errors';
import { unitPath } from '../org';
import { foldActions, type DossierAction, type DossierState } from '@tayninh/domain/dossiers/lifecycle';
import type { DossierScope } from './policy';

/** A submitted dossier by its code, or a draft (no code yet) by its id. */
export type DossierRef = string | { draftId: number };

export function refName(ref: DossierRef): string {
  return typeof ref === 'string' ? `hồ sơ ${ref}` : `hồ sơ nháp số ${ref.draftId}`;
}

/** One entry of dossier_actions as read back. */
export interface ActionRow {
  id: number;
  dossier_id: number;
  seq: number;
  type: string;
  at: Date;
  actor_user_id: number | null;
  actor_unit_id: number | null;
  reason: string | null;
  payload: DossierAction;
  idempotency_key: string | null;
}

export type DossierRow = Selectable<Database['dossiers']>;

/**
 * A dossier as a write left it (the row its statement returned, the history it knows): what a
 * view needs without reading it back. `attachments: []` when the write knows there are none.
 */
export interface LoadedDossier {
  row: DossierRow;
  actions: ActionRow[];
  state: DossierState;
  attachments?: [];
}

/** The dossier row, its whole history (one round trip) and the state folded from it. */
export async function loadDossier(db: Kysely<Database>, ref: DossierRef): Promise<LoadedDossier> {
  const query = db
    .selectFrom('dossiers')
    .selectAll('dossiers')
    .select(
      sql<ActionJson[]>`(select coalesce(json_agg(row_to_json(a) order by a.seq), '[]'::json)
        from dossier_actions a where a.dossier_id = dossiers.id)`.as('history'),
    );
  const found = await (
    typeof ref === 'string'
      ? query.where('code', '=', ref)
      : query.where('id', '=', ref.draftId).where('code', 'is', null)
  ).executeTakeFirst();
  if (!found) throw notFound(refName(ref), typeof ref === 'string' ? `Dossier ${ref}` : 'Draft');
  const { history, ...row } = found;
  const actions: ActionRow[] = history.map((a) => ({
    ...a,
    id: Number(a.id),
    dossier_id: Number(a.dossier_id),
    actor_user_id: a.actor_user_id === null ? null : Number(a.actor_user_id),
    actor_unit_id: a.actor_unit_id === null ? null : Number(a.actor_unit_id),
    at: new Date(a.at),
  }));
  return { row, actions, state: foldActions(actions.map((a) => a.payload)) };
}

type ActionJson = Omit<ActionRow, 'at'> & { at: string };

export async function scopeOf(
  db: Kysely<Database>,
  row: {
    code: string | null;
    applicant_user_id: number | null;
    receiving_unit_id: number;
    handling_unit_id: number;
  },
  state: DossierState,
): Promise<DossierScope> {
  // A draft (no code yet) is the applicant's own work: no officer sees it before submission.
  if (row.code === null)
    return {
      applicantUserId: row.applicant_user_id,
      receivingPath: [],
      handlingPath: [],
      taskPaths: [],
      draft: true,
    };
  return {
    applicantUserId: row.applicant_user_id,
    receivingPath: await unitPath(db, row.receiving_unit_id),
    handlingPath: await unitPath(db, row.handling_unit_id),
    taskPaths: await Promise.all(state.openTasks.map((task) => unitPath(db, task.unitId))),
  };
}

/** PostgreSQL's unique_violation (23505), on both databases. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
