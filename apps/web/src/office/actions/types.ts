/** What the action forms receive: the action as the server offers it, and the dossier's context. */
import type { OpenTask } from '@tayninh/domain/dossiers/lifecycle';
import type { paths } from '../../api/schema';

type ServerAction =
  paths['/api/dossiers/{code}/allowed-actions']['get']['responses'][200]['content']['application/json']['actions'][number];

/** One action of GET /allowed-actions (accept carries the appointment accepting now would give). */
export type OfferedAction = ServerAction;

export interface ActionContext {
  code: string;
  handlingUnitId: number;
  channel: string;
  /** How the applicant asked for the result (the default way of returning it). */
  resultDelivery?: 'counter' | 'post' | 'online' | null;
  openTasks: OpenTask[];
  /** The procedure publishes no processing time for this channel: accepting needs a date. */
  needsDueAt: boolean;
  /** Pre-filled supplement items (the documents not received at the counter). */
  defaultItems?: string[];
}

/** Everything the form's fields hold while it is being filled. */
export interface Values {
  reason: string;
  shareNote: boolean;
  items: string;
  dueAt: string | null;
  assigneeId: string | null;
  unitId: string | null;
  task: string;
  taskId: string | null;
  amountVnd: number | '';
  newDueAt: string | null;
  method: string | null;
  resultFile: File | null;
}

export const DANGER: readonly string[] = ['refuse', 'reject', 'stop', 'withdraw'];
export const PRIMARY: readonly string[] = [
  'accept',
  'approve',
  'return-result',
  'send-for-approval',
  'complete-task',
];
