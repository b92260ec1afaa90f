/** Official holiday schedules 2024–2027 (data/holidays-vn.json, with each day's source). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import holidays from './data/holidays-vn.json';
import { saveYear, type DayKind } from '../../modules/calendar';

export async function seedCalendar(db: Kysely<Database>): Promise<void> {
  for (const [yearText, days] of Object.entries(holidays.years)) {
    const year = Number(yearText);
    const provisional = days.some((day) => 'provisional' in day && day.provisional === true);
    const sources = [...new Set(days.map((day) => day.source))];
    await saveYear(db, year, {
      status: provisional ? 'provisional' : 'official',
      source: sources.join(' | ').slice(0, 2000),
      updatedBy: null,
      days: days.map((day) => ({
        date: day.date,
        kind: day.kind as DayKind,
        name: day.name,
        source: day.source,
      })),
    });
  }
}
