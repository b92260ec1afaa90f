/**
 * The data of the statistics' HTTP tests (stats.http.test.ts, indicators.http.test.ts): a test
 * application with seven dossiers of the first quarter of 2026 — three resolved and rated at Sở
 * Xây dựng, one open there, one carried over at Sở Tư pháp, one withdrawn at a commune, one still
 * open at a commune closed in 2025 — and the administrator's session.
 */
import { formatDossierCode } from '@tayninh/domain/dossiers/code';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
import { importRating } from '../dossiers';
import type { ReportDossier, Report06Row } from './report-06';
import { insertDossier, type Fixture } from './test-dossiers';

export const Q1 = 'from=2026-01-01&to=2026-03-31';

const at = (iso: string) => new Date(`${iso}+07:00`);
const dossier = (over: Partial<ReportDossier> & Pick<ReportDossier, 'receivedAt' | 'originalDueAt'>) => ({
  channel: 'online' as const,
  finishedAt: null,
  finish: null,
  supplements: [],
  ...over,
});

export interface ReportBody {
  unit: { name: string; agencyCode: string };
  rows: Array<{ unitId: number; unitName: string } & Report06Row>;
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

export interface StatsApp {
  ctx: TestContext;
  admin: Session;
  /** The units and officers the dossiers name. */
  ids: {
    construction: number;
    justice: number;
    commune: number;
    oldCommune: number;
    district: number;
    specialist: number;
    receiver: number;
  };
  /** GET /api/stats/report as the administrator (200 expected). */
  report: (unit: string, query?: string) => Promise<ReportBody>;
}

/** Starts a test application and inserts the dossiers (in the test's beforeAll). */
export async function startStatsApp(): Promise<StatsApp> {
  const ids = {
    construction: 0,
    justice: 0,
    commune: 0,
    oldCommune: 0,
    district: 0,
    specialist: 0,
    receiver: 0,
  };
  const ctx = await startTestApp();
  const db = ctx.handle.db;
  const unit = async (where: string) =>
    (
      await sql<{
        id: number;
        parent_id: number;
      }>`select id, parent_id from units_view where ${sql.raw(where)} order by id limit 1`.execute(db)
    ).rows[0]!;
  const user = async (username: string) =>
    (
      await db
        .selectFrom('users_view')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
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
    .selectFrom('procedure_versions_view')
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
  const add = (d: ReportDossier, unitId: number, people: { assigneeId?: number; receiverId?: number } = {}) =>
    insertDossier(db, fixture, formatDossierCode('000.00.16.H53', '2026-01-01', ++serial), d, unitId, people);
  const rate = (
    dossierId: number,
    ratedAt: string,
    scores: [number, number, number, number],
    satisfaction: string,
  ) =>
    importRating(
      db,
      dossierId,
      citizen,
      {
        time_score: scores[0],
        contacts_score: scores[1],
        bodies_score: scores[2],
        attitude_score: scores[3],
        satisfaction,
        comment: null,
        total: scores.reduce((sum, score) => sum + score, 0),
      } as Parameters<typeof importRating>[3],
      at(ratedAt),
    );
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
  const admin = await login(ctx.app, 'admin');
  const report = async (unit: string, query = Q1) => {
    const response = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: `/api/stats/report?unit=${unit}&${query}` });
    expect(response.statusCode).toBe(200);
    return response.json<ReportBody>();
  };
  return { ctx, admin, ids, report };
}
