/**
 * The CMS of a PAdES baseline signature (ETSI EN 319 142-1): SignedData, detached, over the PDF's
 * byte ranges, with the signed attributes content-type, message-digest and signing-certificate-v2
 * and no signing-time (the time is the signature dictionary's /M) — PAdES-B-B; with a signature
 * time-stamp token (RFC 3161 over the signature value) as an unsigned attribute — PAdES-B-T.
 * The signature value comes from a key store signer, so the key may sit in a token.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signCms } from '../keystore/cms';
import { sha256 } from '../keystore/cms-attributes';
import type { Signer } from '../keystore/types';
import { arrayBufferView, ensureCryptoEngines } from '../webcrypto';

/** id-aa-signatureTimeStampToken (RFC 3161 Appendix A; ETSI EN 319 122-1 §5.3). */
export const SIGNATURE_TIMESTAMP_OID = '1.2.840.113549.1.9.16.2.14';

export type TimestampDigest = (digest: Uint8Array) => Promise<{ token: Uint8Array; genTime: Date }>;

export interface PadesCmsInput {
  /** SHA-256 of the signed byte ranges. */
  contentDigest: Uint8Array;
  signer: Signer;
  certificate: Uint8Array;
  chain?: Uint8Array[];
}

/** PAdES-B-B: the CMS without a timestamp. */
export function padesCms(input: PadesCmsInput): Promise<Uint8Array> {
  return signCms({
    contentDigest: input.contentDigest,
    detached: true,
    signer: input.signer,
    certificate: input.certificate,
    chain: input.chain,
    signingTime: null,
  });
}

export class CmsShapeError extends Error {}

function signedDataOf(cms: Uint8Array): pkijs.SignedData {
  try {
    const info = pkijs.ContentInfo.fromBER(arrayBufferView(cms));
    if (info.contentType !== '1.2.840.113549.1.7.2') throw new Error(info.contentType);
    const signedData = new pkijs.SignedData({ schema: info.content });
    if (signedData.signerInfos.length !== 1) throw new Error('not one signer');
    return signedData;
  } catch (cause) {
    throw new CmsShapeError('Chữ ký không phải là CMS SignedData có một người ký.', { cause });
  }
}

/** The signature value of the one signer (what a signature timestamp covers). */
export function signatureValueOf(cms: Uint8Array): Uint8Array {
  return new Uint8Array(signedDataOf(cms).signerInfos[0]!.signature.valueBlock.valueHexView);
}

/** The signature time-stamp token of the one signer, if any (DER ContentInfo). */
export function signatureTimestampOf(cms: Uint8Array): Uint8Array | null {
  const unsigned = signedDataOf(cms).signerInfos[0]!.unsignedAttrs?.attributes ?? [];
  const attribute = unsigned.find((a) => a.type === SIGNATURE_TIMESTAMP_OID);
  const value = attribute?.values[0] as asn1js.Sequence | undefined;
  return value ? new Uint8Array(value.toBER(false)) : null;
}

/** PAdES-B-T: the CMS with a signature time-stamp token added (the signed part is untouched). */
export async function addSignatureTimestamp(
  cms: Uint8Array,
  timestamp: TimestampDigest,
): Promise<Uint8Array> {
  ensureCryptoEngines();
  const signedData = signedDataOf(cms);
  const signerInfo = signedData.signerInfos[0]!;
  const { token } = await timestamp(sha256(new Uint8Array(signerInfo.signature.valueBlock.valueHexView)));
  const tokenAsn1 = asn1js.fromBER(arrayBufferView(token));
  if (tokenAsn1.offset === -1) throw new CmsShapeError('Dấu thời gian nhận về không đọc được.');
  const others = (signerInfo.unsignedAttrs?.attributes ?? []).filter(
    (a) => a.type !== SIGNATURE_TIMESTAMP_OID,
  );
  signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [
      ...others,
      new pkijs.Attribute({ type: SIGNATURE_TIMESTAMP_OID, values: [tokenAsn1.result] }),
    ],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: '1.2.840.113549.1.7.2',
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
