import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database';
import { openTestDatabase } from '../../test/harness';
import { vietnamDate } from '../../lib/time';
import { timeScore } from '../../modules/dossiers';
import { subtreeIds } from '../../modules/org';
import {
  addRows,
  brokenInvariants,
  classify,
  EMPTY_ROW,
  type ReportDossier,
  type Report06Row,
} from '../../modules/stats';
import { monthlyFlows, report06 } from '../../modules/stats';
import { rollUp } from '../../modules/stats';
import { demoDossiersWanted, seedDemoDossiers, type DemoDossierResult } from './demo-dossiers';

const NOW = new Date('2026-11-20T10:30:00+07:00');
const COUNT = 2000;

interface Row {
  id: number;
  code: string;
  status: string;
  channel: 'online' | 'counter' | 'post';
  receiving_unit_id: number;
  agency_code: string;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  original_due_at: Date | null;
  completed_at: Date | null;
  assignee_id: number | null;
  action_count: number;
  history: Array<{ seq: number; at: string; payload: DossierAction }>;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The report's view of a dossier, from its history alone. */
function reportDossier(row: Row): ReportDossier {
  const actions = row.history.map((entry) => entry.payload);
  const state = foldActions(actions);
  const accepted = actions.filter((a) => a.type === 'accepted').at(-1);
  const supplements: Array<{ requestedAt: Date; providedAt: Date | null; newDueAt: Date | null }> = [];
  for (const action of actions) {
    if (!state.receivedAt || action.at <= state.receivedAt) continue;
    if (action.type === 'supplement_requested')
      supplements.push({ requestedAt: new Date(action.at), providedAt: null, newDueAt: null });
    if (action.type === 'supplemented' && supplements.length > 0) {
      supplements.at(-1)!.providedAt = new Date(action.at);
      supplements.at(-1)!.newDueAt = action.newDueAt ? new Date(action.newDueAt) : null;
    }
  }
  return {
    channel: row.channel,
    receivedAt: state.receivedAt ? new Date(state.receivedAt) : null,
    originalDueAt: accepted && accepted.type === 'accepted' ? new Date(accepted.dueAt) : null,
    finishedAt: state.completedAt && state.receivedAt ? new Date(state.completedAt) : null,
    finish:
      state.completedAt === null
        ? null
        : state.status === 'withdrawn' || state.status === 'stopped'
          ? state.status
          : 'resolved',
    supplements,
  };
}

describe('demo dossiers', () => {
  let handle: DatabaseHandle;
  let result: DemoDossierResult;
  let rows: Row[];
  let provinceUnits: number[];

  beforeAll(async () => {
    handle = await openTestDatabase();
    result = (await seedDemoDossiers(handle.db, { now: NOW, count: COUNT }))!;
    rows = (
      await sql<Row>`
        select d.id, d.code, d.status, d.channel, d.receiving_unit_id, u.agency_code, d.submitted_at,
          d.received_at, d.due_at, d.original_due_at, d.completed_at, d.assignee_id, d.action_count,
          (select json_agg(json_build_object('seq', a.seq, 'at', a.at, 'payload', a.payload) order by a.seq)
           from dossier_actions a where a.dossier_id = d.id) as history
        from dossiers d join units u on u.id = d.receiving_unit_id`.execute(handle.db)
    ).rows;
    const province = await handle.db
      .selectFrom('units')
      .select('id')
      .where('agency_code', '=', '000.00.00.H53')
      .executeTakeFirstOrThrow();
    provinceUnits = await subtreeIds(handle.db, [province.id]);
  });
  afterAll(async () => handle.close());

  it('writes a few thousand dossiers over about 18 months, quickly, and only once', async () => {
    expect(result.dossiers).toBeGreaterThan(COUNT * 0.95);
    expect(rows).toHaveLength(result.dossiers);
    expect(result.from < '2025-08-01').toBe(true);
    expect(result.to).toBe('2026-11-20');
    expect(result.ms).toBeLessThan(20_000);
    expect(await seedDemoDossiers(handle.db, { now: NOW, count: 10 })).toBeNull();
  });

  it('stores for every dossier the state its history folds to', () => {
    for (const row of rows) {
      const history = row.history;
      expect(history.map((entry) => entry.seq)).toEqual(history.map((_, index) => index + 1));
      const state = foldActions(history.map((entry) => entry.payload));
      expect({
        code: row.code,
        status: row.status,
        receivedAt: iso(row.received_at),
        dueAt: iso(row.due_at),
        originalDueAt: iso(row.original_due_at),
        completedAt: iso(row.completed_at),
        assigneeId: row.assignee_id === null ? null : Number(row.assignee_id),
        actions: row.action_count,
        channel: row.channel,
        submittedAt: iso(row.submitted_at),
      }).toEqual({
        code: row.code,
        status: state.status,
        receivedAt: iso(state.receivedAt),
        dueAt: iso(state.dueAt),
        originalDueAt: iso(state.originalDueAt),
        completedAt: iso(state.completedAt),
        assigneeId: state.assigneeId,
        actions: history.length,
        channel: state.channel,
        submittedAt: iso(history[0]!.payload.at),
      });
      for (const entry of history) expect(iso(entry.at)).toBe(iso(entry.payload.at));
      expect(history.every((entry) => new Date(entry.at) < NOW)).toBe(true);
    }
  });

  it('gives codes in the legal format, unique, numbered without gaps per agency and day', async () => {
    const codes = new Set(rows.map((row) => row.code));
    expect(codes.size).toBe(rows.length);
    const perDay = new Map<string, number[]>();
    for (const row of rows) {
      expect(row.code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/);
      const day = vietnamDate(new Date(row.submitted_at));
      const prefix = `${row.agency_code}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`;
      expect(row.code.slice(0, -5)).toBe(prefix);
      perDay.set(prefix, [...(perDay.get(prefix) ?? []), Number(row.code.slice(-4))]);
    }
    const counters = await handle.db.selectFrom('dossier_code_counters').selectAll().execute();
    expect(counters).toHaveLength(perDay.size);
    for (const counter of counters) {
      const day = counter.day;
      const numbers = perDay.get(
        `${counter.agency_code}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`,
      )!;
      expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, index) => index + 1));
      expect(counter.last_number).toBe(numbers.length);
    }
  });

  it('looks like a province: mostly on time, some late, open, overdue, withdrawn; online rising; rated', async () => {
    const count = (status: string) => rows.filter((row) => row.status === status).length;
    expect(count('returned')).toBeGreaterThan(rows.length * 0.85);
    for (const status of ['processing', 'withdrawn', 'stopped', 'refused', 'pending_approval'])
      expect(count(status)).toBeGreaterThan(0);
    const year = await report06(handle.db, provinceUnits, '2026-01-01', '2026-11-20', { useRollups: false });
    const total = year.reduce<Report06Row>(
      (sum, { unit_id: _u, unit_name: _n, ...row }) => addRows(sum, row),
      EMPTY_ROW,
    );
    const onTime = (total.resolvedEarly + total.resolvedOnTime) / total.resolved;
    expect(onTime).toBeGreaterThan(0.9);
    expect(onTime).toBeLessThan(0.98);
    expect(total.inProgressOverdue).toBeGreaterThan(0);
    expect(total.withdrawnOrStopped).toBeGreaterThan(0);
    const months = await monthlyFlows(handle.db, provinceUnits, '2025-07-01', '2026-11-20', {
      useRollups: false,
    });
    const share = (m: (typeof months)[number]) =>
      m.receivedOnline / (m.receivedOnline + m.receivedCounterOrPost);
    const firstQuarter = months.slice(0, 3).map(share);
    const lastQuarter = months.slice(-4, -1).map(share);
    expect(Math.max(...firstQuarter)).toBeLessThan(Math.min(...lastQuarter));
    const ratings = await sql<{
      time_score: number;
      completed_at: Date;
      original_due_at: Date;
      status: string;
      rated: number;
    }>`
      select r.time_score, d.completed_at, d.original_due_at, d.status,
        (select count(*)::int from dossier_actions a where a.dossier_id = d.id and a.type = 'rated') as rated
      from dossier_ratings r join dossiers d on d.id = r.dossier_id`.execute(handle.db);
    expect(ratings.rows.length).toBe(result.ratings);
    expect(ratings.rows.length).toBeGreaterThan(50);
    for (const rating of ratings.rows) {
      expect(rating.status).toBe('returned');
      expect(rating.rated).toBe(1);
      expect(rating.time_score).toBe(
        timeScore(new Date(rating.completed_at), new Date(rating.original_due_at)),
      );
    }
  });

  it('keeps Biểu 06 consistent for the province: invariants, the rules of classify, rollups', async () => {
    const dossiers = rows.map(reportDossier);
    const periods: Array<[string, string]> = [
      ['2025-07-01', '2025-12-31'],
      ['2026-01-01', '2026-11-20'],
      ['2026-10-01', '2026-10-31'],
      ['2026-11-01', '2026-11-20'],
      ['2025-07-01', '2026-11-20'],
    ];
    const totals = async (from: string, to: string, useRollups: boolean) =>
      (await report06(handle.db, provinceUnits, from, to, { useRollups })).reduce<Report06Row>(
        (sum, { unit_id: _u, unit_name: _n, ...row }) => addRows(sum, row),
        EMPTY_ROW,
      );
    const live = new Map<string, Report06Row>();
    for (const [from, to] of periods) {
      const total = await totals(from, to, false);
      expect(brokenInvariants(total)).toEqual([]);
      const expected = dossiers.reduce(
        (sum, dossier) => addRows(sum, classify(dossier, from, to)),
        EMPTY_ROW,
      );
      expect(total).toEqual(expected);
      live.set(`${from}/${to}`, total);
    }
    await rollUp(handle.db, { now: NOW });
    for (const [from, to] of periods) {
      expect(await totals(from, to, true)).toEqual(live.get(`${from}/${to}`));
      const months = await monthlyFlows(handle.db, provinceUnits, from, to);
      const expected = live.get(`${from}/${to}`)!;
      expect(months.reduce((sum, m) => sum + m.receivedOnline + m.receivedCounterOrPost, 0)).toBe(
        expected.receivedOnline + expected.receivedCounterOrPost,
      );
      expect(months.reduce((sum, m) => sum + m.resolvedEarly + m.resolvedOnTime + m.resolvedLate, 0)).toBe(
        expected.resolved,
      );
    }
  });

  it('gives the demo communes their dossiers, handled by their demo officers, returned as the applicant chose', async () => {
    const tanNinh = await sql<{ username: string | null; type: string; n: number }>`
      select u.username, a.type, count(*)::int as n
      from dossiers d
      join units c on c.id = d.handling_unit_id
      join dossier_actions a on a.dossier_id = d.id
      left join users u on u.id = a.actor_user_id
      where c.admin_area_code = '25459' and c.valid_until is null
        and a.type in ('accepted', 'assigned', 'sent_for_approval', 'approved', 'result_returned')
      group by u.username, a.type`.execute(handle.db);
    const by = (type: string) =>
      new Map(tanNinh.rows.filter((r) => r.type === type).map((r) => [r.username, r.n]));
    // A tenth of the commune dossiers or so: enough for a living dashboard of the ward.
    expect([...by('approved').values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(60);
    expect([...by('approved').keys()]).toEqual(['chutich.xa']);
    expect([...by('sent_for_approval').keys()]).toEqual(['hotich.xa']);
    expect([...by('result_returned').keys()]).toEqual(['tiepnhan.xa']);
    expect([...by('accepted').keys()]).toEqual(['tiepnhan.xa']);
    const thanhHoa = await sql<{ n: number }>`
      select count(*)::int as n from dossiers d join units c on c.id = d.receiving_unit_id
      join dossier_actions a on a.dossier_id = d.id join users u on u.id = a.actor_user_id
      where c.admin_area_code = '27865' and u.username = 'tiepnhan.thanhhoa'`.execute(handle.db);
    expect(thanhHoa.rows[0]!.n).toBeGreaterThan(20);
    // The result went back the way the applicant asked for it.
    const mismatched = await sql<{ n: number }>`
      select count(*)::int as n from dossiers d join dossier_actions a on a.dossier_id = d.id
      where a.type = 'result_returned' and a.payload->>'method' <> d.result_delivery`.execute(handle.db);
    expect(mismatched.rows[0]!.n).toBe(0);
  });

  it('hands every dossier to a unit in force when it was submitted: land to Sở Nông nghiệp và Môi trường', async () => {
    const counts = await sql<{ name: string; valid_until: string | null; n: number; outside: number }>`
      select u.name, u.valid_until, count(*)::int as n,
        (count(*) filter (where u.valid_from > ((d.submitted_at at time zone 'UTC') + interval '7 hours')::date
          or u.valid_until <= ((d.submitted_at at time zone 'UTC') + interval '7 hours')::date))::int as outside
      from dossiers d join units u on u.id = d.handling_unit_id
      group by u.name, u.valid_until`.execute(handle.db);
    expect(counts.rows.filter((row) => row.outside > 0)).toEqual([]);
    expect(counts.rows.filter((row) => row.valid_until !== null)).toEqual([]);
    const byName = new Map(counts.rows.map((row) => [row.name, row.n]));
    expect(byName.get('Sở Nông nghiệp và Môi trường')).toBeGreaterThan(0);
    expect(byName.has('Sở Tài nguyên và Môi trường')).toBe(false);
  });

  it('runs on the first start of the embedded database, elsewhere only when asked', () => {
    expect(demoDossiersWanted({}, { kind: 'pglite', firstStart: true })).toBe(true);
    expect(demoDossiersWanted({}, { kind: 'pglite', firstStart: false })).toBe(false);
    expect(demoDossiersWanted({}, { kind: 'postgres', firstStart: false })).toBe(false);
    expect(demoDossiersWanted({ SEED_DEMO_DOSSIERS: '1' }, { kind: 'postgres', firstStart: false })).toBe(
      true,
    );
    expect(demoDossiersWanted({ SEED_DEMO_DOSSIERS: '0' }, { kind: 'pglite', firstStart: true })).toBe(false);
  });
});
