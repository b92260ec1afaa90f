/** Row types: trust anchors, intermediates, registered certificates, CRLs and held keys (module trust). */
import type { Generated } from 'kysely';
import type { Timestamp } from './columns';

export type TrustSource = 'imported' | 'demo';
export type CertificatePurpose = 'signing' | 'seal' | 'timestamping' | 'ocsp';

/** The columns every certificate table has (0020_trust.sql). */
export interface CertificateColumns {
  id: Generated<number>;
  subject: string;
  issuer: string;
  serial: string;
  not_before: Timestamp;
  not_after: Timestamp;
  key_usage: string[];
  extended_key_usage: string[];
  fingerprint_sha256: string;
  der: Uint8Array;
  source: TrustSource;
  created_at: Generated<Date>;
  created_by: number | null;
}

export type TrustAnchorsTable = CertificateColumns;
export type TrustIntermediatesTable = CertificateColumns;

export interface TrustCertificatesTable extends CertificateColumns {
  purpose: CertificatePurpose;
  user_id: number | null;
  unit_id: number | null;
}

export interface TrustCrlsTable {
  id: Generated<number>;
  issuer: string;
  this_update: Timestamp;
  next_update: Timestamp | null;
  fingerprint_sha256: string;
  der: Uint8Array;
  source: TrustSource;
  created_at: Generated<Date>;
}

export interface TrustKeysTable {
  id: Generated<number>;
  label: string;
  certificate_fingerprint: string;
  algorithm: string;
  kek_id: string;
  wrapped: Uint8Array;
  created_at: Generated<Date>;
  pin_salt: Uint8Array | null;
  pin_set_at: Date | null;
  pin_attempts: Generated<number>;
  pin_locked_until: Date | null;
}

export interface TrustRevocationChecksTable {
  id: Generated<number>;
  certificate_fingerprint: string;
  issuer_fingerprint: string;
  source: 'ocsp' | 'crl';
  url: string | null;
  status: 'good' | 'revoked' | 'unknown';
  revoked_at: Timestamp | null;
  reason: string | null;
  this_update: Timestamp;
  next_update: Timestamp | null;
  response_der: Uint8Array | null;
  checked_at: Generated<Date>;
}
