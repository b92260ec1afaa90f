/**
 * What every module is given: the database, the configuration and the file store. Nothing here
 * names a module, so a module's routes and jobs depend on this kernel, never on app.ts or on
 * each other's internals (a module reaches another through that module's index.ts).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { DatabaseKind } from '../db/database';
import type { Database } from '../db/schema';
import type { FileStore } from '../lib/file-store';

export interface Platform {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Config;
  files: FileStore;
}

/** A job's view of the platform: the same, plus where its messages go. */
export interface JobContext extends Platform {
  log: (message: string) => void;
}
