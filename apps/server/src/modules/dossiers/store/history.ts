/**
 * The history and what is derived from it: dossier_actions (append-only), the projection kept in
 * `dossiers` and the open inter-agency tasks (dossier_open_tasks). Every writer of an action goes
 * through these, so a new projection column is added in one place.
 */
import type { Kysely } from 'kysely';
import type { DossierAction, DossierState } from '@tayninh/domain/dossiers/lifecycle';
import type { Database } from '../../../db/schema';

/** Who recorded an action: the account (null for the system) and the unit it acted for. */
export interface Actor {
  userId: number | null;
  unitId: number | null;
}

/** The columns of `dossiers` that mirror the folded history. */
export function projectionOf(state: DossierState) {
  return {
    status: state.status,
    received_at: state.receivedAt,
    due_at: state.dueAt,
    original_due_at: state.originalDueAt,
    completed_at: state.completedAt,
    assignee_id: state.assigneeId,
  };
}

export type Projection = ReturnType<typeof projectionOf>;

/** The history entry of an action, as stored. */
export function actionRow(
  dossierId: number,
  seq: number,
  action: DossierAction,
  actor: Actor,
  reason: string | null,
  idempotencyKey: string | null,
) {
  return {
    dossier_id: dossierId,
    seq,
    type: action.type,
    at: action.at,
    actor_user_id: actor.userId,
    actor_unit_id: actor.unitId,
    reason,
    payload: JSON.stringify(action),
    idempotency_key: idempotencyKey,
  };
}

export async function appendAction(
  trx: Kysely<Database>,
  dossierId: number,
  seq: number,
  action: DossierAction,
  actor: Actor,
  reason: string | null,
  idempotencyKey: string | null,
) {
  await trx
    .insertInto('dossier_actions')
    .values(actionRow(dossierId, seq, action, actor, reason, idempotencyKey))
    .execute();
}

/** The open-task row of a forwarding (the task is open until completed, withdrawn or stopped). */
export function openTaskRow(dossierId: number, action: Extract<DossierAction, { type: 'forwarded' }>) {
  return {
    task_id: action.taskId,
    dossier_id: dossierId,
    unit_id: action.unitId,
    task: action.task,
    due_at: action.dueAt,
    opened_at: action.at,
  };
}

/** Keeps the open-task projection in step with the action just appended. */
export async function syncOpenTasks(
  trx: Kysely<Database>,
  dossierId: number,
  action: DossierAction,
): Promise<void> {
  switch (action.type) {
    case 'forwarded':
      await trx.insertInto('dossier_open_tasks').values(openTaskRow(dossierId, action)).execute();
      return;
    case 'task_completed':
      await trx.deleteFrom('dossier_open_tasks').where('task_id', '=', action.taskId).execute();
      return;
    case 'withdrawn':
    case 'stopped':
      await trx.deleteFrom('dossier_open_tasks').where('dossier_id', '=', dossierId).execute();
      return;
    default:
      return;
  }
}

/** The tasks still open after a history, as `syncOpenTasks` would have left them. */
export function openTasksAfter(dossierId: number, actions: readonly DossierAction[]) {
  const open = new Map<string, ReturnType<typeof openTaskRow>>();
  for (const action of actions) {
    if (action.type === 'forwarded') open.set(action.taskId, openTaskRow(dossierId, action));
    else if (action.type === 'task_completed') open.delete(action.taskId);
    else if (action.type === 'withdrawn' || action.type === 'stopped') open.clear();
  }
  return [...open.values()];
}
