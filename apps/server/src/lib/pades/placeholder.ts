/**
 * An incremental update that adds one signature field to a PDF, ready to be signed: the signature
 * dictionary (SubFilter ETSI.CAdES.detached, PAdES; the signing time in /M; a ByteRange
 * placeholder and zeroed /Contents that @signpdf/signpdf fills), its widget — visible with an
 * appearance stream, or invisible — and stamp annotations drawn in the same update (the number
 * and the date the văn thư gives the document). Everything earlier in the file is kept byte for
 * byte, so the signatures already there stay valid.
 */
import fontkit from '@cantoo/fontkit';
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFOperator,
  type PDFRef,
} from './pdf-lib';
import { notoSerifBytes } from '../pdf';
import type { Pen, Rect } from './appearance';

/** Room for the CMS in /Contents: the signer's certificate and chain, a timestamp token and its chain. */
const DEFAULT_CONTENTS_BYTES = 24_576;

export interface Mark {
  /** 0-based page index; negative counts from the end (-1: the last page). */
  page: number;
  /** Points from the page's bottom left; or computed from the fonts and the page's size. */
  rect: Rect | ((pen: Pen, page: { width: number; height: number }) => Rect);
  /** The appearance, in the rectangle's own coordinates. */
  draw: (pen: Pen, rect: Rect) => PDFOperator[];
}

export interface PlaceholderOptions {
  /** Unique in the document: a new field per signature. */
  fieldName: string;
  signingTime: Date;
  reason?: string;
  location?: string;
  name?: string;
  contactInfo?: string;
  /** The visible signature; null: an invisible one. */
  widget: Mark | null;
  /** Annotations drawn in the same update, under this signature. */
  stamps?: readonly Mark[];
  contentsBytes?: number;
}

export class PdfInputError extends Error {}

async function loadForUpdate(pdf: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  } catch (cause) {
    throw new PdfInputError('Tệp không phải là PDF đọc được.', { cause });
  }
}

async function penOf(doc: PDFDocument): Promise<Pen> {
  doc.registerFontkit(fontkit);
  const bytes = notoSerifBytes();
  return {
    regular: { font: await doc.embedFont(bytes.regular, { subset: true }), name: 'TnR' },
    italic: { font: await doc.embedFont(bytes.italic, { subset: true }), name: 'TnI' },
    bold: { font: await doc.embedFont(bytes.bold, { subset: true }), name: 'TnB' },
  };
}

function pageAt(doc: PDFDocument, index: number) {
  const count = doc.getPageCount();
  const at = index < 0 ? count + index : index;
  if (at < 0 || at >= count) throw new PdfInputError(`Văn bản không có trang ${index + 1}.`);
  return doc.getPage(at);
}

function appearance(doc: PDFDocument, pen: Pen, mark: Mark, rect: Rect): PDFRef {
  const { width, height } = rect;
  const stream = doc.context.formXObject(mark.draw(pen, rect), {
    BBox: [0, 0, width, height],
    Resources: {
      Font: {
        [pen.regular.name]: pen.regular.font.ref,
        [pen.italic.name]: pen.italic.font.ref,
        [pen.bold.name]: pen.bold.font.ref,
      },
    },
  });
  return doc.context.register(stream);
}

function rectArray(rect: Rect): number[] {
  return [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height];
}

/** Print (4) + ReadOnly (64) + Locked (128): shown and printed, never edited. */
const LOCKED_PRINTED = 4 + 64 + 128;

/** The PDF with the update appended (a ByteRange placeholder, /Contents of zeros). */
export async function addSignaturePlaceholder(
  pdf: Uint8Array,
  options: PlaceholderOptions,
): Promise<Uint8Array> {
  const doc = await loadForUpdate(pdf);
  const context = doc.context;
  const pen = await penOf(doc);
  const form = doc.getForm();
  if (form.getFields().some((f) => f.getName() === options.fieldName)) {
    throw new PdfInputError(`Văn bản đã có trường chữ ký ${options.fieldName}.`);
  }
  const rectOf = (mark: Mark, page: ReturnType<typeof pageAt>) =>
    typeof mark.rect === 'function' ? mark.rect(pen, page.getSize()) : mark.rect;
  for (const stamp of options.stamps ?? []) {
    const page = pageAt(doc, stamp.page);
    const rect = rectOf(stamp, page);
    const annotation = context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Stamp',
        Rect: rectArray(rect),
        F: LOCKED_PRINTED,
        P: page.ref,
        AP: { N: appearance(doc, pen, stamp, rect) },
      }),
    );
    page.node.addAnnot(annotation);
  }
  const placeholderName = PDFName.of('**********');
  const contentsBytes = options.contentsBytes ?? DEFAULT_CONTENTS_BYTES;
  const signature = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: [0, placeholderName, placeholderName, placeholderName],
      Contents: PDFHexString.of('0'.repeat(contentsBytes * 2)),
      M: PDFString.fromDate(options.signingTime),
      ...(options.reason ? { Reason: PDFHexString.fromText(options.reason) } : {}),
      ...(options.location ? { Location: PDFHexString.fromText(options.location) } : {}),
      ...(options.name ? { Name: PDFHexString.fromText(options.name) } : {}),
      ...(options.contactInfo ? { ContactInfo: PDFHexString.fromText(options.contactInfo) } : {}),
    }),
  );
  const mark = options.widget;
  const page = pageAt(doc, mark?.page ?? 0);
  const widgetRect = mark ? rectOf(mark, page) : null;
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFHexString.fromText(options.fieldName),
      V: signature,
      F: LOCKED_PRINTED,
      P: page.ref,
      Rect: widgetRect ? rectArray(widgetRect) : [0, 0, 0, 0],
      ...(mark && widgetRect ? { AP: { N: appearance(doc, pen, mark, widgetRect) } } : {}),
    }),
  );
  page.node.addAnnot(widget);
  const acroForm = doc.catalog.getOrCreateAcroForm();
  acroForm.addField(widget);
  // SignaturesExist (1) + AppendOnly (2): a reader must save changes incrementally.
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  return doc.commit({ useObjectStreams: false });
}
