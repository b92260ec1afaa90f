/** Row types: The audit log. */
import type { Generated } from 'kysely';
import type { Json } from './columns';

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Generated<Date>;
  actor_user_id: number | null;
  actor_label: string;
  ip_address: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  reason: string | null;
  before: Json<object> | null;
  after: Json<object> | null;
  /** Hash chain (migration 0011), set by trigger: position, previous entry's hash, own hash. */
  chain_seq: Generated<number>;
  prev_hash: Generated<Uint8Array>;
  hash: Generated<Uint8Array>;
}
