/**
 * Two server instances' view of one test database: on PostgreSQL two handles (two pools, as two
 * processes would have) on one fresh database; on PGlite, which one process alone opens, the
 * same handle twice (`shared: false` says so).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, type DatabaseHandle } from '../db/database';
import { openTestDatabase } from './harness';

export interface TwoInstances {
  a: DatabaseHandle;
  b: DatabaseHandle;
  /** True when a and b are separate connections (PostgreSQL). */
  shared: boolean;
  /** The database's address (PostgreSQL), e.g. for a PgBouncer in front of it. */
  url: string | null;
  close(): Promise<void>;
}

export async function openTwoInstances(): Promise<TwoInstances> {
  const template = inject('databaseTemplate');
  if (template.kind === 'pglite') {
    const handle = await openTestDatabase();
    return { a: handle, b: handle, shared: false, url: null, close: () => handle.close() };
  }
  const name = `tn_test_two_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.template}`);
  await admin.end();
  const url = new URL(template.url);
  url.pathname = `/${name}`;
  const a = await openPostgres({ url: url.toString(), poolSize: 4 });
  const b = await openPostgres({ url: url.toString(), poolSize: 4 });
  return {
    a,
    b,
    shared: true,
    url: url.toString(),
    close: async () => {
      await a.close();
      await b.close();
      const cleanup = new pg.Client({ connectionString: template.url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
