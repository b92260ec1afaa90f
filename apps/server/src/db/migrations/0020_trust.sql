-- Trust services (issue 13), module trust: the trust anchors (root certificates), intermediate
-- certificates, the registered signing certificates of officials and agencies, the CRLs the
-- platform holds, and private keys the platform may hold (demo keys), encrypted at rest.

CREATE TABLE trust_anchors (
  id serial PRIMARY KEY,
  subject text NOT NULL,
  issuer text NOT NULL,
  serial text NOT NULL CHECK (serial ~ '^[0-9a-f]+$'),
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL CHECK (not_after > not_before),
  key_usage text[] NOT NULL,
  extended_key_usage text[] NOT NULL,
  fingerprint_sha256 text NOT NULL UNIQUE CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  der bytea NOT NULL,
  source text NOT NULL CHECK (source IN ('imported', 'demo')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer NULL REFERENCES users(id)
);
COMMENT ON TABLE trust_anchors IS 'Trust anchors: self-signed root CA certificates a certificate path must end at (imported by the system administrator, e.g. the Ban Cơ yếu Chính phủ root, or the demo root).';
COMMENT ON COLUMN trust_anchors.id IS 'Identifier.';
COMMENT ON COLUMN trust_anchors.subject IS 'Subject distinguished name (RFC 4514 string).';
COMMENT ON COLUMN trust_anchors.issuer IS 'Issuer distinguished name (the subject, for a self-signed root).';
COMMENT ON COLUMN trust_anchors.serial IS 'Serial number, lower-case hexadecimal.';
COMMENT ON COLUMN trust_anchors.not_before IS 'Start of validity.';
COMMENT ON COLUMN trust_anchors.not_after IS 'End of validity.';
COMMENT ON COLUMN trust_anchors.key_usage IS 'Key usage bits set (keyCertSign, cRLSign…); empty without the extension.';
COMMENT ON COLUMN trust_anchors.extended_key_usage IS 'Extended key usage OIDs; empty without the extension.';
COMMENT ON COLUMN trust_anchors.fingerprint_sha256 IS 'SHA-256 of the DER certificate, lower-case hexadecimal.';
COMMENT ON COLUMN trust_anchors.der IS 'The certificate, DER.';
COMMENT ON COLUMN trust_anchors.source IS 'imported (by an administrator) | demo (the demo PKI, no legal value).';
COMMENT ON COLUMN trust_anchors.created_at IS 'When it was added.';
COMMENT ON COLUMN trust_anchors.created_by IS 'The administrator who imported it; null for the demo PKI.';

CREATE TABLE trust_intermediates (
  id serial PRIMARY KEY,
  subject text NOT NULL,
  issuer text NOT NULL,
  serial text NOT NULL CHECK (serial ~ '^[0-9a-f]+$'),
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL CHECK (not_after > not_before),
  key_usage text[] NOT NULL,
  extended_key_usage text[] NOT NULL,
  fingerprint_sha256 text NOT NULL UNIQUE CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  der bytea NOT NULL,
  source text NOT NULL CHECK (source IN ('imported', 'demo')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer NULL REFERENCES users(id)
);
COMMENT ON TABLE trust_intermediates IS 'Intermediate (issuing) CA certificates that may stand between a leaf and a trust anchor; brought with a registered certificate or by the demo PKI.';
COMMENT ON COLUMN trust_intermediates.id IS 'Identifier.';
COMMENT ON COLUMN trust_intermediates.subject IS 'Subject distinguished name (RFC 4514 string).';
COMMENT ON COLUMN trust_intermediates.issuer IS 'Issuer distinguished name.';
COMMENT ON COLUMN trust_intermediates.serial IS 'Serial number, lower-case hexadecimal.';
COMMENT ON COLUMN trust_intermediates.not_before IS 'Start of validity.';
COMMENT ON COLUMN trust_intermediates.not_after IS 'End of validity.';
COMMENT ON COLUMN trust_intermediates.key_usage IS 'Key usage bits set; empty without the extension.';
COMMENT ON COLUMN trust_intermediates.extended_key_usage IS 'Extended key usage OIDs; empty without the extension.';
COMMENT ON COLUMN trust_intermediates.fingerprint_sha256 IS 'SHA-256 of the DER certificate, lower-case hexadecimal.';
COMMENT ON COLUMN trust_intermediates.der IS 'The certificate, DER.';
COMMENT ON COLUMN trust_intermediates.source IS 'imported (with a registered certificate) | demo (the demo PKI, no legal value).';
COMMENT ON COLUMN trust_intermediates.created_at IS 'When it was added.';
COMMENT ON COLUMN trust_intermediates.created_by IS 'The administrator who brought it; null for the demo PKI.';

CREATE TABLE trust_certificates (
  id serial PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('signing', 'seal', 'timestamping', 'ocsp')),
  user_id integer NULL REFERENCES users(id),
  unit_id integer NULL REFERENCES units(id),
  subject text NOT NULL,
  issuer text NOT NULL,
  serial text NOT NULL CHECK (serial ~ '^[0-9a-f]+$'),
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL CHECK (not_after > not_before),
  key_usage text[] NOT NULL,
  extended_key_usage text[] NOT NULL,
  fingerprint_sha256 text NOT NULL UNIQUE CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  der bytea NOT NULL,
  source text NOT NULL CHECK (source IN ('imported', 'demo')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer NULL REFERENCES users(id),
  CHECK ((purpose = 'signing') = (user_id IS NOT NULL)),
  CHECK ((purpose = 'seal') = (unit_id IS NOT NULL))
);
CREATE INDEX trust_certificates_user ON trust_certificates (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX trust_certificates_unit ON trust_certificates (unit_id) WHERE unit_id IS NOT NULL;
COMMENT ON TABLE trust_certificates IS 'Registered end-entity certificates: an official''s signing certificate (chữ ký số cá nhân), an agency''s seal (con dấu), and the platform''s timestamping unit and OCSP signer. The public part only; a key the platform holds is in trust_keys.';
COMMENT ON COLUMN trust_certificates.id IS 'Identifier.';
COMMENT ON COLUMN trust_certificates.purpose IS 'signing (an official, user_id) | seal (an agency, unit_id) | timestamping (a TSA unit) | ocsp (an OCSP responder).';
COMMENT ON COLUMN trust_certificates.user_id IS 'The official whose signing certificate it is (purpose signing only).';
COMMENT ON COLUMN trust_certificates.unit_id IS 'The agency whose seal it is (purpose seal only).';
COMMENT ON COLUMN trust_certificates.subject IS 'Subject distinguished name (RFC 4514 string).';
COMMENT ON COLUMN trust_certificates.issuer IS 'Issuer distinguished name.';
COMMENT ON COLUMN trust_certificates.serial IS 'Serial number, lower-case hexadecimal.';
COMMENT ON COLUMN trust_certificates.not_before IS 'Start of validity.';
COMMENT ON COLUMN trust_certificates.not_after IS 'End of validity.';
COMMENT ON COLUMN trust_certificates.key_usage IS 'Key usage bits set (digitalSignature, nonRepudiation…); empty without the extension.';
COMMENT ON COLUMN trust_certificates.extended_key_usage IS 'Extended key usage OIDs; empty without the extension.';
COMMENT ON COLUMN trust_certificates.fingerprint_sha256 IS 'SHA-256 of the DER certificate, lower-case hexadecimal.';
COMMENT ON COLUMN trust_certificates.der IS 'The certificate, DER.';
COMMENT ON COLUMN trust_certificates.source IS 'imported (registered by an administrator after path validation) | demo (the demo PKI, no legal value).';
COMMENT ON COLUMN trust_certificates.created_at IS 'When it was registered.';
COMMENT ON COLUMN trust_certificates.created_by IS 'The administrator who registered it; null for the demo PKI.';

CREATE TABLE trust_crls (
  id serial PRIMARY KEY,
  issuer text NOT NULL,
  this_update timestamptz NOT NULL,
  next_update timestamptz NULL,
  fingerprint_sha256 text NOT NULL UNIQUE CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  der bytea NOT NULL,
  source text NOT NULL CHECK (source IN ('imported', 'demo')),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE trust_crls IS 'Certificate revocation lists the platform holds (the demo CRL; later CRLs fetched from the CAs), read by the default revocation check.';
COMMENT ON COLUMN trust_crls.id IS 'Identifier.';
COMMENT ON COLUMN trust_crls.issuer IS 'Issuer distinguished name of the CRL (RFC 4514 string).';
COMMENT ON COLUMN trust_crls.this_update IS 'thisUpdate of the CRL.';
COMMENT ON COLUMN trust_crls.next_update IS 'nextUpdate of the CRL; null when absent.';
COMMENT ON COLUMN trust_crls.fingerprint_sha256 IS 'SHA-256 of the DER CRL, lower-case hexadecimal.';
COMMENT ON COLUMN trust_crls.der IS 'The CRL, DER.';
COMMENT ON COLUMN trust_crls.source IS 'imported | demo (the demo PKI, no legal value).';
COMMENT ON COLUMN trust_crls.created_at IS 'When it was stored.';

CREATE TABLE trust_keys (
  id serial PRIMARY KEY,
  label text NOT NULL UNIQUE,
  certificate_fingerprint text NOT NULL CHECK (certificate_fingerprint ~ '^[0-9a-f]{64}$'),
  algorithm text NOT NULL,
  kek_id text NOT NULL,
  wrapped bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE trust_keys IS 'Private keys the platform holds in software (the demo PKI), each encrypted at rest under the key-encryption key of the environment (TRUST_KEK); never stored in clear.';
COMMENT ON COLUMN trust_keys.id IS 'Identifier.';
COMMENT ON COLUMN trust_keys.label IS 'Stable name of the key, e.g. demo-root, demo-issuing, demo-seal-000.00.16.H53, demo-signing-lanhdao.';
COMMENT ON COLUMN trust_keys.certificate_fingerprint IS 'SHA-256 fingerprint of the certificate of its public key (in trust_anchors, trust_intermediates or trust_certificates).';
COMMENT ON COLUMN trust_keys.algorithm IS 'Key algorithm, e.g. RSASSA-PKCS1-v1_5/SHA-256/2048.';
COMMENT ON COLUMN trust_keys.kek_id IS 'Identifier of the key-encryption key (first 16 hex digits of SHA-256 of it), to tell a wrong TRUST_KEK from damaged data.';
COMMENT ON COLUMN trust_keys.wrapped IS 'The PKCS#8 private key encrypted with AES-256-GCM under the key-encryption key: 12-byte nonce, ciphertext, 16-byte tag; the label is the associated data.';
COMMENT ON COLUMN trust_keys.created_at IS 'When it was stored.';
