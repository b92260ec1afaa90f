/**
 * Verification of an RFC 3161 time-stamp token (a CMS SignedData over a TSTInfo): what it covers,
 * who signed it, and whether that signer is a time-stamping unit trusted at the time it claims.
 */
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { protocolError } from './errors';
import { essBindsCertificate } from './ess';
import { validatePath } from './path';
import {
  bytesEqual,
  certificateDer,
  digest,
  digestName,
  extendedKeyUsage,
  OID,
  parseCertificate,
  parseDer,
  serialHexOf,
  toHex,
  verifySignature,
} from './pki';

export interface VerifyTimestampOptions {
  /** The SHA-256 digest the token must cover. */
  digest: Uint8Array;
  /** DER certificates of the trust anchors. */
  trustAnchors: Uint8Array[];
  /** DER certificates that may complete the TSA's path (besides those inside the token). */
  intermediates?: Uint8Array[];
  /** Time at which the TSA's path must be valid (default: the token's genTime). */
  at?: Date;
  /** Required policy OID. */
  policy?: string;
  /** Required nonce, as lowercase hex of the INTEGER's bytes. */
  nonceHex?: string;
}

export interface VerifiedTimestamp {
  genTime: Date;
  /** Serial number of the token, lowercase hex. */
  serialNumber: string;
  policy: string;
  /** DER of the TSA's certificate. */
  tsaCertificate: Uint8Array;
  nonceHex?: string;
}

const bad = (message: string, messageEn: string) => protocolError('bad_signature', message, messageEn);

function findSigner(
  signerInfo: pkijs.SignerInfo,
  candidates: pkijs.Certificate[],
): pkijs.Certificate | undefined {
  const sid: unknown = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return candidates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  const keyId = (sid as asn1js.Primitive).valueBlock.valueHexView;
  return candidates.find((c) =>
    bytesEqual(digest('sha1', c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView), keyId),
  );
}

/**
 * Verifies a CMS SignedData's single signer over its encapsulated content: content-type and
 * message-digest signed attributes, the signature, and the ESS signing-certificate binding.
 * Returns the signer's certificate.
 */
export function verifySignedContent(
  signed: pkijs.SignedData,
  eContent: Uint8Array,
  extraCertificates: pkijs.Certificate[],
): pkijs.Certificate {
  if (signed.signerInfos.length !== 1) {
    throw bad('Dấu thời gian phải có đúng một chữ ký.', 'A token must have exactly one signer.');
  }
  const signerInfo = signed.signerInfos[0]!;
  const inside = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signer = findSigner(signerInfo, [...inside, ...extraCertificates]);
  if (!signer) {
    throw protocolError(
      'untrusted',
      'Không tìm thấy chứng thư số của bên ký dấu thời gian.',
      "The TSA's certificate is neither in the token nor among the certificates given.",
    );
  }
  const attributes = signerInfo.signedAttrs?.attributes;
  if (!attributes) throw bad('Chữ ký thiếu thuộc tính được ký.', 'The signature has no signed attributes.');
  const contentType = attributes.find((a) => a.type === OID.contentType);
  const contentTypeOid = (
    contentType?.values[0] as asn1js.ObjectIdentifier | undefined
  )?.valueBlock.toString();
  if (contentTypeOid !== signed.encapContentInfo.eContentType) {
    throw bad('Thuộc tính content-type không khớp nội dung.', 'The content-type attribute does not match.');
  }
  const hashName = digestName(signerInfo.digestAlgorithm.algorithmId);
  if (!hashName || hashName === 'sha1') {
    throw protocolError(
      'unsupported_algorithm',
      `Thuật toán băm ${signerInfo.digestAlgorithm.algorithmId} không được chấp nhận.`,
      `Digest algorithm ${signerInfo.digestAlgorithm.algorithmId} is not accepted.`,
    );
  }
  const messageDigest = attributes.find((a) => a.type === OID.messageDigest);
  const declared = (messageDigest?.values[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView;
  if (!declared || !bytesEqual(declared, digest(hashName, eContent))) {
    throw bad(
      'Nội dung đã bị thay đổi sau khi ký (message-digest sai).',
      'The content was altered (message digest).',
    );
  }
  const signedBytes = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
  signedBytes[0] = 0x31; // signed over the SET OF encoding, not the [0] IMPLICIT one (RFC 5652 §5.4)
  const ok = verifySignature(
    signer,
    signerInfo.signatureAlgorithm.algorithmId,
    signedBytes,
    signerInfo.signature.valueBlock.valueHexView,
    signerInfo.digestAlgorithm.algorithmId,
  );
  if (!ok) throw bad('Chữ ký của dấu thời gian không hợp lệ.', 'The token signature is invalid.');
  if (!essBindsCertificate(attributes, signer)) {
    throw protocolError(
      'signer_binding',
      'Thuộc tính signing-certificate không gắn với chứng thư số của bên ký.',
      'The signing-certificate attribute does not name the signing certificate.',
    );
  }
  return signer;
}

/** RFC 3161 §2.3: the TSA's certificate has one extended key usage, id-kp-timeStamping, critical. */
export function checkTimestampingUsage(certificate: pkijs.Certificate): void {
  const eku = extendedKeyUsage(certificate);
  if (!eku || !eku.critical || eku.purposes.length !== 1 || eku.purposes[0] !== OID.kpTimeStamping) {
    throw protocolError(
      'wrong_usage',
      'Chứng thư số của đơn vị cấp dấu thời gian phải có mục đích sử dụng timeStamping duy nhất, đánh dấu critical.',
      'The TSA certificate must have id-kp-timeStamping as its only extended key usage, marked critical.',
    );
  }
}

export async function verifyTimestampToken(
  tokenDer: Uint8Array,
  options: VerifyTimestampOptions,
): Promise<VerifiedTimestamp> {
  const { signed, info, eContent } = parseDer(tokenDer, 'dấu thời gian', (buffer) => {
    const contentInfo = pkijs.ContentInfo.fromBER(buffer);
    if (contentInfo.contentType !== OID.signedData) throw new Error('not SignedData');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const content = signedData.encapContentInfo.eContent;
    if (signedData.encapContentInfo.eContentType !== OID.tstInfo || !content) throw new Error('not TSTInfo');
    const bytes = new Uint8Array(content.getValue());
    return { signed: signedData, info: pkijs.TSTInfo.fromBER(bytes.slice().buffer), eContent: bytes };
  });
  const imprint = info.messageImprint;
  if (
    imprint.hashAlgorithm.algorithmId !== OID.sha256 ||
    !bytesEqual(imprint.hashedMessage.valueBlock.valueHexView, options.digest)
  ) {
    throw protocolError(
      'imprint_mismatch',
      'Dấu thời gian không phủ giá trị băm SHA-256 của dữ liệu này.',
      'The token does not cover the SHA-256 digest of this data.',
    );
  }
  if (options.policy && info.policy !== options.policy) {
    throw protocolError(
      'policy_mismatch',
      `Chính sách của dấu thời gian là ${info.policy}, cần ${options.policy}.`,
      `The token policy is ${info.policy}, expected ${options.policy}.`,
    );
  }
  const nonceHex = info.nonce ? toHex(info.nonce.valueBlock.valueHexView) : undefined;
  if (options.nonceHex !== undefined && nonceHex !== options.nonceHex) {
    throw protocolError(
      'nonce_mismatch',
      'Nonce của dấu thời gian không khớp.',
      'The token nonce does not match.',
    );
  }
  const intermediates = (options.intermediates ?? []).map(parseCertificate);
  const signer = verifySignedContent(signed, eContent, intermediates);
  checkTimestampingUsage(signer);
  const inside = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  await validatePath(signer, {
    trustAnchors: options.trustAnchors,
    intermediates: [...(options.intermediates ?? []), ...inside.map(certificateDer)],
    at: options.at ?? info.genTime,
  });
  return {
    genTime: info.genTime,
    serialNumber: serialHexOf(info.serialNumber),
    policy: info.policy,
    tsaCertificate: certificateDer(signer),
    ...(nonceHex !== undefined ? { nonceHex } : {}),
  };
}
