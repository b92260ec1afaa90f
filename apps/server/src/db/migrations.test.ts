import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database';
import { defaultMigrationsDir, migrate, readMigrations } from './migrate';
import { openTestDatabase } from '../test/harness';

describe('migrations', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => handle.close());

  it('are recorded and idempotent', async () => {
    expect(await migrate(handle.db)).toEqual([]);
    const rows = await sql<{
      version: number;
    }>`select version from schema_migrations order by version`.execute(handle.db);
    expect(rows.rows.map((row) => row.version)).toEqual(
      readMigrations(defaultMigrationsDir()).map((migration) => migration.version),
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(9);
  });

  it('comment every table and every column', async () => {
    const missing = await sql<{ table_name: string; column_name: string | null }>`
      select c.relname as table_name, a.attname as column_name
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
      left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relkind = 'r'
        and (obj_description(c.oid, 'pg_class') is null
             or (a.attname is not null and col_description(c.oid, a.attnum) is null))`.execute(handle.db);
    expect(missing.rows).toEqual([]);
  });

  it('make the audit log append-only', async () => {
    await expect(
      sql`update audit_events set reason = 'sửa' where id = (select min(id) from audit_events)`.execute(
        handle.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(handle.db)).rejects.toThrow(/append-only/);
  });
});
