/**
 * The demo PKI, made in memory (no I/O): a root CA, an issuing CA, a signing certificate for each
 * demo leader, an agency seal for each demo agency, a timestamping unit (critical EKU
 * timeStamping), an OCSP signer (EKU OCSPSigning, id-pkix-ocsp-nocheck), one revoked signing
 * certificate, and a CRL of each CA (the issuing CA's lists the revoked one). Every subject
 * carries DEMO_LABEL in its CN and O: none of it has legal value. RSA 2048, RSASSA-PKCS1-v1_5 with
 * SHA-256 (engine.ts says why).
 */
import { derOf } from './certificates';
import { crypto, RSA_ALGORITHM, x509, type CryptoKey, type CryptoKeyPair } from './engine';
import type { CertificatePurpose } from '../../db/schema';

export const DEMO_LABEL = 'DEMO — không có giá trị pháp lý';

export interface DemoPerson {
  username: string;
  fullName: string;
  unitName: string;
}
export interface DemoAgency {
  agencyCode: string;
  name: string;
}

export interface DemoLeaf {
  /** Key label in the key store: demo-signing-<username>, demo-seal-<agency code>, demo-tsa, demo-ocsp. */
  label: string;
  purpose: CertificatePurpose;
  username: string | null;
  agencyCode: string | null;
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

export interface DemoPki {
  root: { certificate: x509.X509Certificate; privateKey: CryptoKey };
  issuing: { certificate: x509.X509Certificate; privateKey: CryptoKey };
  /** Signing, seal, TSA, OCSP and the revoked certificate (label ends with -revoked). */
  leaves: DemoLeaf[];
  revoked: DemoLeaf;
  /** DER CRLs: the root's (empty) and the issuing CA's (the revoked certificate). */
  crls: { root: Uint8Array; issuing: Uint8Array };
}

type Name = x509.Name;
const utf8 = (value: string) => [{ utf8String: value }];
const demoName = (cn: string, extra: x509.JsonNameParams = []): Name =>
  new x509.Name([
    { C: ['VN'] },
    { L: utf8('Tây Ninh') },
    { O: utf8(DEMO_LABEL) },
    ...extra,
    { CN: utf8(`${cn} (DEMO — không có giá trị pháp lý)`) },
  ]);
const UID = '0.9.2342.19200300.100.1.1';
const SERIAL_NUMBER = '2.5.4.5';
const OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';
const DAY = 86_400_000;

async function keyPair(): Promise<CryptoKeyPair> {
  return await crypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
}

/** 16 random bytes, first bit clear (a positive INTEGER). */
function serial(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return Buffer.from(bytes).toString('hex');
}

interface Issuer {
  name: Name;
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

async function issue(
  issuer: Issuer,
  subject: Name,
  keys: CryptoKeyPair,
  validity: { from: Date; days: number },
  extensions: x509.Extension[],
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: issuer.name,
    notBefore: validity.from,
    notAfter: new Date(validity.from.getTime() + validity.days * DAY),
    signingAlgorithm: RSA_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: issuer.privateKey,
    extensions: [
      ...extensions,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate.publicKey),
    ],
  });
}

const SIGNER_EXTENSIONS = () => [
  new x509.BasicConstraintsExtension(false, undefined, true),
  new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
  new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.4', '1.3.6.1.5.5.7.3.36'], false),
];

export interface DemoPkiOptions {
  people: readonly DemoPerson[];
  agencies: readonly DemoAgency[];
  now?: Date;
  /** Written into the leaves' CRL distribution point when given (the demo CRL route). */
  crlUrl?: string;
}

export async function generateDemoPki(options: DemoPkiOptions): Promise<DemoPki> {
  const now = options.now ?? new Date();
  const from = new Date(now.getTime() - DAY);
  const rootKeys = await keyPair();
  const rootName = demoName('Tổ chức chứng thực gốc Tây Ninh');
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: rootName,
    notBefore: from,
    notAfter: new Date(from.getTime() + 20 * 365 * DAY),
    signingAlgorithm: RSA_ALGORITHM,
    keys: rootKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const rootIssuer: Issuer = { name: rootName, certificate: root, privateKey: rootKeys.privateKey };
  const issuingKeys = await keyPair();
  const issuingName = demoName('Tổ chức chứng thực cấp cho cơ quan, cán bộ Tây Ninh');
  const issuingCert = await issue(rootIssuer, issuingName, issuingKeys, { from, days: 10 * 365 }, [
    new x509.BasicConstraintsExtension(true, 0, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ]);
  const issuing: Issuer = { name: issuingName, certificate: issuingCert, privateKey: issuingKeys.privateKey };
  const cdp = options.crlUrl ? [new x509.CRLDistributionPointsExtension([options.crlUrl])] : [];

  const leaves: DemoLeaf[] = [];
  const leaf = async (
    label: string,
    purpose: CertificatePurpose,
    subject: Name,
    extensions: x509.Extension[],
    owner: { username?: string; agencyCode?: string },
    days = 3 * 365,
  ): Promise<DemoLeaf> => {
    const keys = await keyPair();
    const certificate = await issue(issuing, subject, keys, { from, days }, [...extensions, ...cdp]);
    const made: DemoLeaf = {
      label,
      purpose,
      username: owner.username ?? null,
      agencyCode: owner.agencyCode ?? null,
      certificate,
      privateKey: keys.privateKey,
    };
    leaves.push(made);
    return made;
  };
  for (const person of options.people)
    await leaf(
      `demo-signing-${person.username}`,
      'signing',
      demoName(person.fullName, [{ OU: utf8(person.unitName) }, { [UID]: utf8(person.username) }]),
      SIGNER_EXTENSIONS(),
      { username: person.username },
    );
  for (const agency of options.agencies)
    await leaf(
      `demo-seal-${agency.agencyCode}`,
      'seal',
      demoName(agency.name, [{ OU: utf8(agency.name) }, { [SERIAL_NUMBER]: [agency.agencyCode] }]),
      SIGNER_EXTENSIONS(),
      { agencyCode: agency.agencyCode },
    );
  await leaf(
    'demo-tsa',
    'timestamping',
    demoName('Dịch vụ cấp dấu thời gian Tây Ninh'),
    [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.8'], true),
    ],
    {},
    5 * 365,
  );
  await leaf(
    'demo-ocsp',
    'ocsp',
    demoName('Dịch vụ OCSP Tây Ninh'),
    [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.9'], false),
      new x509.Extension(OCSP_NOCHECK, false, new Uint8Array([0x05, 0x00])),
    ],
    {},
    2 * 365,
  );
  const first = options.people[0];
  if (!first) throw new Error('the demo PKI needs at least one person');
  const revoked = await leaf(
    `demo-signing-${first.username}-revoked`,
    'signing',
    demoName(`${first.fullName} — đã thu hồi`, [
      { OU: utf8(first.unitName) },
      { [UID]: utf8(first.username) },
    ]),
    SIGNER_EXTENSIONS(),
    { username: first.username },
  );

  const thisUpdate = new Date(now.getTime() - 60_000);
  const crl = async (signer: Issuer, entries: x509.X509CrlEntryParams[]) =>
    new Uint8Array(
      (
        await x509.X509CrlGenerator.create({
          issuer: signer.name,
          thisUpdate,
          nextUpdate: new Date(now.getTime() + 365 * DAY),
          entries,
          signingKey: signer.privateKey,
          signingAlgorithm: RSA_ALGORITHM,
          extensions: [await x509.AuthorityKeyIdentifierExtension.create(signer.certificate.publicKey)],
        })
      ).rawData,
    );
  return {
    root: { certificate: root, privateKey: rootKeys.privateKey },
    issuing: { certificate: issuingCert, privateKey: issuingKeys.privateKey },
    leaves,
    revoked,
    crls: {
      root: await crl(rootIssuer, []),
      issuing: await crl(issuing, [
        {
          serialNumber: revoked.certificate.serialNumber,
          revocationDate: thisUpdate,
          reason: x509.X509CrlReason.keyCompromise,
        },
      ]),
    },
  };
}

/**
 * A demo signing certificate for a key the official holds elsewhere (their own token, the
 * external signer's flow): the demo issuing CA certifies `publicKey` (SPKI, DER) for two years,
 * with the same name form and extensions as the other demo officials'.
 */
export async function issueDemoSigningCertificate(
  issuing: { certificate: x509.X509Certificate; privateKey: CryptoKey },
  person: DemoPerson,
  publicKey: Uint8Array,
  now = new Date(),
): Promise<x509.X509Certificate> {
  const key = new x509.PublicKey(new Uint8Array(publicKey));
  const subject = demoName(`${person.fullName} — thiết bị ký số`, [
    { OU: utf8(person.unitName) },
    { [UID]: utf8(person.username) },
  ]);
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: issuing.certificate.subjectName,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 2 * 365 * DAY),
    signingAlgorithm: RSA_ALGORITHM,
    publicKey: key,
    signingKey: issuing.privateKey,
    extensions: [
      ...SIGNER_EXTENSIONS(),
      await x509.SubjectKeyIdentifierExtension.create(key),
      await x509.AuthorityKeyIdentifierExtension.create(issuing.certificate.publicKey),
    ],
  });
}

export { derOf };
