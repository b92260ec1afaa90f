-- Several server instances on one database (issue 12): what was per process becomes shared.
-- job_runs: the runs of exclusive background jobs (platform/jobs.ts), one instance at a time.
-- shared_counters: fixed-window counters (platform/counters.ts) for rate limits when no Redis.
-- cache_revisions: a number bumped by triggers whenever cached tables change, so that every
-- instance's cache notices another instance's write with one cheap read.

CREATE TABLE job_runs (
  id bigserial PRIMARY KEY,
  job text NOT NULL,
  instance text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz NULL,
  outcome text NULL CHECK (outcome IN ('done', 'failed')),
  detail text NULL
);
CREATE INDEX job_runs_job ON job_runs (job, started_at);
COMMENT ON TABLE job_runs IS 'Runs of exclusive background jobs (statistics rollup…) that did work or were cut short; a run holds the job''s transaction-level lock, so no two overlap.';
COMMENT ON COLUMN job_runs.id IS 'Identifier.';
COMMENT ON COLUMN job_runs.job IS 'Job name (JobDefinition.name), e.g. stats-rollup.';
COMMENT ON COLUMN job_runs.instance IS 'Server instance that ran it: host name and process id.';
COMMENT ON COLUMN job_runs.started_at IS 'When the run took the job''s lock.';
COMMENT ON COLUMN job_runs.finished_at IS 'When it ended; null when its process died during the run (the lock died with it).';
COMMENT ON COLUMN job_runs.outcome IS 'done | failed; null while running or when its process died.';
COMMENT ON COLUMN job_runs.detail IS 'What the run did, or its error.';

CREATE TABLE shared_counters (
  key text PRIMARY KEY,
  count integer NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX shared_counters_expiry ON shared_counters (expires_at);
COMMENT ON TABLE shared_counters IS 'Fixed-window counters shared by every server instance (request rate limits) when REDIS_URL is not set.';
COMMENT ON COLUMN shared_counters.key IS 'What is counted, e.g. rate:POST /api/auth/login:203.0.113.5.';
COMMENT ON COLUMN shared_counters.count IS 'Hits in the current window.';
COMMENT ON COLUMN shared_counters.expires_at IS 'End of the current window; the next hit after it starts a new one.';

CREATE TABLE cache_revisions (
  name text PRIMARY KEY,
  revision bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE cache_revisions IS 'A revision per cached data set, bumped by triggers on its tables: a cache is valid while the revision it was built at is current.';
COMMENT ON COLUMN cache_revisions.name IS 'Data set, e.g. calendar (calendar_years, calendar_days, settings).';
COMMENT ON COLUMN cache_revisions.revision IS 'Incremented by every statement that changes the data set.';

INSERT INTO cache_revisions (name) VALUES ('calendar');

CREATE FUNCTION bump_cache_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cache_revisions SET revision = revision + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END $$;

CREATE TRIGGER calendar_years_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_years
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('calendar');
CREATE TRIGGER calendar_days_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('calendar');
CREATE TRIGGER settings_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_revision('calendar');
