/**
 * Test harness: one fresh database (copied from the run's template) and one app per test file,
 * with helpers to sign in as the demo accounts and call the API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type LogStream } from '../app';
import { loadConfig, type Config } from '../config';
import { openPGlite, openPostgres, type DatabaseHandle } from '../db/database';
import { TEST_PASSWORD } from './constants';

export { TEST_PASSWORD };

export interface TestContext {
  app: FastifyInstance;
  handle: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<DatabaseHandle> {
  const template = inject('databaseTemplate');
  if (template.kind === 'pglite') {
    const dump = new Blob([readFileSync(template.dumpPath)]);
    return openPGlite(undefined, dump);
  }
  const name = `tn_test_${process.ppid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template.template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(template.url);
  url.pathname = `/${name}`;
  const handle = await openPostgres({ url: url.toString(), poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: template.url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function startTestApp(
  overrides: Partial<Config> = {},
  /** With a log stream, the app logs into it (at config.logLevel) instead of not at all. */
  options: { logStream?: LogStream } = {},
): Promise<TestContext> {
  const handle = await openTestDatabase();
  const filesDir = mkdtempSync(join(tmpdir(), 'tn-files-'));
  const config = { ...loadConfig({}), filesDir, webDir: null, ...overrides };
  const app = await buildApp({
    db: handle.db,
    dbKind: handle.kind,
    config,
    logger: options.logStream !== undefined,
    logStream: options.logStream,
  });
  await app.ready();
  return {
    app,
    handle,
    config,
    close: async () => {
      await app.close();
      await handle.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: number;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'tn_session');
  const body = response.json<{ csrfToken: string; user: { id: number } }>();
  return { cookie: `tn_session=${cookie!.value}`, csrfToken: body.csrfToken, userId: body.user.id };
}

/** Calls the API as a signed-in browser (cookie + CSRF header on writes). */
export function as(app: FastifyInstance, session: Session | null) {
  return (options: InjectOptions): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (session) {
      headers.cookie = session.cookie;
      if (options.method && !['GET', 'HEAD'].includes(options.method))
        headers['x-csrf-token'] = session.csrfToken;
    }
    return app.inject({ ...options, headers });
  };
}

/** Asserts a problem document and returns it. */
export function problem(response: LightMyRequestResponse) {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(
      `expected problem+json, got ${String(response.headers['content-type'])}: ${response.body}`,
    );
  }
  return response.json<{
    code: string;
    status: number;
    detail: string;
    detail_en: string;
    errors?: Array<{ field: string; code: string; message: string }>;
  }>();
}

/** The id of a seeded user, by username (throws when the seed has none). */
export async function userIdOf(db: DatabaseHandle['db'], username: string): Promise<number> {
  const row = await db
    .selectFrom('users_view')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The id of the open unit with this agency identifier code (000.00.16.H53: Sở Xây dựng). */
export async function unitIdOfCode(db: DatabaseHandle['db'], agencyCode: string): Promise<number> {
  const row = await db
    .selectFrom('units_view')
    .select('id')
    .where('agency_code', '=', agencyCode)
    .where('valid_until', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The id of the commune or ward in force with this administrative area code (25459: phường Tân Ninh). */
export async function communeIdOf(db: DatabaseHandle['db'], areaCode: string): Promise<number> {
  const row = await db
    .selectFrom('units_view')
    .select('id')
    .where('admin_area_code', '=', areaCode)
    .where('valid_until', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
