/**
 * A working calendar answers one question: is this date a working day, and if not, why not.
 * It is built from resolved special days per year and is pure once built.
 */
import { addDays, weekday, type IsoDate } from '../../lib/time';
import { isDayOffKind, type ScheduleStatus, type SpecialDay } from './holidays';

export interface DayStatus {
  working: boolean;
  /** Why the day is not a working day (Vietnamese), or why a weekend day is worked. */
  reason?: string;
}

export interface YearCalendar {
  year: number;
  status: ScheduleStatus;
  days: SpecialDay[];
}

export class WorkingCalendar {
  private readonly special = new Map<IsoDate, SpecialDay>();
  private readonly years = new Set<number>();

  constructor(
    yearCalendars: YearCalendar[],
    /** Resolves a year not given up front (defaults, or a lazy load); must be pure. */
    private readonly resolveMissingYear: (year: number) => SpecialDay[],
  ) {
    for (const yearCalendar of yearCalendars) this.addYear(yearCalendar.year, yearCalendar.days);
  }

  private addYear(year: number, days: SpecialDay[]): void {
    this.years.add(year);
    for (const day of days) this.special.set(day.date, day);
  }

  status(date: IsoDate): DayStatus {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) this.addYear(year, this.resolveMissingYear(year));
    const special = this.special.get(date);
    if (special) {
      return isDayOffKind(special.kind)
        ? { working: false, reason: special.name }
        : { working: true, reason: special.name };
    }
    const day = weekday(date);
    if (day === 6) return { working: false, reason: 'Thứ Bảy' };
    if (day === 0) return { working: false, reason: 'Chủ nhật' };
    return { working: true };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.status(date).working;
  }
}

/** The days from `from` to `to` (both included) that are not working days, with the reason. */
export function daysOff(
  calendar: WorkingCalendar,
  from: IsoDate,
  to: IsoDate,
): Array<{ date: IsoDate; reason: string }> {
  const out: Array<{ date: IsoDate; reason: string }> = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const status = calendar.status(date);
    if (!status.working) out.push({ date, reason: status.reason ?? 'Ngày nghỉ' });
  }
  return out;
}
