/**
 * Row types of the kernel's own tables (migration 0018): job runs, shared counters and cache
 * revisions. Kept apart from schema.ts so that the kernel's tables are found with its code.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  instance: string;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  outcome: 'done' | 'failed' | null;
  detail: string | null;
}

export interface SharedCountersTable {
  key: string;
  count: number;
  expires_at: Timestamp;
}

export interface CacheRevisionsTable {
  name: string;
  revision: Generated<number>;
}

export interface PlatformTables {
  job_runs: JobRunsTable;
  shared_counters: SharedCountersTable;
  cache_revisions: CacheRevisionsTable;
}
