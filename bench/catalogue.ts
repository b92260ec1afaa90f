/**
 * `npm run bench`: catalogue search latency over 2,000 procedures, measured with autocannon
 * beside a trivial route of the same server in the same run (so the ratio holds on a noisy
 * machine), then the cold start of `npm start`'s build on the embedded database.
 *
 * Database: BENCH_DATABASE_URL, else the local PostgreSQL at 127.0.0.1:5432 (a fresh database
 * that is dropped afterwards), else the embedded PGlite.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../apps/server/src/db/migrate';
import { demoProcedures } from '../apps/server/src/db/seed/procedures';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { SYSTEM_ACTOR } from '../apps/server/src/modules/audit';
import { publishProcedures } from '../apps/server/src/modules/procedures';
import type { ProcedureInput } from '../apps/server/src/modules/procedures';
import {
  CONNECTIONS,
  DURATION_S,
  freePort,
  openBenchDatabase,
  printTable,
  rssMb,
  run,
  waitUntilHealthy,
  type Figures,
  startBenchApp,
} from './lib';

const TOTAL_PROCEDURES = 2000;

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

const measure = (name: string, url: string, paths: string[], connections = CONNECTIONS) =>
  run(name, { url, requests: paths.map((path) => ({ method: 'GET', path })) }, connections);

async function catalogueBench() {
  const { handle, label, drop } = await openBenchDatabase({ purpose: 'catalogue' });
  try {
    await migrate(handle.db);
    await seedDemo(handle.db, { password: 'Bench@2026x' });
    await publishProcedures(
      handle.db,
      SYSTEM_ACTOR,
      generatedProcedures(TOTAL_PROCEDURES).map((record, i) => ({ location: `/${i}`, record })),
      'upsert',
    );
    const app = await startBenchApp(handle);
    const { address } = app;
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
    console.log('Latency: one request at a time');
    const latency: Figures[] = [];
    for (const [name, paths] of scenarios) latency.push(await measure(name, address, paths, 1));
    printTable(latency);
    console.log(`\nThroughput: ${CONNECTIONS} concurrent connections`);
    const throughput: Figures[] = [];
    for (const [name, paths] of scenarios) throughput.push(await measure(name, address, paths));
    printTable(throughput);
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
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['apps/server/dist/main.js'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await waitUntilHealthy(`http://127.0.0.1:${port}`, child, 120_000);
    const elapsed = performance.now() - started;
    console.log(
      `${label.padEnd(52)} ${(elapsed / 1000).toFixed(1).padStart(6)} s   RSS ${rssMb(child.pid!).toFixed(0)} MB`,
    );
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null && child.signalCode === null)
      await new Promise((resolve) => child.once('exit', resolve));
  }
}

await catalogueBench();
console.log('\nCold start of `npm start` (built server, embedded PGlite)\n');
const dataDir = mkdtempSync(join(tmpdir(), 'tn-bench-start-'));
try {
  await coldStart(dataDir, 'first start (create database, migrate, seed, 5,000 demo dossiers)');
  await coldStart(dataDir, 'second start (existing data)');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
