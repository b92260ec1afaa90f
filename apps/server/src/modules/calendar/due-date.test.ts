import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVietnamIso } from '../../lib/time';
import { computeDueDate, minutesPerWorkingDay, workingMinutesBetween, type DurationUnit } from './due-date';
import { DEFAULT_OFFICE_HOURS, officialCalendar } from './test-calendar';

const calendar = officialCalendar();
const due = (from: string, amount: number, unit: DurationUnit = 'working-days') => {
  const result = computeDueDate(new Date(from), amount, unit, calendar, DEFAULT_OFFICE_HOURS);
  return {
    dueAt: formatVietnamIso(result.dueAt),
    countedFrom: formatVietnamIso(result.countedFrom),
    skipped: result.skipped,
  };
};

describe('working days', () => {
  it('lands on the same clock time N working days later', () => {
    // Tuesday 10:00, 3 working days → Friday 10:00.
    expect(due('2026-03-10T10:00:00+07:00', 3).dueAt).toBe('2026-03-13T10:00:00+07:00');
  });

  it('skips the weekend and says so', () => {
    const result = due('2026-03-12T09:00:00+07:00', 2); // Thursday
    expect(result.dueAt).toBe('2026-03-16T09:00:00+07:00');
    expect(result.skipped).toEqual([
      { date: '2026-03-14', reason: 'Thứ Bảy' },
      { date: '2026-03-15', reason: 'Chủ nhật' },
    ]);
  });

  it('skips the whole Tết 2026 break', () => {
    const result = due('2026-02-13T10:00:00+07:00', 1); // Friday before Tết
    expect(result.dueAt).toBe('2026-02-23T10:00:00+07:00');
    expect(result.skipped.map((day) => day.date)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    expect(result.skipped[3]?.reason).toBe('Tết Nguyên đán (mùng 1)');
  });

  it('skips a compensatory day (Giỗ Tổ 2026 on Sunday → Monday 27/4 off)', () => {
    const result = due('2026-04-24T10:00:00+07:00', 1); // Friday
    expect(result.dueAt).toBe('2026-04-28T10:00:00+07:00');
    expect(result.skipped.at(-1)).toEqual({
      date: '2026-04-27',
      reason: 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật 26/4)',
    });
  });

  it('counts a swapped working Saturday (10/1/2026)', () => {
    const result = due('2026-01-09T10:00:00+07:00', 1); // Friday
    expect(result.dueAt).toBe('2026-01-10T10:00:00+07:00');
    expect(result.skipped).toEqual([]);
  });

  it('applies the 15:00 rule: a late receipt counts from the next working morning', () => {
    const result = due('2026-03-10T15:30:00+07:00', 1);
    expect(result.countedFrom).toBe('2026-03-11T07:00:00+07:00');
    expect(result.dueAt).toBe('2026-03-11T17:00:00+07:00');
    expect(result.skipped).toEqual([
      { date: '2026-03-10', reason: 'Tiếp nhận sau 15 giờ: tính từ ngày làm việc tiếp theo' },
    ]);
    // 14:59 is still counted from receipt: one working day later at the same time.
    expect(due('2026-03-10T14:59:00+07:00', 1).dueAt).toBe('2026-03-11T14:59:00+07:00');
  });

  it('gives same-day results the close of the day, or the next day after 15:00', () => {
    expect(due('2026-03-10T09:00:00+07:00', 0).dueAt).toBe('2026-03-10T17:00:00+07:00');
    expect(due('2026-03-10T16:00:00+07:00', 0).dueAt).toBe('2026-03-11T17:00:00+07:00');
  });

  it('starts a Sunday receipt on Monday morning', () => {
    const result = due('2026-03-15T20:00:00+07:00', 1);
    expect(result.countedFrom).toBe('2026-03-16T07:00:00+07:00');
    expect(result.dueAt).toBe('2026-03-16T17:00:00+07:00');
    expect(result.skipped).toEqual([{ date: '2026-03-15', reason: 'Chủ nhật' }]);
  });

  it('crosses the year boundary and the 2026 New Year break', () => {
    // Wednesday 31/12/2025 10:00 + 2 working days: 1/1 (holiday), 2/1 (swapped), 3–4/1 off → 6/1.
    const result = due('2025-12-31T10:00:00+07:00', 2);
    expect(result.dueAt).toBe('2026-01-06T10:00:00+07:00');
    expect(result.skipped.map((day) => day.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
    ]);
  });

  it('handles a receipt during lunch and before opening', () => {
    expect(due('2026-03-10T12:00:00+07:00', 1).countedFrom).toBe('2026-03-10T13:30:00+07:00');
    expect(due('2026-03-10T06:00:00+07:00', 1).dueAt).toBe('2026-03-10T17:00:00+07:00');
  });

  it('is independent of the UTC date of the instant (receipt at 06:30 Vietnam time is 23:30 UTC)', () => {
    expect(due('2026-03-09T23:30:00Z', 1).countedFrom).toBe('2026-03-10T07:00:00+07:00');
  });
});

describe('working hours', () => {
  it('counts inside office hours, skipping lunch and night', () => {
    expect(due('2026-03-10T10:00:00+07:00', 4, 'working-hours').dueAt).toBe('2026-03-10T16:00:00+07:00');
    expect(due('2026-03-10T16:00:00+07:00', 2, 'working-hours').dueAt).toBe('2026-03-11T08:00:00+07:00');
  });
});

describe('calendar days (BLDS 2015 Điều 147–148)', () => {
  it('starts the day after and moves an end on a day off to the next working day', () => {
    // Thursday 12/3 + 2 days = Saturday 14/3 → Monday 16/3.
    const result = due('2026-03-12T10:00:00+07:00', 2, 'calendar-days');
    expect(result.countedFrom).toBe('2026-03-13T00:00:00+07:00');
    expect(result.dueAt).toBe('2026-03-16T17:00:00+07:00');
    expect(result.skipped.map((day) => day.date)).toEqual(['2026-03-14', '2026-03-15']);
  });
});

describe('calendar days, zero amount', () => {
  it('never falls before the receipt (found by the property below)', () => {
    expect(due('2025-09-18T17:00:00.001+07:00', 0, 'calendar-days').dueAt).toBe('2025-09-19T17:00:00+07:00');
    expect(due('2025-09-18T16:00:00+07:00', 0, 'calendar-days').dueAt).toBe('2025-09-18T17:00:00+07:00');
  });
});

describe('properties', () => {
  const instants = fc.date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2027-12-01T00:00:00Z'),
    noInvalidDate: true,
  });

  it('always ends on a working day, within office hours, after the receipt', () => {
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom<DurationUnit>('working-days', 'working-hours', 'calendar-days'),
        (from, amount, unit) => {
          const result = computeDueDate(from, amount, unit, calendar, DEFAULT_OFFICE_HOURS);
          const iso = formatVietnamIso(result.dueAt);
          const minute = Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
          expect(calendar.isWorkingDay(iso.slice(0, 10))).toBe(true);
          expect(minute).toBeGreaterThanOrEqual(7 * 60);
          expect(minute).toBeLessThanOrEqual(17 * 60);
          expect(result.dueAt.getTime()).toBeGreaterThanOrEqual(from.getTime());
          for (const day of result.skipped) expect(day.reason.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 40 }), (from, amount) => {
        const shorter = computeDueDate(from, amount, 'working-days', calendar, DEFAULT_OFFICE_HOURS);
        const longer = computeDueDate(from, amount + 1, 'working-days', calendar, DEFAULT_OFFICE_HOURS);
        expect(longer.dueAt.getTime()).toBeGreaterThan(shorter.dueAt.getTime());
      }),
    );
  });
});

describe('working minutes between two instants', () => {
  const between = (from: string, to: string) =>
    workingMinutesBetween(new Date(from), new Date(to), calendar, DEFAULT_OFFICE_HOURS);

  it('counts office hours only, skipping lunch, nights and weekends', () => {
    expect(between('2026-03-10T08:00:00+07:00', '2026-03-10T10:30:00+07:00')).toBe(150);
    // 10:00–11:30 and 13:30–14:00: lunch is not counted.
    expect(between('2026-03-10T10:00:00+07:00', '2026-03-10T14:00:00+07:00')).toBe(120);
    // Friday 16:00 → Monday 08:00: one hour on Friday, one on Monday.
    expect(between('2026-03-13T16:00:00+07:00', '2026-03-16T08:00:00+07:00')).toBe(120);
    // A whole working day is 8 hours.
    expect(between('2026-03-10T00:00:00+07:00', '2026-03-11T00:00:00+07:00')).toBe(480);
    expect(minutesPerWorkingDay(DEFAULT_OFFICE_HOURS)).toBe(480);
  });

  it('is zero outside office hours, across Tết, and when the end is not after the start', () => {
    expect(between('2026-03-10T11:35:00+07:00', '2026-03-10T13:25:00+07:00')).toBe(0);
    expect(between('2026-02-14T00:00:00+07:00', '2026-02-22T23:59:00+07:00')).toBe(0);
    expect(between('2026-03-10T10:00:00+07:00', '2026-03-10T09:00:00+07:00')).toBe(0);
  });

  it('counts a swapped working Saturday and keeps fractions of a minute', () => {
    expect(between('2026-01-10T07:00:00+07:00', '2026-01-10T08:00:00+07:00')).toBe(60);
    expect(between('2026-03-10T08:00:00+07:00', '2026-03-10T08:00:30+07:00')).toBe(0.5);
  });

  const instants = fc.date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2027-11-01T00:00:00Z'),
    noInvalidDate: true,
  });

  it('inverts computeDueDate in working hours: n hours later is exactly n · 60 working minutes', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 400 }), (from, halfHours) => {
        const amount = halfHours / 2;
        const { dueAt } = computeDueDate(from, amount, 'working-hours', calendar, DEFAULT_OFFICE_HOURS);
        expect(workingMinutesBetween(from, dueAt, calendar, DEFAULT_OFFICE_HOURS)).toBe(amount * 60);
      }),
    );
  });

  it('inverts computeDueDate in working days from the moment counting started', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 40 }), (from, days) => {
        const result = computeDueDate(from, days, 'working-days', calendar, DEFAULT_OFFICE_HOURS);
        expect(workingMinutesBetween(result.countedFrom, result.dueAt, calendar, DEFAULT_OFFICE_HOURS)).toBe(
          days * 480,
        );
      }),
    );
  });

  it('is additive over an intermediate instant', () => {
    fc.assert(
      fc.property(fc.array(instants, { minLength: 3, maxLength: 3 }), (three) => {
        const [a, b, c] = three.sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        const whole = workingMinutesBetween(a, c, calendar, DEFAULT_OFFICE_HOURS);
        const parts =
          workingMinutesBetween(a, b, calendar, DEFAULT_OFFICE_HOURS) +
          workingMinutesBetween(b, c, calendar, DEFAULT_OFFICE_HOURS);
        expect(Math.round(whole * 60_000)).toBe(Math.round(parts * 60_000));
      }),
      { numRuns: 50 },
    );
  });
});
