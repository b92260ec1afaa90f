/**
 * The signers the documents module asks for: the competent person's own key when the platform
 * holds it (the registered signing certificate of that official whose key is in trust_keys), the
 * agency's seal key (the registered seal certificate of that unit), and what a verifier of a
 * signed PDF needs — the trust anchors and intermediates (DER) and the path validation of a
 * signer's certificate at a time, with revocation checked (OCSP, held and fetched CRLs).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { bytes, x509 } from './engine';
import { anchorCertificates, heldCrls, intermediateCertificates, pathOptionsOf } from './registry';
import { unlockKey } from './pins';
import { sealOf, type PlatformSeal } from './services';
import { validatePath, type PathResult } from './validate';

export type KeyOwner = { userId: number } | { unitId: number };

/** Registered certificates (DER, fingerprint) of an official (signing) or an agency (seal), valid at `at`. */
export async function certificatesOf(db: Kysely<Database>, owner: KeyOwner, at = new Date()) {
  let query = db
    .selectFrom('trust_certificates')
    .select(['der', 'fingerprint_sha256', 'serial', 'subject', 'not_after'])
    .where('not_before', '<=', at)
    .where('not_after', '>', at);
  query =
    'userId' in owner
      ? query.where('purpose', '=', 'signing').where('user_id', '=', owner.userId)
      : query.where('purpose', '=', 'seal').where('unit_id', '=', owner.unitId);
  return query.orderBy('not_after', 'desc').execute();
}

/**
 * The key the platform holds for this official or agency, with its certificate and chain; the
 * newest registered certificate whose key is held. null: no such key (sign with a token instead).
 */
export async function openHeldSigner(
  db: Kysely<Database>,
  kek: Uint8Array,
  owner: KeyOwner,
  at = new Date(),
  pin: string | null = null,
): Promise<PlatformSeal | null> {
  const certificates = await certificatesOf(db, owner, at);
  if (certificates.length === 0) return null;
  const keys = await db
    .selectFrom('trust_keys')
    .select(['label', 'certificate_fingerprint', 'wrapped', 'pin_salt'])
    .where(
      'certificate_fingerprint',
      'in',
      certificates.map((c) => c.fingerprint_sha256),
    )
    .execute();
  for (const certificate of certificates) {
    const key = keys.find((k) => k.certificate_fingerprint === certificate.fingerprint_sha256);
    // Revoked demo keys carry their state in the CRL; a path check at signing time refuses them.
    if (key)
      return sealOf(db, await unlockKey(db, kek, key, pin), key.certificate_fingerprint, certificate.der);
  }
  return null;
}

/** The label of the official's held signing key (newest certificate), and whether a PIN guards it. */
export async function heldSigningKeyOf(db: Kysely<Database>, userId: number, at = new Date()) {
  const certificates = await certificatesOf(db, { userId }, at);
  if (certificates.length === 0) return null;
  const keys = await db
    .selectFrom('trust_keys')
    .select(['label', 'certificate_fingerprint', 'pin_salt', 'pin_set_at', 'pin_locked_until'])
    .where(
      'certificate_fingerprint',
      'in',
      certificates.map((c) => c.fingerprint_sha256),
    )
    .execute();
  for (const certificate of certificates) {
    const key = keys.find((k) => k.certificate_fingerprint === certificate.fingerprint_sha256);
    if (key)
      return {
        label: key.label,
        hasPin: key.pin_salt !== null,
        pinSetAt: key.pin_set_at,
        lockedUntil: key.pin_locked_until && key.pin_locked_until > at ? key.pin_locked_until : null,
        certificateSerial: certificate.serial,
        certificateSubject: certificate.subject,
        notAfter: certificate.not_after,
      };
  }
  return null;
}

/** Trust anchors and intermediates (DER), for verifying CMS and timestamps. */
export async function verificationMaterial(db: Kysely<Database>) {
  const [anchors, intermediates] = await Promise.all([anchorCertificates(db), intermediateCertificates(db)]);
  return {
    trustAnchors: anchors.map((c) => new Uint8Array(c.rawData)),
    intermediates: intermediates.map((c) => new Uint8Array(c.rawData)),
  };
}

/** The path of a signer's certificate (DER) for `usage` at `at`, revocation checked. */
export async function checkSignerPath(
  db: Kysely<Database>,
  certificate: Uint8Array,
  usage: 'signing' | 'seal',
  at: Date,
  extra: readonly Uint8Array[] = [],
): Promise<PathResult> {
  const options = await pathOptionsOf(
    db,
    usage,
    at,
    extra.map((der) => new x509.X509Certificate(bytes(der))),
  );
  return validatePath(certificate, options);
}

/**
 * What a PAdES-B-LT document carries for these certificates (by fingerprint): the registered
 * certificates themselves, the OCSP responses received for them (the newest of each) and the CRLs
 * the platform holds.
 */
export async function validationDataOf(db: Kysely<Database>, fingerprints: readonly string[]) {
  if (fingerprints.length === 0) return { certificates: [], ocspResponses: [], crls: await heldCrls(db) };
  const [certificates, checks, crls] = await Promise.all([
    db
      .selectFrom('trust_certificates')
      .select('der')
      .where('fingerprint_sha256', 'in', [...fingerprints])
      .execute(),
    db
      .selectFrom('trust_revocation_checks')
      .select(['certificate_fingerprint', 'response_der'])
      .where('certificate_fingerprint', 'in', [...fingerprints])
      .where('response_der', 'is not', null)
      .orderBy('checked_at', 'desc')
      .execute(),
    heldCrls(db),
  ]);
  const newest = new Map<string, Uint8Array>();
  for (const row of checks)
    if (row.response_der && !newest.has(row.certificate_fingerprint))
      newest.set(row.certificate_fingerprint, row.response_der);
  return { certificates: certificates.map((c) => c.der), ocspResponses: [...newest.values()], crls };
}
