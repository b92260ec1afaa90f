/**
 * What a signature looks like on the page (NĐ 30/2020, Phụ lục I, II.7.d and II.8):
 * - the competent person: the handwritten signature in blue, centred between the position title
 *   and the full name — the signer's own PNG when one is registered, otherwise their name written
 *   in an italic face as a stand-in, with the signing time in small type;
 * - the agency: its seal in red at actual size, overlapping about a third of the signer's image
 *   on the left (the position is computed by the caller: `sealRectFor`);
 * - a separate attached file, and an electronic copy: no image, the text (số và ký hiệu, or the
 *   copy's form and agency) and the signing time in ISO 8601 Vietnam time, size 10, black, at the
 *   top right of the first page.
 * Times New Roman is not free to embed; Noto Serif is the Times-like face with every Vietnamese
 * glyph that the platform embeds everywhere (lib/pdf).
 * Each function returns PDF content operators in the rectangle's own coordinates (0,0 bottom left).
 */
import {
  PDFName,
  beginText,
  closePath,
  endText,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  showText,
  stroke,
  drawEllipse,
  rgb,
  type PDFFont,
  type PDFOperator,
} from './pdf-lib';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The fonts an appearance may use, with their resource names in the appearance's /Font. */
export interface Pen {
  regular: { font: PDFFont; name: string };
  italic: { font: PDFFont; name: string };
  bold: { font: PDFFont; name: string };
}

const BLUE = rgb(0.05, 0.2, 0.65);
const RED = rgb(0.82, 0.06, 0.1);
const MM = 72 / 25.4;

/** Diameter of the seal image: a round seal of an agency of the province is 35–40 mm. */
export const SEAL_DIAMETER = 36 * MM;

function text(
  pen: Pen['regular'],
  value: string,
  size: number,
  x: number,
  y: number,
  angle = 0,
): PDFOperator[] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [
    beginText(),
    setFontAndSize(PDFName.of(pen.name), size),
    setTextMatrix(cos, sin, -sin, cos, x, y),
    showText(pen.font.encodeText(value)),
    endText(),
  ];
}

function centred(pen: Pen['regular'], value: string, size: number, width: number, y: number) {
  const w = pen.font.widthOfTextAtSize(value, size);
  return text(pen, value, size, Math.max(0, (width - w) / 2), y);
}

/** The largest size ≤ `max` at which `value` fits `width`. */
function fit(font: PDFFont, value: string, width: number, max: number): number {
  const at1 = font.widthOfTextAtSize(value, 1);
  return at1 === 0 ? max : Math.min(max, width / at1);
}

/** The competent person's image: the stand-in signature and the signing time, in blue. */
export function signerAppearance(
  pen: Pen,
  rect: Rect,
  signer: { fullName: string; signedAtText: string },
): PDFOperator[] {
  const nameSize = fit(pen.italic.font, signer.fullName, rect.width * 0.9, 20);
  const small = fit(pen.regular.font, signer.signedAtText, rect.width * 0.95, 7);
  return [
    pushGraphicsState(),
    setFillingRgbColor(BLUE.red, BLUE.green, BLUE.blue),
    ...centred(pen.italic, signer.fullName, nameSize, rect.width, rect.height * 0.45),
    setStrokingRgbColor(BLUE.red, BLUE.green, BLUE.blue),
    setLineWidth(0.8),
    moveTo(rect.width * 0.15, rect.height * 0.38),
    lineTo(rect.width * 0.85, rect.height * 0.42),
    stroke(),
    ...centred(pen.regular, signer.signedAtText, small, rect.width, rect.height * 0.12),
    popGraphicsState(),
  ];
}

/** Where the seal goes: actual size, over the left third of the signer's image, centred on it. */
export function sealRectFor(signer: Rect): Rect {
  const d = SEAL_DIAMETER;
  return {
    x: signer.x + signer.width / 3 - d,
    y: signer.y + signer.height / 2 - d / 2,
    width: d,
    height: d,
  };
}

/** Characters of `value` set along a circle of radius r, centred at the top, reading clockwise. */
function arcText(pen: Pen['regular'], value: string, size: number, cx: number, cy: number, r: number) {
  const widths = [...value].map((ch) => pen.font.widthOfTextAtSize(ch, size));
  const total = widths.reduce((a, b) => a + b, 0);
  let angle = Math.PI / 2 + total / r / 2;
  const ops: PDFOperator[] = [];
  [...value].forEach((ch, i) => {
    const half = widths[i]! / 2 / r;
    const at = angle - half;
    const x = cx + r * Math.cos(at) - (widths[i]! / 2) * Math.cos(at - Math.PI / 2);
    const y = cy + r * Math.sin(at) - (widths[i]! / 2) * Math.sin(at - Math.PI / 2);
    ops.push(...text(pen, ch, size, x, y, at - Math.PI / 2));
    angle -= 2 * half;
  });
  return ops;
}

function star(cx: number, cy: number, outer: number): PDFOperator[] {
  const inner = outer * 0.382;
  const ops: PDFOperator[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    const x = cx + r * Math.cos(a);
    const y = cy + r * Math.sin(a);
    ops.push(i === 0 ? moveTo(x, y) : lineTo(x, y));
  }
  return [...ops, closePath(), fill()];
}

/** The agency's seal: two red rings, its name around, the place and a star inside. */
export function sealAppearance(pen: Pen, rect: Rect, agency: { name: string; place: string }) {
  const r = rect.width / 2;
  const ring = (radius: number, width: number) =>
    drawEllipse({
      x: r,
      y: r,
      xScale: radius,
      yScale: radius,
      color: undefined,
      borderColor: RED,
      borderWidth: width,
    });
  const name = agency.name.toUpperCase();
  const circumference = 2 * Math.PI * (r * 0.72) * 0.8;
  const size = fit(pen.bold.font, name, circumference, 9);
  return [
    pushGraphicsState(),
    setFillingRgbColor(RED.red, RED.green, RED.blue),
    ...ring(r - 1.5, 2.2),
    ...ring(r * 0.58, 0.9),
    ...arcText(pen.bold, name, size, r, r, r * 0.72),
    ...star(r, r + r * 0.12, r * 0.22),
    ...centred(
      pen.bold,
      agency.place.toUpperCase(),
      fit(pen.bold.font, agency.place.toUpperCase(), r, 7),
      2 * r,
      r - r * 0.3,
    ),
    popGraphicsState(),
  ];
}

/** The agency's signature on a separate attached file or a copy: black text lines, no image. */
export function textAppearance(pen: Pen, rect: Rect, lines: readonly string[]): PDFOperator[] {
  const size = 10;
  return [
    pushGraphicsState(),
    setFillingRgbColor(0, 0, 0),
    ...lines.flatMap((line, i) => text(pen.regular, line, size, 2, rect.height - (i + 1) * (size + 2))),
    popGraphicsState(),
  ];
}

/** The rectangle of `lines` at the top right of a page of `pageWidth` × `pageHeight` points. */
export function topRightRect(
  pen: Pen,
  pageWidth: number,
  pageHeight: number,
  lines: readonly string[],
): Rect {
  const width = Math.max(...lines.map((l) => pen.regular.font.widthOfTextAtSize(l, 10))) + 6;
  const height = lines.length * 12 + 4;
  const margin = 15 * MM;
  return { x: pageWidth - margin - width, y: pageHeight - 10 * MM - height, width, height };
}

/** A number or date stamped into the blank the drafter left (black, the document's face). */
export function stampAppearance(
  pen: Pen,
  rect: Rect,
  value: string,
  size: number,
  align: 'left' | 'center' = 'left',
  style: 'regular' | 'italic' = 'regular',
  erase = false,
): PDFOperator[] {
  const face = pen[style];
  const x = align === 'center' ? Math.max(0, (rect.width - face.font.widthOfTextAtSize(value, size)) / 2) : 0;
  // On an uploaded file the blank may hold spaces or dots the drafter typed: paint it white first.
  const blank = erase
    ? [
        setFillingRgbColor(1, 1, 1),
        moveTo(0, 0),
        lineTo(rect.width, 0),
        lineTo(rect.width, rect.height),
        lineTo(0, rect.height),
        closePath(),
        fill(),
      ]
    : [];
  return [
    pushGraphicsState(),
    ...blank,
    setFillingRgbColor(0, 0, 0),
    ...text(face, value, size, x, Math.max(0, (rect.height - size) / 2) + size * 0.2),
    popGraphicsState(),
  ];
}
