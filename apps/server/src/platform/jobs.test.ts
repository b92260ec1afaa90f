import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTwoInstances, type TwoInstances } from '../test/shared-database';
import { runExclusive, startPeriodic } from './jobs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job runner: exclusive jobs run in one instance at a time', () => {
  let two: TwoInstances;
  beforeAll(async () => {
    two = await openTwoInstances();
  });
  afterAll(async () => two.close());

  const runner = (which: 'a' | 'b') => ({ db: two[which].db, dbKind: two[which].kind });

  it('lets one of two concurrent runs of a job through, records it, and none of a job with nothing to do', async () => {
    let inside = 0;
    let most = 0;
    const round = async () => {
      most = Math.max(most, (inside += 1));
      await sleep(150);
      inside -= 1;
      return { result: 'did some work', value: 1 };
    };
    const outcomes = await Promise.all([
      runExclusive(runner('a'), 'test-exclusive', round),
      runExclusive(runner('b'), 'test-exclusive', round),
    ]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(most).toBe(1);
    // Once it is over, the next run goes through, in either instance.
    expect((await runExclusive(runner('b'), 'test-exclusive', round)).ran).toBe(true);
    // Another job is not blocked by this one.
    const other = runExclusive(runner('a'), 'test-other', round);
    expect((await runExclusive(runner('b'), 'test-exclusive', round)).ran).toBe(true);
    await other;
    expect((await runExclusive(runner('a'), 'test-idle', async () => ({ result: null, value: 0 }))).ran).toBe(
      true,
    );
    const runs = await two.a.db
      .selectFrom('job_runs')
      .select(['job', 'outcome', 'detail', 'finished_at'])
      .orderBy('id')
      .execute();
    if (two.a.kind === 'postgres') {
      // Three runs of test-exclusive, one of test-other (concurrent: either may be recorded first).
      expect(runs.map((r) => `${r.job} ${r.outcome} ${r.detail}`).sort()).toEqual([
        'test-exclusive done did some work',
        'test-exclusive done did some work',
        'test-exclusive done did some work',
        'test-other done did some work',
      ]);
      expect(runs.every((r) => r.finished_at !== null)).toBe(true);
    }
  });

  it('records a failed run and frees the job for the next round', async () => {
    await expect(
      runExclusive(runner('a'), 'test-failing', () => Promise.reject(new Error('SMTP down'))),
    ).rejects.toThrow('SMTP down');
    expect(
      (await runExclusive(runner('b'), 'test-failing', async () => ({ result: 'ok', value: 0 }))).ran,
    ).toBe(true);
    if (two.a.kind === 'postgres') {
      const failed = await two.a.db
        .selectFrom('job_runs')
        .select(['outcome', 'detail'])
        .where('job', '=', 'test-failing')
        .orderBy('id')
        .execute();
      expect(failed).toEqual([
        { outcome: 'failed', detail: 'SMTP down' },
        { outcome: 'done', detail: 'ok' },
      ]);
    }
  });

  it('PostgreSQL: the lock is transaction-level and dies with its connection (a killed instance)', async () => {
    if (!two.shared) return; // PGlite: one process, no connection to lose
    // A session that takes the job's lock in a transaction and then vanishes, as a SIGKILL would.
    const client = new pg.Client({ connectionString: two.url! });
    await client.connect();
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(72012, hashtext('test-killed'))`);
    const blocked = await runExclusive(runner('a'), 'test-killed', async () => ({ result: 'x', value: 0 }));
    expect(blocked.ran).toBe(false);
    // Nothing session-level is left in this database's sessions after the run.
    const sessionLocks = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`.execute(
      two.a.db,
    );
    expect(sessionLocks.rows[0]!.n).toBe(0);
    await client.end(); // the connection closes: the server releases the lock at once
    await sleep(100);
    const after = await runExclusive(runner('b'), 'test-killed', async () => ({ result: 'x', value: 0 }));
    expect(after.ran).toBe(true);
  });

  it('starts rounds on a timer, at once again after a full round, and stops after the round in progress', async () => {
    let rounds = 0;
    const logged: string[] = [];
    const job = startPeriodic(
      { ...runner('a'), log: (line) => logged.push(line) },
      {
        name: 'test-periodic',
        exclusive: true,
        intervalMs: 60_000,
        round: async () => {
          rounds += 1;
          await sleep(10);
          return { result: `round ${rounds}`, again: rounds < 3 };
        },
      },
    );
    for (let i = 0; i < 100 && rounds < 3; i++) await sleep(20);
    await job.stop();
    expect(rounds).toBe(3);
    expect(logged).toEqual(['round 1', 'round 2', 'round 3']);
  });
});
