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
  /** Hash chain (migrations 0011, 0021), set by trigger: stream, position in it, previous hash, own hash. */
  chain_stream: Generated<string>;
  chain_seq: Generated<number>;
  prev_hash: Generated<Uint8Array>;
  hash: Generated<Uint8Array>;
}
