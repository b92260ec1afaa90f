/**
 * A year's special days (holidays, compensatory and swapped days, worked Saturdays) as the
 * calendar page edits them. PUT /api/admin/calendar/years/:year replaces the whole year, so the
 * page edits the full list and sends it back.
 */
import type { paths } from '../api/schema';

export type YearSchedule =
  paths['/api/calendar/holidays']['get']['responses'][200]['content']['application/json'];
export type SpecialDay = YearSchedule['days'][number];
export type DayKind = SpecialDay['kind'];
export type YearWrite = NonNullable<
  paths['/api/admin/calendar/years/{year}']['put']['requestBody']
>['content']['application/json'];

export const DAY_KINDS = [
  'holiday',
  'compensatory',
  'swapped-off',
  'weekend-in-break',
  'swapped-workday',
] as const satisfies readonly DayKind[];

export function isDayOff(kind: DayKind): boolean {
  return kind !== 'swapped-workday';
}

/** Day of the week of a YYYY-MM-DD date (0 = Sunday), independent of the browser's zone. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

export type DayProblem = 'wrongYear' | 'duplicate' | 'notWeekend';

/** Why a day cannot be saved as entered (the server's checks), or null. */
export function dayProblem(
  day: { date: string; kind: DayKind },
  year: number,
  days: SpecialDay[],
  editing: string | null,
): DayProblem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date) || Number(day.date.slice(0, 4)) !== year) return 'wrongYear';
  if (day.date !== editing && days.some((other) => other.date === day.date)) return 'duplicate';
  if (day.kind === 'swapped-workday' && !isWeekend(day.date)) return 'notWeekend';
  return null;
}

/** The list with `day` in place of the day being edited (or added), in date order. */
export function putDay(days: SpecialDay[], day: SpecialDay, editing: string | null): SpecialDay[] {
  return [...days.filter((other) => other.date !== editing && other.date !== day.date), day].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
}

export function removeDay(days: SpecialDay[], date: string): SpecialDay[] {
  return days.filter((day) => day.date !== date);
}

/** Days of one month (1–12) of the list. */
export function daysOfMonth(days: SpecialDay[], year: number, month: number): SpecialDay[] {
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  return days.filter((day) => day.date.startsWith(prefix));
}

/** The body of PUT /api/admin/calendar/years/:year for the edited list. */
export function yearWrite(
  days: SpecialDay[],
  options: { status: YearWrite['status']; source: string; reason: string },
): YearWrite {
  return {
    status: options.status,
    source: options.source.trim(),
    reason: options.reason.trim(),
    days: days.map((day) => ({
      date: day.date,
      kind: day.kind,
      name: day.name.trim(),
      ...(day.source ? { source: day.source } : {}),
    })),
  };
}
