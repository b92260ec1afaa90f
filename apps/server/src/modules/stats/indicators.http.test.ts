import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../../test/harness';
import { Q1, startStatsApp, type StatsApp } from './http-fixture';

describe('statistics over HTTP: the plan’s indicators', () => {
  let ctx: StatsApp['ctx'];
  let admin: StatsApp['admin'];
  let ids: StatsApp['ids'];

  beforeAll(async () => {
    ({ ctx, admin, ids } = await startStatsApp());
  });
  afterAll(async () => ctx.close());

  it('gives the plan’s indicators: online services, online share, on-time rate, satisfaction', async () => {
    const response = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: `/api/stats/indicators?unit=000.00.00.H53&${Q1}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const catalogue = await sql<{ total: number; full: number }>`
      select count(*)::int as total, (count(*) filter (where online_class = 'toan-trinh'))::int as full
      from procedure_search where effective_from <= '2026-03-31' and (effective_until is null or effective_until > '2026-03-31')`.execute(
      ctx.handle.db,
    );
    const { total, full } = catalogue.rows[0]!;
    expect(body.procedures.asOf).toBe('2026-03-31');
    expect(body.procedures.total).toBe(total);
    expect(body.procedures.byClass[0]).toEqual({
      code: 'toan-trinh',
      name: 'Dịch vụ công trực tuyến toàn trình',
      count: full,
      share: Math.round((full / total) * 10_000) / 10_000,
    });
    expect(
      body.procedures.byLevel.reduce((sum: number, level: { count: number }) => sum + level.count, 0),
    ).toBe(total);
    // New receipts: 4 at Sở Xây dựng (2 online) and 1 at a commune (counter); 2 of 3 resolved in time.
    expect(body.dossiers.total).toEqual({
      received: 5,
      receivedOnline: 2,
      onlineShare: 0.4,
      resolved: 3,
      resolvedOnTime: 2,
      onTimeRate: 0.6667,
    });
    expect(
      body.dossiers.byAgency.find((row: { unitId: number }) => row.unitId === ids.construction),
    ).toMatchObject({
      onlineShare: 0.5,
      onTimeRate: 0.6667,
    });
    // Three ratings at Sở Xây dựng: each indicator averages 1, total 4/8 → 9/18, "Khá".
    expect(body.satisfaction.total).toMatchObject({
      ratings: 3,
      indicators: { time: 1, contacts: 1, bodies: 1, attitude: 1 },
      score: 4,
      maxScore: 8,
      scaledScore: 9,
      fullScale: 18,
      classification: 'kha',
      classificationName: 'Khá',
      satisfaction: { verySatisfied: 1, satisfied: 1, dissatisfied: 1 },
      satisfiedShare: 0.6667,
    });
    expect(body.satisfaction.byAgency).toEqual([
      expect.objectContaining({ unitId: ids.construction, ratings: 3 }),
    ]);
    const officials = Object.fromEntries(
      body.satisfaction.byOfficial.map((o: { userId: number; role: string }) => [`${o.role}:${o.userId}`, o]),
    );
    // The specialist handled the two dossiers rated well: (1.5 + 1.5 + 1 + 1.5) = 5.5/8 → 6.9/10.
    expect(officials[`handling:${ids.specialist}`]).toMatchObject({
      ratings: 2,
      score: 5.5,
      scaledScore: 6.9,
      classification: 'hoan-thanh-100',
      classificationName: 'Hoàn thành 100% nhiệm vụ',
    });
    expect(officials[`receiving:${ids.receiver}`]).toMatchObject({ ratings: 3, score: 4, scaledScore: 5 });
    // Outside the period, nothing is rated.
    const april = await as(
      ctx.app,
      admin,
    )({
      method: 'GET',
      url: '/api/stats/indicators?unit=000.00.00.H53&from=2026-04-01&to=2026-04-30',
    });
    expect(april.json().satisfaction.total).toMatchObject({ ratings: 0, classification: null });
  });

  it('scopes the catalogue to the unit: a department its own procedures, a commune the commune ones', async () => {
    const scoped = async (agencyCode: string) => {
      const response = await as(
        ctx.app,
        admin,
      )({ method: 'GET', url: `/api/stats/indicators?unit=${agencyCode}&${Q1}` });
      expect(response.statusCode).toBe(200);
      return response.json().procedures.total as number;
    };
    const count = async (where: string) =>
      (
        await sql<{ n: number }>`select count(*)::int as n from procedure_search
          where effective_until is null and ${sql.raw(where)}`.execute(ctx.handle.db)
      ).rows[0]!.n;
    expect(await scoped('000.00.16.H53')).toBe(await count(`handling_unit_id = ${ids.construction}`));
    const commune = await ctx.handle.db
      .selectFrom('units')
      .select('agency_code')
      .where('id', '=', ids.commune)
      .executeTakeFirstOrThrow();
    expect(await scoped(commune.agency_code!)).toBe(
      await count(`handling_unit_id is null and 'commune' = any(levels)`),
    );
  });
});
