import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, startTestApp, type TestContext } from '../../test/harness';
import { addRows, brokenInvariants, classify, EMPTY_ROW, type ReportDossier } from './report-06';
import { report06 } from './report-query';

describe('Biểu 06 in SQL agrees with the pure classification', () => {
  let ctx: TestContext;
  const dossiers: ReportDossier[] = [];
  let unitId = 0;
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
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'congdan')
      .executeTakeFirstOrThrow();
    unitId = unit.id;
    const sample = fc.sample(
      fc.record({
        channel: fc.constantFrom<ReportDossier['channel']>('online', 'counter', 'post'),
        receivedDay: fc.integer({ min: 0, max: 150 }),
        receivedMinute: fc.integer({ min: 0, max: 1439 }),
        dueDays: fc.integer({ min: 0, max: 30 }),
        finishMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 50 })),
        finish: fc.constantFrom<'resolved' | 'withdrawn' | 'stopped'>('resolved', 'withdrawn', 'stopped'),
        awaiting: fc.boolean(),
      }),
      { numRuns: 120, seed: 2026 },
    );
    for (const [index, item] of sample.entries()) {
      const receivedAt = new Date(
        Date.UTC(2026, 0, 1 + item.receivedDay, 0, item.receivedMinute) - 7 * 3_600_000,
      );
      const due = new Date(receivedAt.getTime() + item.dueDays * 86_400_000 + 3 * 3_600_000);
      const finishedAt =
        item.finishMinutes === null ? null : new Date(receivedAt.getTime() + item.finishMinutes * 60_000);
      const status =
        finishedAt === null
          ? item.awaiting
            ? 'supplement_requested'
            : 'processing'
          : item.finish === 'resolved'
            ? 'returned'
            : item.finish;
      await db
        .insertInto('dossiers')
        .values({
          code: `000.00.16.H53-260101-${String(index + 1).padStart(4, '0')}`,
          procedure_version_id: version.id,
          procedure_code: '1.013236',
          receiving_unit_id: unit.id,
          handling_unit_id: unit.id,
          applicant_user_id: user.id,
          applicant: JSON.stringify({ fullName: 'Thử' }),
          channel: item.channel,
          form_data: '{}',
          status,
          submitted_at: receivedAt,
          received_at: receivedAt,
          due_at: due,
          original_due_at: due,
          completed_at: finishedAt,
          created_by: user.id,
        })
        .execute();
      dossiers.push({
        channel: item.channel,
        receivedAt,
        originalDueAt: due,
        finishedAt,
        finish: finishedAt === null ? null : item.finish,
        awaitingSupplement: finishedAt === null && item.awaiting,
      });
    }
  });
  afterAll(async () => ctx.close());

  it('gives the same columns for random periods', async () => {
    const periods = fc.sample(fc.tuple(fc.integer({ min: 0, max: 160 }), fc.integer({ min: 0, max: 90 })), {
      numRuns: 12,
      seed: 7,
    });
    for (const [offset, length] of periods) {
      const from = new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2026, 0, 1 + offset + length)).toISOString().slice(0, 10);
      const expected = dossiers.reduce(
        (sum, dossier) => addRows(sum, classify(dossier, from, to)),
        EMPTY_ROW,
      );
      const rows = await report06(ctx.handle.db, [unitId], from, to);
      const {
        unit_id: _id,
        unit_name: _name,
        ...actual
      } = rows[0] ?? { unit_id: 0, unit_name: '', ...EMPTY_ROW };
      expect({ from, to, ...actual }).toEqual({ from, to, ...expected });
      expect(brokenInvariants(actual)).toEqual([]);
    }
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
    const expected = dossiers.reduce(
      (sum, dossier) => addRows(sum, classify(dossier, '2026-02-01', '2026-03-31')),
      EMPTY_ROW,
    );
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
