/**
 * The command dispatcher: loads the dossier, checks who may act, lets the command's use case
 * decide the action (one file per command), applies it to the history (the shared lifecycle
 * refuses what the rules forbid) and records it in one transaction (store/commit.ts).
 *
 * `actOnDossier` is for a person (the HTTP routes); `runDossierCommand` for a system actor — the
 * payments system confirming a fee — with no account: it acts for one unit, may run only the
 * commands it is given, and is recorded as such (the history names its unit, the audit log its
 * name).
 */
import type { Kysely } from 'kysely';
import { commandEvent } from '@tayninh/domain/dossiers/commands';
import {
  applyAction,
  TransitionError,
  type DossierActionType,
  type DossierState,
} from '@tayninh/domain/dossiers/lifecycle';
import { withSharedNote } from '@tayninh/domain/dossiers/notes';
import type { Database } from '../../../db/schema';
import { conflict, DomainError, forbidden, notFound } from '../../../http/errors';
import type { Principal } from '../../auth';
import type { CalendarService } from '../../calendar';
import { actsFor, canView, mayAct, type DossierScope } from '../policy';
import { isUniqueViolation, loadDossier, scopeOf } from '../repo';
import { actionRecorded, commitAction, type DossierRow } from '../store/commit';
import { accept } from './accept';
import { apologise } from './apologise';
import { assign } from './assign';
import { withdraw, stop } from './close';
import type { ActInput, CommandActor, UseCases } from './command';
import { approve, reject, sendForApproval } from './decide';
import { completeTask, forward } from './forward';
import { refuseIntake, requestIntakeSupplement } from './intake';
import { confirmPayment, requestPayment } from './payment';
import { rate } from './rate';
import { returnResult } from './return-result';
import { provideSupplement, requestSupplement } from './supplement';

export type { ActInput } from './command';

const USE_CASES: UseCases = {
  accepted: accept,
  intake_supplement_requested: requestIntakeSupplement,
  intake_refused: refuseIntake,
  supplemented: provideSupplement,
  withdrawn: withdraw,
  assigned: assign,
  forwarded: forward,
  task_completed: completeTask,
  supplement_requested: requestSupplement,
  sent_for_approval: sendForApproval,
  approved: approve,
  rejected: reject,
  payment_requested: requestPayment,
  payment_confirmed: confirmPayment,
  apologised: apologise,
  result_returned: returnResult,
  stopped: stop,
  rated: rate,
};

/** A system (no account) acting for a unit: today the payments system confirming fees. */
export interface SystemActor {
  /** Its name in the audit log, e.g. 'payments'. */
  system: string;
  /** The unit it acts for: the dossier's receiving unit for the one-stop shop's commands. */
  unitId: number;
  /** The events it may record (e.g. ['payment_confirmed']). */
  events: readonly DossierActionType[];
}

/** Events a system may record: the one-stop shop's payment confirmation. */
const SYSTEM_EVENTS: readonly DossierActionType[] = ['payment_confirmed'];

function systemMayAct(actor: SystemActor, row: DossierRow, event: DossierActionType): boolean {
  return (
    SYSTEM_EVENTS.includes(event) && actor.events.includes(event) && actor.unitId === row.receiving_unit_id
  );
}

interface Who {
  actor: CommandActor;
  mayAct: (event: DossierActionType) => boolean;
  audit: { userId: null; label: string; ip: null } | null;
}

function person(principal: Principal, scope: DossierScope): Who {
  return {
    actor: {
      userId: principal.userId,
      kind: principal.kind === 'citizen' ? 'citizen' : 'officer',
      actsForTaskUnit: (index) => !!scope.taskPaths[index] && actsFor(principal, scope.taskPaths[index]),
    },
    mayAct: (event) => mayAct(principal, scope, event),
    audit: null,
  };
}

function system(actor: SystemActor, row: DossierRow): Who {
  return {
    actor: { userId: null, kind: 'system', actsForTaskUnit: () => false },
    mayAct: (event) => systemMayAct(actor, row, event),
    audit: { userId: null, label: `system:${actor.system}`, ip: null },
  };
}

export async function actOnDossier(
  db: Kysely<Database>,
  calendar: CalendarService,
  principal: Principal,
  code: string,
  input: ActInput,
  publicBaseUrl = 'http://localhost:3000',
): Promise<void> {
  const { row, actions, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  await run(db, calendar, { row, actions, state, scope }, person(principal, scope), input, publicBaseUrl);
}

/** Runs a command for a system actor (no account): see the file's header. */
export async function runDossierCommand(
  db: Kysely<Database>,
  calendar: CalendarService,
  actor: SystemActor,
  code: string,
  input: ActInput,
  publicBaseUrl = 'http://localhost:3000',
): Promise<void> {
  const { row, actions, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  await run(db, calendar, { row, actions, state, scope }, system(actor, row), input, publicBaseUrl);
}

async function run(
  db: Kysely<Database>,
  calendar: CalendarService,
  loaded: Awaited<ReturnType<typeof loadDossier>> & { scope: DossierScope },
  who: Who,
  input: ActInput,
  publicBaseUrl: string,
): Promise<void> {
  const { row, actions, state, scope } = loaded;
  if (input.idempotencyKey && actions.some((a) => a.idempotency_key === input.idempotencyKey)) return;
  const eventType = commandEvent(input.type, state);
  if (!who.mayAct(eventType)) {
    throw forbidden(
      'Bạn không có quyền thực hiện thao tác này trên hồ sơ.',
      'You may not take this action on this dossier.',
    );
  }
  const useCase = USE_CASES[eventType];
  if (!useCase) {
    if (eventType === 'submitted')
      throw conflict('action_not_allowed', 'Hồ sơ đã được nộp.', 'The dossier was already submitted.');
    throw conflict(
      'action_not_allowed',
      'Tệp đính kèm được gửi qua địa chỉ /attachments.',
      'Upload files through /attachments.',
    );
  }
  const now = new Date();
  const reason = input.reason?.trim() ?? '';
  const context = {
    db,
    calendar,
    row,
    state,
    scope,
    actor: who.actor,
    input,
    now,
    at: now.toISOString(),
    reason,
  };
  const decision = await useCase(context);
  const action = input.shareNote && reason ? withSharedNote(decision.action) : decision.action;
  const defaultUnit = who.actor.kind === 'citizen' ? null : row.handling_unit_id;
  let next: DossierState;
  try {
    next = applyAction(state, action);
  } catch (error) {
    if (error instanceof TransitionError)
      throw conflict(
        'action_not_allowed',
        error.message,
        `Action ${error.action} is not allowed in status ${error.status}.`,
      );
    throw error;
  }
  try {
    await commitAction(db, {
      row,
      next,
      action,
      actor: {
        userId: who.actor.userId,
        unitId: decision.actorUnit === undefined ? defaultUnit : decision.actorUnit,
      },
      reason: reason || (input.items?.join('; ') ?? null),
      idempotencyKey: input.idempotencyKey ?? null,
      ...(decision.rating ? { rating: { ratedBy: who.actor.userId!, values: decision.rating } } : {}),
      ...(who.audit ? { audit: who.audit } : {}),
      publicBaseUrl,
    });
  } catch (error) {
    // The same request retried while the first was in flight: if the first recorded it, done.
    if (input.idempotencyKey && (isUniqueViolation(error) || error instanceof DomainError)) {
      if (await actionRecorded(db, row.id, input.idempotencyKey)) return;
    }
    throw error;
  }
}
