import { describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from './logic';
import { dateColumns, deadlineColumn } from './queue-columns';

describe('the dates a queue shows', () => {
  it('never shows a receipt date in the queue of dossiers not yet received', () => {
    expect(dateColumns('to_receive')).toEqual(['submittedAt']);
    expect(dateColumns('all')).toEqual(['submittedAt', 'receivedAt']);
    for (const queue of QUEUE_NAMES.filter((name) => !['to_receive', 'all'].includes(name)))
      expect(dateColumns(queue)).toEqual(['receivedAt']);
  });

  it('shows the task’s deadline in the inter-agency queue, the appointment elsewhere', () => {
    expect(deadlineColumn('tasks')).toBe('task');
    for (const queue of QUEUE_NAMES.filter((name) => name !== 'tasks'))
      expect(deadlineColumn(queue)).toBe('dossier');
  });
});
