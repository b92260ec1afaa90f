-- Issue #11, what an outside review found about accounts and signing in.

-- One person, one citizen account: the personal identification number (số định danh cá nhân)
-- is unique among citizens. Officers are not concerned (their identity number, if any, is not
-- what identifies them here). Accounts registered twice while the rule was missing: the oldest
-- account keeps the number, the later ones lose it, each audited, so that the index can be built.
WITH ranked AS (
  SELECT id, identity_number,
    row_number() OVER (PARTITION BY identity_number ORDER BY created_at, id) AS n
  FROM users
  WHERE kind = 'citizen' AND identity_number IS NOT NULL
), cleared AS (
  UPDATE users SET identity_number = NULL, updated_at = now()
  FROM ranked
  WHERE users.id = ranked.id AND ranked.n > 1
  RETURNING users.id, ranked.identity_number
)
INSERT INTO audit_events (actor_user_id, actor_label, action, entity_type, entity_id, reason, before, after)
SELECT NULL, 'system', 'user.identity_cleared', 'user', cleared.id::text,
  'Số định danh cá nhân trùng với một tài khoản công dân đăng ký trước; mỗi người một tài khoản (migration 0013).',
  jsonb_build_object('identityNumberMasked', repeat('•', 8) || right(cleared.identity_number, 4)),
  jsonb_build_object('identityNumberMasked', NULL)
FROM cleared;

CREATE UNIQUE INDEX users_citizen_identity_number ON users (identity_number)
  WHERE kind = 'citizen' AND identity_number IS NOT NULL;
COMMENT ON INDEX users_citizen_identity_number IS 'One citizen account per personal identification number (one person, one account).';

-- Sign-in throttling instead of a lock anyone could trigger (five wrong passwords locked any
-- known account, `admin` included, for 15 minutes): counters per user name and client address,
-- and per user name for all addresses (client_address '*'). See modules/auth/throttle.ts. The old
-- counters are dropped: they are short-lived security state, never backed up.
DELETE FROM login_throttle;
ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_pkey;
ALTER TABLE login_throttle RENAME COLUMN locked_until TO blocked_until;
ALTER TABLE login_throttle
  ADD COLUMN client_address text NOT NULL,
  ADD COLUMN failures_since_success integer NOT NULL DEFAULT 0,
  ADD COLUMN last_success_at timestamptz NULL;
ALTER TABLE login_throttle ADD PRIMARY KEY (username, client_address);
COMMENT ON TABLE login_throttle IS 'Sign-in throttle: failed sign-ins per user name and client address, and per user name over all addresses (client_address ''*''); slows guessing without locking the account.';
COMMENT ON COLUMN login_throttle.username IS 'User name tried (lower case; may not exist, so guessing names is throttled the same way).';
COMMENT ON COLUMN login_throttle.client_address IS 'Client address (IPv6 by its /64 prefix), or ''*'' for the account over all addresses.';
COMMENT ON COLUMN login_throttle.failures IS 'Consecutive failed sign-ins (an attempt counts until its password proves right); forgotten after a day without one.';
COMMENT ON COLUMN login_throttle.last_failure_at IS 'Time of the last failed sign-in.';
COMMENT ON COLUMN login_throttle.blocked_until IS 'No attempt from this address (row ''*'': from addresses that never signed in to the account) before this moment; the wait doubles with each failure past the threshold.';
COMMENT ON COLUMN login_throttle.failures_since_success IS 'Failed sign-ins since the last successful one, however old (row ''*'': what the owner is told after signing in).';
COMMENT ON COLUMN login_throttle.last_success_at IS 'Last successful sign-in from this address: the address is known to the account and not slowed by failures elsewhere.';

-- What the owner is told after signing in: the failed attempts since their previous sign-in.
ALTER TABLE sessions
  ADD COLUMN failed_sign_ins_before integer NOT NULL DEFAULT 0,
  ADD COLUMN last_failed_sign_in_at timestamptz NULL;
COMMENT ON COLUMN sessions.failed_sign_ins_before IS 'Failed sign-ins to the account between the previous successful sign-in and this one (shown to the user).';
COMMENT ON COLUMN sessions.last_failed_sign_in_at IS 'When the last of those failed sign-ins happened; NULL when there was none.';
