/**
 * The check of exclusive background jobs across instances (platform/jobs.ts): job_runs records
 * each run that did work, begun under the job's lock and finished after it. No two runs of a job
 * may overlap; a run left unfinished must belong to an instance the drill killed, and the next
 * run may only begin after that kill (the lock dies with the connection, not before).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../apps/server/src/db/schema';
import type { Check } from './checks';

export interface JobRunFigures {
  runs: number;
  byInstance: Map<string, number>;
  unfinished: number;
}

/** `killedAt`: instance (host:pid, as job_runs names it) → when the drill SIGKILLed it. */
export async function checkJobRuns(
  db: Kysely<Database>,
  killedAt: Map<string, Date>,
): Promise<{ checks: Check[]; figures: JobRunFigures }> {
  const runs = await db
    .selectFrom('job_runs')
    .select(['id', 'job', 'instance', 'started_at', 'finished_at', 'outcome', 'detail'])
    .orderBy('job')
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  const overlaps: string[] = [];
  const strays: string[] = [];
  const failed: string[] = [];
  const byInstance = new Map<string, number>();
  const time = (value: Date | string) => new Date(value).getTime();
  for (const [i, run] of runs.entries()) {
    byInstance.set(run.instance, (byInstance.get(run.instance) ?? 0) + 1);
    if (run.outcome === 'failed')
      failed.push(`${run.job} #${run.id} on ${run.instance}: ${run.detail ?? ''}`);
    const killed = killedAt.get(run.instance);
    if (run.finished_at === null && !killed)
      strays.push(`${run.job} #${run.id} on ${run.instance}: unfinished, and its instance was not killed`);
    const next = runs[i + 1];
    if (!next || next.job !== run.job) continue;
    const end = run.finished_at !== null ? time(run.finished_at) : (killed?.getTime() ?? Infinity);
    if (time(next.started_at) < end)
      overlaps.push(
        `${run.job}: #${next.id} (${next.instance}) began ${new Date(next.started_at).toISOString()} before #${run.id} (${run.instance}) ${run.finished_at === null ? 'was killed' : 'finished'} ${Number.isFinite(end) ? new Date(end).toISOString() : ''}`,
      );
  }
  if (runs.length === 0) overlaps.push('no run recorded: nothing was checked');
  const jobs = new Set(runs.map((r) => r.job));
  return {
    checks: [
      {
        name: `job runs: none overlapping another of its job (${[...jobs].join(', ') || 'none'})`,
        count: runs.length,
        violations: overlaps,
      },
      {
        name: 'job runs: each finished, or cut by the SIGKILL of its instance',
        count: runs.length,
        violations: strays,
      },
      { name: 'job runs: none failed', count: runs.length, violations: failed },
    ],
    figures: {
      runs: runs.length,
      byInstance,
      unfinished: runs.filter((r) => r.finished_at === null).length,
    },
  };
}
