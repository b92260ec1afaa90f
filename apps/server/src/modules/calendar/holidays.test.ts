import { describe, expect, it } from 'vitest';
import { defaultSpecialDays, lunarNewYear, lunarToSolar, resolveYear } from './holidays';
import { officialCalendar } from './test-calendar';
import { WorkingCalendar } from './working-calendar';

describe('lunar holidays computed for Vietnam (UTC+7)', () => {
  it.each([
    [2019, '2019-02-05'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    // New moon just after midnight in UTC+8 but before it in UTC+7: Vietnam's Tết 2030 is a day before China's.
    [2030, '2030-02-02'],
  ])('Tết %i falls on %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('Giỗ Tổ Hùng Vương %i falls on %s', (year, date) => {
    expect(lunarToSolar(10, 3, year)).toBe(date);
  });
});

describe('default days off (Labour Code 2019, Điều 111–112)', () => {
  it('gives eleven statutory holidays and compensates those on a weekend', () => {
    const days = defaultSpecialDays(2026);
    const statutory = days.filter((day) => day.kind === 'holiday' || day.kind === 'weekend-in-break');
    expect(statutory).toHaveLength(11);
    // Giỗ Tổ 2026 is Sunday 26/4 → compensatory Monday 27/4, as the press reported.
    expect(days.find((day) => day.date === '2026-04-26')?.kind).toBe('weekend-in-break');
    expect(days.find((day) => day.date === '2026-04-27')?.kind).toBe('compensatory');
  });

  it('never puts a compensatory day on another holiday or weekend', () => {
    for (let year = 2020; year <= 2040; year += 1) {
      const days = defaultSpecialDays(year);
      const dates = days.map((day) => day.date);
      expect(new Set(dates).size).toBe(dates.length);
      for (const day of days.filter((d) => d.kind === 'compensatory')) {
        const weekdayNumber = new Date(`${day.date}T00:00:00Z`).getUTCDay();
        expect([0, 6]).not.toContain(weekdayNumber);
      }
    }
  });

  it('lets a provisional year keep the computed Tết while entered days win', () => {
    const resolved = resolveYear(2027, 'provisional', [
      { date: '2027-09-02', kind: 'holiday', name: 'Quốc khánh (đã nhập)', source: 'test' },
    ]);
    expect(resolved.find((day) => day.date === '2027-02-06')?.name).toContain('mùng 1');
    expect(resolved.find((day) => day.date === '2027-09-02')?.name).toBe('Quốc khánh (đã nhập)');
  });

  it('lets an official schedule replace the defaults entirely', () => {
    const resolved = resolveYear(2026, 'official', []);
    expect(resolved).toEqual([]);
  });
});

describe('working calendar with the official schedules', () => {
  const calendar = officialCalendar();

  it('closes the whole Tết 2026 break, Saturday 14/2 to Sunday 22/2', () => {
    for (let day = 14; day <= 22; day += 1) {
      expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('works the swapped Saturdays and rests the swapped weekdays', () => {
    expect(calendar.status('2026-01-10')).toEqual({
      working: true,
      reason: 'Làm việc bù cho thứ Sáu 2/1/2026',
    });
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2024-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('falls back to computed defaults for years without a schedule', () => {
    const defaultsOnly = new WorkingCalendar([], defaultSpecialDays);
    expect(defaultsOnly.isWorkingDay('2030-02-04')).toBe(false); // mùng 2 Tết 2030
    expect(defaultsOnly.isWorkingDay('2030-04-30')).toBe(false);
    expect(defaultsOnly.isWorkingDay('2030-05-02')).toBe(true);
  });
});
