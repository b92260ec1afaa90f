/**
 * What a command's use case is given, and what it answers: the action to record and, when it is
 * not the default, the unit the actor acted for and what comes with it (a rating). Each command
 * is one file of this folder; act.ts checks access, applies the action to the history and records
 * it (store/commit.ts).
 */
import type { Kysely } from 'kysely';
import type { DossierActionType, DossierAction, DossierState } from '@tayninh/domain/dossiers/lifecycle';
import type { Database } from '../../../db/schema';
import { fieldError, invalid } from '../../../http/errors';
import type { CalendarService } from '../../calendar';
import type { DossierScope } from '../policy';
import type { RatingInput } from '../rating';
import type { DossierRow } from '../store/commit';
import type { RatingValues } from '../store/ratings';
import type { DossierCommand } from '@tayninh/domain/dossiers/commands';

export interface ActInput {
  type: DossierCommand;
  reason?: string;
  items?: string[];
  /** Appointment for procedures without a published time (accept), or a task's deadline (forward). */
  dueAt?: string;
  assigneeId?: number;
  unitId?: number;
  task?: string;
  taskId?: string;
  amountVnd?: number;
  newDueAt?: string;
  method?: 'counter' | 'post' | 'online';
  rating?: RatingInput;
  /** Show the note (`reason`) to the applicant; officers' notes are internal otherwise (notes.ts). */
  shareNote?: boolean;
  idempotencyKey?: string;
}

/** Who runs the command, as far as a use case needs to know. */
export interface CommandActor {
  /** The account, or null for a system actor (payments confirming a fee). */
  userId: number | null;
  kind: 'citizen' | 'officer' | 'system';
  /** Whether the principal acts for one of the units of an open task (task_completed). */
  actsForTaskUnit: (taskIndex: number) => boolean;
}

export interface CommandContext {
  db: Kysely<Database>;
  calendar: CalendarService;
  row: DossierRow;
  state: DossierState;
  scope: DossierScope;
  actor: CommandActor;
  input: ActInput;
  now: Date;
  /** `now` as ISO 8601, the action's `at`. */
  at: string;
  /** The trimmed reason ('' when none). */
  reason: string;
}

export interface Decision {
  action: DossierAction;
  /** The unit the actor acted for; default: the handling unit (officers), none (citizens). */
  actorUnit?: number | null;
  rating?: RatingValues;
}

export type UseCase = (context: CommandContext) => Promise<Decision> | Decision;
export type UseCases = Partial<Record<DossierActionType, UseCase>>;

/** The reason, required: 422 on /reason when empty. */
export function needReason(context: CommandContext): string {
  if (!context.reason)
    throw invalid([fieldError('/reason', 'required', 'Cần nêu rõ lý do.', 'A reason is required.')]);
  return context.reason;
}

/** A field the command needs: 422 on /field when missing. */
export function required<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined || value === null || value === '')
    throw invalid([fieldError(`/${field}`, 'required', message, `${field} is required.`)]);
  return value;
}
