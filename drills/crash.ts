/**
 * `npm run drill:crash` (issue #5, "Crash and restart"). For the embedded PGlite and for a fresh
 * PostgreSQL database: runs the built server, drives concurrent online submissions (with a
 * random PDF each) and intake actions, SIGKILLs the server at random moments, restarts it, and
 * at the end stops it with SIGTERM during a burst of requests. Then it checks, on the database
 * and through the API, that nothing acknowledged was lost or half-written, that codes are unique
 * and gap-free, that histories fold to the stored statuses and that every queued e-mail reached
 * the SMTP server. Prints what it checked; exits 1 on any violation.
 *
 * DRILL_SEED (kill timings), DRILL_KILLS (per database), DRILL_DATABASES=pglite,postgres.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPGlite, openPostgres } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { LocalFileStore } from '../apps/server/src/lib/file-store';
import { HttpClient } from '../apps/server/src/test/http-client';
import { PERMIT, permitForm } from '../apps/server/src/test/dossier-data';
import { startSmtpSink } from '../apps/server/src/test/smtp';
import { createPostgresDatabase, freePort, NO_SUBMISSION_QUOTAS } from '../bench/lib';
import { printChecks, verifyApi, verifyDatabase, type Check, type Opener } from './lib/checks';
import { checkEvidence, DRILL_KEK, seedDrillPki } from './lib/evidence';
import { generator, ServerProcess, sleep } from './lib/process';
import { CITIZENS, Drill, PASSWORD } from './lib/workload';

const SEED = Number(process.env.DRILL_SEED ?? 20261201);
const KILLS = Number(process.env.DRILL_KILLS ?? 0); // 0: 4 or 5, drawn from the seed
const DATABASES = (process.env.DRILL_DATABASES ?? 'pglite,postgres').split(',') as Array<
  'pglite' | 'postgres'
>;

/**
 * Graceful stop: a burst of slow-ish requests, SIGTERM while they are in flight; each must get a
 * complete answer (no reset) and the process must exit 0.
 */
async function sigtermBurst(
  drill: Drill,
  server: ServerProcess,
  clients: Map<string, HttpClient>,
): Promise<Check[]> {
  const outcomes: Array<{ status: number | null; error?: string }> = [];
  const requests: Array<Promise<void>> = [];
  const officer = clients.get('tiepnhan')!;
  for (let i = 0; i < 24; i++) {
    const username = CITIZENS[i % CITIZENS.length]!;
    const client = clients.get(username)!;
    requests.push(
      (async () => {
        try {
          if (i % 3 === 2) {
            const response = await officer.request('GET', '/api/dossiers?queue=all&pageSize=100');
            await response.arrayBuffer();
            outcomes.push({ status: response.status });
            return;
          }
          const key = `drill-term-${randomUUID()}`;
          const response = await client.request('POST', '/api/dossiers', {
            json: { procedureCode: PERMIT, channel: 'online', formData: permitForm },
            headers: { 'idempotency-key': key },
          });
          const text = await response.text();
          outcomes.push({ status: response.status });
          if (response.status === 201) {
            const { code } = JSON.parse(text) as { code: string };
            drill.ledger.submissions.set(key, { code, username });
            drill.dossiers.set(code, { status: 'submitted', username });
          }
        } catch (error) {
          outcomes.push({
            status: null,
            error: (error as Error).cause ? String((error as Error).cause) : String(error),
          });
        }
      })(),
    );
  }
  await sleep(15);
  const exit = await server.terminate();
  await Promise.all(requests);
  const broken = outcomes.filter((o) => o.status === null).map((o) => `no answer: ${o.error}`);
  const bad = outcomes
    .filter((o) => o.status !== null && o.status >= 300 && o.status !== 503)
    .map((o) => `answered ${o.status}`);
  const ok = outcomes.filter((o) => o.status !== null && o.status < 300).length;
  const refused = outcomes.filter((o) => o.status === 503).length;
  return [
    {
      name: `SIGTERM during a burst: complete answers (${ok} 2xx, ${refused} 503)`,
      count: outcomes.length,
      violations: [...broken, ...bad],
    },
    {
      name: `SIGTERM: process exits 0 (in ${Math.round(exit.ms)} ms)`,
      count: 1,
      violations: exit.code === 0 ? [] : [`exit code ${exit.code}`],
    },
  ];
}

interface RunResult {
  label: string;
  checks: Check[];
  figures: string[];
}

async function runOne(kind: 'pglite' | 'postgres', random: () => number): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), `tn-drill-${kind}-`));
  const filesDir = join(dataDir, 'files');
  const sink = await startSmtpSink();
  const domain = `${kind}.drill.invalid`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    FILES_DIR: filesDir,
    // pool=true (a nodemailer option of SMTP_URL): one SMTP connection for many e-mails.
    SMTP_URL: `smtp://127.0.0.1:${sink.port}?pool=true`,
    SEED_PASSWORD: PASSWORD,
    SEED_DEMO_DOSSIERS: '0',
    LOGIN_RATE_PER_MINUTE: '1000',
    ...NO_SUBMISSION_QUOTAS,
    PUBLIC_BASE_URL: `http://${domain}`,
    // The demo PKI's keys under the drill's key-encryption key, so that the servers seal.
    TRUST_KEK: DRILL_KEK,
    EVIDENCE_SEAL_INTERVAL_MS: '1000',
  };
  let label = 'PGlite (embedded, DATA_DIR in a temp folder)';
  let open: Opener = () => openPGlite(join(dataDir, 'pglite'));
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const adminUrl = process.env.DRILL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `tn_drill_crash_${Date.now()}`;
    const database = await createPostgresDatabase(adminUrl, name);
    env.DATABASE_URL = database.url;
    label = `PostgreSQL ${database.version} (database ${name}, dropped after)`;
    open = () => openPostgres({ url: database.url, poolSize: 4 });
    // As `npm run seed` does: migrations, then the demo accounts.
    const seeding = await open();
    await migrate(seeding.db);
    await seedDemo(seeding.db, { password: PASSWORD });
    await seedDrillPki(seeding.db);
    await seeding.close();
    drop = database.drop;
  }
  const logFile = join(tmpdir(), `tn-drill-${kind}-${Date.now()}.log`);
  const server = new ServerProcess(await freePort(), env, logFile);
  const figures: string[] = [];
  const drillStart = new Date();
  try {
    const firstStart = await server.start();
    const clients = new Map<string, HttpClient>();
    for (const username of [...CITIZENS, 'tiepnhan'])
      clients.set(username, await new HttpClient(server.address).login(username, PASSWORD));
    const drill = new Drill(server, random);
    const working = drill.work(clients);

    const kills = KILLS || 4 + Math.floor(random() * 2);
    const restarts: number[] = [];
    for (let k = 0; k < kills; k++) {
      await sleep(2000 + random() * 4000);
      await server.kill();
      restarts.push(await server.start());
    }
    await sleep(1500);
    drill.running = false;
    await working;

    // A plain graceful stop, then the e-mails still queued as the database has them; the last
    // restart must deliver every one of them.
    const quietStop = await server.terminate();
    const reader = await open();
    const queued = await reader.db
      .selectFrom('notification_outbox')
      .select('id')
      .where('sent_at', 'is', null)
      .execute();
    await reader.close();
    restarts.push(await server.start());
    const waitStarted = performance.now();
    const receivedIds = () => new Set(sink.inbox.map((mail) => mail.messageId));
    const missingAfterRestart = () => {
      const received = receivedIds();
      return queued.filter((row) => !received.has(`<thongbao-${row.id}@${domain}>`)).length;
    };
    while (missingAfterRestart() > 0 && performance.now() - waitStarted < 120_000) await sleep(250);
    const drained = {
      queued: queued.length,
      ms: performance.now() - waitStarted,
      left: missingAfterRestart(),
    };
    const apiChecks = await verifyApi(drill, clients);
    const termChecks = await sigtermBurst(drill, server, clients);
    const dbChecks = await verifyDatabase(open, drill, new LocalFileStore(filesDir), sink, domain);
    const evidenceDb = await open();
    const evidence = await checkEvidence(evidenceDb.db, kind, drillStart).finally(() => evidenceDb.close());
    dbChecks.push(...evidence.checks);
    figures.push(...evidence.figures);
    dbChecks.push(
      {
        name: 'SIGTERM with the workers idle: process exits 0',
        count: 1,
        violations: quietStop.code === 0 ? [] : [`exit code ${quietStop.code}`],
      },
      {
        name: `e-mails queued at that stop, delivered after the restart (in ${(drained.ms / 1000).toFixed(1)} s)`,
        count: drained.queued,
        violations: drained.left === 0 ? [] : [`${drained.left} not received within 120 s`],
      },
    );
    figures.push(
      `${kills} SIGKILLs (+ 1 SIGTERM); first start ${Math.round(firstStart)} ms, restarts ${restarts.map((ms) => Math.round(ms)).join('/')} ms`,
      ...drill.figures(),
      `e-mails received: ${sink.inbox.length}`,
      `server log: ${logFile}`,
    );
    return { label, checks: [...dbChecks, ...apiChecks, ...termChecks], figures };
  } finally {
    server.close();
    await sink.close();
    await drop?.();
    if (process.env.DRILL_KEEP === '1') console.log(`kept ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const random = generator(SEED);
  const started = performance.now();
  let violations = 0;
  console.log(`Crash drill (seed ${SEED}): SIGKILL at random moments, restart, verify; then SIGTERM.`);
  for (const kind of DATABASES) {
    const result = await runOne(kind, random);
    console.log(`\n${result.label}`);
    for (const line of result.figures) console.log(`  ${line}`);
    violations += printChecks(result.checks);
  }
  console.log(
    `\n${violations === 0 ? 'No loss, no half-written dossier, no duplicate code, every queued e-mail delivered.' : `${violations} VIOLATIONS.`} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  process.exit(violations === 0 ? 0 : 1);
}

await main();
