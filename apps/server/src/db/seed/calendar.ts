/** Official holiday schedules 2024–2027 (data/holidays-vn.json, with each day's source). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import holidays from './data/holidays-vn.json';
import type { DayKind } from '../../modules/calendar/holidays';

export async function seedCalendar(db: Kysely<Database>): Promise<void> {
  for (const [yearText, days] of Object.entries(holidays.years)) {
    const year = Number(yearText);
    const provisional = days.some((day) => 'provisional' in day && day.provisional === true);
    const sources = [...new Set(days.map((day) => day.source))];
    await db
      .insertInto('calendar_years')
      .values({
        year,
        status: provisional ? 'provisional' : 'official',
        source: sources.join(' | ').slice(0, 2000),
        updated_at: new Date(),
      })
      .execute();
    await db
      .insertInto('calendar_days')
      .values(
        days.map((day) => ({
          date: day.date,
          year,
          kind: day.kind as DayKind,
          name: day.name,
          source: day.source,
        })),
      )
      .execute();
  }
}
