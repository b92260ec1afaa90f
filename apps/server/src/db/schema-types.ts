/**
 * Reads the row types of db/schema.ts with the TypeScript compiler, so that a test can hold them
 * against the migrated database (schema-drift.test.ts): the same tables and views, the same
 * columns, the same nullability and a compatible type for each. Kysely's ColumnType wrappers are
 * read through their select type.
 */
import ts from 'typescript';

export type ColumnKind = 'number' | 'string' | 'boolean' | 'date' | 'json' | 'bytes' | 'string[]';

export interface DeclaredColumn {
  kind: ColumnKind | `unknown:${string}`;
  nullable: boolean;
}

export type DeclaredSchema = Record<string, Record<string, DeclaredColumn>>;

function kindOf(checker: ts.TypeChecker, type: ts.Type): DeclaredColumn['kind'] {
  const flags = type.getFlags();
  if (flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.NumberLiteral)) return 'number';
  if (flags & (ts.TypeFlags.StringLike | ts.TypeFlags.StringLiteral)) return 'string';
  if (flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.BooleanLiteral)) return 'boolean';
  const name = checker.typeToString(type);
  if (name === 'Date') return 'date';
  if (name.startsWith('Uint8Array')) return 'bytes';
  if (name === 'string[]') return 'string[]';
  if (flags & (ts.TypeFlags.Object | ts.TypeFlags.NonPrimitive)) return 'json';
  return `unknown:${name}`;
}

/** The select type of a column: S of ColumnType<S, I, U> (Generated, JSONColumnType…), else itself. */
function selectType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): ts.Type {
  const select = type.getProperty('__select__');
  return select ? checker.getTypeOfSymbolAtLocation(select, at) : type;
}

export function declaredSchema(schemaFile: string): DeclaredSchema {
  const program = ts.createProgram([schemaFile], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(schemaFile);
  if (!source) throw new Error(`cannot read ${schemaFile}`);
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  const database = checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === 'Database');
  if (!database) throw new Error('db/schema.ts exports no Database interface');
  const databaseType = checker.getDeclaredTypeOfSymbol(database);
  const schema: DeclaredSchema = {};
  for (const table of databaseType.getProperties()) {
    const rowType = checker.getTypeOfSymbolAtLocation(table, source);
    const columns: Record<string, DeclaredColumn> = {};
    for (const column of rowType.getProperties()) {
      const type = checker.getTypeOfSymbolAtLocation(column, source);
      // `ColumnType<…> | null`: each member read through its select type, then flattened.
      const parts = (type.isUnion() ? type.types : [type])
        .map((part) => selectType(checker, part, source))
        .flatMap((part) => (part.isUnion() ? part.types : [part]));
      const nullable = parts.some((part) => part.getFlags() & ts.TypeFlags.Null);
      const kinds = new Set(
        parts.filter((part) => !(part.getFlags() & ts.TypeFlags.Null)).map((part) => kindOf(checker, part)),
      );
      // A union of literals of one kind ('a' | 'b', true | false) is that kind.
      columns[column.name] = {
        kind: kinds.size === 1 ? [...kinds][0]! : `unknown:${checker.typeToString(type)}`,
        nullable,
      };
    }
    schema[table.name] = columns;
  }
  return schema;
}

/** The TypeScript kind a PostgreSQL column reads as, through the type parsers of db/database.ts. */
export function kindOfSqlType(dataType: string, udtName: string): ColumnKind | null {
  switch (dataType) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'numeric':
      return 'number';
    case 'text':
    case 'character varying':
    case 'character':
    case 'date':
    case 'inet':
    case 'uuid':
    case 'xid8': // a 64-bit transaction id (evidence_entries.txid), read as its decimal text
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return 'date';
    case 'jsonb':
    case 'json':
      return 'json';
    case 'bytea':
      return 'bytes';
    case 'ARRAY':
      return udtName === '_text' ? 'string[]' : null;
    default:
      return null;
  }
}
