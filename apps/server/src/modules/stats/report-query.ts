/**
 * Biểu 06 over the database, with the same rules as `classify` (report-06.ts): the rolled-up days
 * (stats_daily, up to `rolled_through`, see rollup.ts) plus live queries for the days after them,
 * read in one repeatable-read snapshot so both parts agree.
 *
 * - flows of the period (columns 4, 5, 7–10, 14) = the sum of the daily rows of the rolled-up
 *   part + a live count of receipts and completions after it (normally today only);
 * - carried over (6) = the dossiers open at the end of the day before the period, and in progress
 *   (11–13) = those open at the end of its last day: the unit's latest daily row on or before that
 *   day when rolled up, otherwise the dossiers open at that instant with their state then (the
 *   supplement history: sql.ts).
 * A year of a province reads about 365 rows per unit; nothing scans the dossiers of past days.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { addDays, vietnamInstant, type IsoDate } from '../../lib/time';
import { EMPTY_ROW, periodBounds, type Report06Row } from './report-06';
import { EARLY, LATE, ON_TIME, RESOLVED, segmentsCte, vnDate } from './sql';

export type UnitReportRow = { unit_id: number; unit_name: string } & Report06Row;

interface Flows {
  online: number;
  other: number;
  early: number;
  on_time: number;
  late: number;
  wos: number;
}
interface Snapshot {
  open: number;
  within: number;
}
type Trx = Transaction<Database>;

const ids = (unitIds: number[]) => sql`${unitIds}::bigint[]`;

async function rolledFlows(trx: Trx, unitIds: number[], from: IsoDate, to: IsoDate) {
  const result = await sql<{ unit_id: number } & Flows>`
    select unit_id, sum(received_online)::int as online, sum(received_counter_or_post)::int as other,
      sum(resolved_early)::int as early, sum(resolved_on_time)::int as on_time,
      sum(resolved_late)::int as late, sum(withdrawn_or_stopped)::int as wos
    from stats_daily where unit_id = any(${ids(unitIds)}) and day between ${from}::date and ${to}::date
    group by unit_id`.execute(trx);
  return result.rows;
}

async function liveFlows(trx: Trx, unitIds: number[], start: Date, end: Date) {
  const result = await sql<{ unit_id: number } & Flows>`
    select unit_id, sum(online)::int as online, sum(other)::int as other, sum(early)::int as early,
      sum(on_time)::int as on_time, sum(late)::int as late, sum(wos)::int as wos
    from (
      select handling_unit_id as unit_id, count(*) filter (where channel = 'online') as online,
        count(*) filter (where channel <> 'online') as other, 0 as early, 0 as on_time, 0 as late, 0 as wos
      from dossiers_view
      where handling_unit_id = any(${ids(unitIds)}) and received_at >= ${start} and received_at < ${end}
      group by 1
      union all
      select handling_unit_id, 0, 0, count(*) filter (where ${RESOLVED} and ${EARLY}),
        count(*) filter (where ${RESOLVED} and ${ON_TIME}), count(*) filter (where ${RESOLVED} and ${LATE}),
        count(*) filter (where not ${RESOLVED})
      from dossiers_view
      where handling_unit_id = any(${ids(unitIds)}) and completed_at >= ${start} and completed_at < ${end}
        and received_at is not null
      group by 1
    ) x group by unit_id`.execute(trx);
  return result.rows;
}

/** Open at the end of `day` per unit, from the unit's latest daily row on or before it. */
async function rolledSnapshot(trx: Trx, unitIds: number[], day: IsoDate) {
  const result = await sql<{ unit_id: number } & Snapshot>`
    select u.id as unit_id, s.open_at_end as open, s.open_within_time_at_end as within
    from unnest(${ids(unitIds)}) as u (id)
    cross join lateral (
      select open_at_end, open_within_time_at_end from stats_daily
      where unit_id = u.id and day <= ${day}::date order by day desc limit 1
    ) s`.execute(trx);
  return result.rows;
}

/** Open at `instant` per unit, with the state each dossier was in then. */
async function liveSnapshot(trx: Trx, unitIds: number[], instant: Date) {
  const relevant = sql`
    select id, handling_unit_id as unit_id, received_at, completed_at, original_due_at from dossiers_view
    where handling_unit_id = any(${ids(unitIds)}) and received_at < ${instant} and completed_at is null
    union all
    select id, handling_unit_id, received_at, completed_at, original_due_at from dossiers_view
    where handling_unit_id = any(${ids(unitIds)}) and received_at < ${instant} and completed_at >= ${instant}`;
  const result = await sql<{ unit_id: number } & Snapshot>`
    with ${segmentsCte(relevant, { few: true })}
    select unit_id, count(*)::int as open, (count(*) filter (where awaiting or due >= ${instant}))::int as within
    from seg where a < ${instant} and (b is null or b >= ${instant})
    group by unit_id`.execute(trx);
  return result.rows;
}

/**
 * The report's rows, one per handling unit of `unitIds` with dossiers in the period.
 * `useRollups: false` computes everything live (tests and the benchmark's comparison).
 */
export async function report06(
  db: Kysely<Database>,
  unitIds: number[],
  from: IsoDate,
  to: IsoDate,
  options: { useRollups?: boolean } = {},
): Promise<UnitReportRow[]> {
  if (unitIds.length === 0) return [];
  const { start, end } = periodBounds(from, to);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // Short queries: compiling them (PostgreSQL JIT, when their estimates look large) costs more
      // than running them.
      await sql`set local jit = off`.execute(trx);
      const rolledThrough =
        options.useRollups === false
          ? null
          : (await trx.selectFrom('stats_rollup_state').select('rolled_through').executeTakeFirstOrThrow())
              .rolled_through;
      const rolled = (day: IsoDate) => rolledThrough !== null && day <= rolledThrough;

      const flows: Array<{ unit_id: number } & Flows> = [];
      if (rolled(from))
        flows.push(...(await rolledFlows(trx, unitIds, from, to < rolledThrough! ? to : rolledThrough!)));
      const liveFrom = rolled(from) ? addDays(rolledThrough!, 1) : from;
      if (liveFrom <= to) flows.push(...(await liveFlows(trx, unitIds, vietnamInstant(liveFrom, 0), end)));
      const before = addDays(from, -1);
      const carried = rolled(before)
        ? await rolledSnapshot(trx, unitIds, before)
        : await liveSnapshot(trx, unitIds, start);
      const closing = rolled(to)
        ? await rolledSnapshot(trx, unitIds, to)
        : await liveSnapshot(trx, unitIds, end);

      const rows = new Map<number, Report06Row>();
      const rowOf = (unitId: number) => {
        let row = rows.get(unitId);
        if (!row) rows.set(unitId, (row = { ...EMPTY_ROW }));
        return row;
      };
      for (const f of flows) {
        const row = rowOf(f.unit_id);
        row.receivedOnline += f.online;
        row.receivedCounterOrPost += f.other;
        row.resolvedEarly += f.early;
        row.resolvedOnTime += f.on_time;
        row.resolvedLate += f.late;
        row.withdrawnOrStopped += f.wos;
      }
      for (const s of carried) if (s.open > 0) rowOf(s.unit_id).carriedOver += s.open;
      for (const s of closing) {
        if (s.open === 0) continue;
        const row = rowOf(s.unit_id);
        row.inProgress += s.open;
        row.inProgressWithinTime += s.within;
        row.inProgressOverdue += s.open - s.within;
      }
      for (const row of rows.values()) {
        row.received = row.receivedOnline + row.receivedCounterOrPost + row.carriedOver;
        row.resolved = row.resolvedEarly + row.resolvedOnTime + row.resolvedLate;
      }
      const present = [...rows].filter(
        ([, row]) => row.received > 0 || row.resolved > 0 || row.inProgress > 0,
      );
      if (present.length === 0) return [];
      const names = await trx
        .selectFrom('units_view')
        .select(['id', 'name'])
        .where(
          'id',
          'in',
          present.map(([id]) => id),
        )
        .execute();
      const nameOf = new Map(names.map((unit) => [unit.id, unit.name]));
      const collator = new Intl.Collator('vi');
      return present
        .map(([unitId, row]) => ({ unit_id: unitId, unit_name: nameOf.get(unitId) ?? '', ...row }))
        .sort((a, b) => collator.compare(a.unit_name, b.unit_name) || a.unit_id - b.unit_id);
    });
}

/** The flows of one calendar month of a period (the months at its ends cut to the period). */
export interface MonthFlows {
  /** YYYY-MM */
  month: string;
  receivedOnline: number;
  receivedCounterOrPost: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  withdrawnOrStopped: number;
}

/** The months of [from, to] as YYYY-MM, in order. */
export function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * The flows of Biểu 06 (columns 4, 5, 8–10, 14) per calendar month of [from, to], summed over
 * `unitIds`: the rolled-up days from stats_daily, the later days live, in one snapshot, exactly
 * as `report06` counts them (so the months add up to the period's report). Every month of the
 * period is listed, empty ones with zeros.
 */
export async function monthlyFlows(
  db: Kysely<Database>,
  unitIds: number[],
  from: IsoDate,
  to: IsoDate,
  options: { useRollups?: boolean } = {},
): Promise<MonthFlows[]> {
  const byMonth = new Map<string, MonthFlows>(
    monthsOf(from, to).map((month) => [
      month,
      {
        month,
        receivedOnline: 0,
        receivedCounterOrPost: 0,
        resolvedEarly: 0,
        resolvedOnTime: 0,
        resolvedLate: 0,
        withdrawnOrStopped: 0,
      },
    ]),
  );
  if (unitIds.length === 0) return [...byMonth.values()];
  const { end } = periodBounds(from, to);
  const flows = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      const rolledThrough =
        options.useRollups === false
          ? null
          : (await trx.selectFrom('stats_rollup_state').select('rolled_through').executeTakeFirstOrThrow())
              .rolled_through;
      const out: Array<{ month: string } & Flows> = [];
      if (rolledThrough !== null && from <= rolledThrough) {
        const through = to < rolledThrough ? to : rolledThrough;
        const rolled = await sql<{ month: string } & Flows>`
          select to_char(day, 'YYYY-MM') as month, sum(received_online)::int as online,
            sum(received_counter_or_post)::int as other, sum(resolved_early)::int as early,
            sum(resolved_on_time)::int as on_time, sum(resolved_late)::int as late,
            sum(withdrawn_or_stopped)::int as wos
          from stats_daily
          where unit_id = any(${ids(unitIds)}) and day between ${from}::date and ${through}::date
          group by 1`.execute(trx);
        out.push(...rolled.rows);
      }
      const liveFrom = rolledThrough !== null && from <= rolledThrough ? addDays(rolledThrough, 1) : from;
      if (liveFrom <= to) {
        const start = vietnamInstant(liveFrom, 0);
        const month = (column: string) => sql`to_char(${vnDate(sql.ref(column))}, 'YYYY-MM')`;
        const live = await sql<{ month: string } & Flows>`
          select month, sum(online)::int as online, sum(other)::int as other, sum(early)::int as early,
            sum(on_time)::int as on_time, sum(late)::int as late, sum(wos)::int as wos
          from (
            select ${month('received_at')} as month, count(*) filter (where channel = 'online') as online,
              count(*) filter (where channel <> 'online') as other, 0 as early, 0 as on_time, 0 as late, 0 as wos
            from dossiers_view
            where handling_unit_id = any(${ids(unitIds)}) and received_at >= ${start} and received_at < ${end}
            group by 1
            union all
            select ${month('completed_at')}, 0, 0, count(*) filter (where ${RESOLVED} and ${EARLY}),
              count(*) filter (where ${RESOLVED} and ${ON_TIME}),
              count(*) filter (where ${RESOLVED} and ${LATE}), count(*) filter (where not ${RESOLVED})
            from dossiers_view
            where handling_unit_id = any(${ids(unitIds)}) and completed_at >= ${start} and completed_at < ${end}
              and received_at is not null
            group by 1
          ) x group by month`.execute(trx);
        out.push(...live.rows);
      }
      return out;
    });
  for (const f of flows) {
    const row = byMonth.get(f.month);
    if (!row) continue;
    row.receivedOnline += f.online;
    row.receivedCounterOrPost += f.other;
    row.resolvedEarly += f.early;
    row.resolvedOnTime += f.on_time;
    row.resolvedLate += f.late;
    row.withdrawnOrStopped += f.wos;
  }
  return [...byMonth.values()];
}
