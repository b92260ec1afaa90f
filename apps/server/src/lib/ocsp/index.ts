/**
 * Revocation: OCSP (RFC 6960) client and responder, CRLs (RFC 5280) — fetch, parse, check and
 * build — and a cache of answers. See docs/TRUST-PROTOCOLS.md. Errors are lib/tsp's
 * TrustProtocolError.
 */
export {
  CLOCK_SKEW_MS,
  REASONS,
  type RevocationAnswer,
  type RevocationReason,
  type RevocationStatus,
} from './common';
export {
  checkOcsp,
  nonceHexOf,
  ocspRequest,
  verifyOcspResponse,
  type CheckOcspOptions,
  type OcspRequestOptions,
  type OcspResult,
  type VerifyOcspOptions,
} from './client';
export {
  createOcspResponder,
  type CertificateStatus,
  type OcspResponder,
  type OcspResponderOptions,
} from './responder';
export {
  buildCrl,
  checkCrl,
  fetchCrl,
  parseCrl,
  type BuildCrlOptions,
  type CheckCrlOptions,
  type CrlEntry,
  type ParsedCrl,
} from './crl';
export {
  cachedCheckCrl,
  cachedCheckOcsp,
  MemoryRevocationCache,
  reuseUntil,
  revocationCacheKey,
  type CachedEntry,
  type RevocationCache,
} from './cache';
