/**
 * Certificate path validation at a given time, with no I/O: the anchors, intermediates and the
 * revocation check are given. The path is built by name and signature from the leaf to an anchor,
 * every certificate's validity is checked at `at`, the leaf's key usage against the purpose, each
 * CA's basic constraints, then pkijs' CertificateChainValidationEngine checks the same path
 * (signatures, validity, constraints) as a second, independent opinion. Revocation goes through
 * the `isRevoked` hook (by default the CRLs the module holds: revocation.ts; OCSP later).
 */
import { describeCertificate, derOf, EKU, type CertificateInfo } from './certificates';
import { bytes, pkijs, x509 } from './engine';
import { refusal, type PathRefusal, type PathUsage } from './reasons';

export type RevocationStatus =
  { status: 'good' } | { status: 'revoked'; revokedAt: Date } | { status: 'unknown' };

export type IsRevoked = (
  certificate: x509.X509Certificate,
  issuer: x509.X509Certificate,
  at: Date,
) => Promise<RevocationStatus>;

export interface PathOptions {
  anchors: readonly x509.X509Certificate[];
  intermediates: readonly x509.X509Certificate[];
  at: Date;
  usage: PathUsage;
  /** Revocation check of every certificate below the anchor; none given: not checked. */
  isRevoked?: IsRevoked;
  /** Refuse when the revocation status of a certificate is unknown (no CRL, no OCSP answer). */
  requireRevocationStatus?: boolean;
}

export interface PathAccepted {
  ok: true;
  /** Leaf first, the anchor last. */
  path: x509.X509Certificate[];
  /** 'unknown' when a certificate of the path had no revocation status (and that was allowed). */
  revocation: 'checked' | 'unchecked' | 'unknown';
}

export type PathResult = PathAccepted | PathRefusal;

const MAX_DEPTH = 8;

/** What each purpose needs of the leaf: key usage bits (one of) and extended key usages (one of). */
export function usageProblem(info: CertificateInfo, usage: PathUsage): string | null {
  if (info.isCa) return 'chứng thư của tổ chức cấp (CA)';
  const ku = info.keyUsage;
  const eku = info.extendedKeyUsage;
  const signs = ku === null || ku.includes('digitalSignature') || ku.includes('nonRepudiation');
  if (!signs) return 'thiếu digitalSignature/nonRepudiation';
  switch (usage) {
    case 'signing':
    case 'seal': {
      const allowed: string[] = [
        EKU.emailProtection,
        EKU.clientAuth,
        EKU.documentSigning,
        EKU.msDocumentSigning,
        EKU.any,
      ];
      if (eku !== null && !eku.some((oid) => allowed.includes(oid)))
        return 'extendedKeyUsage không cho phép ký tài liệu';
      return null;
    }
    case 'timestamping':
      // RFC 3161 §2.3: exactly one extended key usage, timeStamping, marked critical.
      if (eku === null || eku.length !== 1 || eku[0] !== EKU.timeStamping || !info.extendedKeyUsageCritical)
        return 'cần extendedKeyUsage timeStamping duy nhất, critical';
      return null;
    case 'ocsp':
      if (eku === null || !eku.includes(EKU.ocspSigning)) return 'cần extendedKeyUsage OCSPSigning';
      return null;
  }
}

function dateProblem(info: CertificateInfo, at: Date, leaf: boolean): PathRefusal | null {
  if (at.getTime() < info.notBefore.getTime())
    return refusal('certificate_not_yet_valid', { subject: info.subject, leaf, date: info.notBefore });
  if (at.getTime() > info.notAfter.getTime())
    return refusal('certificate_expired', { subject: info.subject, leaf, date: info.notAfter });
  return null;
}

async function signedBy(child: x509.X509Certificate, parent: x509.X509Certificate): Promise<boolean> {
  if (child.issuer !== parent.subject) return false;
  try {
    return await child.verify({ publicKey: parent.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

const sameCertificate = (a: x509.X509Certificate, b: x509.X509Certificate) =>
  Buffer.from(a.rawData).equals(Buffer.from(b.rawData));

/** Leaf → … → anchor, by issuer name and signature; null when no anchor is reached. */
async function buildPath(
  leaf: x509.X509Certificate,
  anchors: readonly x509.X509Certificate[],
  intermediates: readonly x509.X509Certificate[],
): Promise<x509.X509Certificate[] | null> {
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (anchors.some((anchor) => sameCertificate(anchor, current))) return path;
    for (const anchor of anchors) if (await signedBy(current, anchor)) return [...path, anchor];
    let next: x509.X509Certificate | null = null;
    for (const candidate of intermediates)
      if (!path.some((seen) => sameCertificate(seen, candidate)) && (await signedBy(current, candidate))) {
        next = candidate;
        break;
      }
    if (!next) return null;
    path.push(next);
    current = next;
  }
  return null;
}

/** pkijs' engine on the path found: signatures, validity and constraints, independently. */
async function engineAccepts(path: x509.X509Certificate[], at: Date): Promise<string | null> {
  const toPkijs = (certificate: x509.X509Certificate) => pkijs.Certificate.fromBER(derOf(certificate));
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [toPkijs(path[path.length - 1]!)],
    certs: path.slice(0, -1).map(toPkijs),
    checkDate: at,
  });
  const result = await engine.verify();
  return result.result ? null : result.resultMessage;
}

export async function validatePath(
  leafInput: x509.X509Certificate | Uint8Array,
  options: PathOptions,
): Promise<PathResult> {
  let leaf: x509.X509Certificate;
  let info: CertificateInfo;
  try {
    leaf = leafInput instanceof x509.X509Certificate ? leafInput : new x509.X509Certificate(bytes(leafInput));
    info = describeCertificate(leaf);
  } catch (error) {
    return refusal('certificate_malformed', { why: error instanceof Error ? error.message : String(error) });
  }
  const leafDates = dateProblem(info, options.at, true);
  if (leafDates) return leafDates;
  const usage = usageProblem(info, options.usage);
  if (usage) return refusal('wrong_key_usage', { subject: info.subject, usage: options.usage, why: usage });

  const path = await buildPath(leaf, options.anchors, options.intermediates);
  if (!path) return refusal('untrusted_issuer', { subject: info.subject, issuer: info.issuer });
  for (const ca of path.slice(1)) {
    const caInfo = describeCertificate(ca);
    const dates = dateProblem(caInfo, options.at, false);
    if (dates) return dates;
    if (!caInfo.isCa || (caInfo.keyUsage !== null && !caInfo.keyUsage.includes('keyCertSign')))
      return refusal('untrusted_issuer', {
        subject: info.subject,
        issuer: `${caInfo.subject} (không phải CA)`,
      });
  }
  const engine = await engineAccepts(path, options.at);
  if (engine !== null)
    return refusal('untrusted_issuer', { subject: info.subject, issuer: `${info.issuer}: ${engine}` });

  if (!options.isRevoked) return { ok: true, path, revocation: 'unchecked' };
  let unknown = false;
  // Every certificate below the anchor, the leaf first.
  for (let index = 0; index < path.length - 1; index++) {
    const status = await options.isRevoked(path[index]!, path[index + 1]!, options.at);
    const subject = path[index]!.subject;
    if (status.status === 'revoked')
      return refusal('certificate_revoked', { subject, leaf: index === 0, date: status.revokedAt });
    if (status.status === 'unknown') {
      if (options.requireRevocationStatus)
        return refusal('revocation_unknown', { subject, leaf: index === 0 });
      unknown = true;
    }
  }
  return { ok: true, path, revocation: unknown ? 'unknown' : 'checked' };
}
