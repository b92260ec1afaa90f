/**
 * A composed document: the PDF of a draft laid out with the thể thức of NĐ 30/2020 Phụ lục I
 * (A4; margins top and bottom 20 mm, left 30 mm, right 15 mm): the issuing agency and the one
 * above it (box 2), the national motto (box 1), "Số:" with the blank the văn thư fills (box 3),
 * the place and the date left blank until the number is given (box 4), the kind and the
 * subject (box 5), the body (box 6), the signing authority, the position, the room for the
 * signature image and the full name (box 7), the recipients (box 9a, 9b). It returns where the
 * blanks are, so that numbering and both signatures land exactly there (layout).
 * A drafter who uploads a PDF instead gives the same layout with the file.
 */
import fontkit from '@cantoo/fontkit';
import { notoSerifBytes } from '../../lib/pdf';
import { pdfLib, type PDFFont, type PDFPage, type Rect } from '../../lib/pades';

const MM = 72 / 25.4;
const PAGE: [number, number] = [210 * MM, 297 * MM];
const LEFT = 30 * MM;
const RIGHT = PAGE[0] - 15 * MM;
const TOP = PAGE[1] - 20 * MM;
const BOTTOM = 20 * MM;

export interface ComposeInput {
  /** Tên cơ quan chủ quản (above), tên cơ quan ban hành. */
  parentAgencyName: string | null;
  agencyName: string;
  kindName: string | null;
  /** The ký hiệu after the number, e.g. "QĐ-SXD". */
  codeNotation: string;
  placeName: string;
  subject: string;
  body: string;
  urgencyName: string | null;
  secrecyName: string | null;
  signature: { notation: string | null; authorityTitle: string | null; position: string; fullName: string };
  recipients: readonly string[];
  archiveLine: string;
}

export interface DocumentLayout {
  /** The ký hiệu printed after the blank number ("QĐ-SXD"). */
  codeNotation: string;
  /** Where the number goes (page index from 0), its size in points. */
  number: { page: number; rect: Rect; size: number };
  date: { page: number; rect: Rect; size: number };
  /** The room for the competent person's signature image, between the position and the name. */
  signature: { page: number; rect: Rect };
  /** The blanks of an uploaded file are painted white before the number and date are stamped. */
  erase?: boolean;
}

type Style = 'regular' | 'bold' | 'italic' | 'boldItalic';

class Composer {
  page!: PDFPage;
  pageIndex = -1;
  y = TOP;
  constructor(
    readonly doc: pdfLib.PDFDocument,
    readonly fonts: Record<Style, PDFFont>,
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage(PAGE);
    this.pageIndex += 1;
    this.y = TOP;
    if (this.pageIndex > 0) {
      // Page numbers from the second page, centred at the top (Phụ lục I II.2.c).
      const label = String(this.pageIndex + 1);
      const w = this.fonts.regular.widthOfTextAtSize(label, 13);
      this.page.drawText(label, {
        x: (PAGE[0] - w) / 2,
        y: PAGE[1] - 12 * MM,
        size: 13,
        font: this.fonts.regular,
      });
    }
  }

  width(text: string, size: number, style: Style = 'regular') {
    return this.fonts[style].widthOfTextAtSize(text, size);
  }

  wrap(text: string, size: number, style: Style, width: number, indent = 0): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      let room = width - indent;
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.width(candidate, size, style) <= room) line = candidate;
        else {
          if (line) lines.push(line);
          line = word;
          room = width;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Centred text in the column [x0, x1], returning the baseline used. */
  centred(text: string, size: number, style: Style, x0: number, x1: number, y: number) {
    const w = this.width(text, size, style);
    this.page.drawText(text, { x: x0 + (x1 - x0 - w) / 2, y, size, font: this.fonts[style] });
    return { x: x0 + (x1 - x0 - w) / 2, w };
  }

  underline(x0: number, x1: number, y: number) {
    this.page.drawLine({ start: { x: x0, y }, end: { x: x1, y }, thickness: 0.6 });
  }

  ensure(height: number) {
    if (this.y - height < BOTTOM) this.newPage();
  }
}

async function fontsOf(doc: pdfLib.PDFDocument): Promise<Record<Style, PDFFont>> {
  doc.registerFontkit(fontkit);
  const bytes = notoSerifBytes();
  return {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
    italic: await doc.embedFont(bytes.italic, { subset: true }),
    boldItalic: await doc.embedFont(bytes.boldItalic, { subset: true }),
  };
}

export async function composeDocument(
  input: ComposeInput,
): Promise<{ pdf: Uint8Array; layout: DocumentLayout }> {
  const doc = await pdfLib.PDFDocument.create();
  doc.setTitle(input.subject);
  doc.setLanguage('vi-VN');
  doc.setCreator('Hệ thống quản lý văn bản và điều hành tỉnh Tây Ninh');
  const c = new Composer(doc, await fontsOf(doc));
  const leftCol: [number, number] = [LEFT - 10 * MM, LEFT + 70 * MM];
  const rightCol: [number, number] = [LEFT + 62 * MM, RIGHT + 5 * MM];
  let y = TOP - 12;
  // Box 2 (left) and box 1 (right).
  if (input.parentAgencyName) c.centred(input.parentAgencyName.toUpperCase(), 12, 'regular', ...leftCol, y);
  const agencyY = input.parentAgencyName ? y - 15 : y;
  const agency = c.centred(input.agencyName.toUpperCase(), 12, 'bold', ...leftCol, agencyY);
  c.underline(agency.x + agency.w / 3, agency.x + (2 * agency.w) / 3, agencyY - 4);
  c.centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, 'bold', ...rightCol, y);
  const motto = c.centred('Độc lập - Tự do - Hạnh phúc', 13, 'bold', ...rightCol, y - 15);
  c.underline(motto.x, motto.x + motto.w, y - 19);
  y = agencyY - 26;
  // Box 3: "Số:   /QĐ-SXD" with room for the number.
  const numberWidth = 14 * MM;
  const suffix = `/${input.codeNotation}`;
  const numberLine = c.width('Số: ', 13) + numberWidth + c.width(suffix, 13);
  const numberX = leftCol[0] + (leftCol[1] - leftCol[0] - numberLine) / 2;
  c.page.drawText('Số: ', { x: numberX, y, size: 13, font: c.fonts.regular });
  const numberRect = { x: numberX + c.width('Số: ', 13), y: y - 3, width: numberWidth, height: 16 };
  c.page.drawText(suffix, { x: numberRect.x + numberWidth, y, size: 13, font: c.fonts.regular });
  // Box 4: the place, the date left blank.
  const place = `${input.placeName}, `;
  const dateWidth = 62 * MM;
  const placeX = rightCol[0] + (rightCol[1] - rightCol[0] - c.width(place, 13, 'italic') - dateWidth) / 2;
  c.page.drawText(place, { x: placeX, y, size: 13, font: c.fonts.italic });
  const dateRect = { x: placeX + c.width(place, 13, 'italic'), y: y - 3, width: dateWidth, height: 16 };
  y -= 20;
  if (input.kindName === null) {
    // Công văn: the subject under the number, "V/v …" (box 5b).
    for (const line of c.wrap(`V/v ${input.subject}`, 12, 'regular', leftCol[1] - leftCol[0]))
      c.centred(line, 12, 'regular', ...leftCol, (y -= 15));
  }
  for (const stamp of [input.secrecyName, input.urgencyName].filter(Boolean) as string[]) {
    c.page.drawText(stamp.toUpperCase(), { x: LEFT, y: (y -= 18), size: 13, font: c.fonts.bold });
  }
  y -= 22;
  if (input.kindName !== null) {
    c.centred(input.kindName.toUpperCase(), 14, 'bold', LEFT, RIGHT, y);
    for (const line of c.wrap(input.subject, 14, 'bold', RIGHT - LEFT - 40 * MM))
      c.centred(line, 14, 'bold', LEFT, RIGHT, (y -= 17));
    c.underline((LEFT + RIGHT) / 2 - 20 * MM, (LEFT + RIGHT) / 2 + 20 * MM, y - 5);
    y -= 14;
  }
  c.y = y - 10;
  // Box 6: the body, first line indented 1 cm, 6 pt between paragraphs.
  for (const paragraph of input.body.split(/\n+/).filter((p) => p.trim())) {
    const lines = c.wrap(paragraph.trim(), 13, 'regular', RIGHT - LEFT, 10 * MM);
    lines.forEach((line, i) => {
      c.ensure(18);
      c.y -= 18;
      c.page.drawText(line, { x: LEFT + (i === 0 ? 10 * MM : 0), y: c.y, size: 13, font: c.fonts.regular });
    });
    c.y -= 6;
  }
  // Box 7 and box 9: the signature block on the right, the recipients on the left, side by side.
  const block = 16 + 16 + 30 * MM + 16 + 20;
  const recipientLines = [...input.recipients.map((r) => `- ${r};`), `- ${input.archiveLine}.`];
  c.ensure(Math.max(block, 14 + recipientLines.length * 13) + 14);
  const top = c.y - 20;
  const sigCol: [number, number] = [LEFT + 80 * MM, RIGHT];
  let sy = top;
  const authority = [input.signature.notation, input.signature.authorityTitle].filter(Boolean).join(' ');
  if (authority) {
    c.centred(authority.toUpperCase(), 13, 'bold', ...sigCol, sy);
    sy -= 16;
  }
  c.centred(input.signature.position.toUpperCase(), 13, 'bold', ...sigCol, sy);
  const signatureRect = {
    x: sigCol[0] + 10 * MM,
    y: sy - 6 - 28 * MM,
    width: sigCol[1] - sigCol[0] - 20 * MM,
    height: 26 * MM,
  };
  sy = signatureRect.y - 14;
  c.centred(input.signature.fullName, 13, 'bold', ...sigCol, sy);
  let ry = top;
  c.page.drawText('Nơi nhận:', { x: LEFT, y: ry, size: 12, font: c.fonts.boldItalic });
  for (const line of recipientLines)
    for (const wrapped of c.wrap(line, 11, 'regular', 70 * MM))
      c.page.drawText(wrapped, { x: LEFT, y: (ry -= 13), size: 11, font: c.fonts.regular });
  const pdf = await doc.save({ useObjectStreams: false });
  return {
    pdf,
    layout: {
      codeNotation: input.codeNotation,
      number: { page: 0, rect: numberRect, size: 13 },
      date: { page: 0, rect: dateRect, size: 13 },
      signature: { page: c.pageIndex, rect: signatureRect },
    },
  };
}
