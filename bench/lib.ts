/**
 * Shared pieces of `npm run bench` and the drills: a fresh database, the built server in its own
 * process, signing in, the online submission as autocannon requests, autocannon runs and the
 * table that prints each scenario beside the baseline measured in the same run.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openPGlite, openPostgres, type DatabaseHandle } from '../apps/server/src/db/database';
import { multipart, PDF, PERMIT, permitForm } from '../apps/server/src/test/dossier-data';

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
/** Latency is measured one request at a time; throughput with this many connections. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

/**
 * Creates a database named `name` on the PostgreSQL server of `adminUrl`; `drop` removes it
 * (closing its remaining connections).
 */
export async function createPostgresDatabase(
  adminUrl: string,
  name: string,
): Promise<{ url: string; version: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!;
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      version: version.server_version.split(' ')[0]!,
      drop: async () => {
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database for one benchmark: on BENCH_DATABASE_URL, else the local PostgreSQL at
 * 127.0.0.1:5432 (created for the run, dropped afterwards unless BENCH_KEEP=1), else — unless
 * the scenario needs PostgreSQL — the embedded PGlite.
 */
export async function openBenchDatabase(
  options: { purpose?: string; postgresOnly?: boolean } = {},
): Promise<{ handle: DatabaseHandle; label: string; url?: string; drop?: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const name = `tn_bench_${options.purpose ?? 'run'}_${Date.now()}`;
    const database = await createPostgresDatabase(adminUrl, name);
    const handle = await openPostgres({ url: database.url, poolSize: 10 });
    return {
      handle,
      url: database.url,
      label: `PostgreSQL ${database.version} (${new URL(database.url).host})`,
      drop: async () => {
        if (process.env.BENCH_KEEP === '1') return console.log(`kept database ${name}`);
        await database.drop();
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

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls GET /api/health until it answers 200; fails if `child` exits or after `limitMs`. */
export async function waitUntilHealthy(address: string, child: ChildProcess, limitMs: number): Promise<void> {
  const started = performance.now();
  let last = 'no answer';
  for (;;) {
    try {
      const response = await fetch(`${address}/api/health`);
      if (response.ok) return;
      last = `answered ${response.status}`;
    } catch (error) {
      last = String((error as Error).cause ?? error); // not listening yet
    }
    // Killed by a signal, a process has a signalCode and no exitCode.
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode})`);
    if (performance.now() - started > limitMs)
      throw new Error(`server did not start within ${limitMs / 1000} s (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

/** Resident memory of a process, in MB (Linux: /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Load generators submit hundreds of dossiers a minute from a few citizen accounts: the
 * per-account submission quotas (a defence against exactly that, from one person) are off.
 */
export const NO_SUBMISSION_QUOTAS: Record<string, string> = {
  SUBMISSION_QUOTA_PER_HOUR: '0',
  SUBMISSION_QUOTA_PER_DAY: '0',
  DRAFT_QUOTA_PER_DAY: '0',
};

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
  const port = await freePort();
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
  try {
    await waitUntilHealthy(address, child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
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

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in over HTTP: the session cookie, and the CSRF token that writes must send. */
export async function signIn(address: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in ${username}: ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrf: csrfToken };
}

/** Uploads sent so far by this process: numbers each upload's bytes. */
let uploads = 0;

/**
 * One online submission as the portal sends it, as autocannon requests: POST /api/dossiers (the
 * form, JSON, with a fresh Idempotency-Key) then POST /api/dossiers/:code/attachments (a small
 * PDF, multipart). Every upload's bytes are distinct (`tag` and a counter), so each one is written
 * (and flushed) to the file store. `onAttached` gets the code of each dossier whose file was
 * accepted.
 */
export function submissionRequests(
  session: Session,
  tag: string,
  onAttached?: (code: string) => void,
): autocannon.Request[] {
  const auth = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const upload = () =>
    multipart(
      'Đơn đề nghị.pdf',
      Buffer.concat([PDF, Buffer.from(`% ${tag}-${(uploads += 1)}\n`)]),
      'application/pdf',
    );
  const codeOf = (context: object) => (context as { code?: string }).code;
  return [
    {
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: PERMIT, channel: 'online', formData: permitForm }),
      setupRequest: (request) => ({
        ...request,
        headers: { ...request.headers, 'idempotency-key': randomUUID() },
      }),
      onResponse: (status, body, context) => {
        if (status === 201) (context as { code?: string }).code = (JSON.parse(body) as { code: string }).code;
      },
    },
    {
      method: 'POST',
      headers: { ...auth, ...multipart('Đơn đề nghị.pdf', PDF, 'application/pdf').headers },
      setupRequest: (request, context) => ({
        ...request,
        body: upload().payload,
        path: `/api/dossiers/${String(codeOf(context))}/attachments?documentCode=tp1`,
      }),
      ...(onAttached
        ? {
            onResponse: (status: number, _body: string, context: object) => {
              const code = codeOf(context);
              if (status === 201 && code) onAttached(code);
            },
          }
        : {}),
    },
  ];
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

export interface Timing {
  name: string;
  p50: number;
  p99: number;
  max: number;
  runs: number;
  note?: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measure(
  name: string,
  runs: number,
  once: () => Promise<void>,
  note?: string,
): Promise<Timing> {
  await once(); // warm-up: JIT, plans, buffers
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await once();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.at(-1)!,
    runs,
    note,
  };
}

/** The table of one-request-at-a-time timings (ms), the baseline first. */
export function printTimings(timings: readonly Timing[], runs: number): void {
  console.log(`\nOne request at a time, ${runs} runs after a warm-up (ms)`);
  console.log(
    'scenario'.padEnd(60),
    'p50'.padStart(8),
    'p99'.padStart(8),
    'max'.padStart(8),
    'p50 ÷ baseline'.padStart(15),
  );
  const base = timings[0]!.p50;
  for (const t of timings)
    console.log(
      t.name.padEnd(60),
      t.p50.toFixed(1).padStart(8),
      t.p99.toFixed(1).padStart(8),
      t.max.toFixed(1).padStart(8),
      `${(t.p50 / base).toFixed(1)}×`.padStart(15),
      t.note ? ` ${t.note} (${t.runs} runs)` : '',
    );
}

/** The platform in this process on `handle`, quiet, on a free local port: its address and how to stop it. */
export async function startBenchApp(
  handle: DatabaseHandle,
): Promise<{ address: string; close: () => Promise<void> }> {
  const app = await buildApp({
    db: handle.db,
    dbKind: handle.kind,
    config: { ...loadConfig({}), logLevel: 'error' },
    logger: false,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { address, close: () => app.close() };
}
