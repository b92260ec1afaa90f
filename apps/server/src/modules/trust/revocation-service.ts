/**
 * Revocation as validatePath asks it (the IsRevoked hook), from every source the platform has,
 * the answers kept as evidence (trust_revocation_checks, migration 0022):
 * 1. a fresh answer already received for this certificate (not older than the maximum age, nor
 *    past its nextUpdate) — reused, not asked again;
 * 2. the certificate's OCSP responders (Authority Information Access), RFC 6960: the answer
 *    verified (signature, responder, nonce, freshness) by lib/ocsp, stored with its DER;
 * 3. the CRLs the module holds (trust_crls);
 * 4. the certificate's CRL distribution points: the CRL fetched, checked, added to trust_crls.
 * A validation at a past time asks no one online (a responder tells the present only): held
 * CRLs, then stored answers. Nothing found: 'unknown', which validatePath refuses only when told
 * to (requireRevocationStatus).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { checkCrl, checkOcsp, fetchCrl, type RevocationAnswer } from '../../lib/ocsp';
import { derOf, fingerprintOf } from './certificates';
import { x509 } from './engine';
import { insertCrl } from './registry';
import { crlRevocationCheck } from './revocation';
import type { IsRevoked, RevocationStatus } from './validate';

export interface RevocationPolicy {
  /** An answer older than this is not reused, nor accepted from a responder. */
  maxAgeSeconds: number;
  /** Ask OCSP responders and CRL distribution points over the network. */
  online: boolean;
  timeoutMs: number;
}

export const DEFAULT_REVOCATION_POLICY: RevocationPolicy = {
  maxAgeSeconds: 3600,
  online: true,
  timeoutMs: 5000,
};

const fingerprint = fingerprintOf;

/** URLs of a kind in a certificate's extensions (http only: ldap is not fetched). */
export function revocationUrls(certificate: x509.X509Certificate): { ocsp: string[]; crl: string[] } {
  const http = (value: string) => /^https?:\/\//i.test(value);
  const aia = certificate.getExtension(x509.AuthorityInfoAccessExtension);
  const ocsp = (aia?.ocsp ?? []).map((name) => String(name.value)).filter(http);
  const cdp = certificate.getExtension(x509.CRLDistributionPointsExtension);
  const crl: string[] = [];
  for (const point of cdp?.distributionPoints ?? [])
    for (const name of point.distributionPoint?.fullName ?? [])
      if (name.uniformResourceIdentifier && http(name.uniformResourceIdentifier))
        crl.push(name.uniformResourceIdentifier);
  return { ocsp, crl };
}

function statusAt(answer: { status: string; revokedAt?: Date | null }, at: Date): RevocationStatus {
  if (answer.status === 'revoked')
    return answer.revokedAt && answer.revokedAt.getTime() > at.getTime()
      ? { status: 'good' }
      : { status: 'revoked', revokedAt: answer.revokedAt ?? new Date(0) };
  return answer.status === 'good' ? { status: 'good' } : { status: 'unknown' };
}

export interface RevocationSources {
  anchors: Uint8Array[];
  intermediates: Uint8Array[];
  crls: Uint8Array[];
}

export function revocationChecker(
  db: Kysely<Database>,
  sources: RevocationSources,
  policy: RevocationPolicy = DEFAULT_REVOCATION_POLICY,
): IsRevoked {
  const held = crlRevocationCheck(sources.crls);
  const store = async (
    certificate: Uint8Array,
    issuer: Uint8Array,
    source: 'ocsp' | 'crl',
    url: string,
    answer: RevocationAnswer & { thisUpdate: Date; nextUpdate?: Date },
    responseDer: Uint8Array | null,
  ) =>
    db
      .insertInto('trust_revocation_checks')
      .values({
        certificate_fingerprint: fingerprint(certificate),
        issuer_fingerprint: fingerprint(issuer),
        source,
        url,
        status: answer.status,
        revoked_at: answer.revokedAt ?? null,
        reason: answer.reason ?? null,
        this_update: answer.thisUpdate,
        next_update: answer.nextUpdate ?? null,
        response_der: responseDer,
      })
      .execute();

  return async (certificate, issuer, at) => {
    const certDer = derOf(certificate);
    const issuerDer = derOf(issuer);
    const now = new Date();
    const present = Math.abs(now.getTime() - at.getTime()) < 5 * 60_000;
    const latest = await db
      .selectFrom('trust_revocation_checks')
      .selectAll()
      .where('certificate_fingerprint', '=', fingerprint(certDer))
      .where('issuer_fingerprint', '=', fingerprint(issuerDer))
      .orderBy('checked_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const fresh =
      latest !== undefined &&
      now.getTime() - new Date(latest.this_update).getTime() <= policy.maxAgeSeconds * 1000 &&
      (latest.next_update === null || new Date(latest.next_update).getTime() > now.getTime());
    if (latest && (fresh || !present))
      return statusAt(
        { status: latest.status, revokedAt: latest.revoked_at ? new Date(latest.revoked_at) : null },
        at,
      );

    const urls = revocationUrls(certificate);
    if (present && policy.online)
      for (const url of urls.ocsp) {
        try {
          const answer = await checkOcsp(url, certDer, issuerDer, {
            trustAnchors: sources.anchors,
            intermediates: sources.intermediates,
            maxAgeSeconds: policy.maxAgeSeconds,
            timeoutMs: policy.timeoutMs,
          });
          await store(certDer, issuerDer, 'ocsp', url, answer, answer.responseDer);
          if (answer.status !== 'unknown') return statusAt(answer, at);
        } catch {
          // Unreachable or refused: the next source.
        }
      }
    const fromHeld = await held(certificate, issuer, at);
    if (fromHeld.status !== 'unknown' || !present || !policy.online) return fromHeld;
    for (const url of urls.crl) {
      try {
        const der = await fetchCrl(url, { timeoutMs: policy.timeoutMs });
        const answer = checkCrl(der, certDer, issuerDer, { now, maxAgeSeconds: policy.maxAgeSeconds });
        await insertCrl(db, der, 'imported');
        await store(certDer, issuerDer, 'crl', url, answer, null);
        return statusAt(answer, at);
      } catch {
        // The next distribution point.
      }
    }
    return { status: 'unknown' };
  };
}
