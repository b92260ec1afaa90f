/**
 * ESS signing-certificate attributes (RFC 2634 ESSCertID, RFC 5035 ESSCertIDv2): the signed
 * attribute that binds a CMS signature to one certificate, so that another certificate with the
 * same key cannot be substituted.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, certificateDer, digest, digestName, OID, toArrayBuffer } from './pki';

/** The signing-certificate-v2 attribute for `certificate` (SHA-256, with issuer and serial). */
export function signingCertificateV2(certificate: pkijs.Certificate): pkijs.Attribute {
  const certHash = digest('sha256', certificateDer(certificate));
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new pkijs.GeneralName({ type: 4, value: certificate.issuer }).toSchema()],
      }),
      certificate.serialNumber,
    ],
  });
  // hashAlgorithm is omitted: its DEFAULT is id-sha256 and DER leaves defaults out.
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial],
  });
  return new pkijs.Attribute({
    type: OID.signingCertificateV2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

/**
 * Whether the signing-certificate(-v2) attribute among `attributes` names `certificate` (the
 * first ESSCertID of the list is the signer's; its issuerSerial, when present, must match too).
 * Returns false when neither attribute is present.
 */
export function essBindsCertificate(attributes: pkijs.Attribute[], certificate: pkijs.Certificate): boolean {
  const v2 = attributes.find((a) => a.type === OID.signingCertificateV2);
  const v1 = attributes.find((a) => a.type === OID.signingCertificate);
  const attribute = v2 ?? v1;
  if (!attribute) return false;
  try {
    const certs = (attribute.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const parts = [...first.valueBlock.value];
    let hashName = v2 ? 'sha256' : 'sha1';
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const algorithm = new pkijs.AlgorithmIdentifier({ schema: parts.shift() });
      const name = digestName(algorithm.algorithmId);
      if (!name) return false;
      hashName = name;
    }
    const hash = (parts.shift() as asn1js.OctetString).valueBlock.valueHexView;
    if (!bytesEqual(hash, digest(hashName, certificateDer(certificate)))) return false;
    const issuerSerial = parts.shift() as asn1js.Sequence | undefined;
    if (!issuerSerial) return true;
    const [names, serial] = issuerSerial.valueBlock.value as [asn1js.Sequence, asn1js.Integer];
    if (!serial.isEqual(certificate.serialNumber)) return false;
    return names.valueBlock.value.some((item) => {
      const name = new pkijs.GeneralName({ schema: item });
      return name.type === 4 && (name.value as pkijs.RelativeDistinguishedNames).isEqual(certificate.issuer);
    });
  } catch {
    return false;
  }
}
