-- Catalogue of administrative procedures (thủ tục hành chính), versioned.

CREATE TABLE procedure_fields (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{2,80}$'),
  name text NOT NULL UNIQUE CHECK (length(btrim(name)) > 0)
);
COMMENT ON TABLE procedure_fields IS 'Fields of administration (lĩnh vực) that group procedures.';
COMMENT ON COLUMN procedure_fields.code IS 'Stable slug of the field, derived from its name.';
COMMENT ON COLUMN procedure_fields.name IS 'Vietnamese name of the field, e.g. "Hộ tịch (Tư pháp)".';

CREATE TABLE procedures (
  id bigserial PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]\.[0-9]{6}(\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})?$'),
  current_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE procedures IS 'One row per procedure code; its content lives in procedure_versions.';
COMMENT ON COLUMN procedures.id IS 'Internal identifier.';
COMMENT ON COLUMN procedures.code IS 'National catalogue code (mã TTHC), e.g. 1.001193, optionally suffixed by a local agency code.';
COMMENT ON COLUMN procedures.current_version IS 'Highest version number created (not necessarily in force yet).';
COMMENT ON COLUMN procedures.created_at IS 'When the procedure entered the catalogue.';

CREATE TABLE procedure_versions (
  id bigserial PRIMARY KEY,
  procedure_id bigint NOT NULL REFERENCES procedures (id),
  version integer NOT NULL CHECK (version > 0),
  effective_from date NOT NULL,
  effective_until date NULL,
  decision text NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  field_code text NOT NULL REFERENCES procedure_fields (code),
  levels text[] NOT NULL CHECK (cardinality(levels) > 0 AND levels <@ ARRAY['central', 'province', 'district', 'commune']),
  implementing_agency text NOT NULL,
  handling_unit_id bigint NULL REFERENCES units (id),
  online_level smallint NULL CHECK (online_level BETWEEN 1 AND 4),
  online_class text NULL CHECK (online_class IN ('toan-trinh', 'mot-phan', 'khong')),
  channels jsonb NOT NULL,
  documents jsonb NOT NULL,
  result text NOT NULL,
  legal_basis jsonb NOT NULL,
  sub_cases jsonb NOT NULL DEFAULT '[]',
  steps jsonb NOT NULL,
  form_schema jsonb NOT NULL,
  deadline_policy jsonb NOT NULL,
  notes text NULL,
  content_hash text NOT NULL,
  search_name text NOT NULL,
  search_vector tsvector NOT NULL,
  created_by bigint NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_id, version),
  -- equal dates: a version replaced on its first day (a same-day correction) is kept but never current
  CHECK (effective_until IS NULL OR effective_until >= effective_from)
);
CREATE INDEX procedure_versions_search ON procedure_versions USING gin (search_vector);
CREATE INDEX procedure_versions_current ON procedure_versions (procedure_id, effective_from DESC);
CREATE INDEX procedure_versions_field ON procedure_versions (field_code);
CREATE INDEX procedure_versions_handling_unit ON procedure_versions (handling_unit_id);
COMMENT ON TABLE procedure_versions IS 'Content of a procedure as published from a date; a change creates a new version and dossiers keep the version they were received under.';
COMMENT ON COLUMN procedure_versions.id IS 'Internal identifier (dossiers refer to it).';
COMMENT ON COLUMN procedure_versions.procedure_id IS 'The procedure.';
COMMENT ON COLUMN procedure_versions.version IS 'Version number, 1, 2, …';
COMMENT ON COLUMN procedure_versions.effective_from IS 'First day this version applies.';
COMMENT ON COLUMN procedure_versions.effective_until IS 'First day the next version applies (exclusive); NULL for the latest.';
COMMENT ON COLUMN procedure_versions.decision IS 'Publication decision (quyết định công bố) of this version, when known.';
COMMENT ON COLUMN procedure_versions.name IS 'Name of the procedure.';
COMMENT ON COLUMN procedure_versions.field_code IS 'Field of administration (lĩnh vực).';
COMMENT ON COLUMN procedure_versions.levels IS 'Implementing levels (cấp thực hiện): central, province, district, commune.';
COMMENT ON COLUMN procedure_versions.implementing_agency IS 'Implementing agency as published (cơ quan thực hiện), free text.';
COMMENT ON COLUMN procedure_versions.handling_unit_id IS 'Unit of this province that handles it, when the procedure belongs to one agency; NULL for commune-level procedures handled by every commune.';
COMMENT ON COLUMN procedure_versions.online_level IS 'Online public-service level of NĐ 43/2011 (2–4); NULL when not published.';
COMMENT ON COLUMN procedure_versions.online_class IS 'Classification of NĐ 42/2022: toan-trinh (full online), mot-phan (partly online), khong; NULL when not published.';
COMMENT ON COLUMN procedure_versions.channels IS 'Per channel (online, counter, post): processing time {amount, unit} and fees [{name, amountVnd, note}].';
COMMENT ON COLUMN procedure_versions.documents IS 'Required documents (thành phần hồ sơ): [{code, name, originals, copies, templateUrl, required}].';
COMMENT ON COLUMN procedure_versions.result IS 'Result of the procedure (kết quả thực hiện).';
COMMENT ON COLUMN procedure_versions.legal_basis IS 'Legal basis (căn cứ pháp lý): list of document numbers.';
COMMENT ON COLUMN procedure_versions.sub_cases IS 'Sub-cases (trường hợp) with their own time or documents: [{code, name, duration, documents}].';
COMMENT ON COLUMN procedure_versions.steps IS 'Internal processing steps (quy trình nội bộ) with a time budget in working hours each.';
COMMENT ON COLUMN procedure_versions.form_schema IS 'JSON Schema (2020-12) of the application form (tờ khai); top-level properties are the form''s pages.';
COMMENT ON COLUMN procedure_versions.deadline_policy IS 'How the deadline is counted: {supplementClock: restart|pause}.';
COMMENT ON COLUMN procedure_versions.notes IS 'Other requirements and conditions (yêu cầu, điều kiện).';
COMMENT ON COLUMN procedure_versions.content_hash IS 'SHA-256 of the normalised content; an import that changes nothing creates no version.';
COMMENT ON COLUMN procedure_versions.search_name IS 'Name folded to ASCII lower case, for phrase matching.';
COMMENT ON COLUMN procedure_versions.search_vector IS 'Full-text vector of the folded name (weight A), code (A), field and agency (B), documents and result (C).';
COMMENT ON COLUMN procedure_versions.created_by IS 'User who created the version; NULL for seed and system imports.';
COMMENT ON COLUMN procedure_versions.created_at IS 'When the version was created.';
