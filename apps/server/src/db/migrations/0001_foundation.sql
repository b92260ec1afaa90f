-- Foundation: audit log, administrative tree, people and access, working calendar, settings.
-- Every table and column carries a COMMENT; a test fails the build if one is missing.

CREATE FUNCTION reject_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Bảng % chỉ cho phép thêm mới (append-only): thao tác % bị từ chối', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'P0001';
END;
$$;
COMMENT ON FUNCTION reject_history_change() IS 'Trigger function that makes history tables append-only.';

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_user_id bigint NULL,
  actor_label text NOT NULL,
  ip_address text NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  reason text NULL,
  before jsonb NULL,
  after jsonb NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, id);
CREATE INDEX audit_events_occurred ON audit_events (occurred_at DESC, id DESC);
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION reject_history_change();
COMMENT ON TABLE audit_events IS 'Append-only record of every administrative change (who, when, from where, why, before/after).';
COMMENT ON COLUMN audit_events.id IS 'Sequence number of the event.';
COMMENT ON COLUMN audit_events.occurred_at IS 'When the change was committed.';
COMMENT ON COLUMN audit_events.actor_user_id IS 'User who made the change; NULL for the system (migrations, seed).';
COMMENT ON COLUMN audit_events.actor_label IS 'Username (or "system") at the time of the change, kept even if the user is renamed.';
COMMENT ON COLUMN audit_events.ip_address IS 'Client address of the request that made the change.';
COMMENT ON COLUMN audit_events.action IS 'Stable action code, e.g. unit.create, user.grant_role.';
COMMENT ON COLUMN audit_events.entity_type IS 'Kind of record changed, e.g. unit, user, procedure.';
COMMENT ON COLUMN audit_events.entity_id IS 'Identifier of the record changed.';
COMMENT ON COLUMN audit_events.reason IS 'Reason given by the actor (lý do), when one was given.';
COMMENT ON COLUMN audit_events.before IS 'Relevant fields before the change (no secrets).';
COMMENT ON COLUMN audit_events.after IS 'Relevant fields after the change (no secrets).';

CREATE TABLE units (
  id bigserial PRIMARY KEY,
  agency_code text NULL CHECK (agency_code ~ '^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$'),
  agency_code_confirmed boolean NOT NULL DEFAULT false,
  admin_area_code text NULL CHECK (admin_area_code ~ '^[0-9]{2,5}$'),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  kind text NOT NULL CHECK (kind IN ('province', 'district', 'commune', 'department', 'service_centre', 'office')),
  tier text NOT NULL CHECK (tier IN ('province', 'district', 'commune')),
  parent_id bigint NULL REFERENCES units (id),
  valid_from date NOT NULL,
  valid_until date NULL,
  search_text text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until > valid_from),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX units_open_agency_code ON units (agency_code) WHERE valid_until IS NULL AND agency_code IS NOT NULL;
CREATE INDEX units_parent ON units (parent_id);
COMMENT ON TABLE units IS 'Administrative units and agencies (đơn vị, cơ quan): province, departments, districts, communes, service centres. Closed units stay, with their successors.';
COMMENT ON COLUMN units.id IS 'Internal identifier.';
COMMENT ON COLUMN units.agency_code IS 'Agency identifier code (mã định danh, QĐ 20/2020/QĐ-TTg / QCVN 102:2016), e.g. 000.00.00.H53; unique among open units.';
COMMENT ON COLUMN units.agency_code_confirmed IS 'True when the code was seen in an official source; false for codes derived by rule and awaiting confirmation.';
COMMENT ON COLUMN units.admin_area_code IS 'Administrative area code of the General Statistics Office (mã ĐVHC, QĐ 124/2004/QĐ-TTg) for territorial units.';
COMMENT ON COLUMN units.name IS 'Official Vietnamese name with diacritics.';
COMMENT ON COLUMN units.kind IS 'province | district | commune (territorial People''s Committees) | department (sở, ban, ngành) | service_centre (Trung tâm Phục vụ hành chính công) | office.';
COMMENT ON COLUMN units.tier IS 'Government tier the unit belongs to: province, district (until 30/6/2025) or commune.';
COMMENT ON COLUMN units.parent_id IS 'Parent unit in the administrative tree; NULL for the root.';
COMMENT ON COLUMN units.valid_from IS 'First day the unit exists (inclusive).';
COMMENT ON COLUMN units.valid_until IS 'First day the unit no longer exists (exclusive); NULL while open.';
COMMENT ON COLUMN units.search_text IS 'Name folded to ASCII lower case for diacritics-insensitive search.';
COMMENT ON COLUMN units.created_at IS 'When the row was created.';
COMMENT ON COLUMN units.updated_at IS 'When the row was last changed.';

CREATE TABLE unit_successions (
  id bigserial PRIMARY KEY,
  predecessor_id bigint NOT NULL REFERENCES units (id),
  successor_id bigint NOT NULL REFERENCES units (id),
  effective_date date NOT NULL,
  whole boolean NOT NULL DEFAULT true,
  legal_basis text NOT NULL,
  UNIQUE (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);
CREATE INDEX unit_successions_successor ON unit_successions (successor_id);
COMMENT ON TABLE unit_successions IS 'Which units took over a closed unit (merger, split, reorganisation), so history and statistics follow the territory.';
COMMENT ON COLUMN unit_successions.id IS 'Internal identifier.';
COMMENT ON COLUMN unit_successions.predecessor_id IS 'The unit that closed.';
COMMENT ON COLUMN unit_successions.successor_id IS 'A unit that took over all or part of it.';
COMMENT ON COLUMN unit_successions.effective_date IS 'Day the succession took effect.';
COMMENT ON COLUMN unit_successions.whole IS 'True when the whole predecessor went to this successor; false for a part (một phần).';
COMMENT ON COLUMN unit_successions.legal_basis IS 'Decision or resolution that ordered it, e.g. NQ 1682/NQ-UBTVQH15.';

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  full_name text NOT NULL CHECK (length(btrim(full_name)) > 0),
  email text NULL,
  phone text NULL,
  kind text NOT NULL CHECK (kind IN ('citizen', 'officer')),
  identity_number text NULL CHECK (identity_number ~ '^[0-9]{12}$'),
  primary_unit_id bigint NULL REFERENCES units (id),
  password_hash text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'citizen' OR primary_unit_id IS NOT NULL)
);
CREATE INDEX users_primary_unit ON users (primary_unit_id);
COMMENT ON TABLE users IS 'People who sign in: citizens (công dân, tổ chức) and officers (cán bộ, công chức). Never deleted; disabled instead.';
COMMENT ON COLUMN users.id IS 'Internal identifier.';
COMMENT ON COLUMN users.username IS 'Login name, lower case.';
COMMENT ON COLUMN users.full_name IS 'Full name with diacritics (personal data: masked in logs).';
COMMENT ON COLUMN users.email IS 'E-mail address for notifications (personal data).';
COMMENT ON COLUMN users.phone IS 'Telephone number (personal data).';
COMMENT ON COLUMN users.kind IS 'citizen or officer.';
COMMENT ON COLUMN users.identity_number IS 'Personal identification number (số định danh cá nhân, 12 digits) of a citizen (personal data).';
COMMENT ON COLUMN users.primary_unit_id IS 'Unit an officer works in; NULL for citizens.';
COMMENT ON COLUMN users.password_hash IS 'scrypt hash of the password with its parameters and salt; the password itself is never stored.';
COMMENT ON COLUMN users.status IS 'active or disabled (cannot sign in; sessions and tokens stop working).';
COMMENT ON COLUMN users.created_at IS 'When the account was created.';
COMMENT ON COLUMN users.updated_at IS 'When the account was last changed.';

CREATE TABLE role_grants (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('citizen', 'receiving_officer', 'specialist', 'leader', 'agency_admin', 'system_admin')),
  unit_id bigint NULL REFERENCES units (id),
  include_subtree boolean NOT NULL DEFAULT false,
  granted_by bigint NULL REFERENCES users (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz NULL,
  revoked_by bigint NULL REFERENCES users (id),
  CHECK ((role = 'citizen') = (unit_id IS NULL))
);
CREATE UNIQUE INDEX role_grants_active ON role_grants (user_id, role, coalesce(unit_id, 0)) WHERE revoked_at IS NULL;
COMMENT ON TABLE role_grants IS 'Roles held by users in units (and optionally the unit''s subtree). Revoked grants are kept for history.';
COMMENT ON COLUMN role_grants.id IS 'Internal identifier.';
COMMENT ON COLUMN role_grants.user_id IS 'User who holds the role.';
COMMENT ON COLUMN role_grants.role IS 'citizen | receiving_officer (cán bộ một cửa) | specialist (chuyên viên) | leader (lãnh đạo phê duyệt) | agency_admin | system_admin.';
COMMENT ON COLUMN role_grants.unit_id IS 'Unit where the role applies; NULL only for citizen.';
COMMENT ON COLUMN role_grants.include_subtree IS 'True when the role also applies in every unit below unit_id.';
COMMENT ON COLUMN role_grants.granted_by IS 'User who granted the role; NULL for the seed.';
COMMENT ON COLUMN role_grants.granted_at IS 'When the role was granted.';
COMMENT ON COLUMN role_grants.revoked_at IS 'When the role was revoked; NULL while in force.';
COMMENT ON COLUMN role_grants.revoked_by IS 'User who revoked the role.';

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  csrf_token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip_address text NULL,
  user_agent text NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
COMMENT ON TABLE sessions IS 'Browser sessions; only hashes of the cookie value and CSRF token are stored.';
COMMENT ON COLUMN sessions.id_hash IS 'SHA-256 of the session cookie value.';
COMMENT ON COLUMN sessions.user_id IS 'Signed-in user.';
COMMENT ON COLUMN sessions.csrf_token_hash IS 'SHA-256 of the CSRF token the browser must echo in x-csrf-token.';
COMMENT ON COLUMN sessions.created_at IS 'Sign-in time; the absolute lifetime counts from here.';
COMMENT ON COLUMN sessions.last_seen_at IS 'Last request; the idle timeout counts from here.';
COMMENT ON COLUMN sessions.expires_at IS 'Absolute expiry.';
COMMENT ON COLUMN sessions.ip_address IS 'Client address at sign-in.';
COMMENT ON COLUMN sessions.user_agent IS 'Browser at sign-in (truncated).';

CREATE TABLE api_tokens (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  token_prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NULL,
  last_used_at timestamptz NULL,
  revoked_at timestamptz NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
COMMENT ON TABLE api_tokens IS 'Bearer tokens for machine clients; only a SHA-256 hash and a display prefix are stored.';
COMMENT ON COLUMN api_tokens.id IS 'Internal identifier.';
COMMENT ON COLUMN api_tokens.user_id IS 'User the token acts as.';
COMMENT ON COLUMN api_tokens.name IS 'Purpose given by the owner, e.g. "Kết nối LGSP".';
COMMENT ON COLUMN api_tokens.token_prefix IS 'First characters of the token, shown so owners can tell tokens apart.';
COMMENT ON COLUMN api_tokens.token_hash IS 'SHA-256 of the whole token.';
COMMENT ON COLUMN api_tokens.created_at IS 'When the token was created.';
COMMENT ON COLUMN api_tokens.expires_at IS 'Optional expiry.';
COMMENT ON COLUMN api_tokens.last_used_at IS 'Last successful use.';
COMMENT ON COLUMN api_tokens.revoked_at IS 'When the token was revoked; NULL while valid.';

CREATE TABLE login_throttle (
  username text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz NULL,
  locked_until timestamptz NULL
);
COMMENT ON TABLE login_throttle IS 'Failed sign-in counts per username for lock-out after repeated failures.';
COMMENT ON COLUMN login_throttle.username IS 'Username tried (lower case; may not exist, so guessing names is throttled too).';
COMMENT ON COLUMN login_throttle.failures IS 'Consecutive failures since the last success or lock.';
COMMENT ON COLUMN login_throttle.last_failure_at IS 'Time of the last failure.';
COMMENT ON COLUMN login_throttle.locked_until IS 'Sign-in refused until this moment.';

CREATE TABLE calendar_years (
  year integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
  status text NOT NULL CHECK (status IN ('official', 'provisional')),
  source text NOT NULL CHECK (length(btrim(source)) > 0),
  updated_by bigint NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE calendar_years IS 'Years whose days off were entered from an official schedule; other years use the Labour Code defaults.';
COMMENT ON COLUMN calendar_years.year IS 'Solar year.';
COMMENT ON COLUMN calendar_years.status IS 'official: the entered days are the complete schedule; provisional: entered days are laid over the computed defaults.';
COMMENT ON COLUMN calendar_years.source IS 'Decision or notice the schedule comes from (e.g. Thông báo 9441/TB-BNV).';
COMMENT ON COLUMN calendar_years.updated_by IS 'Administrator who last changed the year.';
COMMENT ON COLUMN calendar_years.updated_at IS 'When the year was last changed.';

CREATE TABLE calendar_days (
  date date PRIMARY KEY,
  year integer NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('holiday', 'compensatory', 'swapped-off', 'weekend-in-break', 'swapped-workday')),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  source text NOT NULL,
  CHECK (extract(year FROM date) = year)
);
CREATE INDEX calendar_days_year ON calendar_days (year);
COMMENT ON TABLE calendar_days IS 'Days that differ from the Monday–Friday week in an entered year: days off and Saturdays worked in exchange.';
COMMENT ON COLUMN calendar_days.date IS 'The day.';
COMMENT ON COLUMN calendar_days.year IS 'Year it belongs to.';
COMMENT ON COLUMN calendar_days.kind IS 'holiday | compensatory (nghỉ bù) | swapped-off (nghỉ hoán đổi) | weekend-in-break | swapped-workday (làm bù).';
COMMENT ON COLUMN calendar_days.name IS 'Vietnamese name shown to officials, e.g. "Tết Nguyên đán (mùng 1)".';
COMMENT ON COLUMN calendar_days.source IS 'Decision or notice for this day.';

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_by bigint NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE settings IS 'Province-wide settings edited by the system administrator (office hours, cut-off).';
COMMENT ON COLUMN settings.key IS 'Setting name, e.g. office_hours.';
COMMENT ON COLUMN settings.value IS 'Setting value (JSON, validated by the application).';
COMMENT ON COLUMN settings.updated_by IS 'Administrator who last changed it.';
COMMENT ON COLUMN settings.updated_at IS 'When it was last changed.';

INSERT INTO settings (key, value) VALUES
  ('office_hours', '{"sessions":[{"start":"07:00","end":"11:30"},{"start":"13:30","end":"17:00"}],"cutoff":"15:00"}');
