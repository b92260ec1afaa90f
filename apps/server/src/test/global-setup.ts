/**
 * Runs once before all test files: builds a migrated, seeded database template so each test file
 * starts from a fresh copy in well under a second instead of migrating and seeding again.
 * - Embedded (default): a PGlite data-directory dump written to a temporary file.
 * - PostgreSQL (DATABASE_URL set): a template database; each file gets CREATE DATABASE … TEMPLATE.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPGlite, openPostgres } from '../db/database';
import { migrate } from '../db/migrate';
import { seedDemo } from '../db/seed/seed';
import { TEST_PASSWORD } from './constants';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate:
      { kind: 'pglite'; dumpPath: string } | { kind: 'postgres'; url: string; template: string };
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `tn_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const handle = await openPostgres({ url: withDatabase(url, template), poolSize: 2 });
    await migrate(handle.db);
    await seedDemo(handle.db, { password: TEST_PASSWORD });
    await handle.close();
    project.provide('databaseTemplate', { kind: 'postgres', url, template });
    return async () => {
      // Drop the template and every copy made from it in this run.
      const copies = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'tn_test_${process.pid}_%'`,
      );
      for (const { datname } of copies.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tn-test-'));
  const handle = await openPGlite(undefined);
  await migrate(handle.db);
  await seedDemo(handle.db, { password: TEST_PASSWORD });
  const dump = await handle.pglite!.dumpDataDir('gzip');
  const dumpPath = join(dir, 'template.tar.gz');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('databaseTemplate', { kind: 'pglite', dumpPath });
  return () => rmSync(dir, { recursive: true, force: true });
}
