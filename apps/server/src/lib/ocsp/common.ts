/**
 * What OCSP and CRLs share: revocation reasons (RFC 5280 §5.3.1), the answer type, the CertID
 * hashes, the issuer checks and the freshness rule.
 */
import { X509Certificate } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { certificateDer, digest, protocolError } from '../tsp/index';

export const REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;
export type RevocationReason = Exclude<(typeof REASONS)[number], 'unused'>;

export function reasonName(code: number | undefined): RevocationReason | undefined {
  if (code === undefined) return undefined;
  const name = REASONS[code];
  return name && name !== 'unused' ? name : 'unspecified';
}

export function reasonCode(reason: RevocationReason): number {
  return REASONS.indexOf(reason);
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

export interface RevocationAnswer {
  status: RevocationStatus;
  revokedAt?: Date;
  reason?: RevocationReason;
  thisUpdate: Date;
  /** Absent when the responder promises nothing (then only the configured max age limits reuse). */
  nextUpdate?: Date;
}

/** Tolerated clock difference between us and a responder (5 minutes). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Freshness: thisUpdate not in the future, nextUpdate (if any) not in the past, and thisUpdate no
 * older than `maxAgeSeconds` (if configured).
 */
export function checkFreshness(
  what: string,
  thisUpdate: Date,
  nextUpdate: Date | undefined,
  now: Date,
  maxAgeSeconds: number | undefined,
): void {
  const t = now.getTime();
  const stale = (vi: string, en: string) => protocolError('stale', `${what}: ${vi}`, `${what}: ${en}`);
  if (thisUpdate.getTime() > t + CLOCK_SKEW_MS) {
    throw stale('thời điểm phát hành (thisUpdate) ở tương lai.', 'thisUpdate is in the future.');
  }
  if (nextUpdate && nextUpdate.getTime() < t - CLOCK_SKEW_MS) {
    throw stale(
      `đã hết hạn từ ${nextUpdate.toISOString()} (nextUpdate).`,
      `expired at ${nextUpdate.toISOString()} (nextUpdate).`,
    );
  }
  if (maxAgeSeconds !== undefined && t - thisUpdate.getTime() > maxAgeSeconds * 1000 + CLOCK_SKEW_MS) {
    throw stale(
      `cũ hơn thời hạn cho phép ${maxAgeSeconds} giây.`,
      `older than the configured maximum age of ${maxAgeSeconds} s.`,
    );
  }
}

/** Hash of the issuer's name (DER) and of its public key (the BIT STRING's value), CertID style. */
export function issuerHashes(
  issuer: pkijs.Certificate,
  hash: string,
): { nameHash: Uint8Array; keyHash: Uint8Array } {
  return {
    nameHash: digest(hash, new Uint8Array(issuer.subject.toSchema().toBER())),
    keyHash: digest(hash, issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
  };
}

/** Whether `issuer` issued `certificate`: names chain and the certificate's signature verifies. */
export function issuedBy(certificate: pkijs.Certificate, issuer: pkijs.Certificate): boolean {
  if (!certificate.issuer.isEqual(issuer.subject)) return false;
  try {
    const child = new X509Certificate(Buffer.from(certificateDer(certificate)));
    const parent = new X509Certificate(Buffer.from(certificateDer(issuer)));
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

export function requireIssuedBy(certificate: pkijs.Certificate, issuer: pkijs.Certificate): void {
  if (!issuedBy(certificate, issuer)) {
    throw protocolError(
      'wrong_issuer',
      'Chứng thư số không do chứng thư của bên phát hành đã cho cấp.',
      'The certificate was not issued by the issuer certificate given.',
    );
  }
}
