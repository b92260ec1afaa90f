-- Official documents (issue #14), module documents: what a draft says beyond Phụ lục VI (the
-- body of a composed document, the recipients, the authority line of the signature block), the
-- files of every version and of every signature (append-only), the signatures, the issuance to
-- each recipient, the assignments of an incoming document, and explicit grants on secret ones.

ALTER TABLE documents ADD COLUMN body text NULL CHECK (length(body) <= 100000);
-- The line above the signer's position when they sign for someone (KT. GIÁM ĐỐC → "GIÁM ĐỐC";
-- TM. ỦY BAN NHÂN DÂN → "ỦY BAN NHÂN DÂN"), Phụ lục I II.7.a.
ALTER TABLE documents ADD COLUMN authority_title text NULL CHECK (length(authority_title) <= 100);
-- Nơi nhận: [{ unitId?, organId?, name, purpose: action | information }] (Phụ lục I II.9).
ALTER TABLE documents ADD COLUMN recipients jsonb NOT NULL DEFAULT '[]';
-- Delivered electronically (false: paper, scanned and registered by hand).
ALTER TABLE documents ADD COLUMN electronic boolean NOT NULL DEFAULT true;
-- An incoming document: its số, ký hiệu and date as the issuer gave them.
ALTER TABLE documents ADD COLUMN origin_code_number text NULL CHECK (length(origin_code_number) <= 11);
ALTER TABLE documents ADD COLUMN origin_code_notation text NULL CHECK (length(origin_code_notation) <= 30);
ALTER TABLE documents ADD COLUMN origin_issued_date date NULL;

-- Every file of a document, never changed: each draft version's content and attachments, the
-- PDF after each signature, a PDF prepared for an external signer, a received copy.
CREATE TABLE document_files (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  role text NOT NULL CHECK (role IN ('draft', 'attachment', 'signed', 'sealed', 'sealed_attachment', 'prepared', 'received', 'received_attachment')),
  version integer NOT NULL CHECK (version >= 0),
  position integer NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 99),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL CHECK (length(media_type) <= 100),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text COLLATE "C" NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- Where the number, the date and the signatures go on the pages (points from the bottom left).
  layout jsonb NULL,
  created_by bigint NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX document_files_document ON document_files (document_id, role, version, position);
CREATE TRIGGER document_files_append_only BEFORE UPDATE OR DELETE ON document_files
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();

-- The signatures a document carries: the competent person's, the agency's (one per file).
CREATE TABLE document_signatures (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  kind text NOT NULL CHECK (kind IN ('person', 'agency')),
  method text NOT NULL CHECK (method IN ('held_key', 'token', 'external')),
  file_id bigint NOT NULL REFERENCES document_files (id),
  user_id bigint NULL REFERENCES users (id),
  unit_id bigint NULL REFERENCES units (id),
  certificate_fingerprint text COLLATE "C" NOT NULL CHECK (certificate_fingerprint ~ '^[0-9a-f]{64}$'),
  certificate_serial text NOT NULL CHECK (length(certificate_serial) <= 64),
  certificate_subject text NOT NULL CHECK (length(certificate_subject) <= 1000),
  signed_at timestamptz NOT NULL,
  timestamp_at timestamptz NULL
);
CREATE INDEX document_signatures_document ON document_signatures (document_id);
CREATE TRIGGER document_signatures_append_only BEFORE UPDATE OR DELETE ON document_signatures
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();

-- Issuance to each recipient of the nơi nhận: delivered at once inside the deployment (the
-- incoming copy), queued for the exchange otherwise, recalled later.
CREATE TABLE document_deliveries (
  document_id bigint NOT NULL REFERENCES documents (id),
  position integer NOT NULL CHECK (position BETWEEN 0 AND 999),
  unit_id bigint NULL REFERENCES units (id),
  organ_id text NULL CHECK (length(organ_id) <= 13),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  state text NOT NULL CHECK (state IN ('delivered', 'queued_external', 'paper', 'returned', 'recalled')),
  incoming_document_id bigint NULL REFERENCES documents (id),
  at timestamptz NOT NULL,
  PRIMARY KEY (document_id, position)
);
CREATE INDEX document_deliveries_incoming ON document_deliveries (incoming_document_id) WHERE incoming_document_id IS NOT NULL;

-- Who handles an incoming document (projection of directed/assigned events, for queues and
-- access): the lead (chủ trì), the coordinators (phối hợp), the specialists assigned.
CREATE TABLE document_assignees (
  document_id bigint NOT NULL REFERENCES documents (id),
  seq integer NOT NULL CHECK (seq >= 1),
  role text NOT NULL CHECK (role IN ('lead', 'coordinator', 'assignee')),
  unit_id bigint NOT NULL REFERENCES units (id),
  user_id bigint NULL REFERENCES users (id),
  due_date date NULL,
  assigned_by bigint NOT NULL REFERENCES users (id),
  assigned_at timestamptz NOT NULL,
  PRIMARY KEY (document_id, seq)
);
CREATE INDEX document_assignees_user ON document_assignees (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX document_assignees_unit ON document_assignees (unit_id);

-- A secret document is shown to nobody without an explicit grant (Luật Bảo vệ bí mật nhà nước
-- 2018, Điều 11): who was granted, by whom, when and why.
CREATE TABLE document_grants (
  document_id bigint NOT NULL REFERENCES documents (id),
  user_id bigint NOT NULL REFERENCES users (id),
  granted_by bigint NOT NULL REFERENCES users (id),
  granted_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  PRIMARY KEY (document_id, user_id)
);
CREATE INDEX documents_answers ON documents (answers_document_id) WHERE answers_document_id IS NOT NULL;

COMMENT ON COLUMN documents.body IS 'The body of a draft composed in the platform (the text under the kind and subject).';
COMMENT ON COLUMN documents.authority_title IS 'The line above the signer''s position when signing for someone (KT. GIÁM ĐỐC: "GIÁM ĐỐC").';
COMMENT ON COLUMN documents.recipients IS 'Nơi nhận: [{unitId?, organId?, name, purpose: action|information}].';
COMMENT ON COLUMN documents.electronic IS 'Received or sent electronically (false: paper, scanned and registered by hand).';
COMMENT ON COLUMN documents.origin_code_number IS 'An incoming document: its số as the issuer gave it.';
COMMENT ON COLUMN documents.origin_code_notation IS 'An incoming document: its ký hiệu as the issuer gave it.';
COMMENT ON COLUMN documents.origin_issued_date IS 'An incoming document: its date as the issuer gave it.';

COMMENT ON TABLE document_files IS 'Every file of a document, never changed: each draft version, each signed state, a copy received; the bytes are in the file store by SHA-256.';
COMMENT ON COLUMN document_files.id IS 'Identifier.';
COMMENT ON COLUMN document_files.document_id IS 'The document.';
COMMENT ON COLUMN document_files.role IS 'draft, attachment (of a version), signed (by the competent person), sealed and sealed_attachment (by the agency), prepared (for an external signer), received and received_attachment (an incoming copy).';
COMMENT ON COLUMN document_files.version IS 'The draft version the file belongs to (0 for a received copy).';
COMMENT ON COLUMN document_files.position IS '0 for the main document; 1… for separate attachments.';
COMMENT ON COLUMN document_files.file_name IS 'The file name shown and offered for download.';
COMMENT ON COLUMN document_files.media_type IS 'Media type detected from the bytes.';
COMMENT ON COLUMN document_files.size_bytes IS 'Size in bytes.';
COMMENT ON COLUMN document_files.sha256 IS 'SHA-256 of the bytes (lowercase hex): the key in the file store.';
COMMENT ON COLUMN document_files.layout IS 'Where the number, the date and the signature image go (page, rectangle in points from the bottom left), and the ký hiệu.';
COMMENT ON COLUMN document_files.created_by IS 'Who stored it.';
COMMENT ON COLUMN document_files.created_at IS 'When it was stored.';

COMMENT ON TABLE document_signatures IS 'The signatures a document carries: the competent person''s and the agency''s (one per file), for display and the plan''s indicators.';
COMMENT ON COLUMN document_signatures.id IS 'Identifier.';
COMMENT ON COLUMN document_signatures.document_id IS 'The document.';
COMMENT ON COLUMN document_signatures.kind IS 'person (the competent person) or agency (ký số của cơ quan, by the văn thư).';
COMMENT ON COLUMN document_signatures.method IS 'held_key (the platform holds it), token (PKCS#11 on the platform), external (the signer''s own device).';
COMMENT ON COLUMN document_signatures.file_id IS 'The signed file.';
COMMENT ON COLUMN document_signatures.user_id IS 'Who signed (the competent person, or the văn thư for the agency).';
COMMENT ON COLUMN document_signatures.unit_id IS 'The agency whose seal signed (kind agency).';
COMMENT ON COLUMN document_signatures.certificate_fingerprint IS 'SHA-256 of the signing certificate (lowercase hex).';
COMMENT ON COLUMN document_signatures.certificate_serial IS 'Serial of the signing certificate (lowercase hex).';
COMMENT ON COLUMN document_signatures.certificate_subject IS 'Subject of the signing certificate.';
COMMENT ON COLUMN document_signatures.signed_at IS 'The signing time claimed in the PDF (/M).';
COMMENT ON COLUMN document_signatures.timestamp_at IS 'genTime of the signature''s RFC 3161 timestamp.';

COMMENT ON TABLE document_deliveries IS 'Issuance to each line of the nơi nhận: delivered at once inside the deployment, queued for the exchange, on paper (secret), returned or recalled.';
COMMENT ON COLUMN document_deliveries.document_id IS 'The issued document.';
COMMENT ON COLUMN document_deliveries.position IS 'The line of the nơi nhận (0-based).';
COMMENT ON COLUMN document_deliveries.unit_id IS 'The recipient unit of this deployment.';
COMMENT ON COLUMN document_deliveries.organ_id IS 'The recipient''s identifier code (an external agency).';
COMMENT ON COLUMN document_deliveries.name IS 'The recipient as written in the nơi nhận.';
COMMENT ON COLUMN document_deliveries.state IS 'delivered, queued_external, paper, returned (by the recipient) or recalled (by the sender).';
COMMENT ON COLUMN document_deliveries.incoming_document_id IS 'The recipient''s incoming copy.';
COMMENT ON COLUMN document_deliveries.at IS 'When the state was reached.';

COMMENT ON TABLE document_assignees IS 'Who handles an incoming document (projection of the directed and assigned events): lead, coordinators, assignees.';
COMMENT ON COLUMN document_assignees.document_id IS 'The document.';
COMMENT ON COLUMN document_assignees.seq IS 'Order of assignment (1…).';
COMMENT ON COLUMN document_assignees.role IS 'lead (chủ trì), coordinator (phối hợp) or assignee (a specialist given it).';
COMMENT ON COLUMN document_assignees.unit_id IS 'The unit.';
COMMENT ON COLUMN document_assignees.user_id IS 'The person, when named.';
COMMENT ON COLUMN document_assignees.due_date IS 'The deadline (Vietnam date).';
COMMENT ON COLUMN document_assignees.assigned_by IS 'Who assigned.';
COMMENT ON COLUMN document_assignees.assigned_at IS 'When.';

COMMENT ON TABLE document_grants IS 'Explicit access to a secret document (Luật Bảo vệ bí mật nhà nước 2018, Điều 11).';
COMMENT ON COLUMN document_grants.document_id IS 'The document.';
COMMENT ON COLUMN document_grants.user_id IS 'Who may see it.';
COMMENT ON COLUMN document_grants.granted_by IS 'Who granted it.';
COMMENT ON COLUMN document_grants.granted_at IS 'When.';
COMMENT ON COLUMN document_grants.reason IS 'Why.';
