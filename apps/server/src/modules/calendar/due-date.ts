/**
 * Due-date arithmetic for administrative procedures (one-stop-shop notes §4).
 *
 * - working-days: NĐ 61/2018 counts processing time in working days. Following the practice of
 *   provincial one-stop systems (and procedure records such as "nếu tiếp nhận hồ sơ sau 15 giờ
 *   thì thời gian được tính bắt đầu từ ngày làm việc tiếp theo"), a dossier received on a
 *   non-working day, after office hours, or after the 15:00 cut-off starts counting at the
 *   opening of the next working day; otherwise it counts from the moment of receipt. One working
 *   day is one full day of office hours, so N days later lands on the same clock time, skipping
 *   lunch, weekends and days off. Zero days means "within the day": the close of office hours.
 * - working-hours: counted inside office hours only, without the 15:00 cut-off.
 * - calendar-days: Bộ luật Dân sự 2015, Điều 147–148: counting starts the day after receipt;
 *   the period ends with the last day, moved to the next working day when that is a day off.
 *   The end is the close of office hours of that day (results are returned during office hours).
 */
import { addDays, vietnamDate, vietnamInstant, vietnamMinuteOfDay, type IsoDate } from '../../lib/time';
import type { WorkingCalendar } from './working-calendar';

export const DURATION_UNITS = ['working-days', 'working-hours', 'calendar-days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface OfficeHours {
  /** Working sessions of a day in minutes after midnight, in order, e.g. 07:00–11:30, 13:30–17:00. */
  sessions: Array<{ start: number; end: number }>;
  /** Receipts at or after this minute start counting on the next working day (15:00 rule). */
  cutoff: number;
}

export interface SkippedDay {
  date: IsoDate;
  reason: string;
}

export interface DueDate {
  /** The moment counting started (after the cut-off and office-hours rules). */
  countedFrom: Date;
  dueAt: Date;
  skipped: SkippedDay[];
}

export class CalendarRangeError extends Error {}

/** No procedure runs longer than this; a calendar with no working days in it is a data error. */
const MAX_DAYS_WALKED = 3 * 366;

export function minutesPerWorkingDay(hours: OfficeHours): number {
  return hours.sessions.reduce((total, session) => total + (session.end - session.start), 0);
}

interface Cursor {
  date: IsoDate;
  minute: number;
}

class Walker {
  readonly skipped: SkippedDay[] = [];
  private walked = 0;

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly hours: OfficeHours,
  ) {}

  /** First working date on or after `date`, recording each day off passed over. */
  nextWorkingDate(date: IsoDate): IsoDate {
    let current = date;
    for (;;) {
      const status = this.calendar.status(current);
      if (status.working) return current;
      this.skipped.push({ date: current, reason: status.reason ?? 'Ngày nghỉ' });
      current = this.step(current);
    }
  }

  step(date: IsoDate): IsoDate {
    this.walked += 1;
    if (this.walked > MAX_DAYS_WALKED) {
      throw new CalendarRangeError('Không tìm thấy ngày làm việc trong khoảng thời gian tính hạn.');
    }
    return addDays(date, 1);
  }

  get opening(): number {
    return this.hours.sessions[0]!.start;
  }

  get closing(): number {
    return this.hours.sessions[this.hours.sessions.length - 1]!.end;
  }

  /** Moves a moment to the nearest working moment at or after it. */
  normalise(cursor: Cursor): Cursor {
    const { minute } = cursor;
    let { date } = cursor;
    if (!this.calendar.isWorkingDay(date)) {
      return { date: this.nextWorkingDate(date), minute: this.opening };
    }
    for (const session of this.hours.sessions) {
      if (minute < session.start) return { date, minute: session.start };
      if (minute < session.end) return { date, minute };
    }
    date = this.nextWorkingDate(this.step(date));
    return { date, minute: this.opening };
  }

  /** Adds working minutes inside office hours; ends exactly at a session's close when it runs out there. */
  addWorkingMinutes(from: Cursor, amount: number): Cursor {
    let cursor = this.normalise(from);
    let remaining = amount;
    for (;;) {
      for (const session of this.hours.sessions) {
        if (cursor.minute >= session.end) continue;
        const start = Math.max(cursor.minute, session.start);
        const available = session.end - start;
        if (remaining <= available) return { date: cursor.date, minute: start + remaining };
        remaining -= available;
        cursor = { date: cursor.date, minute: session.end };
      }
      cursor = { date: this.nextWorkingDate(this.step(cursor.date)), minute: this.opening };
    }
  }
}

/**
 * Computes the due moment of a period that starts at `receivedAt`, explaining every day that was
 * not counted. Pure: the calendar and office hours are inputs.
 */
export function computeDueDate(
  receivedAt: Date,
  amount: number,
  unit: DurationUnit,
  calendar: WorkingCalendar,
  hours: OfficeHours,
): DueDate {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError('amount must be a non-negative number');
  const walker = new Walker(calendar, hours);
  const received: Cursor = { date: vietnamDate(receivedAt), minute: vietnamMinuteOfDay(receivedAt) };
  const toInstant = (cursor: Cursor) => vietnamInstant(cursor.date, cursor.minute);

  switch (unit) {
    case 'working-days': {
      let start: Cursor;
      const receivedStatus = calendar.status(received.date);
      if (receivedStatus.working && received.minute >= hours.cutoff) {
        walker.skipped.push({
          date: received.date,
          reason:
            received.minute >= walker.closing
              ? 'Tiếp nhận ngoài giờ hành chính: tính từ ngày làm việc tiếp theo'
              : 'Tiếp nhận sau 15 giờ: tính từ ngày làm việc tiếp theo',
        });
        start = { date: walker.nextWorkingDate(walker.step(received.date)), minute: walker.opening };
      } else {
        start = walker.normalise(received);
      }
      if (amount === 0) {
        return {
          countedFrom: toInstant(start),
          dueAt: toInstant({ date: start.date, minute: walker.closing }),
          skipped: walker.skipped,
        };
      }
      const due = walker.addWorkingMinutes(start, Math.round(amount * minutesPerWorkingDay(hours)));
      return { countedFrom: toInstant(start), dueAt: toInstant(due), skipped: walker.skipped };
    }
    case 'working-hours': {
      const start = walker.normalise(received);
      const due = walker.addWorkingMinutes(start, Math.round(amount * 60));
      return { countedFrom: toInstant(start), dueAt: toInstant(due), skipped: walker.skipped };
    }
    case 'calendar-days': {
      const start: Cursor = { date: addDays(received.date, 1), minute: 0 };
      let last = addDays(received.date, Math.ceil(amount));
      // Zero days means "the same day"; after the close of office hours that is the next day.
      if (amount === 0) last = received.minute >= walker.closing ? addDays(received.date, 1) : received.date;
      last = walker.nextWorkingDate(last);
      return {
        countedFrom: toInstant(start),
        dueAt: toInstant({ date: last, minute: walker.closing }),
        skipped: walker.skipped,
      };
    }
  }
}

/**
 * Working time between two instants, in minutes: the part of [start, end) that falls inside office
 * hours on working days (weekends, holidays, lunch and nights do not count). It is the inverse of
 * `computeDueDate` in working hours — `workingMinutesBetween(t, computeDueDate(t, n,
 * 'working-hours').dueAt) === n · 60` for every instant t — and, from the moment counting started,
 * of working days: n days are n × `minutesPerWorkingDay`. Summed in whole milliseconds, so the
 * equality is exact; fractions of a minute remain when the instants carry seconds. Zero when end
 * is not after start.
 */
export function workingMinutesBetween(
  start: Date,
  end: Date,
  calendar: WorkingCalendar,
  hours: OfficeHours,
): number {
  const from = start.getTime();
  const to = end.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('invalid instant');
  if (to <= from) return 0;
  let total = 0;
  for (let date = vietnamDate(start); vietnamInstant(date, 0).getTime() < to; date = addDays(date, 1)) {
    if (!calendar.isWorkingDay(date)) continue;
    for (const session of hours.sessions) {
      const sessionStart = Math.max(from, vietnamInstant(date, session.start).getTime());
      const sessionEnd = Math.min(to, vietnamInstant(date, session.end).getTime());
      if (sessionEnd > sessionStart) total += sessionEnd - sessionStart;
    }
  }
  return total / 60_000;
}
