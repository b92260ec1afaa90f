/**
 * `npm run drill:soak`: a bounded soak on loopback. The built server (in its own process, on a
 * fresh PostgreSQL database with the demo catalogue and 5,000 demo dossiers) gets a realistic
 * mix — catalogue search, public lookups, officers' queue reads, online submissions (form + PDF)
 * and the receiving officer accepting what arrives. The mix is first run flat out to measure its
 * maximum, then held at 70% of it for SOAK_SECONDS (default 300) in 30-second windows. Each
 * window prints throughput, p50/p99 and errors per scenario and the server's memory: its RSS and
 * the heap left after a full garbage collection (drills/heap-probe.mjs, preloaded into the server).
 * Exits non-zero on any error, or when that live heap grows by more than 20% (last third of the
 * run against the middle third).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemoDossiers } from '../apps/server/src/db/seed/demo-dossiers';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { NO_SUBMISSION_QUOTAS, openBenchDatabase, rssMb, signIn, startBuiltServer } from '../bench/lib';
import { printMix, soakMix } from './lib/mix';

const PASSWORD = 'Soak@2026x';
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const WINDOW_SECONDS = Math.min(30, SOAK_SECONDS);
const LOAD_FACTOR = Number(process.env.SOAK_LOAD ?? 0.7);

async function main() {
  const { handle, label, url, drop } = await openBenchDatabase({ purpose: 'soak', postgresOnly: true });
  const files = mkdtempSync(join(tmpdir(), 'tn-soak-files-'));
  const heapFile = join(files, 'heap.log');
  let server: Awaited<ReturnType<typeof startBuiltServer>> | undefined;
  let failed = false;
  try {
    await migrate(handle.db);
    await seedDemo(handle.db, { password: PASSWORD });
    await seedDemoDossiers(handle.db);
    const codes = (
      await handle.db
        .selectFrom('dossiers')
        .select('code')
        .where('code', 'is not', null)
        .limit(2000)
        .execute()
    ).map((row) => row.code!);
    server = await startBuiltServer(
      { DATABASE_URL: url!, FILES_DIR: files, SOAK_HEAP_FILE: heapFile, ...NO_SUBMISSION_QUOTAS },
      ['--expose-gc', '--import', './drills/heap-probe.mjs'],
    );
    const address = server.address;
    const citizen = await signIn(address, 'congdan', PASSWORD);
    const officer = await signIn(address, 'tiepnhan', PASSWORD);
    const mix = soakMix({ address, citizen, officer, codes });
    const runMix = mix.run;
    const print = printMix;

    console.log(`\nSoak — ${label}, built server in its own process, ${codes.length}+ dossiers\n`);
    await runMix(3); // warm-up
    console.log('Maximum: the mix flat out for 10 s');
    const max = await runMix(10);
    print(max);
    const maxTotal = max.reduce((sum, row) => sum + row.rate, 0);
    const rates = Object.fromEntries(
      max.map((row) => [row.name, Math.max(1, Math.round(row.rate * LOAD_FACTOR))]),
    );
    const acceptRate = Math.max(
      1,
      (max.find((row) => row.name.startsWith('officer'))?.rate ?? 10) * LOAD_FACTOR,
    );
    console.log(
      `  total ${maxTotal.toFixed(0)} req/s → holding ${(LOAD_FACTOR * 100).toFixed(0)}% (${(maxTotal * LOAD_FACTOR).toFixed(0)} req/s) for ${SOAK_SECONDS} s\n`,
    );

    // Memory: the server's RSS every 5 s (what the machine sees), and the heap left after a full
    // garbage collection every 10 s (drills/heap-probe.mjs; the live set, which a leak grows).
    const memory: Array<{ t: number; mb: number }> = [];
    const started = Date.now();
    const sample = () => memory.push({ t: (Date.now() - started) / 1000, mb: rssMb(server!.pid) });
    const liveHeap = () =>
      (existsSync(heapFile) ? readFileSync(heapFile, 'utf8') : '')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ').map(Number))
        .map(([at, heap]) => ({ t: (at! - started) / 1000, mb: heap! / 1024 / 1024 }))
        .filter((point) => point.t >= 0);
    sample();
    const sampler = setInterval(sample, 5000);
    let errors = 0;
    for (let window = 0; window * WINDOW_SECONDS < SOAK_SECONDS; window += 1) {
      const rows = await runMix(WINDOW_SECONDS, rates, acceptRate);
      const total = rows.reduce((sum, row) => sum + row.rate, 0);
      errors += rows.reduce((sum, row) => sum + row.errors, 0);
      const heap = liveHeap().at(-1);
      console.log(
        `window ${window + 1} (${window * WINDOW_SECONDS}–${(window + 1) * WINDOW_SECONDS} s): ${total.toFixed(0)} req/s, server RSS ${rssMb(server.pid).toFixed(0)} MB, heap after GC ${heap ? heap.mb.toFixed(1) : '—'} MB`,
      );
      print(rows);
    }
    clearInterval(sampler);
    sample();

    const mean = (points: Array<{ t: number; mb: number }>, from: number, to: number) => {
      const inside = points.filter((p) => p.t >= from && p.t < to);
      return { mb: inside.reduce((sum, p) => sum + p.mb, 0) / Math.max(1, inside.length), n: inside.length };
    };
    const heap = liveHeap();
    console.log(
      `\nmemory: RSS ${memory[0]!.mb.toFixed(0)} MB at start, ${memory.at(-1)!.mb.toFixed(0)} MB at end; heap after GC ${heap[0]?.mb.toFixed(1) ?? '—'} MB at start, ${heap.at(-1)?.mb.toFixed(1) ?? '—'} MB at end`,
    );
    console.log(`errors: ${errors}`);
    // Growth: the first third warms caches and pools; the last third against the middle one.
    // RSS follows the collector's sawtooth and is reported only; the heap after a full
    // collection is judged: more than 20% higher in the last third is a leak.
    const rssMiddle = mean(memory, SOAK_SECONDS / 3, (2 * SOAK_SECONDS) / 3);
    const rssLast = mean(memory, (2 * SOAK_SECONDS) / 3, SOAK_SECONDS + 1);
    const heapMiddle = mean(heap, SOAK_SECONDS / 3, (2 * SOAK_SECONDS) / 3);
    const heapLast = mean(heap, (2 * SOAK_SECONDS) / 3, SOAK_SECONDS + 1);
    const percent = (a: number, b: number) => (((b - a) / a) * 100).toFixed(1);
    console.log(
      `RSS, middle third ${rssMiddle.mb.toFixed(0)} MB → last third ${rssLast.mb.toFixed(0)} MB (${percent(rssMiddle.mb, rssLast.mb)}%, not judged)`,
    );
    console.log(
      `heap after GC, middle third ${heapMiddle.mb.toFixed(1)} MB → last third ${heapLast.mb.toFixed(1)} MB (${percent(heapMiddle.mb, heapLast.mb)}%; growth above 20% fails)`,
    );
    if (heapMiddle.n === 0 || heapLast.n === 0) throw new Error('the heap probe wrote no samples');
    const growing = heapLast.mb > heapMiddle.mb * 1.2;
    failed = errors > 0 || growing;
    console.log(failed ? `SOAK FAILED (${errors} errors${growing ? ', memory growing' : ''})` : 'soak: ok');
  } finally {
    await server?.stop();
    await handle.close();
    await drop?.();
    rmSync(files, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}

await main();
