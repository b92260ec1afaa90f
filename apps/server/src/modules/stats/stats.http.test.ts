import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem } from '../../test/harness';
import { FIGURE_COLUMNS, FIRST_DATA_ROW } from './excel';
import { Q1, startStatsApp, type StatsApp } from './http-fixture';
import { EMPTY_ROW, addRows, type Report06Row } from './report-06';
import { lastClosedDay, rollUp, rollupState, StatsRollupJob } from './rollup';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('statistics over HTTP: Biểu 06 by child unit, in Excel, kept fresh, access', () => {
  let ctx: StatsApp['ctx'];
  let admin: StatsApp['admin'];
  let ids: StatsApp['ids'];
  let report: StatsApp['report'];

  beforeAll(async () => {
    ({ ctx, admin, ids, report } = await startStatsApp());
  });
  afterAll(async () => ctx.close());

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
      const { unitId: _u, unitName: _n, agencyCode: _a, self: _s, predecessor: _p, ...expected } = unit;
      expect(figures(row)).toEqual(expected);
    });
    const totalRow = FIRST_DATA_ROW + body.childUnits.length;
    expect(text(totalRow, 2)).toBe('Tổng cộng');
    expect(figures(totalRow)).toEqual(body.total);
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
