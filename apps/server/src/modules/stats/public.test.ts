import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDossiers } from '../../db/seed/demo-dossiers';
import { addDays, vietnamDate } from '../../lib/time';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { publicPeriod } from './public';
import type { Report06Row } from './report-06';
import { rollUp } from './rollup';

interface Figures {
  received: number;
  receivedOnline: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  onTimeRate: number | null;
  onlineShare: number | null;
}
type Row = Figures & { inProgress: number; inProgressOverdue: number; withdrawnOrStopped: number };
interface PublicBody {
  from: string;
  to: string;
  province: { name: string; agencyCode: string };
  total: Row;
  agencies: Array<Row & { unitId: number; name: string; agencyCode: string | null; level: string }>;
  months: Array<Figures & { month: string }>;
}
interface ReportBody {
  total: Report06Row;
  childUnits: Array<{ unitId: number; unitName: string } & Report06Row>;
}

/** What the public figures must be, from a row of Biểu 06. */
function fromReport(row: Report06Row) {
  const received = row.receivedOnline + row.receivedCounterOrPost;
  const onTime = row.resolvedEarly + row.resolvedOnTime;
  return {
    received,
    receivedOnline: row.receivedOnline,
    resolved: row.resolved,
    resolvedOnTime: onTime,
    resolvedLate: row.resolvedLate,
    inProgress: row.inProgress,
    inProgressOverdue: row.inProgressOverdue,
    withdrawnOrStopped: row.withdrawnOrStopped,
    onTimeRate: row.resolved > 0 ? Math.round((onTime / row.resolved) * 10_000) / 10_000 : null,
    onlineShare: received > 0 ? Math.round((row.receivedOnline / received) * 10_000) / 10_000 : null,
  };
}

describe('public statistics GET /api/public/stats', () => {
  let ctx: TestContext;
  let admin: Session;
  const today = vietnamDate(new Date());
  const year = today.slice(0, 4);

  beforeAll(async () => {
    ctx = await startTestApp();
    await seedDemoDossiers(ctx.handle.db, { count: 1200 });
    admin = await login(ctx.app, 'admin');
  });
  afterAll(async () => ctx.close());

  const get = (query = '') => ctx.app.inject({ method: 'GET', url: `/api/public/stats${query}` });
  const report = async (unit: string, from: string, to: string) => {
    const response = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: `/api/stats/report?unit=${unit}&from=${from}&to=${to}` });
    expect(response.statusCode).toBe(200);
    return response.json<ReportBody>();
  };

  it('answers anyone, for this year to today by default, with the province, its agencies and months', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    const body = response.json<PublicBody>();
    expect(body.from).toBe(`${year}-01-01`);
    expect(body.to).toBe(today);
    expect(body.province).toEqual({ name: 'Ủy ban nhân dân tỉnh Tây Ninh', agencyCode: '000.00.00.H53' });
    expect(body.total.received).toBeGreaterThan(300);
    expect(body.total.onTimeRate).toBeGreaterThan(0.85);
    expect(body.months.map((m) => m.month)).toEqual(
      Array.from(
        { length: Number(today.slice(5, 7)) },
        (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`,
      ),
    );
    const levels = new Set(body.agencies.map((agency) => agency.level));
    expect(levels).toEqual(new Set(['province', 'local']));
    expect(body.agencies.find((agency) => agency.name === 'Sở Xây dựng')?.level).toBe('province');
    expect(body.agencies.filter((agency) => agency.level === 'local').length).toBeGreaterThan(50);
  });

  it('has no personal data', async () => {
    const text = (await get()).body;
    for (const word of ['applicant', 'fullName', 'phone', 'identity', 'username', 'assignee', '"code"'])
      expect(text).not.toContain(word);
  });

  it('agrees with Biểu 06 of the province and of each agency for the same period', async () => {
    for (const [from, to] of [
      [`${year}-01-01`, today],
      [addDays(today, -45), addDays(today, -10)],
      ['2025-07-01', '2025-12-31'],
    ] as const) {
      const body = (await get(`?from=${from}&to=${to}`)).json<PublicBody>();
      expect([body.from, body.to]).toEqual([from, to]);
      const province = await report('000.00.00.H53', from, to);
      expect(body.total).toEqual(fromReport(province.total));
      const listed = province.childUnits.filter(
        (row) => row.received > 0 || row.resolved > 0 || row.inProgress > 0 || row.withdrawnOrStopped > 0,
      );
      expect(body.agencies.map((agency) => agency.unitId)).toEqual(listed.map((row) => row.unitId));
      for (const [index, row] of listed.entries()) {
        const { unitId: _id, name, agencyCode: _code, level: _level, ...figures } = body.agencies[index]!;
        expect(name).toBe(row.unitName);
        expect(figures).toEqual(fromReport(row));
      }
      const construction = body.agencies.find((agency) => agency.agencyCode === '000.00.16.H53')!;
      const own = await report('000.00.16.H53', from, to);
      expect(construction).toMatchObject(fromReport(own.total));
      // The months add up to the period.
      const sum = (key: keyof Figures) => body.months.reduce((total, m) => total + (m[key] as number), 0);
      expect(sum('received')).toBe(body.total.received);
      expect(sum('receivedOnline')).toBe(body.total.receivedOnline);
      expect(sum('resolved')).toBe(body.total.resolved);
      expect(sum('resolvedOnTime')).toBe(body.total.resolvedOnTime);
      expect(sum('resolvedLate')).toBe(body.total.resolvedLate);
    }
  });

  it('gives the same figures once the days are rolled up (periods not asked before: no cache)', async () => {
    const run = await rollUp(ctx.handle.db);
    expect(run?.validThrough).toBeTruthy();
    for (const [from, to] of [
      [`${year}-01-01`, addDays(today, -2)],
      [addDays(today, -40), today],
    ] as const) {
      const body = (await get(`?from=${from}&to=${to}`)).json<PublicBody>();
      expect(body.total).toEqual(fromReport((await report('000.00.00.H53', from, to)).total));
      expect(body.months.reduce((total, m) => total + m.resolved, 0)).toBe(body.total.resolved);
    }
  });

  it('gives officers the same monthly trend for a unit they may see (GET /api/stats/trend)', async () => {
    const from = `${year}-01-01`;
    const publicBody = (await get(`?from=${from}&to=${today}`)).json<PublicBody>();
    const trend = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: `/api/stats/trend?unit=000.00.00.H53&from=${from}&to=${today}` });
    expect(trend.statusCode).toBe(200);
    expect(trend.json<{ months: PublicBody['months'] }>().months).toEqual(publicBody.months);
    const leader = await login(ctx.app, 'lanhdao.xd');
    const own = await as(
      ctx.app,
      leader,
    )({ method: 'GET', url: `/api/stats/trend?unit=000.00.16.H53&from=${from}&to=${today}` });
    const months = own.json<{ months: PublicBody['months'] }>().months;
    const construction = publicBody.agencies.find((agency) => agency.agencyCode === '000.00.16.H53')!;
    expect(months.reduce((sum, m) => sum + m.received, 0)).toBe(construction.received);
    expect(months.reduce((sum, m) => sum + m.resolvedLate, 0)).toBe(construction.resolvedLate);
    const other = await as(
      ctx.app,
      leader,
    )({ method: 'GET', url: `/api/stats/trend?unit=000.00.14.H53&from=${from}&to=${today}` });
    expect(other.statusCode).toBe(403);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/stats/trend?unit=000.00.16.H53&from=${from}&to=${today}`,
        })
      ).statusCode,
    ).toBe(401);
  });

  it('explains in Vietnamese what is wrong with the period', async () => {
    // Dates that are not real days, or out of the years requests may name, are refused by the
    // shared date rule of every route (400), before the period's own checks (422).
    for (const query of [
      '?from=2026-13-01',
      '?from=2026-02-30&to=2026-03-01',
      '?from=hôm-nay',
      '?from=0001-01-01',
    ]) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(problem(response).errors?.[0]).toMatchObject({ field: '/from', code: 'format' });
      expect(problem(response).errors?.[0]?.message).toMatch(/ngày có thật dạng YYYY-MM-DD/);
    }
    const cases: Array<[string, string, string]> = [
      ['?from=2026-05-01&to=2026-04-30', '/to', 'before_from'],
      ['?from=2022-01-01&to=2025-01-01', '/to', 'period_too_long'],
      [`?from=${addDays(today, 3)}`, '/from', 'future'],
    ];
    for (const [query, field, code] of cases) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(422);
      const body = problem(response);
      expect(body.detail).toBe('Kỳ thống kê không hợp lệ.');
      expect(body.errors?.[0]).toMatchObject({ field, code });
      expect(body.errors?.[0]?.message).toMatch(/kỳ thống kê/i);
    }
    expect((await get('?unit=000.00.00.H53')).statusCode).toBe(400);
    // Three years at most; a period reaching into the future is served up to today.
    expect((await get('?from=2024-01-01&to=2026-12-31')).statusCode).toBe(200);
    const clamped = (await get(`?from=${year}-01-01&to=${Number(year) + 1}-12-31`)).json<PublicBody>();
    expect(clamped.to).toBe(today);
  });

  it('computes the default period in Vietnam time', () => {
    expect(publicPeriod({}, new Date('2026-12-31T18:00:00Z'))).toEqual({
      from: '2027-01-01',
      to: '2027-01-01',
    });
    expect(publicPeriod({ to: '2025-06-30' }, new Date('2026-03-01T00:00:00Z'))).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
    });
  });
});
