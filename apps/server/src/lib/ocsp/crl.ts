/**
 * CRLs (RFC 5280 §5): fetch, parse, check one certificate against a CRL of its issuer, and build
 * a CRL (the demo CA's). Full CRLs only: delta CRLs and issuing distribution points (partitioned
 * or indirect CRLs) are refused rather than misread, since a critical extension we do not
 * process must make the CRL unusable (RFC 5280 §5.2).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  getDer,
  integerFromSerialHex,
  OID,
  parseCertificate,
  parseDer,
  protocolError,
  serialHexOf,
  sha256WithRsa,
  signerOf,
  toArrayBuffer,
  verifySignature,
  type SigningKey,
} from '../tsp/index';
import {
  checkFreshness,
  reasonCode,
  reasonName,
  requireIssuedBy,
  type RevocationAnswer,
  type RevocationReason,
} from './common';

export interface CrlEntry {
  serialHex: string;
  revokedAt: Date;
  reason?: RevocationReason;
}

export interface ParsedCrl {
  crl: pkijs.CertificateRevocationList;
  thisUpdate: Date;
  nextUpdate?: Date;
  crlNumber?: bigint;
  entries: CrlEntry[];
}

const KNOWN_CRL_EXTENSIONS = new Set([OID.crlNumber, OID.authorityKeyIdentifier]);

/** Fetches a CRL (DER, or PEM converted to DER). */
export async function fetchCrl(url: string, options: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  const body = await getDer(url, {
    responseType: 'application/pkix-crl',
    timeoutMs: options.timeoutMs ?? 15_000,
    what: 'CRL',
  });
  const text = Buffer.from(body.subarray(0, 32)).toString('latin1');
  if (!text.startsWith('-----BEGIN')) return body;
  const base64 = Buffer.from(body)
    .toString('latin1')
    .replace(/-----[A-Z0-9 ]+-----/g, '')
    .replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

export function parseCrl(der: Uint8Array): ParsedCrl {
  const crl = parseDer(der, 'CRL', (b) => pkijs.CertificateRevocationList.fromBER(b));
  const numberExtension = crl.crlExtensions?.extensions.find((e) => e.extnID === OID.crlNumber);
  const entries = (crl.revokedCertificates ?? []).map((entry): CrlEntry => {
    const reasonExtension = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === OID.crlReason);
    const parsed = reasonExtension
      ? asn1js.fromBER(reasonExtension.extnValue.valueBlock.valueHexView).result
      : undefined;
    const reason = parsed instanceof asn1js.Enumerated ? reasonName(parsed.valueBlock.valueDec) : undefined;
    return {
      serialHex: serialHexOf(entry.userCertificate),
      revokedAt: entry.revocationDate.value,
      ...(reason ? { reason } : {}),
    };
  });
  const numberValue = numberExtension
    ? asn1js.fromBER(numberExtension.extnValue.valueBlock.valueHexView).result
    : undefined;
  return {
    crl,
    thisUpdate: crl.thisUpdate.value,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}),
    ...(numberValue instanceof asn1js.Integer ? { crlNumber: BigInt('0x' + serialHexOf(numberValue)) } : {}),
    entries,
  };
}

export interface CheckCrlOptions {
  now?: Date;
  maxAgeSeconds?: number;
}

/**
 * The status of `certificate` in a CRL of `issuer`: the CRL's issuer name and signature (by the
 * issuer's key, which must allow cRLSign if it has a key usage), its freshness, then the entry.
 * The issuer's own path is not checked here (the caller validates it, as checkOcsp does).
 */
export function checkCrl(
  crlDer: Uint8Array,
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: CheckCrlOptions = {},
): RevocationAnswer {
  const now = options.now ?? new Date();
  const cert = parseCertificate(certificate);
  const issuerCert = parseCertificate(issuer);
  requireIssuedBy(cert, issuerCert);
  const parsed = parseCrl(crlDer);
  const { crl } = parsed;
  if (!crl.issuer.isEqual(issuerCert.subject)) {
    throw protocolError(
      'wrong_issuer',
      'CRL không do CA phát hành chứng thư số này lập.',
      "The CRL is not from the certificate's issuer.",
    );
  }
  const keyUsage = issuerCert.extensions?.find((e) => e.extnID === '2.5.29.15')?.parsedValue as
    asn1js.BitString | undefined;
  if (keyUsage && ((keyUsage.valueBlock.valueHexView[0] ?? 0) & 0x02) === 0) {
    throw protocolError(
      'wrong_usage',
      'Khóa của CA không được phép ký CRL (cRLSign).',
      "The CA's key may not sign CRLs (cRLSign).",
    );
  }
  const ok = verifySignature(
    issuerCert,
    crl.signatureAlgorithm.algorithmId,
    crl.tbsView,
    crl.signatureValue.valueBlock.valueHexView,
  );
  if (!ok) throw protocolError('bad_signature', 'Chữ ký của CRL không hợp lệ.', 'Invalid CRL signature.');
  const unknownCritical = crl.crlExtensions?.extensions.find(
    (e) => e.critical && !KNOWN_CRL_EXTENSIONS.has(e.extnID as never),
  );
  if (unknownCritical) {
    throw protocolError(
      'unsupported_algorithm',
      `CRL có phần mở rộng bắt buộc không hỗ trợ (${unknownCritical.extnID}).`,
      `The CRL has an unsupported critical extension (${unknownCritical.extnID}).`,
    );
  }
  checkFreshness('CRL', parsed.thisUpdate, parsed.nextUpdate, now, options.maxAgeSeconds);
  const serial = serialHexOf(cert.serialNumber);
  const entry = parsed.entries.find((e) => e.serialHex === serial && e.reason !== 'removeFromCRL');
  const base = {
    thisUpdate: parsed.thisUpdate,
    ...(parsed.nextUpdate ? { nextUpdate: parsed.nextUpdate } : {}),
  };
  if (!entry || entry.revokedAt > now) return { status: 'good', ...base };
  return { status: 'revoked', revokedAt: entry.revokedAt, reason: entry.reason ?? 'unspecified', ...base };
}

export interface BuildCrlOptions {
  /** DER certificate of the CA. */
  issuer: Uint8Array;
  issuerKey: SigningKey;
  revoked: CrlEntry[];
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: bigint | number;
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §5.1.2.4), whole seconds. */
function time(date: Date): pkijs.Time {
  const value = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return new pkijs.Time({ type: value.getUTCFullYear() < 2050 ? 0 : 1, value });
}

function extension(extnID: string, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical: false, extnValue: value.toBER() });
}

/** A v2 CRL signed by the CA (RSASSA-PKCS1-v1_5 SHA-256), with CRL number and authority key id. */
export async function buildCrl(options: BuildCrlOptions): Promise<Uint8Array> {
  const issuer = parseCertificate(options.issuer);
  const ski = issuer.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier)?.parsedValue as
    asn1js.OctetString | undefined;
  const crlExtensions = [
    extension(OID.crlNumber, integerFromSerialHex(BigInt(options.crlNumber).toString(16))),
  ];
  if (ski) {
    const aki = new pkijs.AuthorityKeyIdentifier({
      keyIdentifier: new asn1js.OctetString({ valueHex: ski.valueBlock.valueHexView.slice().buffer }),
    });
    crlExtensions.push(extension(OID.authorityKeyIdentifier, aki.toSchema()));
  }
  const revokedCertificates = options.revoked.map(
    (entry) =>
      new pkijs.RevokedCertificate({
        userCertificate: integerFromSerialHex(entry.serialHex),
        revocationDate: time(entry.revokedAt),
        ...(entry.reason && entry.reason !== 'unspecified'
          ? {
              crlEntryExtensions: new pkijs.Extensions({
                extensions: [
                  extension(OID.crlReason, new asn1js.Enumerated({ value: reasonCode(entry.reason) })),
                ],
              }),
            }
          : {}),
      }),
  );
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    signature: sha256WithRsa(),
    issuer: issuer.subject,
    thisUpdate: time(options.thisUpdate),
    nextUpdate: time(options.nextUpdate),
    ...(revokedCertificates.length ? { revokedCertificates } : {}),
    crlExtensions: new pkijs.Extensions({ extensions: crlExtensions }),
    signatureAlgorithm: sha256WithRsa(),
  });
  const tbs = (crl.toSchema(true) as asn1js.Sequence).valueBlock.value[0]!;
  crl.tbsView = new Uint8Array(tbs.toBER());
  const signature = await signerOf(options.issuerKey)(crl.tbsView);
  crl.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(signature) });
  return new Uint8Array((crl.toSchema() as asn1js.Sequence).toBER());
}
