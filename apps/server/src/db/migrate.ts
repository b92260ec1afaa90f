/**
 * Migration runner for both databases: numbered SQL files (`0001_name.sql`) applied in order,
 * each in its own transaction under an advisory lock, recorded with a checksum. A changed file
 * that was already applied stops the start-up: migrations are history and are never edited.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** Bundled builds copy the SQL files next to the bundle; in source they sit beside this file. */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export class MigrationChecksumError extends Error {}

const LOCK_KEY = 72_0001; // any constant shared by all instances of this application

/** The ledger of applied migrations, with the comments every table carries. */
async function createMigrationsTable(db: Kysely<Database>): Promise<void> {
  await sql`
    create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(db);
  await sql`comment on table schema_migrations is 'Applied SQL migrations with their checksums.'`.execute(db);
  await sql`comment on column schema_migrations.version is 'Number of the migration file.'`.execute(db);
  await sql`comment on column schema_migrations.name is 'Name part of the migration file.'`.execute(db);
  await sql`comment on column schema_migrations.checksum is 'SHA-256 of the file as applied.'`.execute(db);
  await sql`comment on column schema_migrations.applied_at is 'When it was applied.'`.execute(db);
}

export interface MigrateOptions {
  /** Apply migrations up to this version only (a restore rebuilds the schema its backup was taken on). */
  upTo?: number;
}

export async function migrate(
  db: Kysely<Database>,
  dir = defaultMigrationsDir(),
  options: MigrateOptions = {},
): Promise<number[]> {
  // Created only when missing: an application role that does not own the schema (README, "Audit
  // trail") can then start on a database its owner has migrated.
  const present = () => sql`select 1 from pg_class
    where relname = 'schema_migrations' and relnamespace = current_schema()::regnamespace`;
  if ((await present().execute(db)).rows.length === 0)
    // Under the lock, checked again: several instances starting at once on a fresh database.
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      if ((await present().execute(trx)).rows.length === 0) await createMigrationsTable(trx);
    });

  const applied: number[] = [];
  for (const migration of readMigrations(dir)) {
    if (options.upTo !== undefined && migration.version > options.upTo) break;
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const existing = await sql<{ checksum: string }>`
        select checksum from schema_migrations where version = ${migration.version}`.execute(trx);
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new MigrationChecksumError(
            `Migration ${migration.version}_${migration.name} was changed after it was applied. ` +
              'Add a new migration instead of editing an applied one.',
          );
        }
        return false;
      }
      await sql.raw(migration.sql).execute(trx);
      await sql`insert into schema_migrations (version, name, checksum)
        values (${migration.version}, ${migration.name}, ${migration.checksum})`.execute(trx);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
