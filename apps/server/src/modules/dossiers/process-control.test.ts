import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, officialCalendar } from '../calendar/test-calendar';
import { defaultSteps } from '../procedures/model';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import {
  deriveProcessControl,
  phasesOf,
  verdictOf,
  workingTimeWords,
  type ControlHistoryEntry,
  type ControlInput,
  type ControlStep,
} from './process-control';

// Units and people of the scenarios: the provincial service centre receives, Sở Xây dựng
// handles, Sở Tư pháp is consulted.
const CENTRE = 10;
const CONSTRUCTION = 20;
const JUSTICE = 30;
const RECEPTION = 1;
const LEADER = 2;
const SPECIALIST = 3;
const CITIZEN = 4;
const JUSTICE_SPECIALIST = 5;
const SECOND_SPECIALIST = 6;

const STEPS: ControlStep[] = [
  { code: 'tiep-nhan', name: 'Tiếp nhận hồ sơ', role: 'receiving_officer', hours: 4 },
  { code: 'tham-dinh', name: 'Thẩm định hồ sơ', role: 'specialist', hours: 16 },
  { code: 'phe-duyet', name: 'Lãnh đạo phê duyệt', role: 'leader', hours: 4 },
  { code: 'tra-ket-qua', name: 'Trả kết quả', role: 'receiving_officer', hours: 4 },
];

/** Vietnam time, March 2026 (no holidays): Monday 9 … Friday 13. */
const at = (day: number, clock: string) => `2026-03-${String(day).padStart(2, '0')}T${clock}+07:00`;

type Step = [DossierAction, number | null, number | null];

function history(steps: Step[]): ControlHistoryEntry[] {
  return steps.map(([action, actorUserId, actorUnitId], index) => ({
    seq: index + 1,
    action: { ...action, at: new Date(action.at).toISOString() },
    actorUserId,
    actorUnitId,
  }));
}

function derive(entries: Step[], overrides: Partial<ControlInput> = {}) {
  return deriveProcessControl({
    history: history(entries),
    steps: STEPS,
    supplementClock: 'restart',
    receivingUnit: { id: CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh' },
    handlingUnit: { id: CONSTRUCTION, name: 'Sở Xây dựng' },
    applicantName: 'Võ Thị Ngọc Ánh',
    unitNames: new Map([
      [CENTRE, 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh'],
      [CONSTRUCTION, 'Sở Xây dựng'],
      [JUSTICE, 'Sở Tư pháp'],
    ]),
    userNames: new Map([
      [RECEPTION, 'Nguyễn Thị Thu Hà'],
      [LEADER, 'Huỳnh Minh Tâm'],
      [SPECIALIST, 'Phạm Quốc Bảo'],
      [CITIZEN, 'Võ Thị Ngọc Ánh'],
      [JUSTICE_SPECIALIST, 'Trần Văn Minh'],
      [SECOND_SPECIALIST, 'Lê Thị Lan'],
    ]),
    calendar: officialCalendar(),
    hours: DEFAULT_OFFICE_HOURS,
    ...overrides,
  });
}

const submitted = (day: number, clock: string): Step => [
  { type: 'submitted', at: at(day, clock), channel: 'online' },
  CITIZEN,
  null,
];
const accepted = (day: number, clock: string): Step => [
  { type: 'accepted', at: at(day, clock), dueAt: at(27, '08:00:00') },
  RECEPTION,
  CENTRE,
];

describe('verdict', () => {
  it('is before, on or over time by comparing whole working minutes', () => {
    expect(verdictOf(239, 240)).toBe('early');
    expect(verdictOf(240, 240)).toBe('on_time');
    expect(verdictOf(241, 240)).toBe('late');
  });

  it('writes working time as on the form', () => {
    expect(workingTimeWords(240)).toBe('4 giờ');
    expect(workingTimeWords(125)).toBe('2 giờ 05 phút');
    expect(workingTimeWords(25.9)).toBe('25 phút');
  });
});

describe('phases of the internal procedure', () => {
  it('splits the default workflow into reception, appraisal, approval and return', () => {
    const phases = phasesOf(defaultSteps(160));
    expect(phases.reception.map((s) => s.code)).toEqual(['tiep-nhan']);
    expect(phases.distribution).toEqual([]);
    expect(phases.appraisal.map((s) => s.code)).toEqual(['tham-dinh']);
    expect(phases.approval.map((s) => s.code)).toEqual(['phe-duyet']);
    expect(phases.return.map((s) => s.code)).toEqual(['tra-ket-qua']);
  });

  it('finds a distribution step and several approval levels', () => {
    const phases = phasesOf([
      { code: 'tn', name: 'Tiếp nhận', role: 'receiving_officer', hours: 2 },
      { code: 'pc', name: 'Lãnh đạo phòng phân công', role: 'leader', hours: 2 },
      { code: 'td', name: 'Thẩm định', role: 'specialist', hours: 20 },
      { code: 'dt', name: 'Dự thảo kết quả', role: 'specialist', hours: 4 },
      { code: 'lp', name: 'Lãnh đạo phòng xem xét', role: 'leader', hours: 2 },
      { code: 'ls', name: 'Lãnh đạo Sở ký', role: 'leader', hours: 2 },
      { code: 'vt', name: 'Văn thư, trả kết quả', role: 'receiving_officer', hours: 2 },
    ]);
    expect(phases.distribution.map((s) => s.code)).toEqual(['pc']);
    expect(phases.appraisal.map((s) => s.code)).toEqual(['td', 'dt']);
    expect(phases.approval.map((s) => s.code)).toEqual(['lp', 'ls']);
  });

  it('keeps a first and last step when the one-stop shop does everything (TT 01/2018 Điều 6)', () => {
    const phases = phasesOf([
      { code: 'a', name: 'Tiếp nhận', role: 'receiving_officer', hours: 1 },
      { code: 'b', name: 'Giải quyết', role: 'receiving_officer', hours: 4 },
      { code: 'c', name: 'Trả kết quả', role: 'receiving_officer', hours: 1 },
    ]);
    expect(phases.reception.map((s) => s.code)).toEqual(['a']);
    expect(phases.approval.map((s) => s.code)).toEqual(['b']);
    expect(phases.return.map((s) => s.code)).toEqual(['c']);
  });
});

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

describe('waiting for the applicant', () => {
  const scenario = (clock: 'restart' | 'pause') =>
    derive(
      [
        submitted(9, '08:00:00'),
        accepted(9, '08:00:00'),
        [{ type: 'assigned', at: at(9, '08:30:00'), assigneeId: SPECIALIST }, LEADER, CONSTRUCTION],
        [
          { type: 'supplement_requested', at: at(9, '10:00:00'), items: ['Bản vẽ mặt bằng'] },
          SPECIALIST,
          CONSTRUCTION,
        ],
        [{ type: 'supplemented', at: at(11, '10:00:00'), newDueAt: at(30, '10:00:00') }, CITIZEN, null],
        [{ type: 'sent_for_approval', at: at(11, '15:00:00') }, SPECIALIST, CONSTRUCTION],
      ],
      { supplementClock: clock },
    );

  it('shows the request and the supplement as rows without a verdict, with the wait', () => {
    const rows = scenario('pause');
    const request = rows.find((row) => row.event === 'supplement_requested')!;
    expect(request).toMatchObject({
      giver: { unit: 'Sở Xây dựng', person: 'Phạm Quốc Bảo' },
      receiver: { unit: 'Tổ chức, cá nhân', person: 'Võ Thị Ngọc Ánh' },
      verdict: null,
    });
    expect(request.note).toContain('Bản vẽ mặt bằng');
    const supplement = rows.find((row) => row.event === 'supplemented')!;
    expect(supplement).toMatchObject({
      giver: { person: 'Võ Thị Ngọc Ánh' },
      receiver: { unit: 'Sở Xây dựng', person: 'Phạm Quốc Bảo' },
      workingMinutes: 960,
      verdict: null,
    });
    expect(supplement.note).toContain('không tính vào bước');
  });

  it('leaves the wait out of the step when the clock pauses', () => {
    // Mon 08:00 → Wed 15:00 is 1260 working minutes, of which 960 waiting.
    const appraisal = scenario('pause').find((row) => row.event === 'sent_for_approval')!;
    expect(appraisal).toMatchObject({ workingMinutes: 300, budgetMinutes: 960, verdict: 'early' });
  });

  it('measures the step again from the supplement when the period restarts (NĐ 61/2018 Điều 19.4)', () => {
    const rows = scenario('restart');
    expect(rows.find((row) => row.event === 'sent_for_approval')).toMatchObject({ workingMinutes: 180 });
    expect(rows.find((row) => row.event === 'supplemented')!.note).toContain('tính lại từ đầu');
  });

  it('leaves a financial obligation out of the return step', () => {
    const rows = derive([
      submitted(9, '08:00:00'),
      accepted(9, '08:00:00'),
      [{ type: 'sent_for_approval', at: at(9, '09:00:00') }, SPECIALIST, CONSTRUCTION],
      [{ type: 'approved', at: at(9, '10:00:00') }, LEADER, CONSTRUCTION],
      [{ type: 'payment_requested', at: at(9, '10:30:00'), amountVnd: 150_000 }, SPECIALIST, CONSTRUCTION],
      [{ type: 'payment_confirmed', at: at(12, '10:30:00') }, RECEPTION, CENTRE],
      [{ type: 'result_returned', at: at(12, '11:00:00'), method: 'online' }, RECEPTION, CENTRE],
    ]);
    expect(rows.find((row) => row.event === 'payment_requested')!.note).toContain('150.000 đồng');
    expect(rows.find((row) => row.event === 'payment_confirmed')).toMatchObject({ workingMinutes: 1440 });
    // 10:00 → 10:30 before the request and 10:30 → 11:00 after the payment.
    expect(rows.at(-1)).toMatchObject({ workingMinutes: 60, verdict: 'early' });
    expect(rows.at(-1)!.note).toContain('trực tuyến');
  });

  it('measures the reception again from a supplement at intake and says so', () => {
    const rows = derive([
      submitted(9, '08:00:00'),
      [{ type: 'intake_supplement_requested', at: at(9, '09:00:00'), items: ['Tờ khai'] }, RECEPTION, CENTRE],
      [{ type: 'supplemented', at: at(10, '10:00:00') }, CITIZEN, null],
      accepted(10, '11:00:00'),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event: 'accepted', workingMinutes: 60, verdict: 'early' });
    expect(rows[0]!.note).toContain('Yêu cầu bổ sung khi tiếp nhận');
  });
});

describe('other readings', () => {
  it('gives a rework by the leader a new appraisal turn, and judges the leader turn before it', () => {
    const rows = derive([
      submitted(9, '08:00:00'),
      accepted(9, '08:00:00'),
      [{ type: 'sent_for_approval', at: at(9, '09:00:00') }, SPECIALIST, CONSTRUCTION],
      [{ type: 'assigned', at: at(9, '14:30:00'), assigneeId: SECOND_SPECIALIST }, LEADER, CONSTRUCTION],
      [{ type: 'sent_for_approval', at: at(10, '14:30:00') }, SECOND_SPECIALIST, CONSTRUCTION],
      [{ type: 'approved', at: at(10, '15:00:00') }, LEADER, CONSTRUCTION],
    ]);
    expect(
      rows.map((row) => [row.event, row.step?.codes[0] ?? null, row.workingMinutes, row.verdict]),
    ).toEqual([
      ['accepted', 'tiep-nhan', 0, 'early'],
      ['sent_for_approval', 'tham-dinh', 60, 'early'],
      // 09:00 → 14:30 with lunch: 210 minutes of the leader's 240.
      ['assigned', 'phe-duyet', 210, 'early'],
      ['sent_for_approval', 'tham-dinh', 480, 'early'],
      ['approved', 'phe-duyet', 30, 'early'],
    ]);
    expect(rows[2]!.note).toContain('lần 1');
    expect(rows[2]!.receiver.person).toBe('Lê Thị Lan');
  });

  it('judges a distribution step when the procedure has one', () => {
    const rows = derive(
      [
        submitted(9, '08:00:00'),
        accepted(9, '08:00:00'),
        [{ type: 'assigned', at: at(9, '11:00:00'), assigneeId: SPECIALIST }, LEADER, CONSTRUCTION],
        [{ type: 'sent_for_approval', at: at(10, '11:00:00') }, SPECIALIST, CONSTRUCTION],
      ],
      {
        steps: [
          STEPS[0]!,
          { code: 'phan-cong', name: 'Lãnh đạo phân công', role: 'leader', hours: 2 },
          ...STEPS.slice(1),
        ],
      },
    );
    expect(rows[1]).toMatchObject({
      step: { codes: ['phan-cong'] },
      workingMinutes: 180,
      budgetMinutes: 120,
      verdict: 'late',
    });
    expect(rows[2]).toMatchObject({ step: { codes: ['tham-dinh'] }, workingMinutes: 480 });
  });

  it('gives no verdict to steps without allotted time', () => {
    const rows = derive([submitted(9, '08:00:00'), accepted(9, '09:00:00')], { steps: defaultSteps(0) });
    expect(rows[0]).toMatchObject({ workingMinutes: 60, budgetMinutes: null, verdict: null });
  });

  it('names the one-stop section when the commune receives and handles', () => {
    const rows = derive([submitted(9, '08:00:00'), accepted(9, '09:00:00')], {
      receivingUnit: { id: CONSTRUCTION, name: 'Ủy ban nhân dân xã Tân Biên' },
      handlingUnit: { id: CONSTRUCTION, name: 'Ủy ban nhân dân xã Tân Biên' },
      unitNames: new Map([[CONSTRUCTION, 'Ủy ban nhân dân xã Tân Biên']]),
    });
    expect(rows[0]!.giver.unit).toBe('Bộ phận Một cửa - Ủy ban nhân dân xã Tân Biên');
    expect(rows[0]!.receiver.unit).toBe('Ủy ban nhân dân xã Tân Biên');
  });

  it('records an apology and a stop without a verdict, and nothing before acceptance', () => {
    expect(
      derive([
        submitted(9, '08:00:00'),
        [{ type: 'withdrawn', at: at(9, '09:00:00'), reason: 'Không cần nữa' }, CITIZEN, null],
      ]),
    ).toEqual([]);
    const rows = derive([
      submitted(9, '08:00:00'),
      accepted(9, '08:00:00'),
      [
        { type: 'apologised', at: at(10, '08:00:00'), reason: 'Chờ ý kiến', newDueAt: at(31, '08:00:00') },
        LEADER,
        CONSTRUCTION,
      ],
      [{ type: 'stopped', at: at(11, '08:00:00'), reason: 'Không liên lạc được' }, LEADER, CONSTRUCTION],
    ]);
    expect(rows.map((row) => [row.event, row.verdict])).toEqual([
      ['accepted', 'early'],
      ['apologised', null],
      ['stopped', null],
    ]);
    expect(rows[1]!.note).toContain('Mẫu 04');
    expect(rows[1]!.note).toContain('08 giờ 00 ngày 31/03/2026');
  });
});
