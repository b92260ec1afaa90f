-- Statistics rollups for Biểu 06/VPCP/KSTT: per unit and Vietnam calendar day, what happened that
-- day (flows) and what was still open at its end (snapshot). Closed days are materialised by a
-- job (modules/stats/rollup.ts); the report adds the days not rolled up yet from live queries.
--
-- Freshness: `stats_rollup_state.rolled_through` is the last day whose rows are valid. Any write
-- to dossiers or to the supplement history that changes an already rolled-up day moves it back
-- (triggers below), so the report never reads a stale row. Writers take a shared advisory lock
-- (statement trigger); the job takes it exclusively only for the short claim and finish steps,
-- so a write is either seen by the job's computation or recorded in `dirty_from`.

CREATE TABLE stats_daily (
  unit_id bigint NOT NULL REFERENCES units (id),
  day date NOT NULL,
  received_online integer NOT NULL,
  received_counter_or_post integer NOT NULL,
  resolved_early integer NOT NULL,
  resolved_on_time integer NOT NULL,
  resolved_late integer NOT NULL,
  withdrawn_or_stopped integer NOT NULL,
  open_at_end integer NOT NULL,
  open_within_time_at_end integer NOT NULL,
  PRIMARY KEY (unit_id, day)
);
COMMENT ON TABLE stats_daily IS 'Biểu 06 rollup: one row per handling unit and Vietnam calendar day on which something changed (a day without a row keeps the snapshot of the previous row). Valid only up to stats_rollup_state.rolled_through.';
COMMENT ON COLUMN stats_daily.unit_id IS 'Handling unit (cơ quan chủ trì giải quyết) of the dossiers counted.';
COMMENT ON COLUMN stats_daily.day IS 'Calendar day in Vietnam time (UTC+7).';
COMMENT ON COLUMN stats_daily.received_online IS 'Dossiers received (tiếp nhận) that day, submitted online.';
COMMENT ON COLUMN stats_daily.received_counter_or_post IS 'Dossiers received that day at the counter or by post.';
COMMENT ON COLUMN stats_daily.resolved_early IS 'Dossiers resolved that day on a day before their appointment day (trước hạn).';
COMMENT ON COLUMN stats_daily.resolved_on_time IS 'Dossiers resolved that day on their appointment day, not after its time (đúng hạn).';
COMMENT ON COLUMN stats_daily.resolved_late IS 'Dossiers resolved that day after their appointment (quá hạn).';
COMMENT ON COLUMN stats_daily.withdrawn_or_stopped IS 'Received dossiers withdrawn by the applicant or stopped that day.';
COMMENT ON COLUMN stats_daily.open_at_end IS 'Received dossiers still being resolved at the end of the day (đang giải quyết).';
COMMENT ON COLUMN stats_daily.open_within_time_at_end IS 'Of those, the ones within time at the end of the day: appointment in force not passed, or waiting for the applicant''s supplement.';

CREATE TABLE stats_rollup_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  rolled_through date NULL,
  claimed_through date NULL,
  claimed_at timestamptz NULL,
  dirty_from date NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO stats_rollup_state (id) VALUES (true);
COMMENT ON TABLE stats_rollup_state IS 'Progress of the statistics rollup (a single row).';
COMMENT ON COLUMN stats_rollup_state.id IS 'Always true: there is one row.';
COMMENT ON COLUMN stats_rollup_state.rolled_through IS 'Last Vietnam day whose stats_daily rows are valid; NULL when nothing is rolled up. Later days are computed live.';
COMMENT ON COLUMN stats_rollup_state.claimed_through IS 'Last day of the rollup run in progress, if any.';
COMMENT ON COLUMN stats_rollup_state.claimed_at IS 'When the run in progress started (a run older than an hour is considered dead).';
COMMENT ON COLUMN stats_rollup_state.dirty_from IS 'Earliest day changed by a write during the run in progress; the run does not validate that day or later.';
COMMENT ON COLUMN stats_rollup_state.updated_at IS 'Last change of this row.';

-- Live parts of the report and incremental rollups read recent receipts, completions and the
-- dossiers still open; the supplement history gives the state of a dossier at the end of a day.
CREATE INDEX dossiers_received_at ON dossiers (received_at) WHERE received_at IS NOT NULL;
CREATE INDEX dossiers_completed_at ON dossiers (completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX dossiers_open ON dossiers (handling_unit_id, received_at) WHERE completed_at IS NULL AND received_at IS NOT NULL;
CREATE INDEX dossier_actions_supplements ON dossier_actions (dossier_id, seq) WHERE type IN ('supplement_requested', 'supplemented');

CREATE FUNCTION stats_rollup_write_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(720009);
  RETURN NULL;
END;
$$;
COMMENT ON FUNCTION stats_rollup_write_lock() IS 'Statement trigger: writers of dossiers and their history hold the rollup lock in shared mode until commit, so the rollup job (exclusive mode) sees every write either in its computation or through stats_rollup_invalidate.';

CREATE FUNCTION stats_rollup_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  earliest timestamptz;
  first_day date;
BEGIN
  IF TG_TABLE_NAME = 'dossier_actions' THEN
    earliest := NEW.at;
  ELSIF TG_OP = 'INSERT' THEN
    earliest := NEW.received_at;
  ELSIF TG_OP = 'DELETE' THEN
    earliest := OLD.received_at;
  ELSE
    IF OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.channel IS DISTINCT FROM NEW.channel
       OR OLD.handling_unit_id IS DISTINCT FROM NEW.handling_unit_id THEN
      earliest := least(OLD.received_at, NEW.received_at);
    END IF;
    IF OLD.completed_at IS DISTINCT FROM NEW.completed_at
       OR (OLD.status IN ('withdrawn', 'stopped')) IS DISTINCT FROM (NEW.status IN ('withdrawn', 'stopped')) THEN
      earliest := least(earliest, OLD.completed_at, NEW.completed_at);
    END IF;
    IF OLD.original_due_at IS DISTINCT FROM NEW.original_due_at THEN
      earliest := least(earliest, OLD.original_due_at, NEW.original_due_at, OLD.completed_at, NEW.completed_at);
    END IF;
  END IF;
  IF earliest IS NULL THEN
    RETURN NULL;
  END IF;
  first_day := ((earliest AT TIME ZONE 'UTC') + interval '7 hours')::date;
  UPDATE stats_rollup_state SET
    rolled_through = CASE WHEN rolled_through >= first_day THEN first_day - 1 ELSE rolled_through END,
    dirty_from = CASE WHEN claimed_through >= first_day THEN least(dirty_from, first_day) ELSE dirty_from END,
    updated_at = now()
  WHERE rolled_through >= first_day OR claimed_through >= first_day;
  RETURN NULL;
END;
$$;
COMMENT ON FUNCTION stats_rollup_invalidate() IS 'Row trigger: a write that changes a day already rolled up (or being rolled up) moves stats_rollup_state back before that day.';

CREATE TRIGGER dossiers_stats_lock BEFORE INSERT OR UPDATE OR DELETE ON dossiers
  FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_write_lock();
CREATE TRIGGER dossiers_stats_insert AFTER INSERT ON dossiers
  FOR EACH ROW WHEN (NEW.received_at IS NOT NULL) EXECUTE FUNCTION stats_rollup_invalidate();
CREATE TRIGGER dossiers_stats_delete AFTER DELETE ON dossiers
  FOR EACH ROW WHEN (OLD.received_at IS NOT NULL) EXECUTE FUNCTION stats_rollup_invalidate();
CREATE TRIGGER dossiers_stats_update AFTER UPDATE ON dossiers
  FOR EACH ROW WHEN (
    OLD.received_at IS DISTINCT FROM NEW.received_at
    OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
    OR OLD.original_due_at IS DISTINCT FROM NEW.original_due_at
    OR OLD.channel IS DISTINCT FROM NEW.channel
    OR OLD.handling_unit_id IS DISTINCT FROM NEW.handling_unit_id
    OR (OLD.status IN ('withdrawn', 'stopped')) IS DISTINCT FROM (NEW.status IN ('withdrawn', 'stopped'))
  ) EXECUTE FUNCTION stats_rollup_invalidate();
CREATE TRIGGER dossier_actions_stats_lock BEFORE INSERT ON dossier_actions
  FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_write_lock();
CREATE TRIGGER dossier_actions_stats_insert AFTER INSERT ON dossier_actions
  FOR EACH ROW WHEN (NEW.type IN ('accepted', 'supplement_requested', 'supplemented'))
  EXECUTE FUNCTION stats_rollup_invalidate();
