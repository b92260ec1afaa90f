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
-- The branches of who sees what (documents/use-cases/list.ts): the drafter's or registrar's, the
-- signer's, the drafting unit's leaders', the grants' holders'.
CREATE INDEX documents_created_by ON documents (created_by, direction);
CREATE INDEX documents_signer ON documents (signer_user_id) WHERE signer_user_id IS NOT NULL;
CREATE INDEX documents_drafting_unit ON documents (drafting_unit_id, direction) WHERE drafting_unit_id IS NOT NULL;
CREATE INDEX document_grants_user ON document_grants (user_id);
-- Documents written before this migration: their metadata, folded here as foldVietnamese does
-- (their PDFs' text joins when a file is next written). Upper-case letters are folded too, for a
-- database whose lower() knows only ASCII.
UPDATE documents SET search_text = ' ' || trim(regexp_replace(translate(lower(concat_ws(' ', subject, code_number || '/' || code_notation, origin_code_number || '/' || origin_code_notation, issuer_organ_name, signer_name, description, arrival_number::text)), 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'), '[^a-z0-9.]+', ' ', 'g')) || ' '
  WHERE search_text = '';
COMMENT ON COLUMN documents.search_text IS 'Folded metadata (kind, subject, số/ký hiệu, issuer, signer, recipients, description) and PDF text, for search; written by documents/store with the document.';
