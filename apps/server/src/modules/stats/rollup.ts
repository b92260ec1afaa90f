/**
 * Rollups of Biểu 06 (migration 0009): per handling unit and Vietnam day, the day's flows
 * (received online / at the counter or by post, resolved before / on / after the appointment,
 * withdrawn or stopped) and the end-of-day snapshot (open, of which within time).
 *
 * A run materialises the closed days after `rolled_through` with one set-based statement: each
 * dossier's history becomes segments (sql.ts), each segment +1/−1 events on the days it starts
 * and ends being open or within time, and a running sum per unit turns events into end-of-day
 * snapshots. The cost is proportional to the dossiers open or finished during the days computed:
 * a day's run reads the dossiers open now and those finished since; the first run reads all.
 *
 * Freshness, in three steps so that writers are never blocked for the length of a computation:
 * 1. claim (exclusive rollup lock, a few milliseconds): waits for writes in flight, records the
 *    days being computed in `claimed_through`;
 * 2. compute (no lock that writers take): deletes and rewrites the claimed days of stats_daily.
 *    Writes committed meanwhile that touch those days mark `dirty_from` (trigger
 *    stats_rollup_invalidate). The run holds RUN_LOCK meanwhile, so a claim is taken over only
 *    when it is old and its run is gone;
 * 3. finish (exclusive lock again): `rolled_through` advances to the last claimed day, or to the
 *    day before `dirty_from`, and never when a write moved it back meanwhile.
 * Readers only trust rows up to `rolled_through` and compute later days live, so a report is
 * exact whether the job has run or not; the job only makes it fast.
 *
 * Days close `CLOSE_GRACE_MINUTES` after midnight, so that an action stamped just before
 * midnight and committed just after does not needlessly move the rollup back.
 */
import { sql, type Kysely } from 'kysely';
import { databaseKind } from '../../db/database';
import type { Database } from '../../db/schema';
import { startPeriodic } from '../../platform/jobs';
import type { RunningJob } from '../../platform/module';
import { addDays, vietnamDate, vietnamInstant, type IsoDate } from '../../lib/time';
import { EARLY, LATE, ON_TIME, RESOLVED, segmentsCte, vnDate } from './sql';

/** Advisory lock shared by writers of dossiers (migration 0009) and taken exclusively here. */
const ROLLUP_LOCK = 720009;
/** Held by a run while it computes: a claim whose run holds it is alive, however old. */
const RUN_LOCK = 720019;
const CLOSE_GRACE_MINUTES = 5;
/** A claim this old whose run no longer holds RUN_LOCK is taken over (the process died). */
const STALE_CLAIM_MINUTES = 60;

export interface RollupState {
  rolledThrough: IsoDate | null;
  claimedThrough: IsoDate | null;
}

export async function rollupState(db: Kysely<Database>): Promise<RollupState> {
  const row = await db
    .selectFrom('stats_rollup_state')
    .select(['rolled_through', 'claimed_through'])
    .executeTakeFirstOrThrow();
  return { rolledThrough: row.rolled_through, claimedThrough: row.claimed_through };
}

/**
 * Makes the days from `from` on be rolled up again at the next run, as a write to them would
 * (the trigger of migration 0009): `rolled_through` moves back to the day before `from` if it was
 * later, and a run in progress over those days does not validate them. Never moves forward.
 * For a repair of the data outside the application's writes, the report benchmark, and the
 * cluster drill (which keeps the instances' rollup job busy so that they contend for it).
 */
export async function rewindRollups(db: Kysely<Database>, from: IsoDate): Promise<RollupState> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
    await sql`update stats_rollup_state set
        rolled_through = case when rolled_through >= ${from}::date then ${from}::date - 1 else rolled_through end,
        dirty_from = case when claimed_through >= ${from}::date then least(dirty_from, ${from}::date) else dirty_from end,
        updated_at = now()
      where rolled_through >= ${from}::date or claimed_through >= ${from}::date`.execute(trx);
    return rollupState(trx);
  });
}

/** The last day that may be rolled up at `now`. */
export function lastClosedDay(now: Date): IsoDate {
  return addDays(vietnamDate(new Date(now.getTime() - CLOSE_GRACE_MINUTES * 60_000)), -1);
}

export interface RollupRun {
  from: IsoDate;
  through: IsoDate;
  /** `rolled_through` after the run (earlier than `through` when writes touched the days meanwhile). */
  validThrough: IsoDate | null;
  rows: number;
}

/**
 * Rolls up the closed days not rolled up yet (or up to `through`, for tests and backfills).
 * Returns null when there was nothing to do or another run holds the claim.
 */
export async function rollUp(
  db: Kysely<Database>,
  options: {
    through?: IsoDate;
    now?: Date;
    /**
     * How old a claim whose run no longer holds RUN_LOCK must be to be taken over (default
     * STALE_CLAIM_MINUTES). The server job runs under the job's lock (platform/jobs.ts), so no
     * other run is alive: it takes over at once and a day is not left waiting after a crash.
     */
    takeOverAfterMs?: number;
  } = {},
): Promise<RollupRun | null> {
  const now = options.now ?? new Date();
  const target = options.through ?? lastClosedDay(now);

  const claim = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
    const state = (
      await sql<{
        rolled_through: IsoDate | null;
        claimed_through: IsoDate | null;
        claimed_at: Date | null;
      }>`select rolled_through, claimed_through, claimed_at from stats_rollup_state for update`.execute(trx)
    ).rows[0]!;
    if (state.claimed_through !== null && state.claimed_at !== null) {
      const staleAfter = options.takeOverAfterMs ?? STALE_CLAIM_MINUTES * 60_000;
      if (now.getTime() - state.claimed_at.getTime() < staleAfter) return null;
      const free = await sql<{
        free: boolean;
      }>`select pg_try_advisory_xact_lock(${RUN_LOCK}) as free`.execute(trx);
      if (!free.rows[0]!.free) return null;
    }
    let from = state.rolled_through === null ? null : addDays(state.rolled_through, 1);
    if (from === null) {
      const first = await sql<{ day: IsoDate | null }>`
        select ${vnDate(sql`min(received_at)`)} as day from dossiers_view where received_at is not null`.execute(
        trx,
      );
      from = first.rows[0]?.day ?? null;
      if (from === null) {
        // Nothing received yet: every day up to the target is empty.
        await sql`update stats_rollup_state set rolled_through = ${target}::date, claimed_through = null,
          claimed_at = null, dirty_from = null, updated_at = now()`.execute(trx);
        return null;
      }
    }
    if (from > target) return null;
    const token = now.toISOString();
    await sql`update stats_rollup_state set claimed_through = ${target}::date, claimed_at = ${token}::timestamptz,
      dirty_from = null, updated_at = now()`.execute(trx);
    return { from, previous: state.rolled_through, token };
  });
  if (!claim) return null;

  let rows: number;
  try {
    rows = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${RUN_LOCK})`.execute(trx);
      const mine = await sql`select 1 from stats_rollup_state
        where claimed_at = ${claim.token}::timestamptz`.execute(trx);
      if (mine.rows.length === 0) throw new Error('statistics rollup: claim lost');
      await sql`delete from stats_daily where day between ${claim.from}::date and ${target}::date`.execute(
        trx,
      );
      const inserted = await materialise(claim.from, target).execute(trx);
      return Number(inserted.numAffectedRows ?? 0);
    });
  } catch (error) {
    await sql`update stats_rollup_state set claimed_through = null, claimed_at = null, dirty_from = null
      where claimed_at = ${claim.token}::timestamptz`.execute(db);
    throw error;
  }

  const validThrough = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
    const state = (
      await sql<{ rolled_through: IsoDate | null; dirty_from: IsoDate | null; claimed_at: Date | null }>`
        select rolled_through, dirty_from, claimed_at from stats_rollup_state for update`.execute(trx)
    ).rows[0]!;
    if (state.claimed_at?.toISOString() !== claim.token) return state.rolled_through;
    const intact = state.rolled_through === claim.previous;
    const valid = !intact
      ? state.rolled_through
      : state.dirty_from === null
        ? target
        : state.dirty_from <= claim.from
          ? claim.previous
          : addDays(state.dirty_from, -1);
    await sql`update stats_rollup_state set rolled_through = ${valid}::date, claimed_through = null,
      claimed_at = null, dirty_from = null, updated_at = now()`.execute(trx);
    return valid;
  });
  return { from: claim.from, through: target, validThrough, rows };
}

/** INSERT of the stats_daily rows of days [from, through], computed from dossiers and history. */
function materialise(from: IsoDate, through: IsoDate) {
  const startFrom = vietnamInstant(from, 0);
  const endFrom = vietnamInstant(addDays(from, 1), 0);
  const endThrough = vietnamInstant(addDays(through, 1), 0);
  const X = sql`${from}::date`;
  const Y = sql`${through}::date`;
  const relevant = sql`
    select id, handling_unit_id as unit_id, received_at, completed_at, original_due_at from dossiers_view
    where received_at < ${endThrough} and completed_at is null
    union all
    select id, handling_unit_id, received_at, completed_at, original_due_at from dossiers_view
    where received_at < ${endThrough} and completed_at >= ${endFrom}`;
  return sql`
    insert into stats_daily (unit_id, day, received_online, received_counter_or_post, resolved_early,
      resolved_on_time, resolved_late, withdrawn_or_stopped, open_at_end, open_within_time_at_end)
    with ${segmentsCte(relevant)},
    spans as (
      select unit_id, greatest(${vnDate(sql`a`)}, ${X}) as from_day, ${vnDate(sql`b`)} as open_until,
        case when awaiting then ${vnDate(sql`b`)}
             when due is null then greatest(${vnDate(sql`a`)}, ${X})
             else ${vnDate(sql`least(b, due)`)} end as within_until
      from seg
    ),
    live_spans as (
      select * from spans where from_day <= ${Y} and (open_until is null or open_until > from_day)
    ),
    events as (
      select unit_id, from_day as day, count(*) as d_open,
        count(*) filter (where within_until is null or within_until > from_day) as d_within
      from live_spans group by 1, 2
      union all
      select unit_id, open_until, -count(*), 0 from live_spans where open_until <= ${Y} group by 1, 2
      union all
      select unit_id, within_until, 0, -count(*) from live_spans
      where within_until > from_day and within_until <= ${Y} group by 1, 2
    ),
    receipts as (
      select handling_unit_id as unit_id, ${vnDate(sql`received_at`)} as day,
        count(*) filter (where channel = 'online') as online, count(*) filter (where channel <> 'online') as other
      from dossiers_view where received_at >= ${startFrom} and received_at < ${endThrough} group by 1, 2
    ),
    finishes as (
      select handling_unit_id as unit_id, ${vnDate(sql`completed_at`)} as day,
        count(*) filter (where ${RESOLVED} and ${EARLY}) as early,
        count(*) filter (where ${RESOLVED} and ${ON_TIME}) as on_time,
        count(*) filter (where ${RESOLVED} and ${LATE}) as late,
        count(*) filter (where not ${RESOLVED}) as withdrawn_or_stopped
      from dossiers_view
      where completed_at >= ${startFrom} and completed_at < ${endThrough} and received_at is not null
      group by 1, 2
    ),
    daily as (
      select unit_id, day, sum(online) as online, sum(other) as other, sum(early) as early,
        sum(on_time) as on_time, sum(late) as late, sum(wos) as wos,
        sum(d_open) as d_open, sum(d_within) as d_within
      from (
        select unit_id, day, online, other, 0 as early, 0 as on_time, 0 as late, 0 as wos, 0 as d_open, 0 as d_within from receipts
        union all
        select unit_id, day, 0, 0, early, on_time, late, withdrawn_or_stopped, 0, 0 from finishes
        union all
        select unit_id, day, 0, 0, 0, 0, 0, 0, d_open, d_within from events
      ) x
      group by unit_id, day
    )
    select unit_id, day, online, other, early, on_time, late, wos,
      sum(d_open) over w, sum(d_within) over w
    from daily
    window w as (partition by unit_id order by day rows unbounded preceding)`;
}

/**
 * Keeps the rollups fresh in the server: a run at start (catching up after a stop) and every few
 * minutes (a day closes shortly after midnight; a write that moved the rollup back is rolled up
 * again at the next run). Reports never wait for it (see above). With several instances, the
 * job runner (platform/jobs.ts) lets one run at a time.
 */
export class StatsRollupJob {
  private job: RunningJob | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: (message: string) => void = () => {},
  ) {}

  start(intervalMs = 5 * 60_000): void {
    const runner = { db: this.db, dbKind: databaseKind(this.db), log: this.log };
    this.job = startPeriodic(runner, {
      name: 'stats-rollup',
      exclusive: true,
      intervalMs,
      round: async () => {
        const run = await rollUp(this.db, { takeOverAfterMs: 0 });
        return {
          result: run
            ? `statistics rolled up ${run.from}…${run.through} (${run.rows} rows, valid through ${run.validThrough})`
            : null,
        };
      },
    });
  }

  /** Stops after the run in progress (graceful shutdown). */
  async stop(): Promise<void> {
    await this.job?.stop();
    this.job = null;
  }
}
