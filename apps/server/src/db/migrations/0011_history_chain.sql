-- History that cannot be rewritten (issue #5): both history tables, audit_events (administrative
-- changes) and dossier_actions (each dossier's history), become hash chains.
--
-- One chain per table, computed by a BEFORE INSERT trigger, rather than one unified log: both
-- tables keep their readers and indexes, every writer (the services, the bulk demo seed, raw SQL
-- in tests) is chained without a code change, and the trigger runs in the writing transaction, so
-- an entry and the change it records commit or roll back together.
--
-- Entry n carries chain_seq = n, prev_hash = hash of entry n - 1 (32 zero bytes for n = 1) and
--   hash = sha256(prev_hash || utf8(content))
-- where content is the canonical serialisation of the row below (history_chain_field): one line
-- per field, in a fixed order, `name=~` for NULL or `name=<byte length>:<text>`; timestamps as
-- ISO 8601 UTC with microseconds, jsonb as PostgreSQL prints it (keys in its stable order).
-- apps/server/src/modules/audit/chain.ts computes the same in TypeScript; `npm run audit:verify`
-- recomputes every entry from the stored fields and names the first one that does not match.
--
-- Appends are serialised per chain by a transaction-level advisory lock taken in the trigger and
-- held until commit (720011 audit_events, 720012 dossier_actions): the next writer waits, then
-- reads the committed last entry (READ COMMITTED takes a fresh snapshot per statement in the
-- trigger). Under REPEATABLE READ a writer could read a stale last entry: the UNIQUE index on
-- chain_seq then rejects its insert, so the chain can fail a write but never fork. An advisory lock
-- needs no privilege, so the application role needs only INSERT and SELECT on the logs.
--
-- Protection: the append-only triggers of 0001/0004 reject UPDATE, DELETE and TRUNCATE for every
-- role; in addition UPDATE, DELETE and TRUNCATE are revoked from PUBLIC below, so a non-owner
-- application role (README, "Audit trail") cannot change the logs even without the triggers. The
-- table owner (or a superuser) can still disable the triggers and rewrite rows, and could then
-- recompute the whole chain: the chain makes tampering detectable, not impossible. Keeping a copy of
-- the latest hash outside the database (printed by audit:verify) closes that gap.

CREATE FUNCTION history_chain_field(name text, value text) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT name || '=' || CASE WHEN value IS NULL THEN '~'
    ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END || E'\n'
$$;
COMMENT ON FUNCTION history_chain_field(text, text) IS 'One field of the canonical serialisation of a history entry: name=~ for NULL, name=<UTF-8 byte length>:<text> otherwise, then a newline.';

CREATE FUNCTION history_chain_time(value timestamptz) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;
COMMENT ON FUNCTION history_chain_time(timestamptz) IS 'A timestamp in the canonical serialisation: ISO 8601, UTC, microseconds.';

ALTER TABLE audit_events
  ADD COLUMN chain_seq bigint,
  ADD COLUMN prev_hash bytea,
  ADD COLUMN hash bytea;
COMMENT ON COLUMN audit_events.chain_seq IS 'Position in the hash chain of audit_events, 1, 2, … without gaps (a gap is a deleted entry).';
COMMENT ON COLUMN audit_events.prev_hash IS 'hash of the entry at chain_seq - 1 (32 zero bytes for the first).';
COMMENT ON COLUMN audit_events.hash IS 'SHA-256 of prev_hash followed by the canonical serialisation of this entry (migration 0011); set by trigger.';

ALTER TABLE dossier_actions
  ADD COLUMN chain_seq bigint,
  ADD COLUMN prev_hash bytea,
  ADD COLUMN hash bytea;
COMMENT ON COLUMN dossier_actions.chain_seq IS 'Position in the hash chain of all dossier actions, 1, 2, … without gaps (seq is the position within one dossier).';
COMMENT ON COLUMN dossier_actions.prev_hash IS 'hash of the entry at chain_seq - 1 (32 zero bytes for the first).';
COMMENT ON COLUMN dossier_actions.hash IS 'SHA-256 of prev_hash followed by the canonical serialisation of this entry (migration 0011); set by trigger.';

CREATE FUNCTION audit_events_chain_content(e audit_events) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT history_chain_field('table', 'audit_events')
    || history_chain_field('chain_seq', e.chain_seq::text)
    || history_chain_field('id', e.id::text)
    || history_chain_field('occurred_at', history_chain_time(e.occurred_at))
    || history_chain_field('actor_user_id', e.actor_user_id::text)
    || history_chain_field('actor_label', e.actor_label)
    || history_chain_field('ip_address', e.ip_address)
    || history_chain_field('action', e.action)
    || history_chain_field('entity_type', e.entity_type)
    || history_chain_field('entity_id', e.entity_id)
    || history_chain_field('reason', e.reason)
    || history_chain_field('before', e.before::text)
    || history_chain_field('after', e.after::text)
$$;
COMMENT ON FUNCTION audit_events_chain_content(audit_events) IS 'Canonical serialisation of an audit event for its hash (same field list as modules/audit/chain.ts).';

CREATE FUNCTION dossier_actions_chain_content(a dossier_actions) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT history_chain_field('table', 'dossier_actions')
    || history_chain_field('chain_seq', a.chain_seq::text)
    || history_chain_field('id', a.id::text)
    || history_chain_field('dossier_id', a.dossier_id::text)
    || history_chain_field('seq', a.seq::text)
    || history_chain_field('type', a.type)
    || history_chain_field('at', history_chain_time(a.at))
    || history_chain_field('actor_user_id', a.actor_user_id::text)
    || history_chain_field('actor_unit_id', a.actor_unit_id::text)
    || history_chain_field('reason', a.reason)
    || history_chain_field('payload', a.payload::text)
    || history_chain_field('idempotency_key', a.idempotency_key)
$$;
COMMENT ON FUNCTION dossier_actions_chain_content(dossier_actions) IS 'Canonical serialisation of a dossier action for its hash (same field list as modules/audit/chain.ts).';

-- Existing rows: chained in id order (the order they were written). The append-only triggers are
-- disabled for this one backfill, inside the migration's transaction.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
ALTER TABLE dossier_actions DISABLE TRIGGER dossier_actions_append_only;
DO $$
DECLARE
  e audit_events;
  a dossier_actions;
  n bigint := 0;
  prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
BEGIN
  FOR e IN SELECT * FROM audit_events ORDER BY id LOOP
    n := n + 1;
    e.chain_seq := n;
    e.prev_hash := prev;
    prev := sha256(prev || convert_to(audit_events_chain_content(e), 'UTF8'));
    UPDATE audit_events SET chain_seq = n, prev_hash = e.prev_hash, hash = prev WHERE id = e.id;
  END LOOP;
  n := 0;
  prev := '\x0000000000000000000000000000000000000000000000000000000000000000';
  FOR a IN SELECT * FROM dossier_actions ORDER BY id LOOP
    n := n + 1;
    a.chain_seq := n;
    a.prev_hash := prev;
    prev := sha256(prev || convert_to(dossier_actions_chain_content(a), 'UTF8'));
    UPDATE dossier_actions SET chain_seq = n, prev_hash = a.prev_hash, hash = prev WHERE id = a.id;
  END LOOP;
END;
$$;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
ALTER TABLE dossier_actions ENABLE TRIGGER dossier_actions_append_only;

ALTER TABLE audit_events
  ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL;
ALTER TABLE dossier_actions
  ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_events_chain ON audit_events (chain_seq);
CREATE UNIQUE INDEX dossier_actions_chain ON dossier_actions (chain_seq);

CREATE FUNCTION history_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash bytea;
BEGIN
  -- Whatever the writer supplied for the chain columns is replaced.
  IF TG_TABLE_NAME = 'audit_events' THEN
    PERFORM pg_advisory_xact_lock(720011);
    SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_events ORDER BY chain_seq DESC LIMIT 1;
  ELSIF TG_TABLE_NAME = 'dossier_actions' THEN
    PERFORM pg_advisory_xact_lock(720012);
    SELECT chain_seq, hash INTO last_seq, last_hash FROM dossier_actions ORDER BY chain_seq DESC LIMIT 1;
  ELSE
    RAISE EXCEPTION 'history_chain_append: no chain for table %', TG_TABLE_NAME;
  END IF;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  IF TG_TABLE_NAME = 'audit_events' THEN
    NEW.hash := sha256(NEW.prev_hash || convert_to(audit_events_chain_content(NEW), 'UTF8'));
  ELSE
    NEW.hash := sha256(NEW.prev_hash || convert_to(dossier_actions_chain_content(NEW), 'UTF8'));
  END IF;
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION history_chain_append() IS 'BEFORE INSERT row trigger of audit_events and dossier_actions: under the chain''s advisory lock (held to commit), links the new entry to the last one and sets its hash.';

-- Named to sort after every other BEFORE INSERT row trigger, so the hash covers the final row.
CREATE TRIGGER zz_audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION history_chain_append();
CREATE TRIGGER zz_dossier_actions_chain BEFORE INSERT ON dossier_actions
  FOR EACH ROW EXECUTE FUNCTION history_chain_append();

-- No role but the owner may change the logs: PUBLIC, and any role granted those privileges
-- before this migration (an application role created by the DBA). A later GRANT would add them
-- back; README, "Audit trail", lists the grants an application role needs.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, dossier_actions FROM PUBLIC;
DO $$
DECLARE
  g record;
BEGIN
  FOR g IN
    SELECT DISTINCT p.grantee, p.table_name
    FROM information_schema.role_table_grants p
    JOIN pg_class c ON c.relname = p.table_name AND c.relnamespace = current_schema()::regnamespace
    WHERE p.table_schema = current_schema()
      AND p.table_name IN ('audit_events', 'dossier_actions')
      AND p.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
      AND p.grantee <> pg_get_userbyid(c.relowner)
      AND p.grantee <> 'PUBLIC'
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %I', g.table_name, g.grantee);
  END LOOP;
END;
$$;
