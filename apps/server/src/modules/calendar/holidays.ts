/**
 * Days off for civil servants: the statutory holidays of the 2019 Labour Code (Bộ luật Lao động
 * 2019, Điều 112), compensatory days (Điều 111.3), and the yearly official schedules that the
 * Government announces (swapped days, the exact Tết break), which override the defaults.
 */
import { LunarCalendar } from '@dqcai/vn-lunar';
import { addDays, weekday, type IsoDate } from '../../lib/time';

export const DAY_OFF_KINDS = ['holiday', 'compensatory', 'swapped-off', 'weekend-in-break'] as const;
export const DAY_KINDS = [...DAY_OFF_KINDS, 'swapped-workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** A day that differs from the plain Monday–Friday week. */
export interface SpecialDay {
  date: IsoDate;
  kind: DayKind;
  name: string;
  source: string;
}

/**
 * How a year's special days were decided:
 * - `official`: a complete schedule from the Government's announcement; replaces the defaults;
 * - `provisional`: some days are known; the statutory defaults fill in the rest (e.g. Tết before
 *   the Prime Minister decides the break);
 * - `default`: nothing entered; days computed from the Labour Code alone.
 */
export type ScheduleStatus = 'official' | 'provisional' | 'default';

export const LABOUR_CODE_SOURCE = 'Bộ luật Lao động 2019, Điều 111–112 (lịch mặc định do hệ thống tính)';

/** Solar date of a Vietnamese lunar date (computed for UTC+7). */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number): IsoDate {
  const solar = LunarCalendar.fromLunar(lunarDay, lunarMonth, lunarYear).solarDate;
  return `${solar.year}-${String(solar.month).padStart(2, '0')}-${String(solar.day).padStart(2, '0')}`;
}

/** Tết Nguyên đán (lunar 1/1) of the lunar year that starts in solar `year`. */
export function lunarNewYear(year: number): IsoDate {
  return lunarToSolar(1, 1, year);
}

function isWeekend(date: IsoDate): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/**
 * The statutory days off of `year` with no official schedule: 1/1; Tết = giao thừa + mùng 1–4
 * (the usual pattern of the Prime Minister's decisions); Giỗ Tổ 10/3 âm lịch; 30/4; 1/5; 2/9 and
 * one adjacent day chosen to join a weekend (Điều 112 leaves it to the Prime Minister; this is
 * the choice an official would expect until the decision is entered); a compensatory day on the
 * next working day for each holiday that falls on Saturday or Sunday (Điều 111.3).
 */
export function defaultSpecialDays(year: number): SpecialDay[] {
  const tet = lunarNewYear(year);
  const nationalDay = `${year}-09-02`;
  const nationalDayWeekday = weekday(nationalDay);
  // Tue/Fri/Sat: the day before makes the longest bridge; otherwise the day after.
  const adjacent = [2, 5, 6].includes(nationalDayWeekday) ? `${year}-09-01` : `${year}-09-03`;
  const holidays: Array<{ date: IsoDate; name: string }> = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: addDays(tet, -1), name: 'Tết Nguyên đán (giao thừa)' },
    { date: tet, name: 'Tết Nguyên đán (mùng 1)' },
    { date: addDays(tet, 1), name: 'Tết Nguyên đán (mùng 2)' },
    { date: addDays(tet, 2), name: 'Tết Nguyên đán (mùng 3)' },
    { date: addDays(tet, 3), name: 'Tết Nguyên đán (mùng 4)' },
    { date: lunarToSolar(10, 3, year), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: nationalDay, name: 'Quốc khánh' },
    { date: adjacent, name: 'Quốc khánh (ngày liền kề)' },
  ].sort((a, b) => a.date.localeCompare(b.date));

  const days = new Map<IsoDate, SpecialDay>();
  for (const holiday of holidays) {
    days.set(holiday.date, {
      date: holiday.date,
      kind: isWeekend(holiday.date) ? 'weekend-in-break' : 'holiday',
      name: isWeekend(holiday.date) ? `${holiday.name} — trùng ngày nghỉ hằng tuần` : holiday.name,
      source: LABOUR_CODE_SOURCE,
    });
  }
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let candidate = addDays(holiday.date, 1);
    while (isWeekend(candidate) || days.has(candidate)) candidate = addDays(candidate, 1);
    days.set(candidate, {
      date: candidate,
      kind: 'compensatory',
      name: `Nghỉ bù ${holiday.name} (trùng ngày nghỉ hằng tuần)`,
      source: LABOUR_CODE_SOURCE,
    });
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Special days of a year given what has been entered for it. Defaults are computed for the
 * solar year only; days entered for the year always win over computed ones on the same date.
 */
export function resolveYear(year: number, status: ScheduleStatus, entered: SpecialDay[]): SpecialDay[] {
  if (status === 'official') return [...entered].sort((a, b) => a.date.localeCompare(b.date));
  const days = new Map<IsoDate, SpecialDay>();
  for (const day of defaultSpecialDays(year)) days.set(day.date, day);
  for (const day of entered) days.set(day.date, day);
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export function isDayOffKind(kind: DayKind): boolean {
  return kind !== 'swapped-workday';
}
