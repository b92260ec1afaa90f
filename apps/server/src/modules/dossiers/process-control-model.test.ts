import { describe, expect, it } from 'vitest';
import { defaultSteps } from '../procedures';
import { phasesOf, verdictOf, workingTimeWords } from './process-control-model';

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
