/**
 * Which dates a queue shows. A dossier not yet received has no receipt date: the reception queue
 * shows when it was submitted ("Ngày nộp"), the overview of all dossiers shows both, the others
 * (received dossiers) the receipt date. The inter-agency queue is about the task: its deadline is
 * the task's ("Hạn phối hợp"), not the dossier's appointment.
 */
import type { QueueName } from './logic';

export type DateColumn = 'submittedAt' | 'receivedAt';

export function dateColumns(queue: QueueName): DateColumn[] {
  if (queue === 'to_receive') return ['submittedAt'];
  if (queue === 'all') return ['submittedAt', 'receivedAt'];
  return ['receivedAt'];
}

export function deadlineColumn(queue: QueueName): 'task' | 'dossier' {
  return queue === 'tasks' ? 'task' : 'dossier';
}
