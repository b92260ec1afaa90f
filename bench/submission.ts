/**
 * `npm run bench:submission`: online submission on PostgreSQL, with the evidence log sealing.
 * Each submission is what the portal sends: POST /api/dossiers (the form, JSON, with an
 * Idempotency-Key) then POST /api/dossiers/:code/attachments (a small PDF, multipart); both
 * writes are committed (and chained in their dossier's stream) before the answer. Printed in the
 * same run on the same PostgreSQL, as baselines: the trivial route GET /api/health/live and a
 * one-round-trip route GET /api/health of the same server, and pgbench's durable single-row
 * insert rate; each with 1 and BENCH_CONNECTIONS (10) connections. Then the delay from commit to
 * sealing of the entries written under load, and the sealing time of one checkpoint of 10,000
 * and 1,000,000 entries (BENCH_SEAL_SIZES). The server is the built one (`npm start`'s).
 */
import type autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../apps/server/src/config';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemoPki } from '../apps/server/src/db/seed/pki';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { openSealingKit } from '../apps/server/src/modules/evidence';
import { pgbenchInserts, sealDelays, sealingTime, waitSealed } from './evidence';
import {
  CONNECTIONS,
  DURATION_S,
  NO_SUBMISSION_QUOTAS,
  openBenchDatabase,
  printTable,
  run,
  signIn,
  startBuiltServer,
  submissionRequests,
  type Figures,
} from './lib';

const PASSWORD = 'Bench@2026x';
const KEK = Buffer.alloc(32, 13).toString('base64');
const SEAL_SIZES = (process.env.BENCH_SEAL_SIZES ?? '10000,1000000').split(',').map(Number).filter(Boolean);

const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

export async function submissionBench(): Promise<{ trivial: Figures; submission: Figures }> {
  const { handle, label, url, drop } = await openBenchDatabase({ purpose: 'submission', postgresOnly: true });
  const files = mkdtempSync(join(tmpdir(), 'tn-bench-files-'));
  let server: Awaited<ReturnType<typeof startBuiltServer>> | undefined;
  try {
    await migrate(handle.db);
    await seedDemo(handle.db, { password: PASSWORD });
    await seedDemoPki(handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
    server = await startBuiltServer({
      DATABASE_URL: url!,
      FILES_DIR: files,
      TRUST_KEK: KEK,
      ...NO_SUBMISSION_QUOTAS,
    });
    const address = server.address;
    const citizen = await signIn(address, 'congdan', PASSWORD);
    const submission = (): autocannon.Options => ({
      url: address,
      requests: submissionRequests(citizen, String(process.pid)),
    });
    const trivial = (): autocannon.Options => ({ url: `${address}/api/health/live` });
    const oneQuery = (): autocannon.Options => ({ url: `${address}/api/health` });

    console.log(
      `\nOnline submission — ${label}, ${DURATION_S} s per scenario, evidence log sealing every 2 s`,
    );
    console.log('(one submission = POST /api/dossiers + POST …/attachments with a 120-byte PDF)\n');
    await run('warm-up', submission(), 2);
    const one = [
      await run('trivial route GET /api/health/live (baseline)', trivial(), 1),
      await run('GET /api/health (one database round trip)', oneQuery(), 1),
      await run('submission requests (form + attachment)', submission(), 1),
    ] as [Figures, Figures, Figures];
    console.log('One connection');
    printTable(one);
    const loadStart = new Date();
    const many = [
      await run('trivial route GET /api/health/live (baseline)', trivial()),
      await run('GET /api/health (one database round trip)', oneQuery()),
      await run('submission requests (form + attachment)', submission()),
    ] as [Figures, Figures, Figures];
    const loadEnd = new Date();
    console.log(`\n${CONNECTIONS} concurrent connections`);
    printTable(many);
    const sealWait = await waitSealed(handle.db);
    const delays = await sealDelays(handle.db, loadStart, loadEnd);
    await server.stop();
    server = undefined;

    const pg1 = pgbenchInserts(url!, 1, DURATION_S);
    const pgN = pgbenchInserts(url!, CONNECTIONS, DURATION_S);
    console.log(
      `\npgbench, durable single-row inserts (${DURATION_S} s): 1 client ${pg1.toFixed(0)} tps, ${CONNECTIONS} clients ${pgN.toFixed(0)} tps (×${(pgN / pg1).toFixed(2)})`,
    );
    const scaling = (i: 0 | 1 | 2) => many[i].requestsPerSecond / one[i].requestsPerSecond;
    console.log(
      `${CONNECTIONS}/1 connections: trivial ×${scaling(0).toFixed(2)}, one round trip ×${scaling(1).toFixed(2)}, submission ×${scaling(2).toFixed(2)}`,
    );
    const [base, , sub] = many;
    const share = sub.requestsPerSecond / base.requestsPerSecond;
    console.log(
      `evidence: ${delays.entries} entries written under ${CONNECTIONS} connections, sealed in ${delays.checkpoints} checkpoints; commit-to-seal p50 ${delays.p50.toFixed(0)} ms, p99 ${delays.p99.toFixed(0)} ms, max ${delays.max.toFixed(0)} ms (all sealed ${(sealWait / 1000).toFixed(1)} s after the run)`,
    );
    console.log('\nTargets (issue #13 §4):');
    console.log(
      `  submission req/s ≥ 10% of the trivial route's (${CONNECTIONS} connections): ${verdict(share >= 0.1)} (${pct(share)})`,
    );
    console.log(
      `  submission p99 < 50 ms (${CONNECTIONS} connections): ${verdict(sub.p99 < 50)} (${sub.p99} ms)`,
    );
    console.log(
      `  submission ${CONNECTIONS}/1 ratio ≥ the one-round-trip route's: ${verdict(scaling(2) >= scaling(1))} (×${scaling(2).toFixed(2)} vs ×${scaling(1).toFixed(2)})`,
    );
    console.log(
      `  commit-to-seal p99 ≤ 5 s: ${verdict(delays.p99 <= 5000)} (${(delays.p99 / 1000).toFixed(2)} s)`,
    );

    const opened = await openSealingKit(handle.db, 'postgres', { ...loadConfig({}), trustKek: KEK });
    if (!opened.kit) throw new Error(opened.reason);
    console.log('\nSealing one checkpoint (server stopped; entries written first, then one round timed):');
    for (const size of SEAL_SIZES) {
      const t = await sealingTime(handle.db, opened.kit, size);
      console.log(
        `  ${t.size.toLocaleString('en')} entries since the previous checkpoint: ${t.sealMs.toFixed(0)} ms (read, hash, sign, timestamp, write leaves and nodes); SHA-256 of as many leaves alone ${t.baselineMs.toFixed(0)} ms (×${(t.sealMs / t.baselineMs).toFixed(1)}); writing the entries took ${(t.writeMs / 1000).toFixed(1)} s`,
      );
    }
    return { trivial: base, submission: sub };
  } finally {
    await server?.stop();
    await handle.close();
    await drop?.();
    rmSync(files, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await submissionBench();
