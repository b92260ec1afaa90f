/**
 * An OCSP responder (RFC 6960): answers DER OCSPRequests about certificates of one issuer, signed
 * by the issuer itself or by a delegated responder certificate (id-kp-OCSPSigning, issued by the
 * same CA), RSASSA-PKCS1-v1_5 SHA-256. CertIDs hashed with SHA-1 (what `openssl ocsp` sends by
 * default) or SHA-256 are understood; a CertID of another issuer is answered "unknown".
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  bytesEqual,
  certificateDer,
  digest,
  digestName,
  OID,
  parseCertificate,
  serialHexOf,
  sha256WithRsa,
  signerOf,
  toArrayBuffer,
  type DerEndpoint,
  type SigningKey,
} from '../tsp/index';
import { issuerHashes, reasonCode, type RevocationReason, type RevocationStatus } from './common';

export interface CertificateStatus {
  status: RevocationStatus;
  revokedAt?: Date;
  reason?: RevocationReason;
}

export interface OcspResponderOptions {
  /** DER certificate of the CA whose certificates this responder answers for. */
  issuer: Uint8Array;
  /** DER certificate that signs the responses: the issuer, or a delegated OCSP signer. */
  signerCertificate: Uint8Array;
  signerKey: SigningKey;
  /** Status of a certificate of the issuer by its serial (lowercase hex, no leading zeros). */
  statusOf(serialHex: string): CertificateStatus | Promise<CertificateStatus>;
  /** How long an answer stays valid (nextUpdate − thisUpdate), default one hour. */
  validitySeconds?: number;
  clock?: () => Date;
  /** Most CertIDs answered in one request (default 20). */
  maxRequests?: number;
}

const STATUS = { successful: 0, malformedRequest: 1, internalError: 2 } as const;

function bare(status: number): Uint8Array {
  const response = new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) });
  return new Uint8Array(response.toSchema().toBER());
}

function certStatusOf(answer: CertificateStatus): asn1js.BaseBlock {
  if (answer.status === 'good') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  if (answer.status === 'unknown') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
  const revokedAt = new Date(Math.floor((answer.revokedAt ?? new Date(0)).getTime() / 1000) * 1000);
  const value: asn1js.BaseBlock[] = [new asn1js.GeneralizedTime({ valueDate: revokedAt })];
  if (answer.reason) {
    value.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Enumerated({ value: reasonCode(answer.reason) })],
      }),
    );
  }
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
}

export interface OcspResponder extends DerEndpoint {
  respond(requestDer: Uint8Array): Promise<Uint8Array>;
}

export function createOcspResponder(options: OcspResponderOptions): OcspResponder {
  const issuer = parseCertificate(options.issuer);
  const signer = parseCertificate(options.signerCertificate);
  const delegated = !bytesEqual(certificateDer(signer), certificateDer(issuer));
  const sign = signerOf(options.signerKey);
  const clock = options.clock ?? (() => new Date());
  const validity = (options.validitySeconds ?? 3600) * 1000;
  // ResponderID byKey: SHA-1 of the signer's public key, as RFC 6960 §4.2.1 defines KeyHash.
  const keyHash = digest('sha1', signer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);

  async function answer(request: pkijs.Request, thisUpdate: Date): Promise<pkijs.SingleResponse> {
    const certId = request.reqCert;
    const hash = digestName(certId.hashAlgorithm.algorithmId);
    let status: CertificateStatus = { status: 'unknown' };
    if (hash) {
      const { nameHash, keyHash: issuerKeyHash } = issuerHashes(issuer, hash);
      if (
        bytesEqual(certId.issuerNameHash.valueBlock.valueHexView, nameHash) &&
        bytesEqual(certId.issuerKeyHash.valueBlock.valueHexView, issuerKeyHash)
      ) {
        status = await options.statusOf(serialHexOf(certId.serialNumber));
      }
    }
    return new pkijs.SingleResponse({
      certID: certId,
      certStatus: certStatusOf(status),
      thisUpdate,
      nextUpdate: new Date(thisUpdate.getTime() + validity),
    });
  }

  async function respond(requestDer: Uint8Array): Promise<Uint8Array> {
    let request: pkijs.OCSPRequest;
    try {
      request = pkijs.OCSPRequest.fromBER(toArrayBuffer(requestDer));
    } catch {
      return bare(STATUS.malformedRequest);
    }
    const list = request.tbsRequest.requestList;
    if (list.length === 0 || list.length > (options.maxRequests ?? 20)) return bare(STATUS.malformedRequest);
    const now = new Date(Math.floor(clock().getTime() / 1000) * 1000);
    const responses = await Promise.all(list.map((r) => answer(r, now)));
    const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OID.ocspNonce);
    const data = new pkijs.ResponseData({
      responderID: new asn1js.OctetString({ valueHex: toArrayBuffer(keyHash) }),
      producedAt: now,
      responses,
      ...(nonce ? { responseExtensions: [nonce] } : {}),
    });
    const tbs = new Uint8Array((data.toSchema(true) as asn1js.Sequence).toBER());
    data.tbsView = tbs;
    const signature = await sign(tbs);
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: data,
      signatureAlgorithm: sha256WithRsa(),
      signature: new asn1js.BitString({ valueHex: toArrayBuffer(signature) }),
      ...(delegated ? { certs: [signer] } : {}),
    });
    const response = new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: STATUS.successful }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: OID.ocspBasic,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
      }),
    });
    return new Uint8Array(response.toSchema().toBER());
  }

  return {
    requestType: 'application/ocsp-request',
    responseType: 'application/ocsp-response',
    allowGet: true,
    respond: (requestDer) => respond(requestDer).catch(() => bare(STATUS.internalError)),
  };
}
