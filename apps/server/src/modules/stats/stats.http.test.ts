import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { FIGURE_COLUMNS, FIRST_DATA_ROW } from './excel';
import { EMPTY_ROW, addRows, type ReportDossier, type Report06Row } from './report-06';
import { lastClosedDay, rollUp, rollupState, StatsRollupJob } from './rollup';
import { insertDossier, type Fixture } from './test-dossiers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Q1 = 'from=2026-01-01&to=2026-03-31';

const at = (iso: string) => new Date(`${iso}+07:00`);
const dossier = (over: Partial<ReportDossier> & Pick<ReportDossier, 'receivedAt' | 'originalDueAt'>) => ({
  channel: 'online' as const,
  finishedAt: null,
  finish: null,
  supplements: [],
  ...over,
});

interface ReportBody {
  unit: { name: string; agencyCode: string };
  rows: Array<{ unitId: number; unitName: string } & Report06Row>;
  childUnits: Array<
    { unitId: number; unitName: string; agencyCode: string | null; self: boolean } & Report06Row
  >;
  total: Report06Row;
}

describe('statistics over HTTP: Biểu 06 in Excel, child units, indicators', () => {
  let ctx: TestContext;
  let admin: Session;
  const ids = {
    construction: 0,
    justice: 0,
    commune: 0,
    oldCommune: 0,
    district: 0,
    specialist: 0,
    receiver: 0,
  };

  beforeAll(async () => {
    ctx = await startTestApp();
    const db = ctx.handle.db;
    const unit = async (where: string) =>
      (
        await sql<{
          id: number;
          parent_id: number;
        }>`select id, parent_id from units where ${sql.raw(where)} order by id limit 1`.execute(db)
      ).rows[0]!;
    const user = async (username: string) =>
      (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
        .id;
    ids.construction = (await unit(`agency_code = '000.00.16.H53'`)).id;
    ids.justice = (await unit(`agency_code = '000.00.14.H53'`)).id;
    ids.commune = (await unit(`kind = 'commune' and valid_until is null`)).id;
    const old = await unit(`kind = 'commune' and valid_until is not null`);
    ids.oldCommune = old.id;
    ids.district = old.parent_id;
    ids.specialist = await user('chuyenvien.xd');
    ids.receiver = await user('tiepnhan');
    const citizen = await user('congdan');
    const version = await db
      .selectFrom('procedure_versions')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const fixture: Fixture = {
      versionId: version.id,
      unitId: ids.construction,
      otherUnitId: ids.justice,
      userId: citizen,
    };
    let serial = 0;
    const add = (
      d: ReportDossier,
      unitId: number,
      people: { assigneeId?: number; receiverId?: number } = {},
    ) =>
      insertDossier(
        db,
        fixture,
        `000.00.16.H53-260101-${String(++serial).padStart(4, '0')}`,
        d,
        unitId,
        people,
      );
    const rate = (
      dossierId: number,
      ratedAt: string,
      scores: [number, number, number, number],
      satisfaction: string,
    ) =>
      db
        .insertInto('dossier_ratings')
        .values({
          dossier_id: dossierId,
          rated_by: citizen,
          rated_at: at(ratedAt),
          time_score: scores[0],
          contacts_score: scores[1],
          bodies_score: scores[2],
          attitude_score: scores[3],
          satisfaction,
        })
        .execute();
    const both = { assigneeId: ids.specialist, receiverId: ids.receiver };
    // Sở Xây dựng: early, on time, late (all rated), and one in progress.
    const early = await add(
      dossier({
        receivedAt: at('2026-01-05T09:00:00'),
        originalDueAt: at('2026-01-10T09:00:00'),
        finishedAt: at('2026-01-08T15:00:00'),
        finish: 'resolved',
      }),
      ids.construction,
      both,
    );
    await rate(early, '2026-01-09T10:00:00', [2, 2, 1, 2], 'rat-hai-long');
    const onTime = await add(
      dossier({
        channel: 'counter',
        receivedAt: at('2026-02-02T09:00:00'),
        originalDueAt: at('2026-02-12T17:00:00'),
        finishedAt: at('2026-02-12T10:00:00'),
        finish: 'resolved',
      }),
      ids.construction,
      both,
    );
    await rate(onTime, '2026-02-13T10:00:00', [1, 1, 1, 1], 'hai-long');
    const late = await add(
      dossier({
        channel: 'post',
        receivedAt: at('2026-03-01T09:00:00'),
        originalDueAt: at('2026-03-05T09:00:00'),
        finishedAt: at('2026-03-09T09:00:00'),
        finish: 'resolved',
      }),
      ids.construction,
      { receiverId: ids.receiver },
    );
    await rate(late, '2026-03-10T10:00:00', [0, 0, 1, 0], 'khong-hai-long');
    await add(
      dossier({ receivedAt: at('2026-03-20T09:00:00'), originalDueAt: at('2026-04-10T09:00:00') }),
      ids.construction,
    );
    // Sở Tư pháp: carried over from December, overdue.
    await add(
      dossier({ receivedAt: at('2025-12-20T09:00:00'), originalDueAt: at('2026-01-05T09:00:00') }),
      ids.justice,
    );
    // A commune of the 2025 tree: withdrawn.
    await add(
      dossier({
        channel: 'counter',
        receivedAt: at('2026-02-10T09:00:00'),
        originalDueAt: at('2026-02-20T09:00:00'),
        finishedAt: at('2026-02-15T09:00:00'),
        finish: 'withdrawn',
      }),
      ids.commune,
    );
    // A commune of the 2019 tree (closed 1/7/2025) with a dossier still open.
    await add(
      dossier({ receivedAt: at('2025-06-20T09:00:00'), originalDueAt: at('2025-07-10T09:00:00') }),
      ids.oldCommune,
    );
    admin = await login(ctx.app, 'admin');
  });
  afterAll(async () => ctx.close());

  const report = async (unit: string, query = Q1) => {
    const response = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: `/api/stats/report?unit=${unit}&${query}` });
    expect(response.statusCode).toBe(200);
    return response.json<ReportBody>();
  };

  it('groups the report by subordinate unit: each subtree summed, closed units only with figures', async () => {
    const body = await report('000.00.00.H53');
    expect(body.total).toMatchObject({
      received: 7,
      carriedOver: 2,
      resolved: 3,
      inProgress: 3,
      withdrawnOrStopped: 1,
    });
    expect(
      body.childUnits.reduce<Report06Row>(
        (sum, { unitId: _u, unitName: _n, agencyCode: _a, self: _s, ...row }) => addRows(sum, row),
        EMPTY_ROW,
      ),
    ).toEqual(body.total);
    const byId = new Map(body.childUnits.map((row) => [row.unitId, row]));
    // The closed district appears for its commune's open dossier; the other closed districts do not.
    expect(byId.get(ids.district)).toMatchObject({ carriedOver: 1, inProgress: 1, inProgressOverdue: 1 });
    expect(body.childUnits.filter((row) => row.agencyCode?.startsWith('000.00.3'))).toHaveLength(1);
    expect(byId.get(ids.commune)).toMatchObject({ received: 1, withdrawnOrStopped: 1 });
    expect(byId.get(ids.construction)).toMatchObject({
      resolvedEarly: 1,
      resolvedOnTime: 1,
      resolvedLate: 1,
    });
    // Every open commune of the 2025 tree is listed, with or without dossiers; no row for the province itself.
    const communes = await ctx.handle.db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'commune')
      .where('valid_until', 'is', null)
      .executeTakeFirstOrThrow();
    expect(
      body.childUnits.filter(
        (row) => row.unitName.startsWith('Ủy ban nhân dân') && row.agencyCode?.includes('.40.'),
      ),
    ).toHaveLength(Number(communes.n));
    expect(body.childUnits.some((row) => row.self)).toBe(false);
    // A unit without subordinates is its own single row.
    const construction = await report('000.00.16.H53');
    expect(construction.childUnits).toEqual([
      expect.objectContaining({ unitId: ids.construction, self: true, ...construction.total }),
    ]);
  });

  it('exports the same figures to Excel in the Biểu 06 layout', async () => {
    const rolled = await report('000.00.00.H53');
    await rollUp(ctx.handle.db);
    const body = await report('000.00.00.H53');
    expect(body).toEqual(rolled);
    const response = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: `/api/stats/report.xlsx?unit=000.00.00.H53&${Q1}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="bieu-06-000.00.00.H53-2026-01-01-2026-03-31.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Biểu 06')!;
    const text = (row: number, column: number) => String(sheet.getCell(row, column).value ?? '');
    expect(text(1, 1)).toBe('Biểu số 06/VPCP/KSTT');
    expect(text(2, 1)).toMatch(/^TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH/);
    expect(text(3, 1)).toBe('Kỳ báo cáo: Từ ngày 01/01/2026 đến ngày 31/03/2026');
    expect(text(4, 1)).toBe('Đơn vị báo cáo: Ủy ban nhân dân tỉnh Tây Ninh (mã định danh 000.00.00.H53)');
    expect([text(6, 3), text(6, 7), text(6, 11), text(7, 4), text(8, 4), text(8, 5), text(7, 6)]).toEqual([
      'Số hồ sơ nhận giải quyết',
      'Số hồ sơ đã giải quyết',
      'Số hồ sơ đang giải quyết',
      'Trong kỳ',
      'Trực tuyến',
      'Trực tiếp, dịch vụ bưu chính',
      'Từ kỳ trước',
    ]);
    expect(text(9, 1)).toBe('(1)');
    expect(text(9, 14)).toBe('(14)');
    const figures = (row: number) =>
      Object.fromEntries(FIGURE_COLUMNS.map((key, index) => [key, sheet.getCell(row, index + 3).value]));
    body.childUnits.forEach((unit, index) => {
      const row = FIRST_DATA_ROW + index;
      expect([sheet.getCell(row, 1).value, text(row, 2)]).toEqual([index + 1, unit.unitName]);
      const { unitId: _u, unitName: _n, agencyCode: _a, self: _s, ...expected } = unit;
      expect(figures(row)).toEqual(expected);
    });
    const totalRow = FIRST_DATA_ROW + body.childUnits.length;
    expect(text(totalRow, 2)).toBe('Tổng cộng');
    expect(figures(totalRow)).toEqual(body.total);
  });

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

  it('is kept fresh by the server job, which catches up at start', async () => {
    const db = ctx.handle.db;
    await sql`update stats_rollup_state set rolled_through = '2026-01-31'`.execute(db);
    const before = await report('000.00.00.H53');
    const messages: string[] = [];
    const job = new StatsRollupJob(db, (message) => messages.push(message));
    job.start(60_000);
    for (let i = 0; i < 100 && (await rollupState(db)).rolledThrough === '2026-01-31'; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await job.stop();
    expect((await rollupState(db)).rolledThrough).toBe(lastClosedDay(new Date()));
    expect(messages).toEqual([expect.stringMatching(/^statistics rolled up 2026-02-01…/)]);
    expect(await report('000.00.00.H53')).toEqual(before);
  });

  it('follows the report’s access rules', async () => {
    const other = await login(ctx.app, 'lanhdao');
    for (const path of ['report.xlsx', 'indicators']) {
      const forbidden = await as(
        ctx.app,
        other,
      )({ method: 'GET', url: `/api/stats/${path}?unit=000.00.16.H53&${Q1}` });
      expect(problem(forbidden)).toMatchObject({
        status: 403,
        detail: 'Bạn chỉ xem được báo cáo của đơn vị mình.',
      });
      const anonymous = await as(
        ctx.app,
        null,
      )({ method: 'GET', url: `/api/stats/${path}?unit=000.00.16.H53&${Q1}` });
      expect(anonymous.statusCode).toBe(401);
      const reversed = await as(
        ctx.app,
        admin,
      )({
        method: 'GET',
        url: `/api/stats/${path}?unit=000.00.16.H53&from=2026-03-31&to=2026-01-01`,
      });
      expect(problem(reversed).status).toBe(422);
    }
    const leader = await login(ctx.app, 'lanhdao.xd');
    const own = await as(
      ctx.app,
      leader,
    )({ method: 'GET', url: `/api/stats/indicators?unit=000.00.16.H53&${Q1}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().satisfaction.total.ratings).toBe(3);
  });
});
