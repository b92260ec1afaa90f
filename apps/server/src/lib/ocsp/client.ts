/**
 * OCSP client (RFC 6960): requests, and the verification of a response for one certificate.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  bytesEqual,
  certificateDer,
  digest,
  extendedKeyUsage,
  OID,
  parseCertificate,
  postDer,
  protocolError,
  serialHexOf,
  toArrayBuffer,
  toHex,
  validAt,
  validatePath,
  verifySignature,
} from '../tsp/index';
import {
  checkFreshness,
  issuedBy,
  issuerHashes,
  reasonName,
  requireIssuedBy,
  type RevocationAnswer,
} from './common';

export interface OcspRequestOptions {
  /** Nonce bytes; 16 random bytes when omitted, none when `false`. */
  nonce?: Uint8Array | false;
  /** CertID hash: SHA-256 by default; SHA-1 only for responders that know nothing else. */
  hash?: 'sha256' | 'sha1';
}

function nonceExtension(nonce: Uint8Array): pkijs.Extension {
  // extnValue holds an OCTET STRING of the nonce (RFC 8954 §2.1), as OpenSSL sends it.
  const inner = new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER();
  return new pkijs.Extension({ extnID: OID.ocspNonce, critical: false, extnValue: inner });
}

/** The nonce carried by a list of extensions, as hex of the extension's value, or undefined. */
export function nonceHexOf(extensions: pkijs.Extension[] | undefined): string | undefined {
  const extension = extensions?.find((e) => e.extnID === OID.ocspNonce);
  return extension ? toHex(extension.extnValue.valueBlock.valueHexView) : undefined;
}

/** DER OCSPRequest for one certificate. */
export function ocspRequest(
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: OcspRequestOptions = {},
): Uint8Array {
  const cert = parseCertificate(certificate);
  const issuerCert = parseCertificate(issuer);
  const hash = options.hash ?? 'sha256';
  const { nameHash, keyHash } = issuerHashes(issuerCert, hash);
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: hash === 'sha1' ? OID.sha1 : OID.sha256,
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({ valueHex: toArrayBuffer(nameHash) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: toArrayBuffer(keyHash) }),
    serialNumber: cert.serialNumber,
  });
  const nonce = options.nonce === false ? undefined : (options.nonce ?? randomBytes(16));
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: certId })],
      ...(nonce ? { requestExtensions: [nonceExtension(nonce)] } : {}),
    }),
  });
  return new Uint8Array(request.toSchema(true).toBER());
}

export interface VerifyOcspOptions {
  trustAnchors: Uint8Array[];
  intermediates?: Uint8Array[];
  now?: Date;
  /** Refuse answers whose thisUpdate is older than this. */
  maxAgeSeconds?: number;
  /** Hex of the nonce extension value sent; the response must echo it. */
  nonceHex?: string;
  /** Accept a response without nonce (pre-produced responses); a different nonce is always refused. */
  allowMissingNonce?: boolean;
}

export interface OcspResult extends RevocationAnswer {
  producedAt: Date;
  responseDer: Uint8Array;
}

const RESPONSE_STATUS = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  '4',
  'sigRequired',
  'unauthorized',
];

function findResponder(
  basic: pkijs.BasicOCSPResponse,
  candidates: pkijs.Certificate[],
): pkijs.Certificate | undefined {
  const id: unknown = basic.tbsResponseData.responderID;
  if (id instanceof pkijs.RelativeDistinguishedNames) return candidates.find((c) => c.subject.isEqual(id));
  const keyHash = (id as asn1js.OctetString).valueBlock.valueHexView;
  return candidates.find((c) =>
    bytesEqual(digest('sha1', c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView), keyHash),
  );
}

/**
 * Checks the responder: the issuer itself, or a certificate issued by the issuer with the
 * id-kp-OCSPSigning usage, valid now (RFC 6960 §4.2.2.2).
 */
function checkResponder(responder: pkijs.Certificate, issuer: pkijs.Certificate, now: Date): void {
  const isIssuer = bytesEqual(certificateDer(responder), certificateDer(issuer));
  if (isIssuer) return;
  const eku = extendedKeyUsage(responder);
  if (!issuedBy(responder, issuer) || !eku?.purposes.includes(OID.kpOcspSigning)) {
    throw protocolError(
      'wrong_issuer',
      'Câu trả lời OCSP không do CA phát hành hoặc bên được CA ủy quyền (OCSPSigning) ký.',
      'The OCSP response is signed neither by the issuing CA nor by a responder it authorised (OCSPSigning).',
    );
  }
  if (!validAt(responder, now)) {
    throw protocolError(
      'untrusted',
      'Chứng thư của máy chủ OCSP đã hết hạn.',
      "The OCSP responder's certificate is not valid now.",
    );
  }
}

/** Verifies a DER OCSPResponse about `certificate` issued by `issuer`. */
export async function verifyOcspResponse(
  responseDer: Uint8Array,
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: VerifyOcspOptions,
): Promise<OcspResult> {
  const now = options.now ?? new Date();
  const cert = parseCertificate(certificate);
  const issuerCert = parseCertificate(issuer);
  requireIssuedBy(cert, issuerCert);
  let basic: pkijs.BasicOCSPResponse;
  let status: number;
  try {
    const response = pkijs.OCSPResponse.fromBER(toArrayBuffer(responseDer));
    status = response.responseStatus.valueBlock.valueDec;
    if (status === 0 && response.responseBytes?.responseType !== OID.ocspBasic) throw new Error('not basic');
    basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes!.response.getValue());
  } catch {
    status ??= -1;
    if (status > 0) {
      const name = RESPONSE_STATUS[status] ?? String(status);
      throw protocolError(
        'ocsp_error',
        `Máy chủ OCSP trả lời lỗi: ${name}.`,
        `The OCSP responder answered ${name}.`,
      );
    }
    throw protocolError('malformed', 'Câu trả lời OCSP không đúng định dạng.', 'Malformed OCSP response.');
  }
  const candidates = [issuerCert, ...(basic.certs ?? [])];
  const responder = findResponder(basic, candidates);
  if (!responder) {
    throw protocolError(
      'wrong_issuer',
      'Không tìm thấy chứng thư của bên ký câu trả lời OCSP.',
      'The OCSP signer is unknown.',
    );
  }
  const signatureOk = verifySignature(
    responder,
    basic.signatureAlgorithm.algorithmId,
    basic.tbsResponseData.tbsView,
    basic.signature.valueBlock.valueHexView,
  );
  if (!signatureOk)
    throw protocolError(
      'bad_signature',
      'Chữ ký của câu trả lời OCSP không hợp lệ.',
      'Invalid OCSP response signature.',
    );
  checkResponder(responder, issuerCert, now);
  await validatePath(issuerCert, {
    trustAnchors: options.trustAnchors,
    intermediates: options.intermediates,
    at: now,
  });

  const data = basic.tbsResponseData;
  if (options.nonceHex !== undefined) {
    const echoed = nonceHexOf(data.responseExtensions);
    if (echoed !== options.nonceHex && !(echoed === undefined && options.allowMissingNonce)) {
      throw protocolError(
        'nonce_mismatch',
        'Nonce của câu trả lời OCSP không khớp yêu cầu.',
        'The OCSP nonce does not match.',
      );
    }
  }
  const serial = serialHexOf(cert.serialNumber);
  const single = data.responses.find((r) => {
    const hash =
      r.certID.hashAlgorithm.algorithmId === OID.sha1
        ? 'sha1'
        : r.certID.hashAlgorithm.algorithmId === OID.sha256
          ? 'sha256'
          : undefined;
    if (!hash || serialHexOf(r.certID.serialNumber) !== serial) return false;
    const { nameHash, keyHash } = issuerHashes(issuerCert, hash);
    return (
      bytesEqual(r.certID.issuerNameHash.valueBlock.valueHexView, nameHash) &&
      bytesEqual(r.certID.issuerKeyHash.valueBlock.valueHexView, keyHash)
    );
  });
  if (!single) {
    throw protocolError(
      'no_answer',
      'Câu trả lời OCSP không nói về chứng thư số này.',
      'The OCSP response says nothing about this certificate.',
    );
  }
  checkFreshness('OCSP', single.thisUpdate, single.nextUpdate, now, options.maxAgeSeconds);
  const result: OcspResult = {
    status: 'unknown',
    thisUpdate: single.thisUpdate,
    ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}),
    producedAt: data.producedAt,
    responseDer,
  };
  const certStatus = single.certStatus as asn1js.BaseBlock;
  if (certStatus.idBlock.tagNumber === 0) result.status = 'good';
  if (certStatus.idBlock.tagNumber === 1) {
    result.status = 'revoked';
    const [time, reason] = (certStatus as asn1js.Constructed).valueBlock.value as [
      asn1js.GeneralizedTime,
      asn1js.Constructed?,
    ];
    result.revokedAt = time.toDate();
    const code = (reason?.valueBlock.value[0] as asn1js.Enumerated | undefined)?.valueBlock.valueDec;
    result.reason = reasonName(code) ?? 'unspecified';
  }
  return result;
}

export interface CheckOcspOptions extends Omit<VerifyOcspOptions, 'nonceHex'> {
  timeoutMs?: number;
  /** Send a nonce (default true). */
  nonce?: boolean;
}

/** Asks the responder at `url` about `certificate` and verifies the answer. */
export async function checkOcsp(
  url: string,
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: CheckOcspOptions,
): Promise<OcspResult> {
  const nonce = options.nonce === false ? undefined : new Uint8Array(randomBytes(16));
  const requestDer = ocspRequest(certificate, issuer, { nonce: nonce ?? false });
  const responseDer = await postDer(url, requestDer, {
    requestType: 'application/ocsp-request',
    responseType: 'application/ocsp-response',
    timeoutMs: options.timeoutMs ?? 10_000,
    what: 'OCSP',
  });
  const nonceHex = nonce
    ? toHex(new Uint8Array(new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER()))
    : undefined;
  return verifyOcspResponse(responseDer, certificate, issuer, {
    ...options,
    ...(nonceHex ? { nonceHex } : {}),
  });
}
