/**
 * PAdES signatures of PDF documents (issue #14): a placeholder update with the visible
 * appearance of NĐ 30/2020 (the signer's blue image, the agency's red seal, the text of an
 * attached file's signature), the CMS of a baseline signature (B-B, B-T with a signature
 * timestamp), the validation data of B-LT, the prepare–sign–assemble split for an external
 * signer, and the reading and checking of the signatures of a PDF. No tables, no routes.
 * See docs/DOCUMENTS.md.
 */
export * from './appearance';
export { addSignaturePlaceholder, PdfInputError, type Mark, type PlaceholderOptions } from './placeholder';
export { embedSignature, prepareSignature, signPdf, type PreparedSignature } from './sign';
export {
  addSignatureTimestamp,
  padesCms,
  signatureTimestampOf,
  signatureValueOf,
  CmsShapeError,
  SIGNATURE_TIMESTAMP_OID,
  type PadesCmsInput,
  type TimestampDigest,
} from './cms';
export { addValidationData, type ValidationData } from './dss';
export {
  extractSignatures,
  verifyPdf,
  verifySignature,
  type PdfSignature,
  type SignatureCheck,
  type VerifyPdfOptions,
} from './verify';
export * as pdfLib from './pdf-lib';
export type { PDFFont, PDFPage } from './pdf-lib';
