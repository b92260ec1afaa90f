-- Amending an issued document (NĐ 30/2020 Điều 18.3; issue #14 §2): a later document replaces it
-- (a content error, same kind) or corrects it (an error of form, by công văn). The recipients'
-- copies carry the same link, to the copy they replace or correct.
ALTER TABLE documents ADD COLUMN amends_document_id bigint NULL REFERENCES documents (id);
ALTER TABLE documents ADD COLUMN amendment text NULL CHECK (amendment IN ('replacement', 'correction'));
ALTER TABLE documents ADD COLUMN amendment_reason text NULL CHECK (length(amendment_reason) BETWEEN 1 AND 500);
ALTER TABLE documents ADD CONSTRAINT documents_amendment_complete
  CHECK ((amends_document_id IS NULL) = (amendment IS NULL) AND (amendment IS NULL) = (amendment_reason IS NULL));
CREATE INDEX documents_amends ON documents (amends_document_id) WHERE amends_document_id IS NOT NULL;
COMMENT ON COLUMN documents.amends_document_id IS 'The document this one replaces or corrects: outgoing, an issued document of the same agency; incoming, the recipient''s copy of it.';
COMMENT ON COLUMN documents.amendment IS 'How it amends amends_document_id: replacement (thay thế, content error) or correction (đính chính, error of form).';
COMMENT ON COLUMN documents.amendment_reason IS 'What was wrong in the amended document, as the drafter states it; recorded on the original and the copies when issued.';
