-- What each attachment is for, recorded at upload (never inferred from who added it or when):
-- a document of the application, a supplement given when one was requested, or the electronic
-- result (kết quả giải quyết điện tử) returned to the applicant (NĐ 61/2018, Điều 20).
--
-- Existing rows take the default 'document': the table is append-only, and which of the older
-- files were results was never recorded, so no guess is written back as if it had been.

ALTER TABLE dossier_attachments
  ADD COLUMN purpose text NOT NULL DEFAULT 'document'
  CONSTRAINT dossier_attachments_purpose CHECK (purpose IN ('document', 'supplement', 'result'));
COMMENT ON COLUMN dossier_attachments.purpose IS 'What the file is for: document (part of the application or a working file), supplement (given by the applicant while a supplement was requested), result (electronic result attached by the receiving or handling unit once the dossier was resolved, before return). Files added before migration 0010 are document.';
