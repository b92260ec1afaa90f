import { describe, expect, it } from 'vitest';
import { startQueue } from './start-queue';

describe('where an officer starts', () => {
  const busy = {
    to_receive: 3,
    to_process: 5,
    to_approve: 2,
    tasks: 1,
    tasks_returned: 1,
    to_return: 4,
    all: 9,
  };

  it('takes each role to its own most pressing queue', () => {
    expect(startQueue(['leader'], busy)).toBe('to_approve');
    expect(startQueue(['receiving_officer'], busy)).toBe('to_receive');
    expect(startQueue(['specialist'], busy)).toBe('to_process');
    expect(startQueue(['agency_admin'], busy)).toBe('all');
    expect(startQueue(['system_admin'], busy)).toBe('all');
  });

  it('moves on to the next work queue holding something, or stays on the first when all are empty', () => {
    expect(startQueue(['leader'], { ...busy, to_approve: 0 })).toBe('to_process');
    expect(startQueue(['receiving_officer'], { to_receive: 0, to_return: 2 })).toBe('to_return');
    expect(startQueue(['leader'], {})).toBe('to_approve');
    expect(startQueue(['specialist'], {})).toBe('to_process');
  });

  it('puts the leader’s approvals first for someone who is also a specialist, and has nothing for a citizen', () => {
    expect(startQueue(['specialist', 'leader'], busy)).toBe('to_approve');
    expect(startQueue(['citizen'], busy)).toBeNull();
  });
});
