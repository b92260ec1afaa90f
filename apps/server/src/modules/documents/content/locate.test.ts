/**
 * Finding the blanks of a drafter's own PDF: the number between "Số:" and the ký hiệu, the date
 * line, the room above the signer's name; each missing anchor named, a wrong ký hiệu refused.
 * The PDFs are drawn here with pdf-lib and read back by pdf.js, as an uploaded file would be.
 */
import fontkit from '@cantoo/fontkit';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../http/errors';
import { notoSerifBytes } from '../../../lib/pdf';
import { pdfLib } from '../../../lib/pades';
import { locateLayout, textRuns } from './locate';

async function pdfWith(lines: Array<[string, number, number]>, pages = 1): Promise<Uint8Array> {
  const doc = await pdfLib.PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(notoSerifBytes().regular, { subset: true });
  for (let p = 0; p < pages; p += 1) doc.addPage([595.28, 841.89]);
  for (const [text, x, y] of lines) {
    const page = doc.getPage(y < 0 ? pages - 1 : 0);
    page.drawText(text, { x, y: Math.abs(y), size: 13, font });
  }
  return doc.save();
}

const EXPECTED = { codeNotation: 'QĐ-SXD', signerName: 'Huỳnh Minh Tâm' };

async function locate(lines: Array<[string, number, number]>, pages = 1) {
  const { runs, pageWidth } = await textRuns(await pdfWith(lines, pages));
  return locateLayout(runs, pageWidth, EXPECTED);
}

function codesOf(error: unknown): string[] {
  expect(error).toBeInstanceOf(DomainError);
  return ((error as DomainError).errors ?? []).map((e) => e.code);
}

describe('the blanks of an uploaded PDF', () => {
  it('are found where the thể thức puts them, on the page where the signer’s name stands', async () => {
    const layout = await locate(
      [
        ['Số:', 110, 760],
        ['/QĐ-SXD', 165, 760],
        ['Tây Ninh, ngày      tháng      năm 2026', 320, 745],
        ['PHÓ GIÁM ĐỐC', 400, -330],
        ['Nơi nhận:', 60, -250],
        ['Huỳnh Minh Tâm', 395, -250],
      ],
      2,
    );
    expect(layout.erase).toBe(true);
    expect(layout.number.page).toBe(0);
    // Between the end of "Số:" and the slash, on that baseline.
    expect(layout.number.rect.x).toBeGreaterThan(110);
    expect(layout.number.rect.x + layout.number.rect.width).toBeCloseTo(165, 0);
    // The stamp's baseline is the line's: 760 − 2 − 0.2 × 13.
    expect(layout.number.rect.y).toBeCloseTo(755.4, 1);
    // From "ngày" on, at least as wide as the longest date.
    expect(layout.date.rect.x).toBeGreaterThan(320 + 40);
    expect(layout.date.rect.width).toBeGreaterThan(170);
    // Above the name, on the last page, centred on it.
    expect(layout.signature.page).toBe(1);
    expect(layout.signature.rect.y).toBeGreaterThan(250 + 13);
    expect(layout.signature.rect.y + layout.signature.rect.height).toBeLessThan(330);
    expect(layout.signature.rect.height).toBeGreaterThan(12 * (72 / 25.4));
  });

  it('are named one by one when missing, so the drafter knows what to fix', async () => {
    const error = await locate([['Quyết định về việc …', 100, 700]]).catch((e: unknown) => e);
    expect(codesOf(error)).toEqual(['number_line', 'date_line', 'signer_name']);
  });

  it('refuse a number blank too narrow, and a ký hiệu that is not the document’s', async () => {
    const narrow = await locate([
      ['Số: /QĐ-SXD', 110, 760],
      ['Tây Ninh, ngày tháng năm 2026', 320, 745],
      ['Huỳnh Minh Tâm', 395, 250],
    ]).catch((e: unknown) => e);
    expect(codesOf(narrow)).toEqual(['number_blank']);
    const wrong = await locate([
      ['Số:', 110, 760],
      ['/QĐ-SXD-VP', 165, 760],
      ['Tây Ninh, ngày tháng năm 2026', 320, 745],
      ['Huỳnh Minh Tâm', 395, 250],
    ]).catch((e: unknown) => e);
    expect(codesOf(wrong)).toEqual(['notation_mismatch']);
  });
});
