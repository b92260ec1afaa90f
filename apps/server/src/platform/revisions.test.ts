import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../modules/audit';
import { CalendarService, saveYear, updateOfficeHours, type YearSchedule } from '../modules/calendar';
import { openTwoInstances, type TwoInstances } from '../test/shared-database';

describe('caches check a database revision', () => {
  let two: TwoInstances;
  beforeAll(async () => {
    two = await openTwoInstances();
  });
  afterAll(async () => two.close());

  it('the calendar of one instance sees another instance’s change within a second, not a minute', async () => {
    const here = new CalendarService(two.a.db);
    const before = await here.load();
    expect(await here.load()).toBe(before); // cached
    // Another instance changes the office hours (its own cache is its business).
    await updateOfficeHours(
      two.b.db,
      SYSTEM_ACTOR,
      { sessions: [{ start: '07:30', end: '11:00' }], cutoff: '10:00' },
      undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await here.load();
    expect(after).not.toBe(before);
    expect(after.hours.cutoff).toBe(10 * 60);
    // Nothing changed since: the same value, after one cheap revision read.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await here.load()).toBe(after);
  });

  it('a day entered or removed moves the revision too', async () => {
    const revision = async () =>
      Number(
        (
          await two.a.db
            .selectFrom('cache_revisions')
            .select('revision')
            .where('name', '=', 'calendar')
            .executeTakeFirstOrThrow()
        ).revision,
      );
    const start = await revision();
    const year = (days: YearSchedule['days']): YearSchedule => ({
      status: 'provisional',
      source: 'thử',
      updatedBy: null,
      days,
    });
    // Each statement that writes the calendar's tables bumps it (saveYear deletes the year's
    // days, upserts the year and inserts its days).
    await saveYear(
      two.b.db,
      2031,
      year([{ date: '2031-09-02', kind: 'holiday', name: 'Quốc khánh', source: 'thử' }]),
    );
    const entered = await revision();
    expect(entered).toBeGreaterThanOrEqual(start + 3);
    // The day removed.
    await saveYear(two.b.db, 2031, year([]));
    expect(await revision()).toBeGreaterThanOrEqual(entered + 2);
  });
});
