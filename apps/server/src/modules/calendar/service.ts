/**
 * Loads the working calendar and office hours from the database. Entered years are cached until
 * the calendar's revision moves (any instance's write; checked at most once a second, and dropped
 * at once when this instance changes them: platform/revisions.ts); other years use the defaults.
 */
import type { Kysely } from 'kysely';
import { StringEnum } from '../../http/schemas';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { CalendarDaysTable, CalendarYearsTable, Database } from '../../db/schema';
import { fieldError, invalid } from '../../http/errors';
import { isValidIsoDate, parseClock, type IsoDate } from '../../lib/time';
import { recordAudit, type Actor } from '../audit';
import type { OfficeHours } from './due-date';
import { DAY_KINDS, defaultSpecialDays, resolveYear, type ScheduleStatus, type SpecialDay } from './holidays';
import { WorkingCalendar, type YearCalendar } from './working-calendar';
import { RevisionedCache } from '../../platform/revisions';

export const OfficeHoursSetting = Type.Object(
  {
    sessions: Type.Array(
      Type.Object(
        {
          start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
          end: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 4 },
    ),
    cutoff: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
  },
  { additionalProperties: false },
);
export type OfficeHoursSettingValue = Static<typeof OfficeHoursSetting>;

export function officeHoursFromSetting(value: OfficeHoursSettingValue): OfficeHours {
  const sessions = value.sessions.map((session) => ({
    start: parseClock(session.start),
    end: parseClock(session.end),
  }));
  return { sessions, cutoff: parseClock(value.cutoff) };
}

export function validateOfficeHours(value: OfficeHoursSettingValue): void {
  const hours = officeHoursFromSetting(value);
  let previousEnd = -1;
  for (const [index, session] of hours.sessions.entries()) {
    if (session.start >= session.end || session.start < previousEnd) {
      throw invalid([
        fieldError(
          `/sessions/${index}`,
          'invalid_session',
          'Các ca làm việc phải theo thứ tự, giờ bắt đầu trước giờ kết thúc và không chồng nhau.',
          'Sessions must be ordered, non-overlapping, start before end.',
        ),
      ]);
    }
    previousEnd = session.end;
  }
}

export class CalendarService {
  private readonly cache: RevisionedCache<{
    calendar: WorkingCalendar;
    hours: OfficeHours;
    entered: Map<number, YearCalendar>;
  }>;

  constructor(private readonly db: Kysely<Database>) {
    this.cache = new RevisionedCache(db, 'calendar', () => this.read());
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  load() {
    return this.cache.get();
  }

  private async read() {
    const years = await this.db.selectFrom('calendar_years').selectAll().execute();
    const days = await this.db.selectFrom('calendar_days').selectAll().orderBy('date').execute();
    const entered = new Map<number, YearCalendar>();
    for (const year of years) {
      const own: SpecialDay[] = days
        .filter((day) => day.year === year.year)
        .map((day) => ({ date: day.date, kind: day.kind, name: day.name, source: day.source }));
      entered.set(year.year, {
        year: year.year,
        status: year.status,
        days: resolveYear(year.year, year.status, own),
      });
    }
    const setting = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'office_hours')
      .executeTakeFirst();
    const hours = officeHoursFromSetting(
      (setting?.value ?? {
        sessions: [
          { start: '07:00', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
        cutoff: '15:00',
      }) as OfficeHoursSettingValue,
    );
    const calendar = new WorkingCalendar([...entered.values()], defaultSpecialDays);
    return { calendar, hours, entered };
  }

  async yearDays(
    year: number,
  ): Promise<{ year: number; status: ScheduleStatus; source: string | null; days: SpecialDay[] }> {
    const { entered } = await this.load();
    const own = entered.get(year);
    if (own) {
      const row = await this.db
        .selectFrom('calendar_years')
        .select('source')
        .where('year', '=', year)
        .executeTakeFirst();
      return { year, status: own.status, source: row?.source ?? null, days: own.days };
    }
    return { year, status: 'default', source: null, days: defaultSpecialDays(year) };
  }
}

export const YearScheduleBody = Type.Object(
  {
    status: Type.Union([Type.Literal('official'), Type.Literal('provisional')]),
    source: Type.String({ minLength: 1, maxLength: 500 }),
    days: Type.Array(
      Type.Object(
        {
          date: Type.String({ format: 'date' }),
          kind: StringEnum(DAY_KINDS),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          source: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 120 },
    ),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type YearScheduleInput = Static<typeof YearScheduleBody>;

export interface YearSchedule {
  status: CalendarYearsTable['status'];
  source: string;
  updatedBy: number | null;
  days: Array<{ date: IsoDate; kind: CalendarDaysTable['kind']; name: string; source: string }>;
}

/**
 * Writes a year's schedule as given (the year's status and source, its entered days replacing
 * those stored): the one writer of calendar_years and calendar_days, used by the administrators'
 * route below (checked and audited there) and by the seed (official schedules).
 */
export async function saveYear(db: Kysely<Database>, year: number, schedule: YearSchedule): Promise<void> {
  await db.deleteFrom('calendar_days').where('year', '=', year).execute();
  const values = {
    status: schedule.status,
    source: schedule.source,
    updated_by: schedule.updatedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('calendar_years')
    .values({ year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values))
    .execute();
  if (schedule.days.length > 0)
    await db
      .insertInto('calendar_days')
      .values(schedule.days.map((day) => ({ ...day, year })))
      .execute();
}

/** Replaces the entered schedule of a year (days off and worked Saturdays) in one transaction. */
export async function replaceYearSchedule(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  input: YearScheduleInput,
) {
  const errors = input.days.flatMap((day, index) => {
    const problems = [];
    if (!isValidIsoDate(day.date) || Number(day.date.slice(0, 4)) !== year) {
      problems.push(
        fieldError(
          `/days/${index}/date`,
          'wrong_year',
          `Ngày ${day.date} không thuộc năm ${year}.`,
          `${day.date} is not in ${year}.`,
        ),
      );
    }
    if (input.days.findIndex((other) => other.date === day.date) !== index) {
      problems.push(
        fieldError(
          `/days/${index}/date`,
          'duplicate',
          `Ngày ${day.date} bị nhập trùng.`,
          `${day.date} appears twice.`,
        ),
      );
    }
    const weekdayNumber = new Date(`${day.date}T00:00:00Z`).getUTCDay();
    if (day.kind === 'swapped-workday' && weekdayNumber !== 6 && weekdayNumber !== 0) {
      problems.push(
        fieldError(
          `/days/${index}/kind`,
          'not_weekend',
          'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.',
          'A swapped working day must be a weekend day.',
        ),
      );
    }
    return problems;
  });
  if (errors.length > 0) throw invalid(errors);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('calendar_days')
      .select(['date', 'kind', 'name'])
      .where('year', '=', year)
      .orderBy('date')
      .execute();
    await saveYear(trx, year, {
      status: input.status,
      source: input.source,
      updatedBy: actor.userId,
      days: input.days.map((day) => ({
        date: day.date,
        kind: day.kind,
        name: day.name.trim(),
        source: day.source ?? input.source,
      })),
    });
    await recordAudit(trx, actor, {
      action: 'calendar.replace_year',
      entityType: 'calendar_year',
      entityId: year,
      reason: input.reason ?? null,
      before,
      after: {
        status: input.status,
        source: input.source,
        days: input.days.map(({ date, kind, name }) => ({ date, kind, name })),
      },
    });
  });
}

export async function updateOfficeHours(
  db: Kysely<Database>,
  actor: Actor,
  value: OfficeHoursSettingValue,
  reason: string | undefined,
) {
  if (!Value.Check(OfficeHoursSetting, value))
    throw invalid([fieldError('/', 'invalid', 'Giờ làm việc không hợp lệ.', 'Invalid office hours.')]);
  validateOfficeHours(value);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'office_hours')
      .executeTakeFirst();
    await trx
      .insertInto('settings')
      .values({
        key: 'office_hours',
        value: JSON.stringify(value),
        updated_by: actor.userId,
        updated_at: new Date(),
      })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ value: JSON.stringify(value), updated_by: actor.userId, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, actor, {
      action: 'settings.office_hours',
      entityType: 'setting',
      entityId: 'office_hours',
      reason: reason ?? null,
      before: before?.value,
      after: value,
    });
  });
}
