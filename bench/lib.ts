/**
 * Shared pieces of `npm run bench`: a fresh benchmark database, autocannon runs and the table
 * that prints each scenario beside the baseline measured in the same run.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { openPGlite, openPostgres, type DatabaseHandle } from '../apps/server/src/db/database';

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
/** Latency is measured one request at a time; throughput with this many connections. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

/**
 * A fresh database for one benchmark: on BENCH_DATABASE_URL, else the local PostgreSQL at
 * 127.0.0.1:5432 (created for the run, dropped afterwards unless BENCH_KEEP=1), else — unless
 * the scenario needs PostgreSQL — the embedded PGlite.
 */
export async function openBenchDatabase(
  options: { purpose?: string; postgresOnly?: boolean } = {},
): Promise<{ handle: DatabaseHandle; label: string; url?: string; drop?: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await admin.connect();
    const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!;
    const name = `tn_bench_${options.purpose ?? 'run'}_${Date.now()}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = await openPostgres({ url: target.toString(), poolSize: 10 });
    return {
      handle,
      url: target.toString(),
      label: `PostgreSQL ${version.server_version.split(' ')[0]} (${target.host})`,
      drop: async () => {
        if (process.env.BENCH_KEEP === '1') return console.log(`kept database ${name}`);
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  } catch (error) {
    if (options.postgresOnly) throw error;
    console.warn(`PostgreSQL unavailable (${(error as Error).message}); using the embedded PGlite.`);
    return { handle: await openPGlite(undefined), label: 'PGlite (embedded)' };
  }
}

export interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function run(
  name: string,
  options: autocannon.Options,
  connections = CONNECTIONS,
): Promise<Figures> {
  const result = await autocannon({ duration: DURATION_S, ...options, connections });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export function printTable(rows: Figures[]): void {
  console.log(
    'scenario'.padEnd(60),
    'req/s'.padStart(9),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'vs baseline'.padStart(12),
    'errors'.padStart(7),
  );
  const baseline = rows[0]!;
  for (const row of rows) {
    const ratio = row === baseline ? '1.00' : (row.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
    console.log(
      row.name.padEnd(60),
      row.requestsPerSecond.toFixed(0).padStart(9),
      String(row.p50).padStart(8),
      String(row.p99).padStart(8),
      ratio.padStart(12),
      String(row.errors).padStart(7),
    );
  }
}

/**
 * Starts the built server (`apps/server/dist/main.js`, as `npm start` runs it) in its own process
 * on a free port, so the load generator does not share its event loop; resolves when it is
 * healthy.
 */
export async function startBuiltServer(
  env: Record<string, string>,
  /** Extra options for node itself (the soak drill's heap probe). */
  nodeOptions: string[] = [],
): Promise<{
  address: string;
  pid: number;
  stop: () => Promise<void>;
}> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      ...nodeOptions,
      'apps/server/dist/main.js',
    ],
    {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const address = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    try {
      if ((await fetch(`${address}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (performance.now() - started > 120_000) throw new Error('server did not start within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    address,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
