/**
 * Reading and checking the signatures of a PDF: each /ByteRange with the CMS in /Contents, the
 * CMS verified over the bytes it covers (lib/keystore verifyCms: the digest, the signature, the
 * signing-certificate-v2 binding, the path to a trust anchor), its signature timestamp verified
 * (lib/tsp), and whether it covers the whole file. Revocation is the caller's (the trust module's
 * path validation with its revocation checker), given the signer certificates returned here.
 */
import * as asn1js from 'asn1js';
import { verifyCms } from '../keystore/cms';
import { KeyStoreError } from '../keystore/errors';
import { TrustProtocolError, verifyTimestampToken } from '../tsp';
import { arrayBufferView } from '../webcrypto';
import { sha256 } from '../keystore/cms-attributes';
import { signatureTimestampOf, signatureValueOf } from './cms';

export interface PdfSignature {
  byteRange: [number, number, number, number];
  cms: Uint8Array;
  /** The bytes the signature covers. */
  content: Uint8Array;
  /** The signature covers the file up to its end (no update after it). */
  coversWholeFile: boolean;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** The signatures of `pdf` in file order (the first signed first). */
export function extractSignatures(pdf: Uint8Array): PdfSignature[] {
  const text = Buffer.from(pdf).toString('latin1');
  const found: PdfSignature[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) continue;
    if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) continue; // '<' … '>'
    const hex = text.slice(b + 1, c - 1);
    const raw = Buffer.from(hex, 'hex');
    const parsed = asn1js.fromBER(arrayBufferView(raw));
    if (parsed.offset === -1) continue;
    const cms = new Uint8Array(raw.subarray(0, parsed.offset));
    const content = new Uint8Array(b + d);
    content.set(pdf.subarray(0, b), 0);
    content.set(pdf.subarray(c, c + d), b);
    found.push({ byteRange: [a, b, c, d], cms, content, coversWholeFile: c + d === pdf.length });
  }
  return found.sort((x, y) => x.byteRange[2] + x.byteRange[3] - (y.byteRange[2] + y.byteRange[3]));
}

export interface SignatureCheck {
  ok: boolean;
  /** Why not, in Vietnamese and English. */
  problem: { code: string; message: string; messageEn: string } | null;
  signerCertificate: Uint8Array | null;
  certificatePath: Uint8Array[];
  timestamp: { genTime: Date; tsaCertificate: Uint8Array } | null;
  coversWholeFile: boolean;
}

export interface VerifyPdfOptions {
  trustAnchors: Uint8Array[];
  intermediates?: Uint8Array[];
  /** Timestamps are required (PAdES-B-T): a signature without one fails. */
  requireTimestamp?: boolean;
}

function problem(code: string, message: string, messageEn: string): SignatureCheck['problem'] {
  return { code, message, messageEn };
}

/** Checks one signature: the timestamp first (its time is the time the path is checked at). */
export async function verifySignature(
  signature: PdfSignature,
  options: VerifyPdfOptions,
): Promise<SignatureCheck> {
  const base = {
    signerCertificate: null,
    certificatePath: [],
    timestamp: null,
    coversWholeFile: signature.coversWholeFile,
  };
  let timestamp: SignatureCheck['timestamp'] = null;
  try {
    const token = signatureTimestampOf(signature.cms);
    if (token) {
      const verified = await verifyTimestampToken(token, {
        digest: sha256(signatureValueOf(signature.cms)),
        trustAnchors: options.trustAnchors,
        intermediates: options.intermediates,
      });
      timestamp = { genTime: verified.genTime, tsaCertificate: verified.tsaCertificate };
    } else if (options.requireTimestamp) {
      return {
        ...base,
        ok: false,
        problem: problem(
          'timestamp_missing',
          'Chữ ký số không có dấu thời gian.',
          'The signature has no timestamp.',
        ),
      };
    }
  } catch (error) {
    const message =
      error instanceof TrustProtocolError ? error.message : 'Dấu thời gian của chữ ký không hợp lệ.';
    return {
      ...base,
      ok: false,
      problem: problem('timestamp_invalid', message, 'The signature timestamp is invalid.'),
    };
  }
  try {
    const verified = await verifyCms(signature.cms, {
      content: signature.content,
      trustAnchors: options.trustAnchors,
      intermediates: options.intermediates,
      at: timestamp?.genTime ?? new Date(),
    });
    return {
      ok: true,
      problem: null,
      signerCertificate: verified.signerCertificate,
      certificatePath: verified.certificatePath,
      timestamp,
      coversWholeFile: signature.coversWholeFile,
    };
  } catch (error) {
    if (error instanceof KeyStoreError) {
      const code =
        error.code === 'CMS_SIGNER_UNTRUSTED'
          ? 'untrusted_signer'
          : error.code === 'CMS_MALFORMED'
            ? 'signature_malformed'
            : 'signature_invalid';
      const messageEn =
        code === 'untrusted_signer'
          ? "The signer's certificate does not chain to a trusted root."
          : 'The document was changed after signing, or the signature is invalid.';
      const message =
        code === 'untrusted_signer'
          ? 'Chứng thư số của người ký không có chuỗi tới tổ chức chứng thực gốc tin cậy.'
          : 'Văn bản đã bị thay đổi sau khi ký hoặc chữ ký số không hợp lệ.';
      return { ...base, ok: false, problem: problem(code, message, messageEn) };
    }
    throw error;
  }
}

/** Every signature of `pdf`, checked. */
export async function verifyPdf(pdf: Uint8Array, options: VerifyPdfOptions): Promise<SignatureCheck[]> {
  const checks: SignatureCheck[] = [];
  for (const signature of extractSignatures(pdf)) checks.push(await verifySignature(signature, options));
  return checks;
}
