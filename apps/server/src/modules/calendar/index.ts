/** Public surface of the calendar module: working days, office hours and legal due dates. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { CalendarService } from './service';

export {
  DURATION_UNITS,
  computeDueDate,
  minutesPerWorkingDay,
  workingMinutesBetween,
  type DurationUnit,
  type OfficeHours,
} from './due-date';
export type { DayKind } from './holidays';
export { CalendarService, saveYear, updateOfficeHours, type YearSchedule } from './service';
export { DEFAULT_OFFICE_HOURS, officialCalendar } from './test-calendar';
export type { WorkingCalendar } from './working-calendar';

const services = new WeakMap<Kysely<Database>, CalendarService>();

/** The calendar of a database: one service (and one cache) per database handle. */
export function calendarOf(db: Kysely<Database>): CalendarService {
  let service = services.get(db);
  if (!service) services.set(db, (service = new CalendarService(db)));
  return service;
}

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { calendarModule } from './module';
