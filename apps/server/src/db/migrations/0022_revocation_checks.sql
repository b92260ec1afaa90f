-- Revocation checks as evidence (issue #13 §1): every answer the platform relied on — an OCSP
-- response, or a CRL it fetched — is kept with what it said about which certificate, so a
-- validation made today can be shown later, and reused while fresh (maximum age, nextUpdate)
-- instead of asking again. Append-only; the CRLs themselves go to trust_crls.
CREATE TABLE trust_revocation_checks (
  id bigserial PRIMARY KEY,
  certificate_fingerprint text NOT NULL CHECK (certificate_fingerprint ~ '^[0-9a-f]{64}$'),
  issuer_fingerprint text NOT NULL CHECK (issuer_fingerprint ~ '^[0-9a-f]{64}$'),
  source text NOT NULL CHECK (source IN ('ocsp', 'crl')),
  url text NULL,
  status text NOT NULL CHECK (status IN ('good', 'revoked', 'unknown')),
  revoked_at timestamptz NULL,
  reason text NULL,
  this_update timestamptz NOT NULL,
  next_update timestamptz NULL,
  response_der bytea NULL,
  checked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trust_revocation_checks_latest ON trust_revocation_checks (certificate_fingerprint, checked_at DESC);
COMMENT ON TABLE trust_revocation_checks IS 'Revocation answers the platform relied on (OCSP responses, fetched CRLs), kept as evidence and reused while fresh (module trust, migration 0022). Append-only.';
COMMENT ON COLUMN trust_revocation_checks.id IS 'Internal identifier.';
COMMENT ON COLUMN trust_revocation_checks.certificate_fingerprint IS 'SHA-256 fingerprint of the certificate asked about.';
COMMENT ON COLUMN trust_revocation_checks.issuer_fingerprint IS 'SHA-256 fingerprint of its issuer.';
COMMENT ON COLUMN trust_revocation_checks.source IS 'ocsp (RFC 6960) or crl (RFC 5280).';
COMMENT ON COLUMN trust_revocation_checks.url IS 'Where the answer came from (the OCSP responder or the CRL distribution point); null for a CRL already held.';
COMMENT ON COLUMN trust_revocation_checks.status IS 'good, revoked or unknown, as the answer said.';
COMMENT ON COLUMN trust_revocation_checks.revoked_at IS 'Revocation time, when revoked.';
COMMENT ON COLUMN trust_revocation_checks.reason IS 'Revocation reason (keyCompromise, …), when given.';
COMMENT ON COLUMN trust_revocation_checks.this_update IS 'thisUpdate of the answer.';
COMMENT ON COLUMN trust_revocation_checks.next_update IS 'nextUpdate of the answer, if any: not reused after it.';
COMMENT ON COLUMN trust_revocation_checks.response_der IS 'The OCSP response as received (DER); null for a CRL (kept in trust_crls).';
COMMENT ON COLUMN trust_revocation_checks.checked_at IS 'When the platform received it.';
CREATE TRIGGER trust_revocation_checks_append_only BEFORE UPDATE OR DELETE ON trust_revocation_checks
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
