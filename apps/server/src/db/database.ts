/**
 * Opens the database: a PostgreSQL server when DATABASE_URL is set, otherwise the embedded
 * PGlite in DATA_DIR. Both speak the same SQL and run the same migrations.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockEmbeddedDatabase } from './embedded-lock';
import { PGliteDialect } from './pglite-dialect';
import { preparingPool } from './prepared';
import type { Config } from '../config';
import type { Database } from './schema';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The embedded instance, when embedded (tests dump and clone it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Dates stay `YYYY-MM-DD` strings: a JavaScript Date would shift them by the host's time zone.
pg.types.setTypeParser(DATE_OID, (value: string) => value);
// Identifiers and counts fit in a double; the API speaks JSON numbers.
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));
pg.types.setTypeParser(NUMERIC_OID, (value: string) => Number(value));

/** The kind of each open database, for kernel code given only the Kysely instance. */
const kinds = new WeakMap<object, DatabaseKind>();

/** Whether `db` is the embedded PGlite or a PostgreSQL server (postgres when not opened here). */
export function databaseKind(db: Kysely<Database>): DatabaseKind {
  return kinds.get(db) ?? 'postgres';
}

export interface PostgresOptions {
  url: string;
  /** Schema to work in (tests use one per file); created if missing. */
  schema?: string;
  poolSize?: number;
  /** Prepare repeated statements on each connection (db/prepared.ts); default true. */
  prepared?: boolean;
}

export async function openPostgres(options: PostgresOptions): Promise<DatabaseHandle> {
  if (options.schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists "${options.schema.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
  });
  // An idle connection that the server closes (restart, failover) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', (error) => console.warn(`PostgreSQL idle connection lost: ${error.message}`));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: options.prepared === false ? pool : preparingPool(pool) }),
  });
  kinds.set(db, 'postgres');
  return { db, kind: 'postgres', close: () => db.destroy() };
}

export function pgliteParsers() {
  return {
    [DATE_OID]: (value: string) => value,
    [INT8_OID]: (value: string) => Number(value),
    [NUMERIC_OID]: (value: string) => Number(value),
  };
}

/** Opens the embedded database: in memory without dataDir, else in that folder (one process at a time). */
export async function openPGlite(dataDir: string | undefined, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockEmbeddedDatabase(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      parsers: pgliteParsers(),
      // Trigram indexes for "contains" search (documents; migration 0026).
      extensions: { pg_trgm },
    });
  } catch (error) {
    release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  kinds.set(db, 'pglite');
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      try {
        await db.destroy();
      } finally {
        release();
      }
    },
  };
}

/** Where the embedded database of a configuration lives (DATA_DIR/pglite). */
export function embeddedDatabaseDir(config: Pick<Config, 'dataDir'>): string {
  return resolve(config.dataDir, 'pglite');
}

/**
 * The database the configuration names: PostgreSQL when DATABASE_URL is set, otherwise the
 * embedded one in DATA_DIR (created if missing). The server and every command open it this way.
 */
export function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'databasePreparedStatements'>>,
  options: { poolSize?: number } = {},
): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openPostgres({
        url: config.databaseUrl,
        prepared: config.databasePreparedStatements ?? true,
        ...options,
      })
    : openPGlite(embeddedDatabaseDir(config));
}
