/** Row types: Statistics rollups (module stats). */
import type { Generated } from 'kysely';
import type { Timestamp, DateOnly } from './columns';

export interface StatsDailyTable {
  unit_id: number;
  day: DateOnly;
  received_online: number;
  received_counter_or_post: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  withdrawn_or_stopped: number;
  open_at_end: number;
  open_within_time_at_end: number;
}

export interface StatsRollupStateTable {
  id: Generated<boolean>;
  rolled_through: DateOnly | null;
  claimed_through: DateOnly | null;
  claimed_at: Timestamp | null;
  dirty_from: DateOnly | null;
  updated_at: Generated<Date>;
}
