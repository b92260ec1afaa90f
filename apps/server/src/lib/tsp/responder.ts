/**
 * An RFC 3161 Time-Stamp Authority: answers DER TimeStampReq with a granted TimeStampResp
 * holding a token (CMS SignedData over TSTInfo, signing-certificate-v2 bound to the TSA's
 * certificate, RSASSA-PKCS1-v1_5 SHA-256) or with a rejection carrying a PKIFailureInfo.
 * The clock is the host's unless given: a real deployment's TSA keeps time from a trusted source.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signingCertificateV2 } from './ess';
import {
  digest,
  digestName,
  OID,
  parseCertificate,
  sha256WithRsa,
  signerOf,
  type SigningKey,
  toArrayBuffer,
} from './pki';
import { checkTimestampingUsage } from './token';
import type { DerEndpoint } from './transport';

export interface TsaResponderOptions {
  /** DER certificate of the time-stamping unit (critical EKU id-kp-timeStamping). */
  certificate: Uint8Array;
  /** Its private key, or a callback that signs with it (PKCS#1 v1.5, SHA-256). */
  privateKey: SigningKey;
  /** DER certificates above it (issuing CA…), sent when the request asks for certificates. */
  chain: Uint8Array[];
  /** The TSA policy OID put in every token. */
  policy: string;
  /** Other policies a request may ask for (the token then names the one asked). */
  acceptedPolicies?: string[];
  clock?: () => Date;
}

/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
export const FailureInfo = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;

/** A DER NamedBitList with one bit set (trailing zero bits dropped, as DER requires). */
function failureBits(bit: number): asn1js.BitString {
  const bytes = new Uint8Array((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits: 7 - (bit & 7) });
}

export function rejection(bit: number, text: string): Uint8Array {
  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: 2,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      failInfo: failureBits(bit),
    }),
  });
  return new Uint8Array(response.toSchema().toBER());
}

function derOf(schema: { toBER(): ArrayBuffer }): Uint8Array {
  return new Uint8Array(schema.toBER());
}

/** Sorts SET OF members by their DER encoding (X.690 §11.6). */
function sortedAttributes(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const keyed = attributes.map((a) => ({ a, der: Buffer.from(derOf(a.toSchema())) }));
  return keyed.sort((x, y) => Buffer.compare(x.der, y.der)).map((k) => k.a);
}

/** A CMS SignedData (one signer, signed attributes) over `eContent` of type `eContentType`. */
export async function signContent(
  eContentType: string,
  eContent: Uint8Array,
  signerCertificate: pkijs.Certificate,
  sign: (data: Uint8Array) => Promise<Uint8Array>,
  certificates: pkijs.Certificate[],
): Promise<pkijs.ContentInfo> {
  const attributes = sortedAttributes([
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: eContentType })],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest('sha256', eContent)) })],
    }),
    signingCertificateV2(signerCertificate),
  ]);
  const toSign = derOf(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }));
  const signature = await sign(toSign);
  const sha256 = new pkijs.AlgorithmIdentifier({
    algorithmId: OID.sha256,
    algorithmParams: new asn1js.Null(),
  });
  const signed = new pkijs.SignedData({
    version: 3,
    digestAlgorithms: [sha256],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType,
      eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(eContent) }),
    }),
    ...(certificates.length ? { certificates } : {}),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signerCertificate.issuer,
          serialNumber: signerCertificate.serialNumber,
        }),
        digestAlgorithm: sha256,
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
        signatureAlgorithm: sha256WithRsa(),
        signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
      }),
    ],
  });
  return new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
}

export interface TsaResponder extends DerEndpoint {
  respond(requestDer: Uint8Array): Promise<Uint8Array>;
}

export function createTsaResponder(options: TsaResponderOptions): TsaResponder {
  const certificate = parseCertificate(options.certificate);
  checkTimestampingUsage(certificate);
  const chain = options.chain.map(parseCertificate);
  const sign = signerOf(options.privateKey);
  const clock = options.clock ?? (() => new Date());
  const policies = new Set([options.policy, ...(options.acceptedPolicies ?? [])]);

  async function respond(requestDer: Uint8Array): Promise<Uint8Array> {
    let request: pkijs.TimeStampReq;
    try {
      request = pkijs.TimeStampReq.fromBER(toArrayBuffer(requestDer));
    } catch {
      return rejection(FailureInfo.badDataFormat, 'Yêu cầu không đúng định dạng / malformed request');
    }
    if (request.version !== 1)
      return rejection(FailureInfo.badRequest, 'Phiên bản không hỗ trợ / unsupported version');
    const hash = digestName(request.messageImprint.hashAlgorithm.algorithmId);
    const imprintLength = request.messageImprint.hashedMessage.valueBlock.valueHexView.length;
    if (!hash || hash === 'sha1')
      return rejection(
        FailureInfo.badAlg,
        'Thuật toán băm không được chấp nhận / digest algorithm not accepted',
      );
    if (imprintLength !== digest(hash, new Uint8Array()).length) {
      return rejection(FailureInfo.badDataFormat, 'Độ dài giá trị băm sai / wrong digest length');
    }
    if (request.reqPolicy && !policies.has(request.reqPolicy)) {
      return rejection(FailureInfo.unacceptedPolicy, 'Chính sách không được chấp nhận / policy not accepted');
    }
    if (request.extensions?.length) {
      return rejection(
        FailureInfo.unacceptedExtension,
        'Phần mở rộng không hỗ trợ / extension not supported',
      );
    }
    const serial = Uint8Array.from(randomBytes(16));
    serial[0] = (serial[0]! & 0x7f) | 0x01; // positive, sixteen bytes
    const genTime = new Date(Math.floor(clock().getTime() / 1000) * 1000); // whole seconds, DER GeneralizedTime
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: request.reqPolicy ?? options.policy,
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(serial) }),
      genTime,
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const token = await signContent(
      OID.tstInfo,
      derOf(info.toSchema()),
      certificate,
      sign,
      request.certReq ? [certificate, ...chain] : [],
    );
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: 0 }),
      timeStampToken: token,
    });
    return derOf(response.toSchema());
  }

  return {
    requestType: 'application/timestamp-query',
    responseType: 'application/timestamp-reply',
    respond: (requestDer) =>
      respond(requestDer).catch(() => rejection(FailureInfo.systemFailure, 'Lỗi hệ thống / system failure')),
  };
}
