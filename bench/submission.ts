/**
 * `npm run bench` (a): online submission on PostgreSQL. Each submission is what the portal
 * sends: POST /api/dossiers (the form, JSON, with an Idempotency-Key) then POST
 * /api/dossiers/:code/attachments (a small PDF, multipart). Both writes are committed before the
 * answer. Measured with autocannon beside the trivial route GET /api/health/live of the same
 * server in the same run. The server is the built one (`npm start`'s) in its own process.
 */
import type autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemo } from '../apps/server/src/db/seed/seed';
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

export async function submissionBench(): Promise<{ trivial: Figures; submission: Figures }> {
  const { handle, label, url, drop } = await openBenchDatabase({ purpose: 'submission', postgresOnly: true });
  const files = mkdtempSync(join(tmpdir(), 'tn-bench-files-'));
  let server: Awaited<ReturnType<typeof startBuiltServer>> | undefined;
  try {
    await migrate(handle.db);
    await seedDemo(handle.db, { password: PASSWORD });
    server = await startBuiltServer({ DATABASE_URL: url!, FILES_DIR: files, ...NO_SUBMISSION_QUOTAS });
    const address = server.address;
    const citizen = await signIn(address, 'congdan', PASSWORD);
    const submission = (): autocannon.Options => ({
      url: address,
      requests: submissionRequests(citizen, String(process.pid)),
    });
    const trivial = (): autocannon.Options => ({ url: `${address}/api/health/live` });
    const oneQuery = (): autocannon.Options => ({ url: `${address}/api/health` });

    console.log(`\nOnline submission — ${label}, ${DURATION_S} s per scenario`);
    console.log('(one submission = POST /api/dossiers + POST …/attachments with a 120-byte PDF)\n');
    await run('warm-up', submission(), 2);
    console.log('Latency: one connection');
    printTable([
      await run('trivial route GET /api/health/live (baseline)', trivial(), 1),
      await run('GET /api/health (one database round trip)', oneQuery(), 1),
      await run('submission requests (form + attachment)', submission(), 1),
    ]);
    console.log(`\nThroughput: ${CONNECTIONS} concurrent connections`);
    const rows = [
      await run('trivial route GET /api/health/live (baseline)', trivial()),
      await run('GET /api/health (one database round trip)', oneQuery()),
      await run('submission requests (form + attachment)', submission()),
    ];
    printTable(rows);
    const [base, , sub] = rows as [Figures, Figures, Figures];
    const count = await handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const ratio = sub.requestsPerSecond / base.requestsPerSecond;
    console.log(
      `\n${Number(count.n)} dossiers written; ${(sub.requestsPerSecond / 2).toFixed(0)} submissions/s (each two requests).`,
    );
    console.log(
      `Target: submission requests ≥ 20% of the trivial route's req/s → ${ratio >= 0.2 ? 'met' : 'NOT met'} (${(ratio * 100).toFixed(0)}%); p99 < 50 ms → ${sub.p99 < 50 ? 'met' : 'NOT met'} (${sub.p99} ms)`,
    );
    return { trivial: base, submission: sub };
  } finally {
    await server?.stop();
    await handle.close();
    await drop?.();
    rmSync(files, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await submissionBench();
