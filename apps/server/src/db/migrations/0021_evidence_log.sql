-- The evidence log (issue #13 §3): the history chains of migration 0011 stop serialising the
-- province. Until now every dossier action waited for the previous one's commit, anywhere in the
-- province, on one advisory lock per table. From here:
--
-- 1. Streams. Each history entry is chained within its stream only: a dossier's history
--    (stream `dossier:<dossier id>`, already locked by the use case that writes it) or the audit of
--    one entity (`audit:<entity type>:<entity id>`). chain_seq is the position in the stream, 1, 2,
--    …; prev_hash the hash of the stream's previous entry (32 zero bytes for the first). The lock
--    the trigger takes is per stream (pg_advisory_xact_lock on the stream name's 64-bit hash), so
--    only writes to the same subject wait for each other. The stream is part of the hashed content.
--    The rows written before this migration keep their global chains, as the two legacy streams
--    `legacy:audit_events` and `legacy:dossier_actions`, hashed exactly as before.
--
-- 2. Entries. Every history row, old and new, has one row in evidence_entries (its stream, position
--    and hash, and the id of the transaction that wrote it), inserted by the same trigger in the
--    same transaction.
--
-- 3. Checkpoints. The sealing job (modules/evidence) appends to one Merkle tree (RFC 6962 hashing;
--    leaf data = the entry's 32-byte hash) every entry whose transaction has ended, in the order
--    (txid, id): an entry is sealed once its txid is below the xmin of the job's snapshot, so an
--    entry committed late is sealed at the next checkpoint, never skipped, and nothing waits. It
--    signs each tree head (CMS, the platform's seal key) and timestamps it (RFC 3161). The existing
--    rows are backfilled below, so the first checkpoint seals the histories written before.
--
-- Leaves and inner nodes are stored as they complete (evidence_leaves, evidence_nodes), so a proof
-- is a handful of index reads. evidence_state holds the job's position in this cluster's
-- transaction ids; it is not backed up (a restore puts its entries under the restore's
-- transaction id and starts the position again: modules/evidence/restore.ts).

-- Streams on the history tables.
ALTER TABLE audit_events ADD COLUMN chain_stream text COLLATE "C" NOT NULL DEFAULT 'legacy:audit_events';
ALTER TABLE audit_events ALTER COLUMN chain_stream DROP DEFAULT;
ALTER TABLE dossier_actions ADD COLUMN chain_stream text COLLATE "C" NOT NULL DEFAULT 'legacy:dossier_actions';
ALTER TABLE dossier_actions ALTER COLUMN chain_stream DROP DEFAULT;
COMMENT ON COLUMN audit_events.chain_stream IS 'The chain this entry belongs to: audit:<entity_type>:<entity_id>, or legacy:audit_events for entries written before migration 0021 (one global chain).';
COMMENT ON COLUMN dossier_actions.chain_stream IS 'The chain this entry belongs to: dossier:<dossier_id>, or legacy:dossier_actions for entries written before migration 0021 (one global chain).';
COMMENT ON COLUMN audit_events.chain_seq IS 'Position in its stream (chain_stream), 1, 2, … without gaps.';
COMMENT ON COLUMN dossier_actions.chain_seq IS 'Position in its stream (chain_stream), 1, 2, … without gaps; equals seq for the stream of a dossier.';
COMMENT ON COLUMN audit_events.prev_hash IS 'hash of the previous entry of the same stream (32 zero bytes for the first).';
COMMENT ON COLUMN dossier_actions.prev_hash IS 'hash of the previous entry of the same stream (32 zero bytes for the first).';
DROP INDEX audit_events_chain;
DROP INDEX dossier_actions_chain;
CREATE UNIQUE INDEX audit_events_chain ON audit_events (chain_stream, chain_seq);
CREATE UNIQUE INDEX dossier_actions_chain ON dossier_actions (chain_stream, chain_seq);

-- The hashed content: as in 0011, with the stream after the table for entries of a stream.
CREATE OR REPLACE FUNCTION history_chain_stream_field(stream text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN stream LIKE 'legacy:%' THEN '' ELSE history_chain_field('stream', stream) END
$$;
COMMENT ON FUNCTION history_chain_stream_field(text) IS 'The stream line of the canonical serialisation: absent for the legacy global chains (their hashes stay as written), stream=<len>:<name> otherwise.';

CREATE OR REPLACE FUNCTION audit_events_chain_content(e audit_events) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT history_chain_field('table', 'audit_events')
    || history_chain_stream_field(e.chain_stream)
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

CREATE OR REPLACE FUNCTION dossier_actions_chain_content(a dossier_actions) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT history_chain_field('table', 'dossier_actions')
    || history_chain_stream_field(a.chain_stream)
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

-- Entries.
CREATE TABLE evidence_entries (
  id bigserial PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('audit_events', 'dossier_actions')),
  source_id bigint NOT NULL,
  stream text COLLATE "C" NOT NULL,
  stream_seq bigint NOT NULL CHECK (stream_seq > 0),
  hash bytea NOT NULL CHECK (octet_length(hash) = 32),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id)
);
CREATE INDEX evidence_entries_sealing ON evidence_entries (txid, id);
COMMENT ON TABLE evidence_entries IS 'One row per history entry of every stream (migration 0021), written by the history tables'' chain trigger in the writing transaction; the sealing job puts them into the Merkle tree. Append-only.';
COMMENT ON COLUMN evidence_entries.id IS 'Internal identifier (the id in GET /api/evidence/entries/:id/proof).';
COMMENT ON COLUMN evidence_entries.source IS 'The history table of the entry.';
COMMENT ON COLUMN evidence_entries.source_id IS 'Its id in that table.';
COMMENT ON COLUMN evidence_entries.stream IS 'Its stream (the chain_stream of the row).';
COMMENT ON COLUMN evidence_entries.stream_seq IS 'Its position in the stream (the chain_seq of the row).';
COMMENT ON COLUMN evidence_entries.hash IS 'The entry''s chain hash (the hash of the row); the Merkle leaf is SHA-256(0x00 || hash).';
COMMENT ON COLUMN evidence_entries.txid IS 'The writing transaction (pg_current_xact_id()): sealed once it is below the xmin of the sealing job''s snapshot, i.e. once that transaction has ended.';
COMMENT ON COLUMN evidence_entries.recorded_at IS 'When the entry was written (start of its transaction), for the commit-to-seal delay.';

-- Checkpoints, leaves and nodes: written by the sealing job only.
CREATE TABLE evidence_checkpoints (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  tree_size bigint NOT NULL CHECK (tree_size > 0),
  root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
  previous_head_hash bytea NOT NULL CHECK (octet_length(previous_head_hash) = 32),
  sealed_at timestamptz NOT NULL,
  head bytea NOT NULL,
  signature bytea NOT NULL,
  signer_fingerprint text NOT NULL,
  timestamp_token bytea NOT NULL,
  timestamp_at timestamptz NOT NULL,
  frontier jsonb NOT NULL,
  entries integer NOT NULL CHECK (entries > 0),
  oldest_recorded_at timestamptz NOT NULL,
  UNIQUE (tree_size)
);
COMMENT ON TABLE evidence_checkpoints IS 'Signed, timestamped heads of the evidence log''s Merkle tree, each chained to the previous one. Append-only.';
COMMENT ON COLUMN evidence_checkpoints.seq IS 'Checkpoint number, 1, 2, … without gaps.';
COMMENT ON COLUMN evidence_checkpoints.tree_size IS 'Leaves in the tree at this checkpoint.';
COMMENT ON COLUMN evidence_checkpoints.root_hash IS 'RFC 6962 root of the tree of tree_size leaves.';
COMMENT ON COLUMN evidence_checkpoints.previous_head_hash IS 'SHA-256 of the previous checkpoint''s head (32 zero bytes for the first).';
COMMENT ON COLUMN evidence_checkpoints.sealed_at IS 'When it was sealed (as in the signed head).';
COMMENT ON COLUMN evidence_checkpoints.head IS 'The tree head that was signed: UTF-8 JSON {log, checkpoint, treeSize, rootHash, sealedAt, previous} (modules/evidence/head.ts).';
COMMENT ON COLUMN evidence_checkpoints.signature IS 'CMS SignedData (DER) encapsulating head, by the platform''s seal key.';
COMMENT ON COLUMN evidence_checkpoints.signer_fingerprint IS 'SHA-256 fingerprint of the seal certificate.';
COMMENT ON COLUMN evidence_checkpoints.timestamp_token IS 'RFC 3161 TimeStampToken (DER ContentInfo) whose message imprint is SHA-256 with hashedMessage = root_hash.';
COMMENT ON COLUMN evidence_checkpoints.timestamp_at IS 'genTime of the token.';
COMMENT ON COLUMN evidence_checkpoints.frontier IS 'The compact range after this checkpoint ({size, hashes}), where the next one resumes.';
COMMENT ON COLUMN evidence_checkpoints.entries IS 'Leaves added by this checkpoint.';
COMMENT ON COLUMN evidence_checkpoints.oldest_recorded_at IS 'recorded_at of the oldest entry it sealed (for the commit-to-seal delay).';

CREATE TABLE evidence_leaves (
  leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
  entry_id bigint NOT NULL UNIQUE REFERENCES evidence_entries (id),
  checkpoint_seq bigint NOT NULL REFERENCES evidence_checkpoints (seq),
  leaf_hash bytea NOT NULL CHECK (octet_length(leaf_hash) = 32)
);
COMMENT ON TABLE evidence_leaves IS 'The Merkle tree''s leaves in order: which entry is leaf n, sealed by which checkpoint. Append-only.';
COMMENT ON COLUMN evidence_leaves.leaf_index IS 'Position in the tree, 0, 1, … without gaps.';
COMMENT ON COLUMN evidence_leaves.entry_id IS 'The entry.';
COMMENT ON COLUMN evidence_leaves.checkpoint_seq IS 'The checkpoint that sealed it.';
COMMENT ON COLUMN evidence_leaves.leaf_hash IS 'SHA-256(0x00 || the entry''s hash) (RFC 6962 leaf hash).';

CREATE TABLE evidence_nodes (
  level smallint NOT NULL CHECK (level > 0),
  node_index bigint NOT NULL CHECK (node_index >= 0),
  hash bytea NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, node_index)
);
COMMENT ON TABLE evidence_nodes IS 'Complete inner nodes of the tree: (level, index) covers leaves index·2^level … (index+1)·2^level − 1. Never change once written.';
COMMENT ON COLUMN evidence_nodes.level IS 'Height above the leaves, 1 and up.';
COMMENT ON COLUMN evidence_nodes.node_index IS 'Position among the nodes of its level, 0 and up.';
COMMENT ON COLUMN evidence_nodes.hash IS 'SHA-256(0x01 || left || right) (RFC 6962 node hash).';

CREATE TABLE evidence_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  sealed_below xid8 NULL
);
INSERT INTO evidence_state (id, sealed_below) VALUES (1, NULL);
COMMENT ON COLUMN evidence_state.id IS 'Always 1 (one row).';
COMMENT ON COLUMN evidence_state.sealed_below IS 'The xmin of the last round''s snapshot: every entry with a lower txid is sealed.';
COMMENT ON TABLE evidence_state IS 'Where the sealing job stands in this cluster: every entry with txid below sealed_below is in the tree. NULL: the first round (after this migration or a restore) seals every entry without a leaf. Not backed up.';

CREATE FUNCTION evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER evidence_entries_append_only BEFORE UPDATE OR DELETE ON evidence_entries
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_entries_no_truncate BEFORE TRUNCATE ON evidence_entries
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_checkpoints_append_only BEFORE UPDATE OR DELETE ON evidence_checkpoints
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_checkpoints_no_truncate BEFORE TRUNCATE ON evidence_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_leaves_append_only BEFORE UPDATE OR DELETE ON evidence_leaves
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_leaves_no_truncate BEFORE TRUNCATE ON evidence_leaves
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_nodes_append_only BEFORE UPDATE OR DELETE ON evidence_nodes
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_nodes_no_truncate BEFORE TRUNCATE ON evidence_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON evidence_entries, evidence_checkpoints, evidence_leaves, evidence_nodes FROM PUBLIC;

-- The existing rows, in their chains' order: audit events, then dossier actions.
INSERT INTO evidence_entries (source, source_id, stream, stream_seq, hash, recorded_at)
  SELECT 'audit_events', id, chain_stream, chain_seq, hash, occurred_at FROM audit_events ORDER BY chain_seq;
INSERT INTO evidence_entries (source, source_id, stream, stream_seq, hash, recorded_at)
  SELECT 'dossier_actions', id, chain_stream, chain_seq, hash, at FROM dossier_actions ORDER BY chain_seq;

-- The chain trigger, per stream.
CREATE OR REPLACE FUNCTION history_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash bytea;
BEGIN
  -- Whatever the writer supplied for the chain columns is replaced.
  IF TG_TABLE_NAME = 'audit_events' THEN
    NEW.chain_stream := 'audit:' || NEW.entity_type || ':' || NEW.entity_id;
  ELSIF TG_TABLE_NAME = 'dossier_actions' THEN
    NEW.chain_stream := 'dossier:' || NEW.dossier_id;
  ELSE
    RAISE EXCEPTION 'history_chain_append: no chain for table %', TG_TABLE_NAME;
  END IF;
  -- Held to commit; only writers of the same stream wait (for a dossier, its row is already
  -- locked by the use case, so this costs nothing more).
  PERFORM pg_advisory_xact_lock(hashtextextended(NEW.chain_stream, 720021));
  IF TG_TABLE_NAME = 'audit_events' THEN
    SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_events
      WHERE chain_stream = NEW.chain_stream ORDER BY chain_seq DESC LIMIT 1;
  ELSE
    SELECT chain_seq, hash INTO last_seq, last_hash FROM dossier_actions
      WHERE chain_stream = NEW.chain_stream ORDER BY chain_seq DESC LIMIT 1;
  END IF;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  IF TG_TABLE_NAME = 'audit_events' THEN
    NEW.hash := sha256(NEW.prev_hash || convert_to(audit_events_chain_content(NEW), 'UTF8'));
  ELSE
    NEW.hash := sha256(NEW.prev_hash || convert_to(dossier_actions_chain_content(NEW), 'UTF8'));
  END IF;
  INSERT INTO evidence_entries (source, source_id, stream, stream_seq, hash)
    VALUES (TG_TABLE_NAME, NEW.id, NEW.chain_stream, NEW.chain_seq, NEW.hash);
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION history_chain_append() IS 'BEFORE INSERT row trigger of audit_events and dossier_actions: under the stream''s advisory lock (held to commit), links the new entry to the last one of its stream, sets its hash and records it in evidence_entries (migration 0021).';

-- The published view of dossier actions names each action's stream too (the evidence log's
-- proofs find a dossier's entries through it).
CREATE OR REPLACE VIEW dossier_actions_view AS
  SELECT id, dossier_id, seq, type, at, actor_user_id, actor_unit_id, payload, chain_stream FROM dossier_actions;
