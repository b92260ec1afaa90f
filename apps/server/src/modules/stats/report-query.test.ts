import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vietnamDate } from '../../lib/time';
import { as, login, startTestApp, type TestContext } from '../../test/harness';
import {
  addRows,
  brokenInvariants,
  classify,
  EMPTY_ROW,
  type ReportDossier,
  type SupplementEpisode,
} from './report-06';
import { report06 } from './report-query';
import { lastClosedDay, rewindRollups, rollUp, rollupState } from './rollup';
import { insertDossier, type Fixture } from './test-dossiers';
import { correctDossier } from '../dossiers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Random dossiers of 2026 (received January–May), some with one or two supplements. */
function randomDossiers(count: number, seed: number): ReportDossier[] {
  const episode = fc.record({
    afterMinutes: fc.integer({ min: 1, max: 60 * 24 * 6 }),
    providedMinutes: fc.option(fc.integer({ min: 1, max: 60 * 24 * 20 }), { freq: 4 }),
    newDueDays: fc.option(fc.integer({ min: 0, max: 20 })),
  });
  const items = fc.sample(
    fc.record({
      channel: fc.constantFrom<ReportDossier['channel']>('online', 'counter', 'post'),
      receivedDay: fc.integer({ min: 0, max: 150 }),
      receivedMinute: fc.integer({ min: 0, max: 1439 }),
      dueDays: fc.integer({ min: 0, max: 30 }),
      finishMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 50 }), { freq: 3 }),
      finish: fc.constantFrom<'resolved' | 'withdrawn' | 'stopped'>('resolved', 'withdrawn', 'stopped'),
      episodes: fc.array(episode, { maxLength: 2 }),
    }),
    { numRuns: count, seed },
  );
  return items.map((item) => {
    const receivedAt = new Date(Date.UTC(2026, 0, 1 + item.receivedDay, 0, item.receivedMinute) - 7 * HOUR);
    const finishedAt =
      item.finishMinutes === null ? null : new Date(receivedAt.getTime() + item.finishMinutes * 60_000);
    const supplements: SupplementEpisode[] = [];
    let cursor = receivedAt;
    for (const e of item.episodes) {
      const requestedAt = new Date(cursor.getTime() + e.afterMinutes * 60_000);
      const providedAt =
        e.providedMinutes === null ? null : new Date(requestedAt.getTime() + e.providedMinutes * 60_000);
      // Supplements happen while the dossier is open; a resolved one was provided before.
      if (finishedAt && requestedAt >= finishedAt) break;
      if (finishedAt && (providedAt === null || providedAt >= finishedAt)) {
        if (item.finish === 'resolved') break;
        supplements.push({ requestedAt, providedAt: null, newDueAt: null });
        break;
      }
      supplements.push({
        requestedAt,
        providedAt,
        newDueAt:
          providedAt && e.newDueDays !== null
            ? new Date(providedAt.getTime() + e.newDueDays * DAY + 2 * HOUR)
            : null,
      });
      if (providedAt === null) break;
      cursor = providedAt;
    }
    return {
      channel: item.channel,
      receivedAt,
      originalDueAt: new Date(receivedAt.getTime() + item.dueDays * DAY + 3 * HOUR),
      finishedAt,
      finish: finishedAt === null ? null : item.finish,
      supplements,
    };
  });
}

const expectedFor = (dossiers: ReportDossier[], from: string, to: string) =>
  dossiers.reduce((sum, dossier) => addRows(sum, classify(dossier, from, to)), EMPTY_ROW);

describe('Biểu 06 in SQL agrees with the pure classification', () => {
  let ctx: TestContext;
  let fixture: Fixture;
  const dossiers: ReportDossier[] = [];
  let serial = 0;
  const code = () => `000.00.16.H53-260101-${String(++serial).padStart(4, '0')}`;

  const check = async (from: string, to: string, useRollups = true) => {
    const rows = await report06(ctx.handle.db, [fixture.unitId], from, to, { useRollups });
    const {
      unit_id: _id,
      unit_name: _name,
      ...actual
    } = rows[0] ?? { unit_id: 0, unit_name: '', ...EMPTY_ROW };
    expect({ from, to, useRollups, ...actual }).toEqual({
      from,
      to,
      useRollups,
      ...expectedFor(dossiers, from, to),
    });
    expect(brokenInvariants(actual)).toEqual([]);
  };

  /** Random periods of 2026, and periods that end on or start after the last rolled-up day. */
  const periods = (seed: number, around: string | null) => {
    const random = fc
      .sample(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 120 })), {
        numRuns: 10,
        seed,
      })
      .map(([offset, length]) => {
        const from = addDays('2026-01-01', offset);
        return [from, addDays(from, length)] as const;
      });
    const today = vietnamDate(new Date());
    const edges: Array<readonly [string, string]> = [
      ['2026-01-01', today],
      ['2026-03-01', addDays(today, 40)],
    ];
    if (around)
      edges.push(
        [addDays(around, -20), around],
        [addDays(around, -20), addDays(around, 1)],
        [around, addDays(around, 3)],
        [addDays(around, 1), addDays(around, 9)],
        [addDays(around, 2), addDays(around, 2)],
      );
    return [...random, ...edges];
  };

  beforeAll(async () => {
    ctx = await startTestApp();
    const db = ctx.handle.db;
    const version = await db
      .selectFrom('procedure_versions')
      .select(['id'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('agency_code', '=', '000.00.16.H53')
      .executeTakeFirstOrThrow();
    const other = await db
      .selectFrom('units')
      .select('id')
      .where('agency_code', '=', '000.00.14.H53')
      .executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'congdan')
      .executeTakeFirstOrThrow();
    fixture = { versionId: version.id, unitId: unit.id, otherUnitId: other.id, userId: user.id };
    for (const dossier of randomDossiers(140, 2026)) {
      await insertDossier(db, fixture, code(), dossier);
      dossiers.push(dossier);
    }
  });
  afterAll(async () => ctx.close());

  it('exercises supplements during appraisal, open and finished dossiers', () => {
    expect(dossiers.filter((d) => d.supplements.length > 0).length).toBeGreaterThan(20);
    expect(dossiers.filter((d) => d.supplements.length === 2).length).toBeGreaterThan(3);
    expect(dossiers.filter((d) => d.supplements.some((s) => s.newDueAt)).length).toBeGreaterThan(5);
    expect(dossiers.filter((d) => d.finishedAt === null).length).toBeGreaterThan(10);
  });

  it('gives the same columns live, without rollups', async () => {
    expect((await rollupState(ctx.handle.db)).rolledThrough).toBeNull();
    for (const [from, to] of periods(7, null)) await check(from, to, false);
  });

  it('gives the same columns with the days rolled up to any point, run after run', async () => {
    for (const [index, through] of [
      '2026-02-15',
      '2026-04-30',
      '2026-06-10',
      lastClosedDay(new Date()),
    ].entries()) {
      const run = await rollUp(ctx.handle.db, { through });
      expect(run?.validThrough).toBe(through);
      expect((await rollupState(ctx.handle.db)).rolledThrough).toBe(through);
      for (const [from, to] of periods(100 + index, through)) await check(from, to);
    }
    expect(await rollUp(ctx.handle.db)).toBeNull();
  });

  it('moves the rollup back when a write changes a rolled-up day, and stays exact', async () => {
    const db = ctx.handle.db;
    const rolled = lastClosedDay(new Date());
    expect((await rollupState(db)).rolledThrough).toBe(rolled);
    // A dossier entered late (received in March).
    const late: ReportDossier = {
      channel: 'post',
      receivedAt: new Date('2026-03-10T09:00:00+07:00'),
      originalDueAt: new Date('2026-03-20T09:00:00+07:00'),
      finishedAt: null,
      finish: null,
      supplements: [],
    };
    await insertDossier(db, fixture, code(), late);
    dossiers.push(late);
    expect((await rollupState(db)).rolledThrough).toBe('2026-03-09');
    await check('2026-03-01', '2026-03-31');
    await check('2026-02-01', '2026-02-28');

    await rollUp(db);
    expect((await rollupState(db)).rolledThrough).toBe(rolled);
    // It is resolved, with a completion date corrected to April.
    await correctDossier(
      db,
      { code: `000.00.16.H53-260101-${String(serial).padStart(4, '0')}` },
      { completed_at: '2026-04-02T10:00:00+07:00', status: 'returned' },
    );
    late.finishedAt = new Date('2026-04-02T10:00:00+07:00');
    late.finish = 'resolved';
    expect((await rollupState(db)).rolledThrough).toBe('2026-04-01');
    await check('2026-03-01', '2026-04-30');
    await rollUp(db);
    for (const [from, to] of periods(300, '2026-04-01')) await check(from, to);
  });

  it('rolls up again from a day asked for, and is never moved forward by the asking', async () => {
    const db = ctx.handle.db;
    const rolled = lastClosedDay(new Date());
    expect((await rollupState(db)).rolledThrough).toBe(rolled);
    await rewindRollups(db, addDays(rolled, 5));
    expect((await rollupState(db)).rolledThrough).toBe(rolled);
    await rewindRollups(db, '2026-03-01');
    expect((await rollupState(db)).rolledThrough).toBe('2026-02-28');
    const run = await rollUp(db);
    expect(run).toMatchObject({ from: '2026-03-01', through: rolled, validThrough: rolled });
    await check('2026-03-01', '2026-04-30');
  });

  it('does not trust days written to while a run computed them', async () => {
    const db = ctx.handle.db;
    await sql`update stats_rollup_state set rolled_through = '2026-05-31'`.execute(db);
    // A run has claimed June; a write lands in it before the run finishes.
    await sql`update stats_rollup_state set claimed_through = '2026-06-30', claimed_at = now()`.execute(db);
    const june: ReportDossier = {
      channel: 'online',
      receivedAt: new Date('2026-06-12T08:00:00+07:00'),
      originalDueAt: new Date('2026-06-15T08:00:00+07:00'),
      finishedAt: null,
      finish: null,
      supplements: [],
    };
    await insertDossier(db, fixture, code(), june, fixture.otherUnitId);
    const state = await db.selectFrom('stats_rollup_state').selectAll().executeTakeFirstOrThrow();
    expect(state.dirty_from).toBe('2026-06-12');
    expect(state.rolled_through).toBe('2026-05-31');
    // The claimed run is alive: another run does nothing.
    expect(await rollUp(db)).toBeNull();
    // After an hour it is considered dead and taken over.
    const run = await rollUp(db, { now: new Date(Date.now() + 2 * HOUR) });
    expect(run?.validThrough).toBe(lastClosedDay(new Date(Date.now() + 2 * HOUR)));
    const both = await report06(db, [fixture.unitId, fixture.otherUnitId], '2026-06-01', '2026-06-30');
    expect(both.find((row) => row.unit_id === fixture.otherUnitId)).toMatchObject({
      received: 1,
      receivedOnline: 1,
      inProgress: 1,
      inProgressOverdue: 1,
    });
    await check('2026-06-01', '2026-06-30');
  });

  it('rewinds the rollups on demand: the days from a date rolled up again, never forward', async () => {
    const db = ctx.handle.db;
    // The previous test's take-over ran two hours ahead: after about 15:00 UTC that is the next
    // Vietnam day, so the state is through the day closed now or the one closed then.
    const ahead = lastClosedDay(new Date(Date.now() + 2 * HOUR));
    expect([lastClosedDay(new Date()), ahead]).toContain((await rollupState(db)).rolledThrough);
    expect(await rewindRollups(db, '2026-03-01')).toEqual({
      rolledThrough: '2026-02-28',
      claimedThrough: null,
    });
    // A later date does not move it forward; the days after it are counted live, exactly.
    expect((await rewindRollups(db, '2026-05-01')).rolledThrough).toBe('2026-02-28');
    for (const [from, to] of periods(400, '2026-02-28')) await check(from, to);
    // A run claims the days; a rewind into them keeps the run from validating them.
    expect((await rollUp(db, { through: '2026-06-30' }))?.validThrough).toBe('2026-06-30');
    await sql`update stats_rollup_state set claimed_through = '2026-09-30', claimed_at = now()`.execute(db);
    expect(await rewindRollups(db, '2026-08-10')).toEqual({
      rolledThrough: '2026-06-30',
      claimedThrough: '2026-09-30',
    });
    const state = await db.selectFrom('stats_rollup_state').selectAll().executeTakeFirstOrThrow();
    expect(state.dirty_from).toBe('2026-08-10');
    // The stale claim is taken over and the days rolled up again through the last closed day.
    const later = new Date(Date.now() + 2 * HOUR);
    expect((await rollUp(db, { now: later }))?.validThrough).toBe(lastClosedDay(later));
    for (const [from, to] of periods(401, '2026-08-10')) await check(from, to);
  });

  it('serves the report to the unit’s officers only, with a total that keeps the invariants', async () => {
    const leader = await login(ctx.app, 'lanhdao.xd');
    const response = await as(
      ctx.app,
      leader,
    )({ method: 'GET', url: '/api/stats/report?unit=000.00.16.H53&from=2026-02-01&to=2026-03-31' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.unit.name).toBe('Sở Xây dựng');
    const expected = expectedFor(dossiers, '2026-02-01', '2026-03-31');
    expect(body.total).toEqual(expected);
    const other = await login(ctx.app, 'lanhdao');
    expect(
      (
        await as(
          ctx.app,
          other,
        )({ method: 'GET', url: '/api/stats/report?unit=000.00.16.H53&from=2026-02-01&to=2026-03-31' })
      ).statusCode,
    ).toBe(403);
    const admin = await login(ctx.app, 'admin');
    const province = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: '/api/stats/report?unit=000.00.00.H53&from=2026-02-01&to=2026-03-31' });
    expect(province.json().total).toEqual(expected);
    expect(
      (
        await as(
          ctx.app,
          admin,
        )({ method: 'GET', url: '/api/stats/report?unit=000.00.00.H53&from=2026-03-31&to=2026-02-01' })
      ).statusCode,
    ).toBe(422);
  });
});
