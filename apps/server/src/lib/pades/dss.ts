/**
 * PAdES-B-LT (ETSI EN 319 142-1 §5.4): the validation data — the certificates of every path, the
 * OCSP responses and the CRLs — in the document security store (/DSS in the catalog), appended
 * as a further incremental update after the signatures, so a verifier years later needs no
 * network. A second call adds what is new beside what is already there.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef } from './pdf-lib';
import { PdfInputError } from './placeholder';

export interface ValidationData {
  certificates: Uint8Array[];
  ocspResponses: Uint8Array[];
  crls: Uint8Array[];
}

function keyOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export async function addValidationData(pdf: Uint8Array, data: ValidationData): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  } catch (cause) {
    throw new PdfInputError('Tệp không phải là PDF đọc được.', { cause });
  }
  const context = doc.context;
  const existing = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const dss = existing ?? context.obj({});
  const seen = new Set<string>();
  const add = (key: string, items: Uint8Array[]) => {
    const array = dss.lookupMaybe(PDFName.of(key), PDFArray) ?? context.obj([]);
    for (let i = 0; i < array.size(); i++) {
      const stream = array.lookup(i);
      const contents = (stream as { getContents?: () => Uint8Array }).getContents?.();
      if (contents) seen.add(key + keyOf(contents));
    }
    for (const item of items) {
      if (seen.has(key + keyOf(item))) continue;
      seen.add(key + keyOf(item));
      const ref: PDFRef = context.register(context.stream(item, {}));
      array.push(ref);
    }
    if (array.size() > 0) dss.set(PDFName.of(key), array);
  };
  add('Certs', data.certificates);
  add('OCSPs', data.ocspResponses);
  add('CRLs', data.crls);
  if (!existing) doc.catalog.set(PDFName.of('DSS'), context.register(dss));
  return doc.commit({ useObjectStreams: false });
}
