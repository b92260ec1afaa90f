import { describe, expect, it } from 'vitest';
import { defaultSteps } from '../procedures';
import {
  accepted,
  at,
  CENTRE,
  CITIZEN,
  CONSTRUCTION,
  derive,
  LEADER,
  RECEPTION,
  SECOND_SPECIALIST,
  SPECIALIST,
  STEPS,
  submitted,
} from './test-process-control';

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
