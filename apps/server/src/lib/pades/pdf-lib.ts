/**
 * @cantoo/pdf-lib through its CommonJS build: its ES build imports JSON files without the import
 * attribute Node requires (`with { type: 'json' }`), so `import … from '@cantoo/pdf-lib'` fails
 * in Node's ESM loader. The types are the package's own.
 */
import { createRequire } from 'node:module';
import type * as PdfLib from '@cantoo/pdf-lib';

const require = createRequire(import.meta.url);
const lib = require('@cantoo/pdf-lib') as typeof PdfLib;

export const {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  beginText,
  closePath,
  drawEllipse,
  endText,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  showText,
  stroke,
} = lib;
export type PDFDocument = PdfLib.PDFDocument;
export type { PDFFont, PDFOperator, PDFPage, PDFRef } from '@cantoo/pdf-lib';
