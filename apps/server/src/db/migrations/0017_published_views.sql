-- Views a module publishes for the other modules to read (db/ownership.ts, VIEWS). A module's SQL
-- names only its own tables; what another module needs of them it reads here (or through the
-- owner's functions). The owner keeps its views true when its tables change: a column added to a
-- table is not in its view until the owner adds it. Personal data and secrets stay out (no
-- password hashes, identity numbers, contact details, forms or applicants).

-- org: the administrative tree, its successions, officers' names and their role grants.
CREATE VIEW units_view AS
  SELECT id, agency_code, agency_code_confirmed, admin_area_code, name, kind, tier, parent_id,
         valid_from, valid_until, search_text, created_at, updated_at
    FROM units;
COMMENT ON VIEW units_view IS 'Published by org: the units (units), for other modules to read.';

CREATE VIEW unit_successions_view AS
  SELECT id, predecessor_id, successor_id, effective_date, whole, legal_basis FROM unit_successions;
COMMENT ON VIEW unit_successions_view IS 'Published by org: which unit took over which (unit_successions).';

CREATE VIEW users_view AS
  SELECT id, username, full_name, kind, primary_unit_id, status, created_at FROM users;
COMMENT ON VIEW users_view IS 'Published by org: accounts without secrets or contact details (users).';

CREATE VIEW role_grants_view AS
  SELECT id, user_id, role, unit_id, include_subtree, granted_by, granted_at, revoked_at, revoked_by
    FROM role_grants;
COMMENT ON VIEW role_grants_view IS 'Published by org: who holds which role over which unit (role_grants).';

-- procedures: the catalogue and its versions.
CREATE VIEW procedures_view AS SELECT id, code, current_version, created_at FROM procedures;
COMMENT ON VIEW procedures_view IS 'Published by procedures: the procedures (procedures).';

CREATE VIEW procedure_versions_view AS
  SELECT id, procedure_id, version, effective_from, effective_until, decision, name, field_code,
         levels, implementing_agency, handling_unit_id, online_level, online_class, channels,
         documents, result, legal_basis, sub_cases, steps, form_schema, deadline_policy, notes,
         requirements, content_hash, created_by, created_at
    FROM procedure_versions;
COMMENT ON VIEW procedure_versions_view IS 'Published by procedures: every version of every procedure (procedure_versions).';

CREATE VIEW procedure_search_view AS
  SELECT version_id, procedure_id, version, code, name, field_code, levels, implementing_agency,
         handling_unit_id, online_level, online_class, channel_durations, effective_from,
         effective_until, search_name
    FROM procedure_search;
COMMENT ON VIEW procedure_search_view IS 'Published by procedures: the versions in force, one row each (procedure_search).';

-- dossiers: the history the statistics and the catalogue read (no applicant, no form).
CREATE VIEW dossiers_view AS
  SELECT id, code, procedure_version_id, procedure_code, receiving_unit_id, handling_unit_id,
         applicant_user_id, channel, status, submitted_at, received_at, due_at, original_due_at,
         completed_at, assignee_id, created_by, action_count, created_at, updated_at, cases,
         result_delivery
    FROM dossiers;
COMMENT ON VIEW dossiers_view IS 'Published by dossiers: dossiers without the applicant or the form (dossiers).';

CREATE VIEW dossier_actions_view AS
  SELECT id, dossier_id, seq, type, at, actor_user_id, actor_unit_id, payload FROM dossier_actions;
COMMENT ON VIEW dossier_actions_view IS 'Published by dossiers: the actions of each dossier, without reasons (dossier_actions).';

CREATE VIEW dossier_ratings_view AS
  SELECT dossier_id, rated_by, rated_at, time_score, contacts_score, bodies_score, attitude_score,
         satisfaction
    FROM dossier_ratings;
COMMENT ON VIEW dossier_ratings_view IS 'Published by dossiers: the ratings, without comments (dossier_ratings).';
