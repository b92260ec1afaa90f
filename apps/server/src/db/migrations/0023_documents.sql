-- Official documents (issue #14), module documents: the agencies' numbering settings, the number
-- series and every number taken, the documents with their append-only history (an evidence
-- stream per document, `document:<id>`), under NĐ 30/2020/NĐ-CP. A new role, the văn thư
-- ('clerk'), receives, registers, numbers, seals and issues.

ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check
  CHECK (role IN ('citizen', 'receiving_officer', 'specialist', 'leader', 'clerk', 'agency_admin', 'system_admin'));

-- How each agency numbers and marks its documents (Điều 15.1.c; Phụ lục I II.3: the head of the
-- agency decides the abbreviations and the series). Changes are audited (audit_events).
CREATE TABLE document_settings (
  unit_id bigint PRIMARY KEY REFERENCES units (id),
  agency_abbreviation text NOT NULL CHECK (agency_abbreviation ~ '^[[:upper:][:digit:]]{1,15}$'),
  place_name text NOT NULL CHECK (length(place_name) BETWEEN 1 AND 100),
  administrative_series jsonb NOT NULL DEFAULT '{"mode": "single"}',
  unit_abbreviations jsonb NOT NULL DEFAULT '{}',
  advisory_bodies jsonb NOT NULL DEFAULT '[]',
  updated_by bigint NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE document_settings IS 'Per agency (a unit that issues documents): its abbreviation, place name and number series (NĐ 30/2020 Điều 15, Phụ lục I).';
COMMENT ON COLUMN document_settings.unit_id IS 'The agency.';
COMMENT ON COLUMN document_settings.agency_abbreviation IS 'Viết tắt tên cơ quan in ký hiệu (SXD, UBND): capitals and digits.';
COMMENT ON COLUMN document_settings.place_name IS 'Địa danh of the date line ("Tây Ninh, ngày …").';
COMMENT ON COLUMN document_settings.administrative_series IS 'How administrative documents are numbered: {"mode":"single"}, {"mode":"per_kind"} or {"mode":"groups","groups":{name:[kind,…]}}.';
COMMENT ON COLUMN document_settings.unit_abbreviations IS 'Abbreviation of each drafting unit or field for công văn, by unit id: {"<unit id>":"VP"}.';
COMMENT ON COLUMN document_settings.advisory_bodies IS 'Advisory bodies issuing with the agency''s seal, each with its own series: [{"code","name","abbreviation"}].';
COMMENT ON COLUMN document_settings.updated_by IS 'Who last changed the settings; NULL for the seed.';
COMMENT ON COLUMN document_settings.updated_at IS 'When.';

-- The series of an agency's year: the last number taken, locked by the taking transaction until it
-- ends, so numbers never repeat and never skip (a rolled-back taking gives its number back).
CREATE TABLE document_number_counters (
  unit_id bigint NOT NULL REFERENCES units (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  series text COLLATE "C" NOT NULL CHECK (length(series) BETWEEN 1 AND 60),
  last_number integer NOT NULL CHECK (last_number >= 1),
  PRIMARY KEY (unit_id, year, series)
);
COMMENT ON TABLE document_number_counters IS 'Last number of each series of an agency in a calendar year (outgoing series, số đến); from 01 on 1 January.';
COMMENT ON COLUMN document_number_counters.unit_id IS 'The agency.';
COMMENT ON COLUMN document_number_counters.year IS 'Calendar year (Vietnam time).';
COMMENT ON COLUMN document_number_counters.series IS 'The series (hanh-chinh, mat, ban-sao, qppl:<kind>, to-chuc:<body>, den, den-mat…).';
COMMENT ON COLUMN document_number_counters.last_number IS 'The last number taken.';

CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  direction text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  unit_id bigint NOT NULL REFERENCES units (id),
  drafting_unit_id bigint NULL REFERENCES units (id),
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
  urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'very_urgent', 'flash', 'flash_timed')),
  urgency_deadline timestamptz NULL,
  secrecy text NOT NULL DEFAULT 'none' CHECK (secrecy IN ('none', 'confidential', 'secret', 'top_secret')),
  language text NOT NULL DEFAULT 'Tiếng Việt' CHECK (length(language) BETWEEN 1 AND 30),
  page_amount integer NULL CHECK (page_amount BETWEEN 1 AND 999),
  description text NULL CHECK (length(description) <= 500),
  signer_user_id bigint NULL REFERENCES users (id),
  signer_position text NULL CHECK (length(signer_position) <= 100),
  signer_name text NULL CHECK (length(signer_name) <= 50),
  signing_notation text NULL CHECK (signing_notation IN ('TM.', 'Q.', 'KT.', 'TL.', 'TUQ.')),
  advisory_body text NULL CHECK (length(advisory_body) <= 20),
  due_date date NULL,
  answers_document_id bigint NULL REFERENCES documents (id),
  -- Folded from the history (documents/store is the one writer; @tayninh/domain/documents/lifecycle).
  status text NOT NULL,
  version integer NOT NULL DEFAULT 0,
  action_count integer NOT NULL DEFAULT 0,
  series text COLLATE "C" NULL,
  number integer NULL,
  code_number text NULL CHECK (length(code_number) <= 11),
  code_notation text NULL CHECK (length(code_notation) <= 30),
  issued_date date NULL,
  arrival_series text COLLATE "C" NULL,
  arrival_number integer NULL,
  arrival_date date NULL,
  -- An incoming document: who issued it.
  issuer_organ_id text NULL CHECK (length(issuer_organ_id) <= 13),
  issuer_organ_name text NULL CHECK (length(issuer_organ_name) <= 200),
  source_document_id bigint NULL REFERENCES documents (id),
  created_by bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((direction = 'outgoing') = (drafting_unit_id IS NOT NULL))
);
-- A number appears once in its series and year (the year of issued_date / arrival_date).
CREATE UNIQUE INDEX documents_outgoing_number ON documents (unit_id, series, (extract(year FROM issued_date)), number)
  WHERE number IS NOT NULL;
CREATE UNIQUE INDEX documents_arrival_number ON documents (unit_id, arrival_series, (extract(year FROM arrival_date)), arrival_number)
  WHERE arrival_number IS NOT NULL;
CREATE INDEX documents_register ON documents (unit_id, direction, created_at DESC);
CREATE INDEX documents_source ON documents (source_document_id) WHERE source_document_id IS NOT NULL;
COMMENT ON TABLE documents IS 'Official documents, outgoing (văn bản đi) and incoming (văn bản đến), with the metadata of NĐ 30/2020 Phụ lục VI; status and numbers are folded from document_actions.';
COMMENT ON COLUMN documents.id IS 'Internal identifier.';
COMMENT ON COLUMN documents.direction IS 'outgoing: drafted and issued by unit_id; incoming: received by unit_id.';
COMMENT ON COLUMN documents.unit_id IS 'The agency whose registers hold it (issuing agency for outgoing, receiving agency for incoming).';
COMMENT ON COLUMN documents.drafting_unit_id IS 'The unit that drafts it (outgoing only): its head checks the content.';
COMMENT ON COLUMN documents.kind IS 'Kind of document (@tayninh/domain/documents/types, DOCUMENT_KINDS code).';
COMMENT ON COLUMN documents.subject IS 'Trích yếu nội dung (Subject, ≤ 500).';
COMMENT ON COLUMN documents.urgency IS 'Độ khẩn: normal, urgent (khẩn), very_urgent (thượng khẩn), flash (hỏa tốc), flash_timed (hỏa tốc hẹn giờ).';
COMMENT ON COLUMN documents.urgency_deadline IS 'For hỏa tốc hẹn giờ: the time by which it must arrive.';
COMMENT ON COLUMN documents.secrecy IS 'Độ mật: none, confidential (mật), secret (tối mật), top_secret (tuyệt mật). A secret document never travels electronically.';
COMMENT ON COLUMN documents.language IS 'Ngôn ngữ (Language, ≤ 30).';
COMMENT ON COLUMN documents.page_amount IS 'Số trang (PageAmount).';
COMMENT ON COLUMN documents.description IS 'Ghi chú (Description, ≤ 500).';
COMMENT ON COLUMN documents.signer_user_id IS 'The competent person who signs (outgoing).';
COMMENT ON COLUMN documents.signer_position IS 'Chức vụ of the signer as printed (SignerInfo.Position, ≤ 100).';
COMMENT ON COLUMN documents.signer_name IS 'Họ tên of the signer as printed (SignerInfo.FullName, ≤ 50).';
COMMENT ON COLUMN documents.signing_notation IS 'Thẩm quyền ký: TM., Q., KT., TL., TUQ.; NULL when the head signs.';
COMMENT ON COLUMN documents.advisory_body IS 'Code of the advisory body issuing it (its own series), NULL for the agency itself.';
COMMENT ON COLUMN documents.due_date IS 'Outgoing: the date a reply is due (DueDate); incoming: the deadline for resolving it.';
COMMENT ON COLUMN documents.answers_document_id IS 'The document this one answers (an incoming document of the same agency).';
COMMENT ON COLUMN documents.status IS 'Status folded from the history (lifecycle.ts).';
COMMENT ON COLUMN documents.version IS 'Current draft version (outgoing).';
COMMENT ON COLUMN documents.action_count IS 'Number of history entries (optimistic concurrency).';
COMMENT ON COLUMN documents.series IS 'Outgoing series it was numbered in.';
COMMENT ON COLUMN documents.number IS 'Its number in that series and year.';
COMMENT ON COLUMN documents.code_number IS 'Số as printed (CodeNumber, ≤ 11; 05, or 03/2025 for a legal-normative document).';
COMMENT ON COLUMN documents.code_notation IS 'Ký hiệu (CodeNotation, ≤ 30: QĐ-SXD, SXD-VP).';
COMMENT ON COLUMN documents.issued_date IS 'Ngày ban hành (IssuedDate), Vietnam date.';
COMMENT ON COLUMN documents.arrival_series IS 'Incoming: the series of its số đến (den, den-mat).';
COMMENT ON COLUMN documents.arrival_number IS 'Incoming: số đến (ArrivalNumber).';
COMMENT ON COLUMN documents.arrival_date IS 'Incoming: ngày đến (ArrivalDate), Vietnam date.';
COMMENT ON COLUMN documents.issuer_organ_id IS 'Incoming: the issuing agency''s identifier code (OrganId, ≤ 13).';
COMMENT ON COLUMN documents.issuer_organ_name IS 'Incoming: the issuing agency''s name (OrganName, ≤ 200).';
COMMENT ON COLUMN documents.source_document_id IS 'Incoming from inside this deployment: the outgoing document it is a copy of.';
COMMENT ON COLUMN documents.created_by IS 'Who drafted or received it.';
COMMENT ON COLUMN documents.created_at IS 'When.';
COMMENT ON COLUMN documents.updated_at IS 'Last change.';

-- Every number taken, used or cancelled (a cancelled one is recorded, never given again).
CREATE TABLE document_numbers (
  unit_id bigint NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  series text COLLATE "C" NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  document_id bigint NULL REFERENCES documents (id),
  state text NOT NULL CHECK (state IN ('used', 'cancelled')),
  reason text NULL CHECK (length(reason) <= 500),
  taken_by bigint NOT NULL REFERENCES users (id),
  taken_at timestamptz NOT NULL,
  PRIMARY KEY (unit_id, year, series, number),
  CHECK (state = 'cancelled' OR document_id IS NOT NULL),
  CHECK (state = 'used' OR reason IS NOT NULL)
);
CREATE TRIGGER document_numbers_append_only BEFORE UPDATE OR DELETE ON document_numbers
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();
COMMENT ON TABLE document_numbers IS 'Each number taken in a series: given to a document, or cancelled with a reason (never reused). Append-only; with document_number_counters, numbers have no gaps.';
COMMENT ON COLUMN document_numbers.unit_id IS 'The agency.';
COMMENT ON COLUMN document_numbers.year IS 'Calendar year.';
COMMENT ON COLUMN document_numbers.series IS 'The series.';
COMMENT ON COLUMN document_numbers.number IS 'The number.';
COMMENT ON COLUMN document_numbers.document_id IS 'The document that took it; NULL for a cancelled reservation.';
COMMENT ON COLUMN document_numbers.state IS 'used or cancelled.';
COMMENT ON COLUMN document_numbers.reason IS 'Why a reserved number was cancelled.';
COMMENT ON COLUMN document_numbers.taken_by IS 'Who took it (the văn thư).';
COMMENT ON COLUMN document_numbers.taken_at IS 'When.';

CREATE TABLE document_actions (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  seq integer NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  actor_user_id bigint NULL REFERENCES users (id),
  actor_unit_id bigint NULL REFERENCES units (id),
  reason text NULL,
  payload jsonb NOT NULL,
  idempotency_key text NULL,
  chain_stream text COLLATE "C" NOT NULL,
  chain_seq bigint NOT NULL,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL,
  UNIQUE (document_id, seq),
  UNIQUE (document_id, idempotency_key)
);
CREATE UNIQUE INDEX document_actions_chain ON document_actions (chain_stream, chain_seq);
CREATE TRIGGER document_actions_append_only BEFORE UPDATE OR DELETE ON document_actions
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();
CREATE TRIGGER document_actions_no_truncate BEFORE TRUNCATE ON document_actions
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_change();
REVOKE UPDATE, DELETE, TRUNCATE ON document_actions, document_numbers FROM PUBLIC;
COMMENT ON TABLE document_actions IS 'Append-only history of each document: who did what, when and why (views included). Status is folded from it; each document is one evidence stream.';
COMMENT ON COLUMN document_actions.id IS 'Internal identifier.';
COMMENT ON COLUMN document_actions.document_id IS 'The document.';
COMMENT ON COLUMN document_actions.seq IS 'Position in the document''s history, 1, 2, …';
COMMENT ON COLUMN document_actions.type IS 'Event type (lifecycle.ts DOCUMENT_EVENT_TYPES).';
COMMENT ON COLUMN document_actions.at IS 'When.';
COMMENT ON COLUMN document_actions.actor_user_id IS 'Who; NULL for the system.';
COMMENT ON COLUMN document_actions.actor_unit_id IS 'For which unit they acted.';
COMMENT ON COLUMN document_actions.reason IS 'Reason or opinion given.';
COMMENT ON COLUMN document_actions.payload IS 'The event as lifecycle.ts defines it.';
COMMENT ON COLUMN document_actions.idempotency_key IS 'Client key of the request (a retry returns the first result).';
COMMENT ON COLUMN document_actions.chain_stream IS 'document:<document_id>.';
COMMENT ON COLUMN document_actions.chain_seq IS 'Position in its stream (equals seq).';
COMMENT ON COLUMN document_actions.prev_hash IS 'hash of the previous entry of the stream (32 zero bytes for the first).';
COMMENT ON COLUMN document_actions.hash IS 'SHA-256 of prev_hash and the canonical serialisation of the entry (modules/audit/chain.ts); set by trigger.';

CREATE FUNCTION document_actions_chain_content(a document_actions) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT history_chain_field('table', 'document_actions')
    || history_chain_stream_field(a.chain_stream)
    || history_chain_field('chain_seq', a.chain_seq::text)
    || history_chain_field('id', a.id::text)
    || history_chain_field('document_id', a.document_id::text)
    || history_chain_field('seq', a.seq::text)
    || history_chain_field('type', a.type)
    || history_chain_field('at', history_chain_time(a.at))
    || history_chain_field('actor_user_id', a.actor_user_id::text)
    || history_chain_field('actor_unit_id', a.actor_unit_id::text)
    || history_chain_field('reason', a.reason)
    || history_chain_field('payload', a.payload::text)
    || history_chain_field('idempotency_key', a.idempotency_key)
$$;
COMMENT ON FUNCTION document_actions_chain_content(document_actions) IS 'Canonical serialisation of a document action for its hash (same field list as modules/audit/chain.ts).';

ALTER TABLE evidence_entries DROP CONSTRAINT evidence_entries_source_check;
ALTER TABLE evidence_entries ADD CONSTRAINT evidence_entries_source_check
  CHECK (source IN ('audit_events', 'dossier_actions', 'document_actions'));

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
  ELSIF TG_TABLE_NAME = 'document_actions' THEN
    NEW.chain_stream := 'document:' || NEW.document_id;
  ELSE
    RAISE EXCEPTION 'history_chain_append: no chain for table %', TG_TABLE_NAME;
  END IF;
  -- Held to commit; only writers of the same stream wait (for a dossier or a document, its row
  -- is already locked by the use case, so this costs nothing more).
  PERFORM pg_advisory_xact_lock(hashtextextended(NEW.chain_stream, 720021));
  IF TG_TABLE_NAME = 'audit_events' THEN
    SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_events
      WHERE chain_stream = NEW.chain_stream ORDER BY chain_seq DESC LIMIT 1;
  ELSIF TG_TABLE_NAME = 'dossier_actions' THEN
    SELECT chain_seq, hash INTO last_seq, last_hash FROM dossier_actions
      WHERE chain_stream = NEW.chain_stream ORDER BY chain_seq DESC LIMIT 1;
  ELSE
    SELECT chain_seq, hash INTO last_seq, last_hash FROM document_actions
      WHERE chain_stream = NEW.chain_stream ORDER BY chain_seq DESC LIMIT 1;
  END IF;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  IF TG_TABLE_NAME = 'audit_events' THEN
    NEW.hash := sha256(NEW.prev_hash || convert_to(audit_events_chain_content(NEW), 'UTF8'));
  ELSIF TG_TABLE_NAME = 'dossier_actions' THEN
    NEW.hash := sha256(NEW.prev_hash || convert_to(dossier_actions_chain_content(NEW), 'UTF8'));
  ELSE
    NEW.hash := sha256(NEW.prev_hash || convert_to(document_actions_chain_content(NEW), 'UTF8'));
  END IF;
  INSERT INTO evidence_entries (source, source_id, stream, stream_seq, hash)
    VALUES (TG_TABLE_NAME, NEW.id, NEW.chain_stream, NEW.chain_seq, NEW.hash);
  RETURN NEW;
END;
$$;
CREATE TRIGGER zz_document_actions_chain BEFORE INSERT ON document_actions
  FOR EACH ROW EXECUTE FUNCTION history_chain_append();

-- The published view of document actions (the evidence log's proofs find entries through it).
CREATE VIEW document_actions_view AS
  SELECT id, document_id, seq, type, at, actor_user_id, actor_unit_id, chain_stream FROM document_actions;
COMMENT ON VIEW document_actions_view IS 'Published by documents: each history entry''s document and stream, without its payload.';
