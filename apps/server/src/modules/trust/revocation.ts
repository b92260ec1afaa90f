/**
 * The default revocation check: the CRLs the module holds (trust_crls), with pkijs. A CRL counts
 * only if its issuer is the certificate's issuer and its signature verifies with the issuer's
 * key; the certificate is revoked at `at` if the CRL lists its serial with a revocation date at
 * or before `at`. No such CRL: 'unknown'. Freshness (nextUpdate, a maximum age) and OCSP belong to
 * the revocation service (lib/ocsp), which replaces this hook.
 */
import { derOf } from './certificates';
import { bytes, pkijs, type x509 } from './engine';
import type { IsRevoked, RevocationStatus } from './validate';

export function crlRevocationCheck(crls: readonly Uint8Array[]): IsRevoked {
  const parsed = crls.map((der) => pkijs.CertificateRevocationList.fromBER(bytes(der)));
  return async (certificate: x509.X509Certificate, issuer: x509.X509Certificate, at: Date) => {
    const issuerCertificate = pkijs.Certificate.fromBER(derOf(issuer));
    const subject = pkijs.Certificate.fromBER(derOf(certificate));
    let covered = false;
    let result: RevocationStatus = { status: 'unknown' };
    for (const crl of parsed) {
      if (!crl.issuer.isEqual(issuerCertificate.subject)) continue;
      let verified = false;
      try {
        verified = await crl.verify({ issuerCertificate });
      } catch {
        verified = false;
      }
      if (!verified) continue;
      covered = true;
      const entry = (crl.revokedCertificates ?? []).find((revoked) =>
        revoked.userCertificate.isEqual(subject.serialNumber),
      );
      if (entry) {
        const revokedAt = entry.revocationDate.value;
        if (revokedAt.getTime() <= at.getTime()) return { status: 'revoked', revokedAt };
      }
    }
    if (covered) result = { status: 'good' };
    return result;
  };
}
