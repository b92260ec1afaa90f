/**
 * The module's tables: trust anchors, intermediates, registered certificates and CRLs, and the
 * path options (anchors, intermediates, CRL revocation check) built from them.
 */
import type { Kysely } from 'kysely';
import type { CertificatePurpose, Database, TrustSource } from '../../db/schema';
import { fingerprintOf, type CertificateInfo } from './certificates';
import { bytes, x509 } from './engine';
import type { PathUsage } from './reasons';
import { DEFAULT_REVOCATION_POLICY, revocationChecker, type RevocationPolicy } from './revocation-service';
import type { PathOptions } from './validate';

export function certificateColumns(info: CertificateInfo, source: TrustSource, createdBy: number | null) {
  return {
    subject: info.subject,
    issuer: info.issuer,
    serial: info.serial,
    not_before: info.notBefore,
    not_after: info.notAfter,
    key_usage: info.keyUsage ?? [],
    extended_key_usage: info.extendedKeyUsage ?? [],
    fingerprint_sha256: info.fingerprint,
    der: info.der,
    source,
    created_by: createdBy,
  };
}

export async function insertAnchor(
  db: Kysely<Database>,
  info: CertificateInfo,
  source: TrustSource,
  createdBy: number | null,
): Promise<number> {
  const row = await db
    .insertInto('trust_anchors')
    .values(certificateColumns(info, source, createdBy))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds the intermediate unless it is already held (by fingerprint). */
export async function insertIntermediate(
  db: Kysely<Database>,
  info: CertificateInfo,
  source: TrustSource,
  createdBy: number | null,
): Promise<void> {
  await db
    .insertInto('trust_intermediates')
    .values(certificateColumns(info, source, createdBy))
    .onConflict((oc) => oc.column('fingerprint_sha256').doNothing())
    .execute();
}

export interface CertificateOwner {
  purpose: CertificatePurpose;
  userId: number | null;
  unitId: number | null;
}

export async function insertCertificate(
  db: Kysely<Database>,
  info: CertificateInfo,
  owner: CertificateOwner,
  source: TrustSource,
  createdBy: number | null,
): Promise<number> {
  const row = await db
    .insertInto('trust_certificates')
    .values({
      ...certificateColumns(info, source, createdBy),
      purpose: owner.purpose,
      user_id: owner.userId,
      unit_id: owner.unitId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCrl(db: Kysely<Database>, der: Uint8Array, source: TrustSource): Promise<void> {
  const crl = new x509.X509Crl(bytes(der));
  await db
    .insertInto('trust_crls')
    .values({
      issuer: crl.issuer,
      this_update: crl.thisUpdate,
      next_update: crl.nextUpdate ?? null,
      fingerprint_sha256: fingerprintOf(der),
      der,
      source,
    })
    .onConflict((oc) => oc.column('fingerprint_sha256').doNothing())
    .execute();
}

export async function anchorCertificates(db: Kysely<Database>): Promise<x509.X509Certificate[]> {
  const rows = await db.selectFrom('trust_anchors').select('der').orderBy('id').execute();
  return rows.map((row) => new x509.X509Certificate(bytes(row.der)));
}

export async function intermediateCertificates(db: Kysely<Database>): Promise<x509.X509Certificate[]> {
  const rows = await db.selectFrom('trust_intermediates').select('der').orderBy('id').execute();
  return rows.map((row) => new x509.X509Certificate(bytes(row.der)));
}

export async function heldCrls(db: Kysely<Database>): Promise<Uint8Array[]> {
  const rows = await db.selectFrom('trust_crls').select('der').orderBy('id').execute();
  return rows.map((row) => row.der);
}

/**
 * What validatePath needs, from the module's tables: anchors, intermediates, and the revocation
 * check (stored answers, OCSP, held and fetched CRLs: revocation-service.ts).
 */
export async function pathOptionsOf(
  db: Kysely<Database>,
  usage: PathUsage,
  at = new Date(),
  extraIntermediates: readonly x509.X509Certificate[] = [],
  policy: RevocationPolicy = DEFAULT_REVOCATION_POLICY,
): Promise<PathOptions> {
  const [anchors, intermediates, crls] = await Promise.all([
    anchorCertificates(db),
    intermediateCertificates(db),
    heldCrls(db),
  ]);
  return {
    anchors,
    intermediates: [...intermediates, ...extraIntermediates],
    at,
    usage,
    isRevoked: revocationChecker(
      db,
      {
        anchors: anchors.map((c) => new Uint8Array(c.rawData)),
        intermediates: [...intermediates, ...extraIntermediates].map((c) => new Uint8Array(c.rawData)),
        crls,
      },
      policy,
    ),
  };
}
