/**
 * Reading certificates: PEM or DER in, the facts the registry stores and the validation needs
 * out (subject, issuer, serial, validity, key usage, extended key usage, CA flag, fingerprint).
 */
import { createHash } from 'node:crypto';
import { x509 } from './engine';

export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  documentSigning: '1.3.6.1.5.5.7.3.36',
  msDocumentSigning: '1.3.6.1.4.1.311.10.3.12',
  any: '2.5.29.37.0',
} as const;

const KEY_USAGE_NAMES: Array<[x509.KeyUsageFlags, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
];

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Lower-case hexadecimal, without leading zero bytes' sign padding removed. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** Names of the key usage bits set; null without the extension. */
  keyUsage: string[] | null;
  /** OIDs; null without the extension. */
  extendedKeyUsage: string[] | null;
  extendedKeyUsageCritical: boolean;
  isCa: boolean;
  fingerprint: string;
  der: Uint8Array;
}

/** A certificate from DER bytes or PEM text (the first one); throws on anything else. */
export function parseCertificate(input: Uint8Array | string): x509.X509Certificate {
  if (typeof input === 'string') return new x509.X509Certificate(input.trim());
  const text = Buffer.from(input).toString('latin1');
  if (text.includes('-----BEGIN')) return new x509.X509Certificate(text.trim());
  return new x509.X509Certificate(new Uint8Array(input));
}

/** Every certificate of a PEM bundle (or the one DER certificate). */
export function parseCertificates(input: Uint8Array | string): x509.X509Certificate[] {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  if (!text.includes('-----BEGIN')) return [parseCertificate(input)];
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new x509.X509Certificate(block));
}

export function derOf(certificate: x509.X509Certificate): Uint8Array<ArrayBuffer> {
  return new Uint8Array(certificate.rawData);
}

export function fingerprintOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

export function describeCertificate(certificate: x509.X509Certificate): CertificateInfo {
  const der = derOf(certificate);
  const ku = certificate.getExtension(x509.KeyUsagesExtension);
  const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension);
  const basic = certificate.getExtension(x509.BasicConstraintsExtension);
  return {
    subject: certificate.subject,
    issuer: certificate.issuer,
    serial: certificate.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, ''),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    keyUsage: ku
      ? KEY_USAGE_NAMES.filter(([flag]) => (ku.usages & flag) !== 0).map(([, name]) => name)
      : null,
    extendedKeyUsage: eku ? eku.usages.map(String) : null,
    extendedKeyUsageCritical: eku?.critical ?? false,
    isCa: basic?.ca ?? false,
    fingerprint: fingerprintOf(der),
    der,
  };
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}
