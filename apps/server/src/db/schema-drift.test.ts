import { sql } from 'kysely';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness';
import type { DatabaseHandle } from './database';
import { TABLES, VIEWS } from './ownership';
import { declaredSchema, kindOfSqlType, type DeclaredSchema } from './schema-types';

interface ColumnRow {
  table_name: string;
  table_type: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
  udt_name: string;
}

describe('the row types of db/schema.ts', () => {
  let handle: DatabaseHandle;
  let declared: DeclaredSchema;
  let columns: ColumnRow[];
  beforeAll(async () => {
    handle = await openTestDatabase();
    declared = declaredSchema(resolve(__dirname, 'schema.ts'));
    const result = await sql<ColumnRow>`
      select c.table_name, t.table_type, c.column_name, c.is_nullable, c.data_type, c.udt_name
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema()
      order by c.table_name, c.ordinal_position`.execute(handle.db);
    columns = result.rows;
  });
  afterAll(async () => handle.close());

  it('list every table and view of the migrated schema, and each has an owner', () => {
    const migrated = [...new Set(columns.map((row) => row.table_name))].sort();
    expect(Object.keys(declared).sort()).toEqual(migrated.filter((name) => name !== 'schema_migrations'));
    const owned = [...Object.keys(TABLES), ...Object.keys(VIEWS)].sort();
    expect(owned).toEqual(migrated);
    for (const row of columns)
      expect(row.table_type === 'VIEW', `${row.table_name} is a view iff VIEWS lists it`).toBe(
        row.table_name in VIEWS,
      );
  });

  it('declare every column with its nullability and a compatible type, and no other', () => {
    const problems: string[] = [];
    const byTable = new Map<string, ColumnRow[]>();
    for (const row of columns) byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row]);
    for (const [table, rows] of byTable) {
      const types = declared[table];
      if (!types) continue;
      for (const row of rows) {
        const column = types[row.column_name];
        if (!column) {
          problems.push(`${table}.${row.column_name}: in the database, not in schema.ts`);
          continue;
        }
        const expected = kindOfSqlType(row.data_type, row.udt_name);
        const compatible =
          expected === 'json'
            ? column.kind === 'json' || column.kind === 'string[]'
            : column.kind === expected;
        if (!compatible)
          problems.push(
            `${table}.${row.column_name}: ${row.data_type} in the database, ${column.kind} in schema.ts`,
          );
        // A view's columns are all reported nullable: only the tables' nullability is checked.
        if (row.table_type !== 'VIEW' && column.nullable !== (row.is_nullable === 'YES'))
          problems.push(
            `${table}.${row.column_name}: ${row.is_nullable === 'YES' ? 'nullable' : 'not null'} in the database, ${column.nullable ? 'nullable' : 'not null'} in schema.ts`,
          );
      }
      for (const name of Object.keys(types))
        if (!rows.some((row) => row.column_name === name))
          problems.push(`${table}.${name}: in schema.ts only`);
    }
    expect(problems).toEqual([]);
  });
});
