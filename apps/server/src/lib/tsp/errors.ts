/**
 * The one error type of the trust protocols (RFC 3161, RFC 6960, RFC 5280 CRLs). Each carries a
 * stable `code` that the trust module maps to a problem document, a Vietnamese message (shown by
 * default) and its English counterpart.
 */
export type TrustProtocolErrorCode =
  | 'malformed' // bytes that are not the structure they claim to be
  | 'unsupported_algorithm' // SHA-1 signatures, unknown digests
  | 'transport' // HTTP failure, timeout, wrong content type
  | 'tsa_rejected' // the TSA answered "rejection" or "waiting"
  | 'imprint_mismatch' // the token does not cover the digest
  | 'nonce_mismatch'
  | 'policy_mismatch'
  | 'bad_signature'
  | 'signer_binding' // ESSCertID(v2) does not name the signing certificate
  | 'wrong_usage' // extended key usage missing, not critical, or not the one required
  | 'untrusted' // no path to a trust anchor at the time asked
  | 'ocsp_error' // the OCSP responder answered a non-successful status
  | 'no_answer' // the response says nothing about the certificate asked
  | 'stale' // thisUpdate/nextUpdate/max age do not cover the time asked
  | 'wrong_issuer'; // the CRL or OCSP answer is not from the certificate's issuer

export class TrustProtocolError extends Error {
  readonly code: TrustProtocolErrorCode;
  readonly messageEn: string;

  constructor(code: TrustProtocolErrorCode, message: string, messageEn: string) {
    super(message);
    this.name = 'TrustProtocolError';
    this.code = code;
    this.messageEn = messageEn;
  }
}

export function protocolError(
  code: TrustProtocolErrorCode,
  message: string,
  messageEn: string,
): TrustProtocolError {
  return new TrustProtocolError(code, message, messageEn);
}
