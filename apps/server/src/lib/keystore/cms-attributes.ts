/**
 * The signed attributes of a CMS signature (RFC 5652 §11, RFC 5035): content-type, message-digest,
 * signing-time and signing-certificate-v2 (ESSCertIDv2 with SHA-256, the default hash, so its
 * hashAlgorithm is omitted as DER requires). Attributes are emitted in DER order (SET OF sorted by
 * encoding): OpenSSL re-encodes the set before checking the signature, so any other order fails.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** RFC 5652: UTCTime through 2049, GeneralizedTime from 2050; whole seconds. */
function timeValue(date: Date): asn1js.AsnType {
  const valueDate = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return valueDate.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate })
    : new asn1js.GeneralizedTime({ valueDate });
}

function signingCertificateV2(certificate: pkijs.Certificate, certificateDer: Uint8Array): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({
        names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })],
      }).toSchema(),
      new asn1js.Integer({ valueHex: certificate.serialNumber.valueBlock.valueHexView }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(certificateDer) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

export interface SignedAttributesInput {
  contentType: string;
  contentDigest: Uint8Array;
  /** null: no signing-time attribute (PAdES baseline: the time is the signature dictionary's /M). */
  signingTime: Date | null;
  certificate: pkijs.Certificate;
  certificateDer: Uint8Array;
}

/** The attributes in DER order, and the bytes to sign (the SET OF with its universal tag, 0x31). */
export function buildSignedAttributes(input: SignedAttributesInput): {
  attributes: pkijs.SignedAndUnsignedAttributes;
  toSign: Uint8Array;
} {
  const list = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: input.contentType })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: input.contentDigest })),
    ...(input.signingTime ? [attribute(OID.signingTime, timeValue(input.signingTime))] : []),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.certificate, input.certificateDer)),
  ];
  const sorted = list
    .map((attr) => ({ attr, der: Buffer.from(attr.toSchema().toBER(false)) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map(({ attr }) => attr);
  const attributes = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted });
  const toSign = new Uint8Array(attributes.toSchema().toBER(false));
  toSign[0] = 0x31;
  return { attributes, toSign };
}

/** What a verifier reads back from the signed attributes. */
export interface SignedAttributesInfo {
  contentType: string;
  messageDigest: Uint8Array;
  signingTime?: Date;
  /** SHA-256 of the signing certificate named by signing-certificate-v2. */
  signingCertificateHash?: Uint8Array;
}

export function readSignedAttributes(
  attributes: pkijs.SignedAndUnsignedAttributes,
): SignedAttributesInfo | null {
  const find = (type: string) => attributes.attributes.find((a) => a.type === type)?.values[0] as unknown;
  const contentType = find(OID.contentType);
  const digest = find(OID.messageDigest);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || !(digest instanceof asn1js.OctetString))
    return null;
  const info: SignedAttributesInfo = {
    contentType: contentType.getValue(),
    messageDigest: new Uint8Array(digest.valueBlock.valueHexView),
  };
  const time = find(OID.signingTime);
  if (time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime)
    info.signingTime = time.toDate();
  const certs = find(OID.signingCertificateV2);
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  const essCertId = first instanceof asn1js.Sequence ? first.valueBlock.value[0] : undefined;
  if (essCertId instanceof asn1js.Sequence) {
    const fields = essCertId.valueBlock.value;
    // hashAlgorithm is optional (DEFAULT sha256): the hash is the first OCTET STRING.
    const hash = fields.find((f) => f instanceof asn1js.OctetString);
    const algorithm =
      fields[0] instanceof asn1js.Sequence ? new pkijs.AlgorithmIdentifier({ schema: fields[0] }) : null;
    if (hash && (!algorithm || algorithm.algorithmId === OID.sha256)) {
      info.signingCertificateHash = new Uint8Array(hash.valueBlock.valueHexView);
    }
  }
  return info;
}
