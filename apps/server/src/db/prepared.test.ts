import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from './database';

const prepared = async (handle: DatabaseHandle) =>
  (
    await sql<{ name: string }>`select name from pg_prepared_statements order by prepare_time`.execute(
      handle.db,
    )
  ).rows.map((row) => row.name);

// Prepared statements are a PostgreSQL server's; the embedded database has no pool to wrap.
describe.skipIf(!process.env.DATABASE_URL)('prepared statements (PostgreSQL)', () => {
  let handle: DatabaseHandle;
  const table = `prepared_probe_${process.pid}`;
  beforeAll(async () => {
    // One connection, so that pg_prepared_statements shows what this pool prepared.
    handle = await openPostgres({ url: process.env.DATABASE_URL!, poolSize: 1 });
    await sql.raw(`drop table if exists ${table}; create table ${table} (a int)`).execute(handle.db);
    await sql.raw(`insert into ${table} values (1), (2), (3)`).execute(handle.db);
  });
  afterAll(async () => {
    await sql.raw(`drop table if exists ${table}`).execute(handle.db);
    await handle.close();
  });

  const probe = (a: number) => sql<{ a: number }>`select * from ${sql.table(table)} where a = ${a}`;

  it('prepares a statement the second time it is seen, and answers the same either way', async () => {
    const before = await prepared(handle);
    expect((await probe(1).execute(handle.db)).rows).toEqual([{ a: 1 }]);
    expect(await prepared(handle)).toEqual(before);
    expect((await probe(2).execute(handle.db)).rows).toEqual([{ a: 2 }]);
    const after = await prepared(handle);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatch(/^tn\d+_/);
    expect((await probe(3).execute(handle.db)).rows).toEqual([{ a: 3 }]);
    expect(await prepared(handle)).toEqual(after);
  });

  it('leaves statements without parameters unnamed, so that several statements still run as one text', async () => {
    const before = await prepared(handle);
    for (let i = 0; i < 3; i += 1)
      await sql.raw(`select 1; select count(*) from ${table}`).execute(handle.db);
    expect(await prepared(handle)).toEqual(before);
  });

  it('survives a schema change that alters what a prepared select * returns', async () => {
    for (let i = 0; i < 3; i += 1) await probe(1).execute(handle.db);
    await sql.raw(`alter table ${table} add column b text default 'x'`).execute(handle.db);
    // Outside a transaction the refused statement is prepared again and answered.
    expect((await probe(1).execute(handle.db)).rows).toEqual([{ a: 1, b: 'x' }]);
    for (let i = 0; i < 3; i += 1) await probe(2).execute(handle.db);
    await sql.raw(`alter table ${table} drop column b`).execute(handle.db);
    // Inside one, the transaction is aborted: the error reaches the caller, and the next works.
    await expect(handle.db.transaction().execute(async (trx) => probe(2).execute(trx))).rejects.toThrow(
      /cached plan must not change result type/,
    );
    expect((await probe(2).execute(handle.db)).rows).toEqual([{ a: 2 }]);
  });

  it('keeps at most 256 statements per connection', async () => {
    for (let i = 0; i < 300; i += 1) {
      const text = sql<{ n: number }>`select ${i}::int + ${sql.lit(i)} as n`;
      await text.execute(handle.db);
      expect((await text.execute(handle.db)).rows).toEqual([{ n: 2 * i }]);
    }
    expect((await prepared(handle)).length).toBeLessThanOrEqual(256);
  });
});
