/**
 * `npm run bench`: catalogue search latency over 2,000 procedures, measured with autocannon
 * beside a trivial route of the same server in the same run (so the ratio holds on a noisy
 * machine), then the cold start of `npm start`'s build on the embedded database.
 *
 * Database: BENCH_DATABASE_URL, else the local PostgreSQL at 127.0.0.1:5432 (a fresh database
 * that is dropped afterwards), else the embedded PGlite.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { openPGlite, openPostgres, type DatabaseHandle } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { demoProcedures } from '../apps/server/src/db/seed/procedures';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { SYSTEM_ACTOR } from '../apps/server/src/modules/audit/audit';
import { publishProcedures } from '../apps/server/src/modules/procedures/service';
import type { ProcedureInput } from '../apps/server/src/modules/procedures/model';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
/** Latency is measured one request at a time; throughput with this many connections. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TOTAL_PROCEDURES = 2000;

async function openBenchDatabase(): Promise<{
  handle: DatabaseHandle;
  label: string;
  drop?: () => Promise<void>;
}> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await admin.connect();
    const name = `tn_bench_${Date.now()}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = await openPostgres({ url: target.toString(), poolSize: 10 });
    return {
      handle,
      label: `PostgreSQL (${target.host})`,
      drop: async () => {
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  } catch (error) {
    console.warn(`PostgreSQL unavailable (${(error as Error).message}); using the embedded PGlite.`);
    return { handle: await openPGlite(undefined), label: 'PGlite (embedded)' };
  }
}

/** Variations of the 50 real records: new codes, names qualified by place and case, same structure. */
function generatedProcedures(count: number): ProcedureInput[] {
  const base = demoProcedures();
  const qualifiers = [
    'tại khu công nghiệp',
    'cho hộ gia đình',
    'đối với tổ chức',
    'trong khu kinh tế cửa khẩu',
    'cho người nước ngoài',
    'lần đầu',
    'cấp lại',
    'điều chỉnh',
    'gia hạn',
    'thu hồi',
  ];
  const records: ProcedureInput[] = [];
  for (let index = 0; records.length < count - base.length; index += 1) {
    const source = base[index % base.length]!;
    const qualifier = qualifiers[Math.floor(index / base.length) % qualifiers.length]!;
    records.push({
      ...source,
      code: `2.${String(900000 + index).padStart(6, '0')}`,
      name: `${source.name} ${qualifier} (mẫu ${index + 1})`,
      handlingUnitCode: null,
    });
  }
  return records;
}

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(
  name: string,
  url: string,
  paths: string[],
  connections = CONNECTIONS,
): Promise<Figures> {
  const result = await autocannon({
    url,
    connections,
    duration: DURATION_S,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function catalogueBench() {
  const { handle, label, drop } = await openBenchDatabase();
  try {
    await migrate(handle.db);
    await seedDemo(handle.db, { password: 'Bench@2026x' });
    await publishProcedures(
      handle.db,
      SYSTEM_ACTOR,
      generatedProcedures(TOTAL_PROCEDURES).map((record, i) => ({ location: `/${i}`, record })),
      'upsert',
    );
    const app = await buildApp({
      db: handle.db,
      dbKind: handle.kind,
      config: { ...loadConfig({}), logLevel: 'error' },
      logger: false,
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const count = (await (await fetch(`${address}/api/procedures?pageSize=1`)).json()) as { total: number };
    console.log(`\nCatalogue — ${label}, ${count.total} procedures, ${DURATION_S} s per scenario\n`);
    const queries = [
      'khai sinh',
      'dang ky khai sinh',
      'Giấy phép xây dựng',
      'chung thuc',
      'dat dai',
      'tro cap xa hoi',
      'ho kinh doanh',
      '1.001193',
    ];
    // Warm up caches and JIT before measuring.
    await measure('warm-up', address, [
      '/api/health/live',
      ...queries.map((q) => `/api/procedures?q=${encodeURIComponent(q)}`),
    ]);
    const scenarios: Array<[string, string[]]> = [
      ['trivial route GET /api/health/live (baseline)', ['/api/health/live']],
      [
        'search GET /api/procedures?q=… (8 queries)',
        queries.map((q) => `/api/procedures?q=${encodeURIComponent(q)}`),
      ],
      [
        'browse GET /api/procedures?level=commune&page=…',
        [1, 2, 3, 4, 5].map((page) => `/api/procedures?level=commune&page=${page}`),
      ],
      [
        'detail GET /api/procedures/:code',
        ['1.001193', '2.900001', '2.900777', '1.013236'].map((code) => `/api/procedures/${code}`),
      ],
    ];
    const header = () =>
      console.log(
        'scenario'.padEnd(52),
        'req/s'.padStart(9),
        'p50 ms'.padStart(8),
        'p99 ms'.padStart(8),
        'vs baseline'.padStart(12),
        'errors'.padStart(7),
      );
    const print = (rows: Figures[]) => {
      const baseline = rows[0]!;
      for (const row of rows) {
        const ratio =
          row === baseline ? '1.00' : (row.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
        console.log(
          row.name.padEnd(52),
          row.requestsPerSecond.toFixed(0).padStart(9),
          String(row.p50).padStart(8),
          String(row.p99).padStart(8),
          ratio.padStart(12),
          String(row.errors).padStart(7),
        );
      }
    };
    console.log('Latency: one request at a time');
    header();
    const latency: Figures[] = [];
    for (const [name, paths] of scenarios) latency.push(await measure(name, address, paths, 1));
    print(latency);
    console.log(`\nThroughput: ${CONNECTIONS} concurrent connections`);
    header();
    const throughput: Figures[] = [];
    for (const [name, paths] of scenarios) throughput.push(await measure(name, address, paths));
    print(throughput);
    const search = latency[1]!;
    console.log(
      `\nTarget: search p99 < 10 ms → ${search.p99 < 10 ? 'met' : 'NOT met'} (p99 ${search.p99} ms one at a time; ${throughput[1]!.p99} ms under ${CONNECTIONS} connections; baseline p99 ${latency[0]!.p99} ms)`,
    );
    await app.close();
  } finally {
    await handle.close();
    await drop?.();
  }
}

/** Starts the built server on a fresh data folder, waits for /api/health, reports time and memory. */
async function coldStart(dataDir: string, label: string) {
  const port = 3900 + Math.floor(Math.random() * 90);
  const started = performance.now();
  const child = spawn(process.execPath, ['apps/server/dist/main.js'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 120_000) throw new Error('server did not start within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const elapsed = performance.now() - started;
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    console.log(
      `${label.padEnd(52)} ${(elapsed / 1000).toFixed(1).padStart(6)} s   RSS ${(rssKb / 1024).toFixed(0)} MB`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

await catalogueBench();
console.log('\nCold start of `npm start` (built server, embedded PGlite)\n');
const dataDir = mkdtempSync(join(tmpdir(), 'tn-bench-start-'));
try {
  await coldStart(dataDir, 'first start (create database, migrate, seed)');
  await coldStart(dataDir, 'second start (existing data)');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
