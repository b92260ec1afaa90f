/**
 * Signing a PDF: a placeholder update (placeholder.ts), then the CMS over its byte ranges put into
 * /Contents (@signpdf/signpdf computes the ranges). The two halves are separate for an external
 * signer (the official's own token, docs/DOCUMENTS.md): `prepareSignature` gives the prepared PDF
 * and the digest to sign; `embedSignature` puts the CMS the signer returns into that same PDF.
 */
import { SignPdf, Signer as PdfSigner } from '@signpdf/signpdf';
import { addSignaturePlaceholder, PdfInputError, type PlaceholderOptions } from './placeholder';
import { sha256 } from '../keystore/cms-attributes';

class CallbackSigner extends PdfSigner {
  constructor(private readonly callback: (content: Uint8Array) => Promise<Uint8Array>) {
    super();
  }
  override async sign(content: Buffer): Promise<Buffer> {
    return Buffer.from(await this.callback(new Uint8Array(content)));
  }
}

async function fill(prepared: Uint8Array, callback: (content: Uint8Array) => Promise<Uint8Array>) {
  try {
    return new Uint8Array(await new SignPdf().sign(Buffer.from(prepared), new CallbackSigner(callback)));
  } catch (cause) {
    if (cause instanceof PdfInputError) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/exceeds placeholder/.test(message))
      throw new PdfInputError('Chữ ký lớn hơn chỗ dành cho nó trong văn bản.', { cause });
    if (/ByteRange/.test(message))
      throw new PdfInputError('Văn bản không có chỗ chờ chữ ký (ByteRange).', { cause });
    throw cause;
  }
}

export interface PreparedSignature {
  /** The PDF with the placeholder, to keep until the signature comes back. */
  prepared: Uint8Array;
  /** SHA-256 of the byte ranges: what the signer's message-digest attribute must hold. */
  digest: Uint8Array;
}

export async function prepareSignature(
  pdf: Uint8Array,
  options: PlaceholderOptions,
): Promise<PreparedSignature> {
  const prepared = await addSignaturePlaceholder(pdf, options);
  let digest: Uint8Array | null = null;
  await fill(prepared, async (content) => {
    digest = sha256(content);
    return new Uint8Array(0);
  });
  return { prepared, digest: digest! };
}

/** Puts `cms` into the prepared PDF. */
export function embedSignature(prepared: Uint8Array, cms: Uint8Array): Promise<Uint8Array> {
  return fill(prepared, async () => cms);
}

/** Placeholder, CMS over the byte ranges (from `sign`, given their digest), embedded: one call. */
export async function signPdf(
  pdf: Uint8Array,
  options: PlaceholderOptions,
  sign: (digest: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const prepared = await addSignaturePlaceholder(pdf, options);
  return fill(prepared, (content) => sign(sha256(content)));
}
