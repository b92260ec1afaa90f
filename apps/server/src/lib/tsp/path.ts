/**
 * Certificate path validation for the protocol signers (a TSA, an OCSP responder, a CRL issuer):
 * RFC 5280 path building and checking by pkijs (signatures, validity at the given time, basic
 * constraints, name chaining) from the certificate through the intermediates to one of the trust
 * anchors. Revocation of the path is not checked here (the trust module does that with the OCSP
 * and CRL functions of lib/ocsp).
 */
import * as pkijs from 'pkijs';
import { protocolError } from './errors';
import { parseCertificate } from './pki';

export interface PathOptions {
  trustAnchors: Uint8Array[];
  intermediates?: Uint8Array[] | undefined;
  /** Time at which every certificate of the path must be valid. */
  at: Date;
}

/** The path from `certificate` to an anchor, leaf first; throws `untrusted` when there is none. */
export async function validatePath(
  certificate: pkijs.Certificate,
  options: PathOptions,
): Promise<pkijs.Certificate[]> {
  const trustedCerts = options.trustAnchors.map(parseCertificate);
  const certs = [...(options.intermediates ?? []).map(parseCertificate), certificate];
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts, certs, checkDate: options.at });
  let result: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    result = await engine.verify({ passedWhenNotRevValues: true });
  } catch (error) {
    result = error as pkijs.CertificateChainValidationEngineVerifyResult;
  }
  if (!result?.result || !result.certificatePath) {
    const reason = result?.resultMessage ?? 'no path';
    throw protocolError(
      'untrusted',
      `Chứng thư số không dẫn tới một chứng thư gốc tin cậy tại thời điểm ${options.at.toISOString()} (${reason}).`,
      `The certificate has no valid path to a trust anchor at ${options.at.toISOString()} (${reason}).`,
    );
  }
  return result.certificatePath;
}
