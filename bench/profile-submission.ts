/**
 * `npx tsx bench/profile-submission.ts`: only the submission scenario, 10 connections, on a
 * built server with a CPU profile (BENCH_PROFILE_DIR) — to see where a submission's time goes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import {
  NO_SUBMISSION_QUOTAS,
  openBenchDatabase,
  printTable,
  run,
  signIn,
  startBuiltServer,
  submissionRequests,
} from './lib';

const { handle, url, drop } = await openBenchDatabase({ purpose: 'profile', postgresOnly: true });
await migrate(handle.db);
await seedDemo(handle.db, { password: 'Bench@2026x' });
const server = await startBuiltServer({
  DATABASE_URL: url!,
  FILES_DIR: mkdtempSync(join(tmpdir(), 'tn-prof-')),
  ...NO_SUBMISSION_QUOTAS,
});
const citizen = await signIn(server.address, 'congdan', 'Bench@2026x');
const options = () => ({ url: server.address, requests: submissionRequests(citizen, String(process.pid)) });
await run('warm-up', options(), 2);
printTable([await run('submission requests, 10 connections', options(), 10)]);
await server.stop();
await handle.close();
await drop?.();
