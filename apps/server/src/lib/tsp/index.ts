/**
 * RFC 3161 time-stamping: requests, the HTTP client of a TSA, token verification, and a TSA
 * responder (the demo one of the trust module). See docs/TRUST-PROTOCOLS.md. The helpers of
 * pki.ts, path.ts and transport.ts are shared with lib/ocsp.
 */
export * from './errors';
export {
  OID,
  bytesEqual,
  certificateDer,
  digest,
  digestName,
  ensureEngine,
  integerFromSerialHex,
  normaliseSerialHex,
  parseCertificate,
  parseDer,
  serialHexOf,
  sha256WithRsa,
  signerOf,
  toArrayBuffer,
  toHex,
  validAt,
  verifySignature,
  extendedKeyUsage,
  type CryptoKey,
  type SignCallback,
  type SigningKey,
} from './pki';
export { validatePath, type PathOptions } from './path';
export {
  getDer,
  handleDerRequest,
  nodeDerHandler,
  postDer,
  type DerEndpoint,
  type DerFetchOptions,
  type DerHttpRequest,
  type DerHttpResponse,
} from './transport';
export {
  readTimestampResponse,
  requestTimestamp,
  timestampRequest,
  type RequestTimestampOptions,
  type TimestampReply,
  type TimestampRequestOptions,
} from './request';
export {
  checkTimestampingUsage,
  verifySignedContent,
  verifyTimestampToken,
  type VerifiedTimestamp,
  type VerifyTimestampOptions,
} from './token';
export {
  createTsaResponder,
  FailureInfo,
  signContent,
  type TsaResponder,
  type TsaResponderOptions,
} from './responder';
