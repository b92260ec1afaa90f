/**
 * What a backup holds, read from the database's own catalogue rather than listed by hand: a table
 * added by a future migration is backed up without anyone remembering to add it here.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Not backed up: sign-in sessions and the failed-login counters are short-lived security state
 * (everyone signs in again after a restore); the migration ledger is rebuilt by the migrations;
 * the sealing job's position (evidence_state) is a transaction id of the source cluster, which
 * means nothing in another one (the restore starts it again: modules/evidence).
 */
export const EXCLUDED_TABLES = new Set(['schema_migrations', 'sessions', 'login_throttle', 'evidence_state']);

export interface TableInfo {
  name: string;
  /** Columns that take values on insert (generated columns excluded), in table order. */
  columns: string[];
  primaryKey: string[];
  /** Tables this one references, other than itself. */
  references: string[];
  /** Column pairs of a reference to itself (child column → parent column), e.g. units.parent_id. */
  selfReferences: Array<{ column: string; parentColumn: string }>;
  /** Columns filled from a sequence (bigserial): reset after a restore. */
  serialColumns: string[];
  /** Columns holding a key of the attachment store (by convention named `sha256`). */
  fileColumns: string[];
}

type Db = Kysely<Database>;

export async function readTables(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);
  const columns = await sql<{ table: string; column: string; generated: boolean; serial: boolean }>`
    select c.relname as table, a.attname as column, a.attgenerated <> '' as generated,
      pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null as serial
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where c.relnamespace = current_schema()::regnamespace and i.indisprimary
    order by c.relname, array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const foreign = await sql<{ table: string; parent: string; column: string; parent_column: string }>`
    select c.relname as table, p.relname as parent, a.attname as column, pa.attname as parent_column
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    cross join lateral unnest(k.conkey, k.confkey) as u(child_num, parent_num)
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.child_num
    join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = u.parent_num
    where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace`.execute(db);

  return tables.rows
    .filter((t) => !EXCLUDED_TABLES.has(t.name))
    .map((t) => {
      const own = columns.rows.filter((c) => c.table === t.name);
      const fks = foreign.rows.filter((f) => f.table === t.name);
      return {
        name: t.name,
        columns: own.filter((c) => !c.generated).map((c) => c.column),
        primaryKey: keys.rows.filter((k) => k.table === t.name).map((k) => k.column),
        references: [...new Set(fks.filter((f) => f.parent !== t.name).map((f) => f.parent))].sort(),
        selfReferences: fks
          .filter((f) => f.parent === t.name)
          .map((f) => ({ column: f.column, parentColumn: f.parent_column })),
        serialColumns: own.filter((c) => c.serial).map((c) => c.column),
        fileColumns: own.filter((c) => c.column === 'sha256').map((c) => c.column),
      };
    });
}

/**
 * Parents before children (a restore inserts in this order); ties by name so the order is stable.
 * Throws on a reference cycle between tables, which the schema does not have.
 */
export function insertionOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  const visiting = new Set<string>();
  const visit = (table: TableInfo) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`reference cycle through table ${table.name}`);
    visiting.add(table.name);
    for (const parent of table.references) {
      const info = byName.get(parent);
      if (info) visit(info);
    }
    visiting.delete(table.name);
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return ordered;
}

/**
 * Rows of a table that references itself, reordered so that each row comes after the row it
 * points to (a unit after its parent unit), whatever their ids.
 */
export function parentsFirst(
  rows: Array<{ line: string; value: Record<string, unknown> }>,
  table: TableInfo,
): Array<{ line: string; value: Record<string, unknown> }> {
  if (table.selfReferences.length === 0) return rows;
  const keyOf = (value: Record<string, unknown>, column: string) => JSON.stringify(value[column] ?? null);
  const placed = new Set<string>();
  const remaining = [...rows];
  const ordered: typeof rows = [];
  while (remaining.length > 0) {
    const before = remaining.length;
    for (let i = 0; i < remaining.length;) {
      const row = remaining[i]!;
      const ready = table.selfReferences.every(({ column, parentColumn }) => {
        const parent = row.value[column];
        return (
          parent === null || parent === undefined || placed.has(`${parentColumn}=${JSON.stringify(parent)}`)
        );
      });
      if (ready) {
        ordered.push(row);
        for (const { parentColumn } of table.selfReferences)
          placed.add(`${parentColumn}=${keyOf(row.value, parentColumn)}`);
        remaining.splice(i, 1);
      } else i += 1;
    }
    if (remaining.length === before)
      throw new Error(
        `table ${table.name}: ${remaining.length} rows point to rows that are not in the backup`,
      );
  }
  return ordered;
}
