/**
 * Benchmark parts for the evidence log (issue #13 §4):
 * - pgbench's durable single-row insert rate (Debian's pgbench, 1 and N clients) on the same
 *   PostgreSQL: what the database itself commits, the ceiling of any write route;
 * - the commit-to-seal delay of the entries written during a run (entry's recorded_at, the
 *   start of its transaction, to the sealed_at of the checkpoint that sealed it: an upper bound);
 * - the sealing time of one checkpoint of 10,000 and 1,000,000 entries since the previous one,
 *   beside the plain SHA-256 of as many leaves (a direct call, the same machine, the same run).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../apps/server/src/db/schema';
import { recordAuditBatch, SYSTEM_ACTOR, type AuditEntry } from '../apps/server/src/modules/audit';
import { sealRound, type SealingKit } from '../apps/server/src/modules/evidence';

/** Transactions per second of `insert … values (…)`, one row each, durable (synchronous_commit on). */
export function pgbenchInserts(url: string, clients: number, seconds: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'tn-pgbench-'));
  try {
    const script = join(dir, 'insert.sql');
    writeFileSync(script, "insert into bench_pgbench_insert (payload) values ('hồ sơ');\n");
    const setup = spawnSync('psql', [
      url,
      '-qc',
      'create table if not exists bench_pgbench_insert (id bigserial primary key, at timestamptz not null default now(), payload text not null)',
    ]);
    if (setup.status !== 0) throw new Error(`pgbench set-up: ${setup.stderr.toString()}`);
    const run = spawnSync('pgbench', [
      '-n',
      '-f',
      script,
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, 2)),
      '-T',
      String(seconds),
      url,
    ]);
    const out = run.stdout.toString();
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
    if (run.status !== 0 || !tps) throw new Error(`pgbench failed: ${run.stderr.toString()}${out}`);
    return Number(tps);
  } finally {
    spawnSync('psql', [url, '-qc', 'drop table if exists bench_pgbench_insert']);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until the server's sealing job has sealed every entry (or the limit). */
export async function waitSealed(db: Kysely<Database>, limitMs = 60_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from evidence_entries e
      where not exists (select 1 from evidence_leaves l where l.entry_id = e.id)`.execute(db);
    if (rows[0]!.waiting === 0) return performance.now() - started;
    if (performance.now() - started > limitMs) throw new Error(`${rows[0]!.waiting} entries still unsealed`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface SealDelays {
  entries: number;
  checkpoints: number;
  p50: number;
  p99: number;
  max: number;
}

/** Entry-by-entry delay from its transaction's start to the sealing of its checkpoint, since `from`. */
export async function sealDelays(db: Kysely<Database>, from: Date, to: Date): Promise<SealDelays> {
  const { rows } = await sql<SealDelays>`
    select count(*)::int as entries, count(distinct c.seq)::int as checkpoints,
      coalesce(percentile_cont(0.5) within group (order by extract(epoch from c.sealed_at - e.recorded_at) * 1000), 0)::float8 as p50,
      coalesce(percentile_cont(0.99) within group (order by extract(epoch from c.sealed_at - e.recorded_at) * 1000), 0)::float8 as p99,
      coalesce(max(extract(epoch from c.sealed_at - e.recorded_at) * 1000), 0)::float8 as max
    from evidence_entries e
    join evidence_leaves l on l.entry_id = e.id
    join evidence_checkpoints c on c.seq = l.checkpoint_seq
    where e.recorded_at >= ${from} and e.recorded_at < ${to}`.execute(db);
  return rows[0]!;
}

/** One checkpoint of `size` entries since the previous one: its time, and SHA-256 of as many leaves. */
export async function sealingTime(
  db: Kysely<Database>,
  kit: SealingKit,
  size: number,
): Promise<{ size: number; sealMs: number; baselineMs: number; writeMs: number }> {
  const writeStart = performance.now();
  const batch: AuditEntry[] = [];
  for (let i = 0; i < size; i++) {
    batch.push({ action: 'bench.entry', entityType: 'bench', entityId: `${size}-${i % 1000}`, after: { i } });
    if (batch.length === 20_000 || i === size - 1) {
      await recordAuditBatch(db, SYSTEM_ACTOR, batch);
      batch.length = 0;
    }
  }
  const writeMs = performance.now() - writeStart;
  // Everything written so far is in ended transactions; an empty round first settles the rest.
  const started = performance.now();
  const sealed = await sealRound(db, kit);
  const sealMs = performance.now() - started;
  if (!sealed || sealed.entries < size) throw new Error(`sealed ${sealed?.entries ?? 0} of ${size}`);
  const baselineStart = performance.now();
  const hash = createHash('sha256');
  for (let i = 0; i < size; i++)
    hash.update(
      createHash('sha256')
        .update(Buffer.alloc(33, i & 0xff))
        .digest(),
    );
  hash.digest();
  return { size: sealed.entries, sealMs, baselineMs: performance.now() - baselineStart, writeMs };
}
