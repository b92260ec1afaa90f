import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPoolingTree, poolingFindings } from './pooling-check';

const rules = (file: string, text: string) => poolingFindings(file, text).map((f) => f.rule);

describe('session state under PgBouncer transaction pooling', () => {
  it('finds each construct that needs a session', () => {
    expect(rules('a.ts', 'sql`select pg_advisory_lock(${KEY})`')).toEqual(['session advisory lock']);
    expect(rules('a.ts', 'sql`select pg_try_advisory_lock(1, 2)`')).toEqual(['session advisory lock']);
    expect(rules('a.ts', 'sql`select pg_advisory_unlock_all()`')).toEqual(['session advisory lock']);
    expect(rules('a.ts', 'sql`listen cache_changed`')).toEqual(['LISTEN/NOTIFY']);
    expect(rules('a.ts', "sql`select pg_notify('cache', 'x')`")).toEqual(['LISTEN/NOTIFY']);
    expect(rules('a.sql', 'SELECT 1;\nNOTIFY cache_changed;')).toEqual(['LISTEN/NOTIFY']);
    expect(rules('a.ts', "sql`set search_path = 'tn'`")).toEqual(['SET outside a transaction']);
    expect(rules('a.ts', "sql`set session timezone to 'UTC'`")).toEqual(['SET outside a transaction']);
    expect(rules('a.sql', "select 1;\nSET statement_timeout = '5s';")).toEqual(['SET outside a transaction']);
    expect(rules('a.ts', "sql`select set_config('app.actor', ${id}, false)`")).toEqual([
      'SET outside a transaction',
    ]);
    expect(rules('a.ts', 'sql`prepare find_user as select 1`')).toEqual(['named prepared statement']);
    expect(rules('a.ts', "pool.query({ name: 'find-user', text: 'select 1' })")).toEqual([
      'named prepared statement',
    ]);
    expect(rules('a.sql', 'CREATE TEMPORARY TABLE t (id int);')).toEqual(['temporary table']);
    expect(rules('a.ts', 'sql`declare c cursor with hold for select 1`')).toEqual(['cursor WITH HOLD']);
  });

  it('allows what lasts only as long as its transaction, UPDATE … SET, and prose', () => {
    const fine = [
      'sql`select pg_advisory_xact_lock(${KEY})`',
      'sql`select pg_try_advisory_xact_lock(72012, hashtext(${name})) as held`',
      'sql`set local jit = off`',
      'sql`set transaction isolation level repeatable read, read only`',
      'sql`update stats_rollup_state set rolled_through = ${day}::date`',
      'sql`insert into c values (1) on conflict (key) do update set count = c.count + 1`',
      'sql`declare backup_rows no scroll cursor for select 1`',
      '// a session advisory lock (pg_advisory_lock) would break; LISTEN channel too',
      '/* set search_path = x; */',
      'await app.listen({ port: 3000 });',
    ].join('\n');
    expect(poolingFindings('a.ts', fine)).toEqual([]);
    expect(poolingFindings('a.sql', "UPDATE d\n   SET applicant = '{}';\n-- SET x = 1;")).toEqual([]);
  });

  it('finds none in the server sources and migrations', () => {
    const { files, findings } = checkPoolingTree(resolve(__dirname, '..'));
    expect(files).toBeGreaterThan(150); // the sources and the migrations were read
    expect(findings).toEqual([]);
  });
});
