import { describe, expect, it } from 'vitest';
import { classifyOfficial, timeScore } from './rating';

describe('evaluation (TT 01/2018 Điều 13–15)', () => {
  it('scores time against the appointment day in Vietnam time', () => {
    const due = new Date('2026-03-10T10:00:00+07:00');
    expect(timeScore(new Date('2026-03-09T16:00:00+07:00'), due)).toBe(2);
    expect(timeScore(new Date('2026-03-10T16:59:00+07:00'), due)).toBe(1);
    expect(timeScore(new Date('2026-03-11T07:30:00+07:00'), due)).toBe(0);
    // 23:30 UTC on the 9th is already the 10th in Vietnam: on the day, not before.
    expect(timeScore(new Date('2026-03-09T23:30:00Z'), due)).toBe(1);
  });

  it('classifies officials on a 10-point scale', () => {
    expect(classifyOfficial(5)).toBe('Hoàn thành 100% nhiệm vụ');
    expect(classifyOfficial(4.9)).toBe('Hoàn thành từ 70% đến dưới 100% nhiệm vụ');
    expect(classifyOfficial(3.5)).toBe('Hoàn thành từ 70% đến dưới 100% nhiệm vụ');
    expect(classifyOfficial(3.4)).toBe('Hoàn thành dưới 70% nhiệm vụ');
  });
});
