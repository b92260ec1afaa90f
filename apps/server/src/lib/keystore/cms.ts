/**
 * CMS SignedData (RFC 5652) over a key store signer: the signature value comes from
 * `signer.sign(DER of the signed attributes)`, so the key may sit in a token; pkijs only builds and
 * parses the structures. RSASSA-PKCS1-v1_5 with SHA-256 (see types.ts for why), one signer,
 * the signer's certificate and chain embedded, content encapsulated or detached.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  buildSignedAttributes,
  OID,
  readSignedAttributes,
  sha256,
  type SignedAttributesInfo,
} from './cms-attributes';
import { arrayBufferView, ensureCryptoEngines } from '../webcrypto';
import { KeyStoreError } from './errors';
import type { Signer } from './types';

export interface SignCmsInput {
  /** The content; or, for a detached signature, only its SHA-256 digest (`contentDigest`). */
  content?: Uint8Array;
  contentDigest?: Uint8Array;
  /** true: the content is not embedded (the verifier must be given it); false: it is (eContent). */
  detached: boolean;
  signer: Signer;
  /** The signer's certificate (DER); its public key must be the signer's. */
  certificate: Uint8Array;
  /** Intermediate certificates (DER) to embed; the root may be left out. */
  chain?: Uint8Array[];
  /** eContentType OID; id-data by default. */
  contentType?: string;
  /**
   * Signing time for the signing-time attribute; now by default; null leaves the attribute out
   * (PAdES baseline signatures, ETSI EN 319 142-1 §5.3: the time is claimed in the PDF's /M).
   */
  signingTime?: Date | null;
}

function parseCertificate(der: Uint8Array, what: string): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(arrayBufferView(der));
  } catch (cause) {
    throw new KeyStoreError('CMS_MALFORMED', `The ${what} is not a DER X.509 certificate`, { cause });
  }
}

function sameBytes(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array)) === 0;
}

/** Builds a DER ContentInfo holding a SignedData with one signer. */
export async function signCms(input: SignCmsInput): Promise<Uint8Array> {
  ensureCryptoEngines();
  const certificate = parseCertificate(input.certificate, 'signer certificate');
  const certificateSpki = certificate.subjectPublicKeyInfo.toSchema().toBER(false);
  if (!sameBytes(certificateSpki, input.signer.publicKey)) {
    throw new KeyStoreError(
      'CMS_SIGNING_CERTIFICATE_MISMATCH',
      "The certificate does not carry the signer's public key",
    );
  }
  const contentType = input.contentType ?? OID.data;
  const contentDigest = input.contentDigest ?? (input.content ? sha256(input.content) : null);
  if (!contentDigest || contentDigest.length !== 32 || (!input.content && !input.detached)) {
    throw new KeyStoreError('CMS_CONTENT_MISSING', 'Give the content, or its SHA-256 digest when detached');
  }
  const { attributes, toSign } = buildSignedAttributes({
    contentType,
    contentDigest,
    signingTime: input.signingTime === undefined ? new Date() : input.signingTime,
    certificate,
    certificateDer: input.certificate,
  });
  const signature = await input.signer.sign(toSign);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: attributes,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    // RFC 5652 §5.1: version 3 when the content type is not id-data, else 1.
    version: contentType === OID.data ? 1 : 3,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: contentType,
      ...(input.detached || !input.content
        ? {}
        : { eContent: new asn1js.OctetString({ valueHex: input.content }) }),
    }),
    certificates: [
      certificate,
      ...(input.chain ?? []).map((der) => parseCertificate(der, 'chain certificate')),
    ],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export interface VerifyCmsOptions {
  /** The signed content, for a detached signature. */
  content?: Uint8Array;
  /** Trusted root certificates (DER). */
  trustAnchors: Uint8Array[];
  /** Further certificates (DER) for the path, besides those in the signature. */
  intermediates?: Uint8Array[];
  /** Time at which the signer's certificate path is validated; now by default. */
  at?: Date;
}

export interface VerifiedCms {
  /** The signer's certificate (DER). */
  signerCertificate: Uint8Array;
  /** The validated path, signer first (DER). */
  certificatePath: Uint8Array[];
  signedAttributes: SignedAttributesInfo;
  eContentType: string;
  /** The content that was verified (encapsulated or given). */
  content: Uint8Array;
  detached: boolean;
}

function parseSignedData(der: Uint8Array): pkijs.SignedData {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(arrayBufferView(der));
    if (contentInfo.contentType !== OID.signedData)
      throw new Error(`content type ${contentInfo.contentType}`);
    return new pkijs.SignedData({ schema: contentInfo.content });
  } catch (cause) {
    throw new KeyStoreError('CMS_MALFORMED', 'Not a DER CMS SignedData', { cause });
  }
}

/**
 * Verifies a SignedData with one signer: the signer's certificate path to a trust anchor at `at`,
 * the message digest over the content, the signature over the signed attributes, and that
 * signing-certificate-v2 names the signer's certificate.
 */
export async function verifyCms(der: Uint8Array, options: VerifyCmsOptions): Promise<VerifiedCms> {
  ensureCryptoEngines();
  const signedData = parseSignedData(der);
  const signerInfo = signedData.signerInfos[0];
  if (signedData.signerInfos.length !== 1 || !signerInfo) {
    throw new KeyStoreError('CMS_MALFORMED', `Expected one signer, found ${signedData.signerInfos.length}`);
  }
  const eContent = signedData.encapContentInfo.eContent;
  const detached = !eContent;
  let content: Uint8Array;
  if (eContent) {
    content = new Uint8Array(eContent.getValue());
    if (options.content && !sameBytes(content, options.content)) {
      throw new KeyStoreError(
        'CMS_SIGNATURE_INVALID',
        'The encapsulated content differs from the content given',
      );
    }
  } else if (options.content) {
    content = options.content;
  } else {
    throw new KeyStoreError('CMS_CONTENT_MISSING', 'A detached signature needs the signed content');
  }
  if (!signerInfo.signedAttrs)
    throw new KeyStoreError('CMS_MALFORMED', 'The signer has no signed attributes');
  const attributes = readSignedAttributes(signerInfo.signedAttrs);
  if (!attributes)
    throw new KeyStoreError('CMS_MALFORMED', 'content-type or message-digest attribute missing');
  if (attributes.contentType !== signedData.encapContentInfo.eContentType) {
    throw new KeyStoreError('CMS_SIGNATURE_INVALID', 'The content-type attribute differs from eContentType');
  }
  if (signerInfo.digestAlgorithm.algorithmId !== OID.sha256) {
    throw new KeyStoreError('CMS_MALFORMED', `Unsupported digest ${signerInfo.digestAlgorithm.algorithmId}`);
  }
  if (options.intermediates?.length) {
    signedData.certificates = [
      ...(signedData.certificates ?? []),
      ...options.intermediates.map((c) => parseCertificate(c, 'intermediate certificate')),
    ];
  }

  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signedData.verify({
      signer: 0,
      data: content.slice().buffer,
      trustedCerts: options.trustAnchors.map((c) => parseCertificate(c, 'trust anchor')),
      checkDate: options.at ?? new Date(),
      checkChain: true,
      extendedMode: true,
    });
  } catch (error) {
    const code = error instanceof pkijs.SignedDataVerifyError ? error.code : -1;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 5) throw new KeyStoreError('CMS_SIGNER_UNTRUSTED', message, { cause: error });
    if (code === 2 || code === 3) throw new KeyStoreError('CMS_SIGNER_UNTRUSTED', message, { cause: error });
    if (code === 15 && /digest/i.test(message)) {
      throw new KeyStoreError('CMS_SIGNATURE_INVALID', message, { cause: error });
    }
    throw new KeyStoreError('CMS_MALFORMED', message, { cause: error });
  }
  if (!result.signatureVerified || !result.signerCertificate) {
    throw new KeyStoreError('CMS_SIGNATURE_INVALID', 'The signature does not match the signed attributes');
  }
  const signerCertificate = new Uint8Array(result.signerCertificate.toSchema().toBER(false));
  if (
    !attributes.signingCertificateHash ||
    !sameBytes(attributes.signingCertificateHash, sha256(signerCertificate))
  ) {
    throw new KeyStoreError(
      'CMS_SIGNING_CERTIFICATE_MISMATCH',
      "signing-certificate-v2 is missing or does not name the signer's certificate",
    );
  }
  return {
    signerCertificate,
    certificatePath: (result.certificatePath ?? []).map((c) => new Uint8Array(c.toSchema().toBER(false))),
    signedAttributes: attributes,
    eContentType: signedData.encapContentInfo.eContentType,
    content,
    detached,
  };
}
