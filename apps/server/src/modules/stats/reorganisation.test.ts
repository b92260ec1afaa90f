/**
 * Reports across the reorganisation of 1/3/2025: a dossier stays with the department that handled
 * it; a 2024 report lists the 2024 departments, a 2026 one today's; the successor's report lists a
 * predecessor it took over whole only for a period beginning before the merger (report-scope.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
import type { Report06Row } from './report-06';
import { insertDossier } from './test-dossiers';

const at = (iso: string) => new Date(`${iso}+07:00`);

interface ReportBody {
  childUnits: Array<
    {
      unitId: number;
      unitName: string;
      agencyCode: string | null;
      self: boolean;
      predecessor: boolean;
    } & Report06Row
  >;
  total: Report06Row;
}

describe('reports across the 2025 reorganisation of the departments', () => {
  let ctx: TestContext;
  let admin: Session;

  beforeAll(async () => {
    ctx = await startTestApp();
    admin = await login(ctx.app, 'admin');
    const db = ctx.handle.db;
    const unit = async (code: string) =>
      (await db.selectFrom('units').select('id').where('agency_code', '=', code).executeTakeFirstOrThrow())
        .id;
    const citizen = (
      await db.selectFrom('users').select('id').where('username', '=', 'congdan').executeTakeFirstOrThrow()
    ).id;
    const version = await db
      .selectFrom('procedure_versions')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const resources = await unit('000.00.12.H53');
    const successor = await unit('000.00.19.H53');
    const fixture = { versionId: version.id, unitId: resources, otherUnitId: successor, userId: citizen };
    const resolved = (received: string, finished: string) => ({
      channel: 'online' as const,
      receivedAt: at(received),
      originalDueAt: at(finished.replace(/T.*/, 'T17:00:00')),
      finishedAt: at(finished),
      finish: 'resolved' as const,
      supplements: [],
    });
    // Sở Tài nguyên và Môi trường: one dossier in 2024, one in February 2025 (before it closed).
    await insertDossier(
      db,
      fixture,
      '000.00.12.H53-240615-0001',
      resolved('2024-06-14T09:00:00', '2024-06-20T10:00:00'),
    );
    await insertDossier(
      db,
      fixture,
      '000.00.12.H53-250210-0001',
      resolved('2025-02-10T09:00:00', '2025-02-14T10:00:00'),
    );
    // Its successor, Sở Nông nghiệp và Môi trường: one dossier in 2026.
    await insertDossier(
      db,
      fixture,
      '000.00.19.H53-260112-0001',
      resolved('2026-01-12T09:00:00', '2026-01-15T10:00:00'),
      successor,
    );
  });
  afterAll(async () => ctx.close());

  const report = async (unit: string, from: string, to: string) => {
    const response = await as(
      ctx.app,
      admin,
    )({
      method: 'GET',
      url: `/api/stats/report?unit=${unit}&from=${from}&to=${to}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ReportBody>();
  };
  const row = (body: ReportBody, name: string) => body.childUnits.find((r) => r.unitName === name);

  it("keeps Sở Tài nguyên và Môi trường and its 2024 dossier in the province's 2024 report", async () => {
    const body = await report('000.00.00.H53', '2024-01-01', '2024-12-31');
    expect(row(body, 'Sở Tài nguyên và Môi trường')).toMatchObject({ receivedOnline: 1, resolved: 1 });
    expect(row(body, 'Sở Nông nghiệp và Môi trường')).toBeUndefined();
    expect(row(body, 'Sở Kế hoạch và Đầu tư')).toBeDefined();
  });

  it("lists today's departments in the province's 2026 report, the dossier of 2026 under the successor", async () => {
    const body = await report('000.00.00.H53', '2026-01-01', '2026-12-31');
    expect(row(body, 'Sở Tài nguyên và Môi trường')).toBeUndefined();
    expect(row(body, 'Sở Kế hoạch và Đầu tư')).toBeUndefined();
    expect(row(body, 'Sở Nông nghiệp và Môi trường')).toMatchObject({
      receivedOnline: 1,
      predecessor: false,
    });
    expect(row(body, 'Sở Dân tộc và Tôn giáo')).toBeDefined();
  });

  it("shows the predecessor beside the successor, never in the successor's own row", async () => {
    const in2025 = await report('000.00.19.H53', '2025-01-01', '2025-12-31');
    expect(in2025.childUnits.find((r) => r.self)).toMatchObject({
      unitName: 'Sở Nông nghiệp và Môi trường',
      received: 0,
    });
    expect(row(in2025, 'Sở Tài nguyên và Môi trường')).toMatchObject({
      predecessor: true,
      receivedOnline: 1,
    });
    expect(row(in2025, 'Sở Nông nghiệp và Phát triển nông thôn')).toMatchObject({ predecessor: true });
    expect(in2025.total.receivedOnline).toBe(1);

    const in2026 = await report('000.00.19.H53', '2026-01-01', '2026-12-31');
    expect(in2026.childUnits.map((r) => r.unitName)).toEqual(['Sở Nông nghiệp và Môi trường']);
    expect(in2026.total.receivedOnline).toBe(1);

    const both = await report('000.00.19.H53', '2024-01-01', '2026-12-31');
    expect(both.childUnits.find((r) => r.self)).toMatchObject({ receivedOnline: 1 });
    expect(row(both, 'Sở Tài nguyên và Môi trường')).toMatchObject({ receivedOnline: 2 });
    expect(both.total.receivedOnline).toBe(3);
  });

  it('counts the predecessor in the trend of a period that begins before the merger', async () => {
    const response = await as(
      ctx.app,
      admin,
    )({
      method: 'GET',
      url: '/api/stats/trend?unit=000.00.19.H53&from=2025-01-01&to=2025-03-31',
    });
    const months = response.json<{ months: Array<{ month: string; received: number }> }>().months;
    expect(months.map((m) => [m.month, m.received])).toEqual([
      ['2025-01', 0],
      ['2025-02', 1],
      ['2025-03', 0],
    ]);
  });

  it('lists the closed department in the public statistics of 2024, not in those of 2026', async () => {
    const stats = async (from: string, to: string) =>
      (await ctx.app.inject({ method: 'GET', url: `/api/public/stats?from=${from}&to=${to}` })).json<{
        agencies: Array<{ name: string; received: number }>;
      }>().agencies;
    expect(await stats('2024-01-01', '2024-12-31')).toEqual([
      expect.objectContaining({ name: 'Sở Tài nguyên và Môi trường', received: 1 }),
    ]);
    const now = await stats('2026-01-01', '2026-12-31');
    expect(now.map((agency) => agency.name)).toEqual(['Sở Nông nghiệp và Môi trường']);
  });
});
