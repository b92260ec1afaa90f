/** Test helper: the calendar as seeded from the official schedules, without a database. */
import holidayData from '../../db/seed/data/holidays-vn.json';
import { parseClock } from '../../lib/time';
import type { OfficeHours } from './due-date';
import { defaultSpecialDays, resolveYear, type DayKind, type SpecialDay } from './holidays';
import { WorkingCalendar } from './working-calendar';

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: parseClock('07:00'), end: parseClock('11:30') },
    { start: parseClock('13:30'), end: parseClock('17:00') },
  ],
  cutoff: parseClock('15:00'),
};

export function officialCalendar(): WorkingCalendar {
  const years = Object.entries(holidayData.years).map(([year, entries]) => {
    const provisional = entries.some((entry) => 'provisional' in entry && entry.provisional);
    const days: SpecialDay[] = entries.map((entry) => ({
      date: entry.date,
      kind: entry.kind as DayKind,
      name: entry.name,
      source: entry.source,
    }));
    const status = provisional ? ('provisional' as const) : ('official' as const);
    return { year: Number(year), status, days: resolveYear(Number(year), status, days) };
  });
  return new WorkingCalendar(years, defaultSpecialDays);
}
