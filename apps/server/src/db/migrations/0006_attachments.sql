-- Files attached to dossiers (thành phần hồ sơ), stored outside the database by SHA-256.

CREATE TABLE dossier_attachments (
  id bigserial PRIMARY KEY,
  dossier_id bigint NOT NULL REFERENCES dossiers (id),
  document_code text NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by bigint NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_attachments_dossier ON dossier_attachments (dossier_id, id);
CREATE TRIGGER dossier_attachments_append_only BEFORE UPDATE OR DELETE ON dossier_attachments
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();
COMMENT ON TABLE dossier_attachments IS 'Files of a dossier; the content lives in the file store under its SHA-256. Never changed or deleted: a corrected file is a new attachment.';
COMMENT ON COLUMN dossier_attachments.id IS 'Internal identifier.';
COMMENT ON COLUMN dossier_attachments.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_attachments.document_code IS 'Required document it answers (procedure version documents[].code, e.g. tp1); NULL for other files.';
COMMENT ON COLUMN dossier_attachments.file_name IS 'File name as uploaded (sanitised; shown to users, never used as a path).';
COMMENT ON COLUMN dossier_attachments.media_type IS 'Media type detected from the content (not the one the client claimed).';
COMMENT ON COLUMN dossier_attachments.size_bytes IS 'Size in bytes.';
COMMENT ON COLUMN dossier_attachments.sha256 IS 'SHA-256 of the content, hex; also its key in the file store.';
COMMENT ON COLUMN dossier_attachments.uploaded_by IS 'Who uploaded it.';
COMMENT ON COLUMN dossier_attachments.uploaded_at IS 'When it was uploaded.';
