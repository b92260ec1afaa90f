/** Row types: Sessions, API tokens and the sign-in throttle (module auth). */
import type { Generated } from 'kysely';
import type { Timestamp } from './columns';

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token_hash: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
  failed_sign_ins_before: Generated<number>;
  last_failed_sign_in_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_prefix: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  username: string;
  /** A client address (IPv6 by /64), or '*' for the account over all addresses. */
  client_address: string;
  failures: number;
  last_failure_at: Timestamp | null;
  blocked_until: Timestamp | null;
  failures_since_success: number;
  last_success_at: Timestamp | null;
}
