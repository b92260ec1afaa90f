import { describe, expect, it } from 'vitest';
import {
  accepted,
  at,
  CENTRE,
  CONSTRUCTION,
  derive,
  JUSTICE,
  JUSTICE_SPECIALIST,
  LEADER,
  RECEPTION,
  SPECIALIST,
  submitted,
} from './test-process-control';

describe('hand-overs of a dossier through two agencies', () => {
  const rows = derive([
    submitted(9, '08:00:00'),
    accepted(9, '09:30:00'),
    [{ type: 'assigned', at: at(9, '10:00:00'), assigneeId: SPECIALIST }, LEADER, CONSTRUCTION],
    [
      {
        type: 'forwarded',
        at: at(9, '14:00:00'),
        taskId: 't1',
        unitId: JUSTICE,
        dueAt: at(11, '14:00:00'),
        task: 'Xác minh tình trạng pháp lý',
      },
      SPECIALIST,
      CONSTRUCTION,
    ],
    [
      { type: 'attachment_added', at: at(10, '08:00:00'), attachmentId: 1, documentCode: null, sha256: 'x' },
      SPECIALIST,
      CONSTRUCTION,
    ],
    [
      { type: 'task_completed', at: at(11, '14:00:40'), taskId: 't1', note: 'Không có tranh chấp' },
      JUSTICE_SPECIALIST,
      JUSTICE,
    ],
    [{ type: 'sent_for_approval', at: at(12, '09:30:00') }, SPECIALIST, CONSTRUCTION],
    [{ type: 'approved', at: at(12, '15:30:00') }, LEADER, CONSTRUCTION],
    [{ type: 'result_returned', at: at(13, '10:30:00'), method: 'counter' }, RECEPTION, CENTRE],
  ]);

  it('has one row per hand-over, from the one-stop shop back to the applicant', () => {
    expect(rows.map((row) => row.event)).toEqual([
      'accepted',
      'assigned',
      'forwarded',
      'task_completed',
      'sent_for_approval',
      'approved',
      'result_returned',
    ]);
    expect(rows.map((row) => [row.giver.unit, row.receiver.unit])).toEqual([
      ['Trung tâm Phục vụ hành chính công tỉnh Tây Ninh', 'Sở Xây dựng'],
      ['Sở Xây dựng', 'Sở Xây dựng'],
      ['Sở Xây dựng', 'Sở Tư pháp'],
      ['Sở Tư pháp', 'Sở Xây dựng'],
      ['Sở Xây dựng', 'Sở Xây dựng'],
      ['Sở Xây dựng', 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh'],
      ['Trung tâm Phục vụ hành chính công tỉnh Tây Ninh', 'Tổ chức, cá nhân'],
    ]);
  });

  it('names who gave and who received (the next officer of the receiving unit to act)', () => {
    expect(rows.map((row) => [row.giver.person, row.receiver.person])).toEqual([
      ['Nguyễn Thị Thu Hà', 'Huỳnh Minh Tâm'],
      ['Huỳnh Minh Tâm', 'Phạm Quốc Bảo'],
      ['Phạm Quốc Bảo', 'Trần Văn Minh'],
      ['Trần Văn Minh', 'Phạm Quốc Bảo'],
      ['Phạm Quốc Bảo', 'Huỳnh Minh Tâm'],
      ['Huỳnh Minh Tâm', 'Nguyễn Thị Thu Hà'],
      ['Nguyễn Thị Thu Hà', 'Võ Thị Ngọc Ánh'],
    ]);
  });

  it('judges each step against its budget in working minutes', () => {
    const byEvent = Object.fromEntries(rows.map((row) => [row.event, row]));
    // Reception: 08:00 → 09:30, 90 of 240 minutes.
    expect(byEvent.accepted).toMatchObject({
      step: { codes: ['tiep-nhan'] },
      workingMinutes: 90,
      budgetMinutes: 240,
      verdict: 'early',
    });
    // No separate distribution step: the assignment is judged with the appraisal.
    expect(byEvent.assigned).toMatchObject({ step: null, verdict: null });
    // Appraisal from acceptance (Mon 09:30) to Thu 09:30: three working days, over its 16 hours.
    expect(byEvent.sent_for_approval).toMatchObject({
      step: { codes: ['tham-dinh'] },
      workingMinutes: 1440,
      budgetMinutes: 960,
      verdict: 'late',
    });
    // Approval 09:30 → 15:30 across lunch: exactly its 4 hours.
    expect(byEvent.approved).toMatchObject({ workingMinutes: 240, budgetMinutes: 240, verdict: 'on_time' });
    // Return: Thu 15:30 → Fri 10:30 is 5 hours.
    expect(byEvent.result_returned).toMatchObject({
      step: { codes: ['tra-ket-qua'] },
      workingMinutes: 300,
      verdict: 'late',
    });
  });

  it("judges the other agency's task against the task's deadline, to the minute", () => {
    const forwarded = rows.find((row) => row.event === 'forwarded')!;
    expect(forwarded).toMatchObject({ verdict: null, deadline: at(11, '14:00:00') });
    expect(forwarded.note).toContain('Xác minh tình trạng pháp lý');
    const completed = rows.find((row) => row.event === 'task_completed')!;
    // Completed at 14:00:40 on the deadline's minute: on time.
    expect(completed).toMatchObject({ workingMinutes: 960, budgetMinutes: 960, verdict: 'on_time' });
    expect(completed.note).toContain('Không có tranh chấp');
  });
});

describe('equality to the minute', () => {
  const reception = (acceptedAt: string) => derive([submitted(9, '07:00:45'), accepted(9, acceptedAt)])[0]!;

  it('is on time in the deadline minute, before it early, a minute later late', () => {
    expect(reception('11:00:10')).toMatchObject({ workingMinutes: 240, verdict: 'on_time' });
    expect(reception('10:59:59')).toMatchObject({ workingMinutes: 239, verdict: 'early' });
    expect(reception('11:01:00')).toMatchObject({ workingMinutes: 241, verdict: 'late' });
    // Handed over at lunch: the budget ran out at 11:00, lunch is not working time.
    expect(reception('12:15:00')).toMatchObject({ workingMinutes: 270, verdict: 'late' });
  });
});
