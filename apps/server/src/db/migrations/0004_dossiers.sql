-- One-stop shop: dossiers (hồ sơ), their append-only action history, and dossier codes.

CREATE TABLE dossiers (
  id bigserial PRIMARY KEY,
  code text NULL UNIQUE CHECK (code ~ '^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}$'),
  procedure_version_id bigint NOT NULL REFERENCES procedure_versions (id),
  procedure_code text NOT NULL,
  receiving_unit_id bigint NOT NULL REFERENCES units (id),
  handling_unit_id bigint NOT NULL REFERENCES units (id),
  applicant_user_id bigint NULL REFERENCES users (id),
  applicant jsonb NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'counter', 'post')),
  form_data jsonb NOT NULL,
  status text NOT NULL,
  submitted_at timestamptz NULL,
  received_at timestamptz NULL,
  due_at timestamptz NULL,
  original_due_at timestamptz NULL,
  completed_at timestamptz NULL,
  assignee_id bigint NULL REFERENCES users (id),
  created_by bigint NOT NULL REFERENCES users (id),
  idempotency_key text NULL,
  action_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (created_by, idempotency_key)
);
CREATE INDEX dossiers_applicant ON dossiers (applicant_user_id, created_at DESC);
CREATE INDEX dossiers_receiving_status ON dossiers (receiving_unit_id, status, due_at);
CREATE INDEX dossiers_handling_status ON dossiers (handling_unit_id, status, due_at);
COMMENT ON TABLE dossiers IS 'Dossiers (hồ sơ TTHC). The truth is the action history (dossier_actions); status and dates here are its projection, written in the same transaction, for queues and statistics.';
COMMENT ON COLUMN dossiers.id IS 'Internal identifier.';
COMMENT ON COLUMN dossiers.code IS 'Dossier code <receiving agency code>-YYMMDD-NNNN (TT 01/2018 Điều 19), given at submission; NULL for drafts.';
COMMENT ON COLUMN dossiers.procedure_version_id IS 'Procedure version the dossier was submitted under (kept when the catalogue changes).';
COMMENT ON COLUMN dossiers.procedure_code IS 'Procedure code (mã TTHC), copied for lookups.';
COMMENT ON COLUMN dossiers.receiving_unit_id IS 'One-stop shop that receives the dossier and returns the result.';
COMMENT ON COLUMN dossiers.handling_unit_id IS 'Agency that resolves the dossier (cơ quan chủ trì giải quyết).';
COMMENT ON COLUMN dossiers.applicant_user_id IS 'Citizen account of the applicant; NULL for counter dossiers of people without an account.';
COMMENT ON COLUMN dossiers.applicant IS 'Applicant as declared: fullName, identityNumber, phone, email, address (personal data).';
COMMENT ON COLUMN dossiers.channel IS 'How it was submitted: online, counter (trực tiếp) or post (bưu chính).';
COMMENT ON COLUMN dossiers.form_data IS 'Application form data, valid against the procedure version''s form schema.';
COMMENT ON COLUMN dossiers.status IS 'Current status, folded from the action history.';
COMMENT ON COLUMN dossiers.submitted_at IS 'When the dossier entered the one-stop system (code assigned).';
COMMENT ON COLUMN dossiers.received_at IS 'When it was accepted (tiếp nhận): the clock starts here.';
COMMENT ON COLUMN dossiers.due_at IS 'Appointment in force (after an apology, the new one).';
COMMENT ON COLUMN dossiers.original_due_at IS 'Appointment given at receipt, kept for statistics.';
COMMENT ON COLUMN dossiers.completed_at IS 'When the dossier was resolved (approved or rejected), refused, withdrawn or stopped.';
COMMENT ON COLUMN dossiers.assignee_id IS 'Specialist currently handling it.';
COMMENT ON COLUMN dossiers.created_by IS 'User who created it (the citizen online, the officer at the counter).';
COMMENT ON COLUMN dossiers.idempotency_key IS 'Client key of the creating request: a retried submission returns the same dossier.';
COMMENT ON COLUMN dossiers.action_count IS 'Number of actions in the history (optimistic concurrency check).';
COMMENT ON COLUMN dossiers.created_at IS 'When the row was created (a draft may be older than its submission).';
COMMENT ON COLUMN dossiers.updated_at IS 'When the projection was last updated.';

CREATE TABLE dossier_actions (
  id bigserial PRIMARY KEY,
  dossier_id bigint NOT NULL REFERENCES dossiers (id),
  seq integer NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  actor_user_id bigint NULL REFERENCES users (id),
  actor_unit_id bigint NULL REFERENCES units (id),
  reason text NULL,
  payload jsonb NOT NULL,
  idempotency_key text NULL,
  UNIQUE (dossier_id, seq),
  UNIQUE (dossier_id, idempotency_key)
);
CREATE TRIGGER dossier_actions_append_only BEFORE UPDATE OR DELETE ON dossier_actions
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();
CREATE TRIGGER dossier_actions_no_truncate BEFORE TRUNCATE ON dossier_actions
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_change();
COMMENT ON TABLE dossier_actions IS 'Append-only history of each dossier: who did what, when and why. Status is derived from it.';
COMMENT ON COLUMN dossier_actions.id IS 'Internal identifier.';
COMMENT ON COLUMN dossier_actions.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_actions.seq IS 'Position in the dossier''s history, 1, 2, …';
COMMENT ON COLUMN dossier_actions.type IS 'Action type (submitted, accepted, supplement_requested, …; see modules/dossiers/lifecycle.ts).';
COMMENT ON COLUMN dossier_actions.at IS 'When it happened.';
COMMENT ON COLUMN dossier_actions.actor_user_id IS 'Who did it; NULL for the system.';
COMMENT ON COLUMN dossier_actions.actor_unit_id IS 'Unit the actor acted for.';
COMMENT ON COLUMN dossier_actions.reason IS 'Reason or note given (lý do).';
COMMENT ON COLUMN dossier_actions.payload IS 'The action as folded by the lifecycle (dates, items, task ids).';
COMMENT ON COLUMN dossier_actions.idempotency_key IS 'Client key: a retried action is not applied twice.';

CREATE TABLE dossier_code_counters (
  agency_code text NOT NULL,
  day date NOT NULL,
  last_number integer NOT NULL CHECK (last_number BETWEEN 1 AND 9999),
  PRIMARY KEY (agency_code, day)
);
COMMENT ON TABLE dossier_code_counters IS 'Daily dossier sequence per receiving agency; incremented in the submitting transaction, so numbers have no gaps and no duplicates.';
COMMENT ON COLUMN dossier_code_counters.agency_code IS 'Receiving agency identifier code.';
COMMENT ON COLUMN dossier_code_counters.day IS 'Receipt date in Vietnam time.';
COMMENT ON COLUMN dossier_code_counters.last_number IS 'Last number given that day (at most 9999, TT 01/2018).';
