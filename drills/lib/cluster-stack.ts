/**
 * What `npm run drill:cluster` runs around the server instances, each in its own process with a
 * configuration generated in a temporary folder: PgBouncer (Debian's /usr/sbin/pgbouncer) in
 * transaction pooling mode in front of PostgreSQL, HAProxy (/usr/sbin/haproxy) balancing round
 * robin over the instances with health checks on /api/health, and s3rver, an S3-compatible object
 * store that every instance shares (FILES_BACKEND=s3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { sleep } from './process';

export interface Daemon {
  name: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

function daemon(name: string, command: string, args: string[], logFile: string): Daemon {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return {
    name,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `ready` until it resolves; fails when the process exits or after `limitMs`. */
async function waitFor(process: Daemon, ready: () => Promise<unknown>, logFile: string, limitMs = 20_000) {
  const started = Date.now();
  let last = '';
  for (;;) {
    try {
      await ready();
      return;
    } catch (error) {
      last = (error as Error).message;
    }
    if (process.child.exitCode !== null || process.child.signalCode !== null)
      throw new Error(
        `${process.name} exited (${process.child.exitCode ?? process.child.signalCode}; see ${logFile})`,
      );
    if (Date.now() - started > limitMs)
      throw new Error(`${process.name} not ready within ${limitMs / 1000} s (${last}; see ${logFile})`);
    await sleep(50);
  }
}

/**
 * PgBouncer in transaction pooling mode: a server connection is a client's only for the length
 * of a transaction, so nothing may rely on session state (session advisory locks, LISTEN, SET
 * outside a transaction, named prepared statements, temporary tables). Returns the URL of
 * `database` through it.
 */
export async function startPgBouncer(options: {
  dir: string;
  port: number;
  /** The database as PostgreSQL serves it (postgres://user@host:port/name). */
  databaseUrl: string;
  poolSize: number;
}): Promise<Daemon & { url: string; config: string }> {
  const target = new URL(options.databaseUrl);
  const name = target.pathname.slice(1);
  const user = decodeURIComponent(target.username) || 'postgres';
  const config = join(options.dir, 'pgbouncer.ini');
  const logFile = join(options.dir, 'pgbouncer.log');
  writeFileSync(join(options.dir, 'userlist.txt'), `"${user}" ""\n`);
  writeFileSync(
    config,
    [
      '[databases]',
      `${name} = host=${target.hostname} port=${target.port || 5432} dbname=${name}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${options.port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(options.dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize}`,
      'max_client_conn = 500',
      `admin_users = ${user}`,
      'ignore_startup_parameters = extra_float_digits',
      `logfile = ${logFile}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: it then switches to an unprivileged user (-u).
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(options.dir, 0o777);
  const bouncer = daemon(
    'pgbouncer',
    '/usr/sbin/pgbouncer',
    [...(asRoot ? ['-u', 'nobody'] : []), config],
    join(options.dir, 'pgbouncer.out'),
  );
  const url = new URL(options.databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(options.port);
  await waitFor(
    bouncer,
    async () => {
      const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 1000 });
      await client.connect();
      await client.end();
    },
    logFile,
  );
  return { ...bouncer, url: url.toString(), config };
}

/**
 * HAProxy: round robin over `servers`, each health-checked on GET /api/health every 500 ms (down
 * after 3 failures, up after 2 successes; a check may take up to 2 s).
 */
export async function startHaproxy(options: {
  dir: string;
  port: number;
  /** A second frontend, to the first instance only. */
  singlePort: number;
  servers: number[];
}): Promise<Daemon & { address: string; single: string; config: string }> {
  const config = join(options.dir, 'haproxy.cfg');
  const logFile = join(options.dir, 'haproxy.out');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 2000',
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout http-keep-alive 10s',
      // A connection refused (an instance just killed, not yet marked down) is tried again on
      // another instance; a request already sent is not (the client sends it again, same key).
      '  retries 3',
      '  option redispatch',
      'frontend drill',
      `  bind 127.0.0.1:${options.port}`,
      '  default_backend instances',
      'backend instances',
      '  balance roundrobin',
      '  option httpchk GET /api/health',
      '  http-check expect status 200',
      // A check answered within 2 s counts (the default is `inter`, 500 ms, and a burst of load
      // then marks every instance down at once); a killed instance refuses the connection at once
      // and is down after 3 checks, 1.5 s.
      '  timeout check 2s',
      '  default-server inter 500ms fall 3 rise 2',
      ...options.servers.map((port, i) => `  server instance${i + 1} 127.0.0.1:${port} check`),
      // The first instance alone behind the same proxy: what the extra hop costs by itself.
      'frontend single',
      `  bind 127.0.0.1:${options.singlePort}`,
      '  default_backend first',
      'backend first',
      '  option httpchk GET /api/health',
      `  server instance1 127.0.0.1:${options.servers[0]!} check`,
      '',
    ].join('\n'),
  );
  const proxy = daemon('haproxy', '/usr/sbin/haproxy', ['-db', '-f', config], logFile);
  const address = `http://127.0.0.1:${options.port}`;
  await waitFor(
    proxy,
    async () => {
      const response = await fetch(`${address}/api/health`);
      if (!response.ok) throw new Error(`health ${response.status}`);
    },
    logFile,
  );
  return { ...proxy, address, single: `http://127.0.0.1:${options.singlePort}`, config };
}

/** s3rver (a devDependency) in its own process, with one bucket. */
export async function startS3rver(options: {
  dir: string;
  port: number;
  bucket: string;
}): Promise<Daemon & { env: Record<string, string> }> {
  const logFile = join(options.dir, 's3rver.out');
  const store = daemon(
    's3rver',
    process.execPath,
    [
      'node_modules/s3rver/bin/s3rver.js',
      ...['-d', join(options.dir, 's3'), '-a', '127.0.0.1', '-p', String(options.port), '--silent'],
      ...['--configure-bucket', options.bucket],
    ],
    logFile,
  );
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitFor(store, () => fetch(`${endpoint}/${options.bucket}`).then(() => undefined), logFile);
  return {
    ...store,
    env: {
      FILES_BACKEND: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: options.bucket,
      S3_REGION: 'us-east-1',
      // s3rver's fixed credentials.
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
  };
}
