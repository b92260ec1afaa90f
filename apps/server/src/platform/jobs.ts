/**
 * The runner of background jobs, for every module: a job runs in rounds on a timer in every
 * server instance, and
 * - an exclusive job (`exclusive: true`: the statistics rollup, and every job that must not run
 *   twice at once) runs its round only in the instance that takes the job's lock: a
 *   transaction-level advisory lock (`pg_try_advisory_xact_lock`), held by a guard transaction
 *   for the length of the round on its own connection. The others skip the round. If the
 *   instance dies, its connection closes and the lock is free at once; nothing is held by a
 *   session between statements, so it works behind PgBouncer in transaction pooling mode (a
 *   transaction keeps its server connection to the end). A round that did work is recorded in
 *   `job_runs` (begun before the work, finished after it: a run whose process died stays
 *   unfinished), so that a drill can check no two runs overlapped.
 * - a concurrent job (`exclusive: false`: the e-mail outbox) runs everywhere: its rounds claim
 *   their items themselves (`FOR UPDATE SKIP LOCKED`), so instances share the work.
 * On the embedded PGlite only one process opens the database (db/embedded-lock.ts) and its one
 * connection cannot be held by a guard, so rounds are only kept from overlapping in the process.
 */
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../db/database';
import type { Database } from '../db/schema';
import type { RunningJob } from './module';

/** This instance, as recorded in job_runs. */
export const INSTANCE = `${hostname()}:${process.pid}`;

/** Namespace of the jobs' advisory locks (the second key is the job name's hash). */
const JOB_LOCK_NAMESPACE = 72012;

/** What a round reports: null when it found nothing to do (not recorded), else a summary. */
export type RoundResult = string | null;

export interface JobRunner {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  log: (message: string) => void;
}

export interface PeriodicJob {
  name: string;
  exclusive: boolean;
  intervalMs: number;
  /** One round; `again: true` asks for the next round at once (a backlog). */
  round: () => Promise<{ result: RoundResult; again?: boolean }>;
  /** Once, before the first round (e.g. releasing what a killed process left on PGlite). */
  prepare?: () => Promise<void>;
}

/** The exclusive jobs running in this process, per database. */
const inProcess = new WeakMap<object, Set<string>>();

/**
 * Runs `round` as one run of the exclusive job `name`: returns `{ ran: false }` when another
 * instance (or this one) holds the job. Usable alone, e.g. by a command run next to the servers.
 */
export async function runExclusive<T>(
  runner: Pick<JobRunner, 'db' | 'dbKind'>,
  name: string,
  round: () => Promise<{ result: RoundResult; value: T }>,
): Promise<{ ran: false } | { ran: true; value: T }> {
  const running = inProcess.get(runner.db) ?? new Set<string>();
  inProcess.set(runner.db, running);
  if (running.has(name)) return { ran: false };
  running.add(name);
  try {
    if (runner.dbKind === 'pglite') {
      const { value } = await round();
      return { ran: true, value };
    }
    return await runner.db.transaction().execute(async (guard) => {
      const lock = await sql<{ held: boolean }>`
        select pg_try_advisory_xact_lock(${JOB_LOCK_NAMESPACE}, hashtext(${name})) as held`.execute(guard);
      if (!lock.rows[0]!.held) return { ran: false as const };
      // Recorded outside the guard (autocommit), so a run cut short stays visible.
      const run = await runner.db
        .insertInto('job_runs')
        .values({ job: name, instance: INSTANCE })
        .returning('id')
        .executeTakeFirstOrThrow();
      const finish = (outcome: 'done' | 'failed' | null, detail: string | null) =>
        outcome === null
          ? runner.db.deleteFrom('job_runs').where('id', '=', run.id).execute()
          : runner.db
              .updateTable('job_runs')
              .set({ finished_at: sql<Date>`clock_timestamp()`, outcome, detail: detail?.slice(0, 500) })
              .where('id', '=', run.id)
              .execute();
      try {
        const { result, value } = await round();
        // A round with nothing to do leaves no record (every instance tries every few minutes).
        await finish(result === null ? null : 'done', result);
        return { ran: true as const, value };
      } catch (error) {
        await finish('failed', (error as Error).message);
        throw error;
      }
    });
  } finally {
    running.delete(name);
  }
}

/** Starts a job's rounds: one at start, then every `intervalMs` (at once after a full round). */
export function startPeriodic(runner: JobRunner, job: PeriodicJob): RunningJob {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const once = async (): Promise<boolean> => {
    if (!job.exclusive) {
      const { result, again } = await job.round();
      if (result) runner.log(result);
      return again === true;
    }
    const outcome = await runExclusive(runner, job.name, async () => {
      const { result, again } = await job.round();
      return { result, value: { result, again } };
    });
    if (outcome.ran && outcome.value.result) runner.log(outcome.value.result);
    return outcome.ran && outcome.value.again === true;
  };
  const tick = () => {
    running = once()
      .catch((error: unknown) => {
        runner.log(`${job.name} round failed: ${(error as Error).message}`);
        return false;
      })
      .then((again) => {
        if (!stopped) timer = setTimeout(tick, again ? 0 : job.intervalMs);
      });
  };
  const prepared = (job.prepare?.() ?? Promise.resolve()).catch((error: unknown) =>
    runner.log(`${job.name} preparation failed: ${(error as Error).message}`),
  );
  running = prepared;
  timer = setTimeout(() => void prepared.then(() => !stopped && tick()), 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
