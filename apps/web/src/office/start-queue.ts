/**
 * Where an officer starts (the back office home's first button): the queue of their own work
 * that matters most for their role — the leader's dossiers waiting for approval, the receiving
 * officer's dossiers waiting to be received, the specialist's dossiers to process — when it holds
 * something; otherwise the next of their work queues that does; otherwise that first queue.
 */
import { queuesFor, type QueueName } from './logic';

/** Each role's work queues, the most pressing first. */
export const ROLE_WORK: Record<string, readonly QueueName[]> = {
  leader: ['to_approve', 'to_process', 'tasks_returned', 'tasks'],
  receiving_officer: ['to_receive', 'to_return'],
  specialist: ['to_process', 'tasks_returned', 'tasks'],
  agency_admin: ['all'],
  system_admin: ['all'],
};

/** When one holds several roles, whose work comes first. */
const ROLE_PRECEDENCE = ['leader', 'receiving_officer', 'specialist', 'agency_admin', 'system_admin'];

export function startQueue(
  roles: readonly string[],
  counts: Partial<Record<QueueName, number>>,
): QueueName | null {
  const own = new Set(queuesFor(roles));
  const work = [
    ...new Set(
      ROLE_PRECEDENCE.filter((role) => roles.includes(role)).flatMap((role) => ROLE_WORK[role] ?? []),
    ),
  ].filter((queue) => own.has(queue));
  const first = work[0];
  if (first !== undefined && (counts[first] ?? 0) > 0) return first;
  return work.find((queue) => (counts[queue] ?? 0) > 0) ?? first ?? null;
}
