-- Catalogue listing reads a narrow projection instead of the wide version rows (forms, documents
-- and steps make each version several pages wide). Text search itself moved to an in-memory
-- index built from this table (modules/procedures/catalogue-index.ts), so the full-text vector
-- and its GIN index are dropped.

CREATE TABLE procedure_search (
  version_id bigint PRIMARY KEY REFERENCES procedure_versions (id),
  procedure_id bigint NOT NULL REFERENCES procedures (id),
  version integer NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  field_code text NOT NULL REFERENCES procedure_fields (code),
  levels text[] NOT NULL,
  implementing_agency text NOT NULL,
  handling_unit_id bigint NULL REFERENCES units (id),
  online_level smallint NULL,
  online_class text NULL,
  channel_durations jsonb NOT NULL,
  effective_from date NOT NULL,
  effective_until date NULL,
  search_name text NOT NULL
);
CREATE INDEX procedure_search_in_force ON procedure_search (effective_from, effective_until);
CREATE INDEX procedure_search_code ON procedure_search (code);
CREATE INDEX procedure_search_field ON procedure_search (field_code);
CREATE INDEX procedure_search_unit ON procedure_search (handling_unit_id);
COMMENT ON TABLE procedure_search IS 'Narrow search projection of each procedure version (one row per version), written with the version.';
COMMENT ON COLUMN procedure_search.version_id IS 'The version this row describes.';
COMMENT ON COLUMN procedure_search.procedure_id IS 'The procedure.';
COMMENT ON COLUMN procedure_search.version IS 'Version number.';
COMMENT ON COLUMN procedure_search.code IS 'Procedure code (mã TTHC).';
COMMENT ON COLUMN procedure_search.name IS 'Name of the procedure in this version.';
COMMENT ON COLUMN procedure_search.field_code IS 'Field of administration.';
COMMENT ON COLUMN procedure_search.levels IS 'Implementing levels.';
COMMENT ON COLUMN procedure_search.implementing_agency IS 'Implementing agency as published.';
COMMENT ON COLUMN procedure_search.handling_unit_id IS 'Handling unit, when one agency handles it.';
COMMENT ON COLUMN procedure_search.online_level IS 'Online service level (NĐ 43/2011).';
COMMENT ON COLUMN procedure_search.online_class IS 'Online service class (NĐ 42/2022).';
COMMENT ON COLUMN procedure_search.channel_durations IS 'Per channel: {channel, duration} (fees and documents are in the version).';
COMMENT ON COLUMN procedure_search.effective_from IS 'First day the version applies.';
COMMENT ON COLUMN procedure_search.effective_until IS 'First day the next version applies; NULL for the latest.';
COMMENT ON COLUMN procedure_search.search_name IS 'Name folded to ASCII lower case without a leading "thu tuc", for ranking exact and prefix matches.';

INSERT INTO procedure_search (version_id, procedure_id, version, code, name, field_code, levels, implementing_agency, handling_unit_id,
  online_level, online_class, channel_durations, effective_from, effective_until, search_name)
SELECT v.id, v.procedure_id, v.version, p.code, v.name, v.field_code, v.levels, v.implementing_agency, v.handling_unit_id,
  v.online_level, v.online_class,
  coalesce((SELECT jsonb_agg(jsonb_build_object('channel', c -> 'channel', 'duration', c -> 'duration')) FROM jsonb_array_elements(v.channels) c), '[]'::jsonb),
  v.effective_from, v.effective_until, regexp_replace(v.search_name, '^thu tuc ', '')
FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id;

DROP INDEX procedure_versions_search;
ALTER TABLE procedure_versions DROP COLUMN search_vector;
ALTER TABLE procedure_versions DROP COLUMN search_name;
