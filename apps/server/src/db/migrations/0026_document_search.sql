-- Search over official documents (issue #14 §4): every metadata field and the text of the PDF,
-- folded (lower-case ASCII, no tone marks) by @tayninh/domain/documents/search so a query with
-- or without diacritics finds it; a trigram index answers "contains" queries at a million rows.
-- pg_trgm is a trusted extension (PostgreSQL 13+) and ships with PGlite (loaded in db/database.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE documents ADD COLUMN search_text text NOT NULL DEFAULT '';
CREATE INDEX documents_search ON documents USING gin (search_text gin_trgm_ops);
-- The duplicate check of a received document (same số/ký hiệu from the same issuer).
CREATE INDEX documents_incoming_origin ON documents (unit_id, origin_code_number)
  WHERE direction = 'incoming' AND origin_code_number IS NOT NULL;
COMMENT ON COLUMN documents.search_text IS 'Folded metadata (kind, subject, số/ký hiệu, issuer, signer, recipients, description) and PDF text, for search; written by documents/store with the document.';
