-- Register entries carried over from an agency's previous document software (issue #14: the
-- agencies already handle their documents in one; the registers continue here). The document's
-- files and signatures stay in that software's archive; what it recorded of them is kept here for
-- the registers and the indicators, marked as such.
ALTER TABLE documents ADD COLUMN carried_over jsonb NULL
  CHECK (carried_over IS NULL OR (carried_over ? 'system' AND carried_over ? 'personSigned' AND carried_over ? 'agencySigned'));
COMMENT ON COLUMN documents.carried_over IS 'Carried over from the previous document software: {system, personSigned, agencySigned} as it recorded them; null for a document handled on this platform.';
