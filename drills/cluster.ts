/**
 * `npm run drill:cluster` (issue #12, "several instances, one PostgreSQL, behind a real load
 * balancer"). On a fresh PostgreSQL database: PgBouncer in transaction pooling mode, three built
 * server instances on it (INSTANCES=3, DATABASE_URL through PgBouncer, files in a shared S3 store,
 * e-mail to a real SMTP server), HAProxy balancing them round robin with health checks. The crash
 * drill's workload and the soak mix's reads go through HAProxy while one instance at a time is
 * SIGKILLed at random moments and restarted. Then the crash drill's checks, the job_runs check
 * (no exclusive job run twice at once), and the throughput of one instance directly against
 * three behind HAProxy. Prints its checks and figures; exits 1 on any violation.
 *
 * CLUSTER_SECONDS (the kill phase, default 45), CLUSTER_MEASURE_SECONDS (each throughput run,
 * default 8), CLUSTER_SEED, DRILL_DATABASE_URL (the PostgreSQL server's admin URL), DRILL_KEEP=1.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { filesConfig } from '../apps/server/src/config';
import { openPostgres } from '../apps/server/src/db/database';
import { migrate, readMigrations, defaultMigrationsDir } from '../apps/server/src/db/migrate';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { openFileStore } from '../apps/server/src/lib/s3-file-store';
import { addDays, vietnamDate } from '../apps/server/src/lib/time';
import { rewindRollups } from '../apps/server/src/modules/stats';
import { HttpClient } from '../apps/server/src/test/http-client';
import { startSmtpSink } from '../apps/server/src/test/smtp';
import { createPostgresDatabase, freePort, NO_SUBMISSION_QUOTAS, signIn } from '../bench/lib';
import { printChecks, verifyApi, verifyDatabase, type Check } from './lib/checks';
import { checkEvidence, DRILL_KEK, seedDrillPki } from './lib/evidence';
import { startHaproxy, startPgBouncer, startS3rver, type Daemon } from './lib/cluster-stack';
import { checkJobRuns } from './lib/job-runs';
import { measureThroughput, readsDuringKills, waitForOutbox } from './lib/cluster-load';
import { generator, OPEN_GATE, ServerProcess, sleep } from './lib/process';
import { CITIZENS, Drill, PASSWORD } from './lib/workload';

const SEED = Number(process.env.CLUSTER_SEED ?? 20261203);
const SECONDS = Number(process.env.CLUSTER_SECONDS ?? 45);
const MEASURE_SECONDS = Number(process.env.CLUSTER_MEASURE_SECONDS ?? 8);
const INSTANCES = 3;
const DOMAIN = 'cluster.drill.invalid';

const version = (command: string, args: string[]) =>
  execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0]!.trim();

/** The embedded database must refuse several instances (main.ts): one process start, no database. */
function pgliteRefusal(dir: string): Check {
  const env: NodeJS.ProcessEnv = { ...process.env, INSTANCES: '3', DATA_DIR: join(dir, 'pglite-refusal') };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, ['apps/server/dist/main.js'], {
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const said = /INSTANCES=3/.test(run.stderr);
  return {
    name: 'INSTANCES=3 without DATABASE_URL: refused (PGlite is one process), exit 1',
    count: 1,
    violations: run.status === 1 && said ? [] : [`exit ${run.status}, stderr: ${run.stderr.slice(0, 200)}`],
  };
}

async function main() {
  const started = performance.now();
  const random = generator(SEED);
  const dir = await mkdtemp(join(tmpdir(), 'tn-drill-cluster-'));
  const adminUrl = process.env.DRILL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tn_drill_cluster_${Date.now()}`;
  const database = await createPostgresDatabase(adminUrl, name);
  const daemons: Daemon[] = [];
  const instances: ServerProcess[] = [];
  const sink = await startSmtpSink();
  const checks: Check[] = [];
  const figures: string[] = [];
  try {
    const bouncer = await startPgBouncer({
      dir,
      port: await freePort(),
      databaseUrl: database.url,
      poolSize: 20,
    });
    daemons.push(bouncer);
    const s3 = await startS3rver({ dir, port: await freePort(), bucket: 'tn-drill-cluster' });
    daemons.push(s3);
    console.log(
      `Cluster drill (seed ${SEED}): PostgreSQL ${database.version} (database ${name}, dropped after), ` +
        `${version('/usr/sbin/pgbouncer', ['--version'])} (transaction pooling), ` +
        `${version('/usr/sbin/haproxy', ['-v']).replace(/ - https.*/, '')}, s3rver, ${INSTANCES} instances`,
    );

    // Migrations through PgBouncer, three at once, as three instances starting together on a
    // fresh database would: each runs in one transaction under a transaction-level lock.
    const all = readMigrations(defaultMigrationsDir()).map((m) => m.version);
    const migrators = await Promise.all(
      [1, 2, 3].map(() => openPostgres({ url: bouncer.url, poolSize: 2, prepared: false })),
    );
    const applied = await Promise.all(migrators.map((handle) => migrate(handle.db)));
    await seedDemo(migrators[0]!.db, { password: PASSWORD });
    await seedDrillPki(migrators[0]!.db);
    await Promise.all(migrators.map((handle) => handle.close()));
    const once = applied.flat().sort((a, b) => a - b);
    checks.push({
      name: `migrations through PgBouncer, 3 at once: each applied once (${applied.map((a) => a.length).join('+')})`,
      count: all.length,
      violations: once.join() === all.join() ? [] : [`applied ${once.join()} of ${all.join()}`],
    });
    checks.push(pgliteRefusal(dir));

    const env: Record<string, string> = {
      DATABASE_URL: bouncer.url,
      // PgBouncer 1.18 (Debian 12) in transaction mode does not carry prepared statements.
      DATABASE_PREPARED_STATEMENTS: '0',
      INSTANCES: String(INSTANCES),
      DATA_DIR: dir,
      ...s3.env,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}?pool=true`,
      SEED_PASSWORD: PASSWORD,
      LOGIN_RATE_PER_MINUTE: '1000',
      ...NO_SUBMISSION_QUOTAS,
      PUBLIC_BASE_URL: `http://${DOMAIN}`,
      // Every second, so that the instances contend for the exclusive job all along.
      STATS_ROLLUP_INTERVAL_SECONDS: '1',
      // The demo PKI's keys (seeded above) under the drill's key-encryption key: the instances seal.
      TRUST_KEK: DRILL_KEK,
      EVIDENCE_SEAL_INTERVAL_MS: '1000',
    };
    for (let i = 0; i < INSTANCES; i++)
      instances.push(new ServerProcess(await freePort(), env, join(dir, `instance${i + 1}.log`)));
    const firstStarts = await Promise.all(instances.map((instance) => instance.start()));
    const proxy = await startHaproxy({
      dir,
      port: await freePort(),
      singlePort: await freePort(),
      servers: instances.map((i) => i.port),
    });
    daemons.push(proxy);

    const clients = new Map<string, HttpClient>();
    for (const username of [...CITIZENS, 'tiepnhan'])
      clients.set(username, await new HttpClient(proxy.address).login(username, PASSWORD));
    const citizen = await signIn(proxy.address, 'congdan', PASSWORD);
    const officer = await signIn(proxy.address, 'tiepnhan', PASSWORD);
    const drill = new Drill(OPEN_GATE, random);
    const drillStart = new Date();
    const working = drill.work(clients);
    while (drill.dossiers.size < 5) await sleep(50);

    // The statistics rollup: asked every second to recompute the last 30 days (as a late write on
    // an old day would), so that rounds have work, are recorded in job_runs, and the instances
    // contend for the job. (The instances' first rounds, on an empty database, set its start.)
    const direct = await openPostgres({ url: database.url, poolSize: 2 });
    let churning = true;
    const churn = (async () => {
      while (churning) {
        await sleep(1000);
        await rewindRollups(direct.db, addDays(vietnamDate(new Date()), -30));
      }
    })();

    const reads = readsDuringKills({
      address: proxy.address,
      citizen,
      officer,
      codes: [...drill.dossiers.keys()],
      seconds: SECONDS,
    });
    const killedAt = new Map<string, Date>();
    const kills: number[] = [];
    const restarts: number[] = [];
    const phaseEnd = Date.now() + SECONDS * 1000;
    for (;;) {
      await sleep(2000 + random() * 4000);
      if (Date.now() > phaseEnd - 2000) break;
      const victim = Math.floor(random() * INSTANCES);
      killedAt.set(`${hostname()}:${instances[victim]!.pid}`, new Date());
      await instances[victim]!.kill();
      kills.push(victim + 1);
      restarts.push(await instances[victim]!.start());
    }
    while (Date.now() < phaseEnd) await sleep(100);
    drill.running = false;
    await working;
    const readFigures = await reads;
    churning = false;
    await churn;

    const drained = await waitForOutbox(direct.db, sink, DOMAIN);
    checks.push(...(await verifyApi(drill, clients)));
    const throughput = await measureThroughput({
      direct: instances[0]!.address,
      single: proxy.single,
      balanced: proxy.address,
      citizen,
      officer,
      codes: [...drill.dossiers.keys()],
      seconds: MEASURE_SECONDS,
    });
    const drainedAfter = await waitForOutbox(direct.db, sink, DOMAIN);
    const stops = await Promise.all(instances.map((instance) => instance.terminate()));
    checks.push({
      name: `SIGTERM: every instance exits 0 (in ${stops.map((s) => Math.round(s.ms)).join('/')} ms)`,
      count: stops.length,
      violations: stops.filter((s) => s.code !== 0).map((s) => `exit code ${s.code}`),
    });
    checks.push({
      name: `e-mails queued, all sent after the kills (${(drained.ms / 1000).toFixed(1)} s) and after the throughput runs (${(drainedAfter.ms / 1000).toFixed(1)} s)`,
      count: drained.total + drainedAfter.total,
      violations: [...drained.violations, ...drainedAfter.violations],
    });
    checks.push(...readFigures.checks, ...throughput.checks);
    const files = openFileStore({ files: filesConfig(s3.env), filesDir: dir });
    const dbChecks = await verifyDatabase(
      () => openPostgres({ url: database.url, poolSize: 4 }),
      drill,
      files,
      sink,
      DOMAIN,
    );
    const jobs = await checkJobRuns(direct.db, killedAt);
    const evidence = await checkEvidence(direct.db, 'postgres', drillStart);
    figures.push(...evidence.figures);
    await direct.close();
    checks.unshift(...dbChecks, ...jobs.checks, ...evidence.checks);

    figures.push(
      `instances started in ${firstStarts.map((ms) => Math.round(ms)).join('/')} ms; ${kills.length} SIGKILLs (instance ${kills.join(', ')}), restarts ${restarts.map((ms) => Math.round(ms)).join('/')} ms`,
      ...drill.figures(),
      `e-mails received: ${sink.inbox.length}`,
      ...readFigures.figures,
      `job runs (stats-rollup): ${jobs.figures.runs}, by instance ${[...jobs.figures.byInstance.values()].join('/')} (${jobs.figures.byInstance.size} processes), ${jobs.figures.unfinished} cut by a kill`,
      `logs and configurations: ${dir}${process.env.DRILL_KEEP === '1' ? '' : ' (removed at the end; DRILL_KEEP=1 keeps them)'}`,
    );
    for (const line of figures) console.log(`  ${line}`);
    const violations = printChecks(checks);
    console.log('');
    for (const line of throughput.lines) console.log(line);
    console.log(
      `\n${violations === 0 ? 'Cluster: no loss, no duplicate, codes gap-free, every e-mail sent, no job run twice.' : `${violations} VIOLATIONS.`} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    process.exitCode = violations === 0 ? 0 : 1;
  } finally {
    for (const instance of instances) instance.close();
    for (const d of daemons.reverse()) await d.stop();
    await sink.close();
    await database.drop();
    if (process.env.DRILL_KEEP !== '1') await rm(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(process.exitCode ?? 0);
