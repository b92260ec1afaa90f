/**
 * Where the blanks are in a drafter's own PDF (uploaded, or converted from DOCX), found from its
 * text as the thể thức of Phụ lục I places it: on the first page the line "Số:   /QĐ-SXD" (the
 * number goes between "Số:" and the ký hiệu, which must be the document's), the line "…, ngày …
 * tháng … năm …" (the date is written over it); on the page where the signer's full name stands
 * last, the room above the name for the signature image. What cannot be found is named, so the
 * drafter knows what to fix in the file.
 */
import fontkit from '@cantoo/fontkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fieldError, invalid, type FieldError } from '../../../http/errors';
import { notoSerifBytes } from '../../../lib/pdf';
import { foldVietnamese } from '../../../lib/vietnamese';
import type { DocumentLayout } from '../compose';

const MM = 72 / 25.4;

export interface TextRun {
  page: number;
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface Line {
  page: number;
  runs: TextRun[];
  text: string;
  y: number;
  size: number;
}

/** The PDF's text runs with their positions (pdf.js, the reader Firefox uses). */
export async function textRuns(
  pdf: Uint8Array,
): Promise<{ runs: TextRun[]; pageWidth: number; pages: number }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const runs: TextRun[] = [];
  for (let number = 1; number <= doc.numPages; number += 1) {
    const content = await (await doc.getPage(number)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [a, b, , , e, f] = item.transform as number[];
      runs.push({
        page: number - 1,
        str: item.str.normalize('NFC'),
        x: e!,
        y: f!,
        width: item.width,
        size: Math.hypot(a!, b!),
      });
    }
  }
  const [, , pageWidth] = (await doc.getPage(1)).view;
  const pages = doc.numPages;
  await doc.destroy();
  return { runs, pageWidth: pageWidth!, pages };
}

/** Runs on one baseline (within a third of the font size), left to right. */
export function linesOf(runs: readonly TextRun[]): Line[] {
  const lines: Line[] = [];
  for (const run of [...runs].sort((p, q) => p.page - q.page || q.y - p.y || p.x - q.x)) {
    const line = lines.find((l) => l.page === run.page && Math.abs(l.y - run.y) <= run.size / 3);
    if (line) line.runs.push(run);
    else lines.push({ page: run.page, runs: [run], text: '', y: run.y, size: run.size });
  }
  for (const line of lines) {
    line.runs.sort((p, q) => p.x - q.x);
    line.text = line.runs.map((r) => r.str).join(' ');
    line.size = Math.max(...line.runs.map((r) => r.size));
  }
  return lines;
}

let serif: { layout(text: string): { advanceWidth: number } } | undefined;
/** Advance width of a text in Noto Serif (font units): close enough to the proportions of Times. */
function advance(text: string): number {
  serif ??= fontkit.create(Buffer.from(notoSerifBytes().regular)) as unknown as typeof serif;
  return serif!.layout(text).advanceWidth;
}

/** The x where character `index` of a run begins: its width shared in the proportions of the glyphs. */
function xAt(run: TextRun, index: number): number {
  const whole = advance(run.str);
  return whole > 0 ? run.x + (run.width * advance(run.str.slice(0, index))) / whole : run.x;
}

/** The rectangle a stamp's text sits in so that its baseline is the line's (stampAppearance). */
const onBaseline = (y: number, size: number) => ({ y: y - 2 - 0.2 * size, height: size + 4 });

/** Finds the blanks; throws 422 naming each anchor that is missing. */
export function locateLayout(
  runs: readonly TextRun[],
  pageWidth: number,
  expected: { codeNotation: string; signerName: string },
): DocumentLayout {
  const errors: FieldError[] = [];
  const lines = linesOf(runs);
  const first = lines.filter((l) => l.page === 0);

  let number: DocumentLayout['number'] | null = null;
  const numberLine = first.find((l) => /^\s*Số\s*:/.test(l.text));
  if (numberLine) {
    const label = numberLine.runs.find((r) => /Số\s*:/.test(r.str))!;
    const colon = label.str.indexOf(':');
    const start = xAt(label, colon + 1) + 1;
    const slashRun = numberLine.runs.find((r) => r.str.includes('/') && xAt(r, r.str.indexOf('/')) > start);
    const slashX = slashRun ? xAt(slashRun, slashRun.str.indexOf('/')) : null;
    const written = slashRun
      ? numberLine.text.slice(numberLine.text.indexOf('/') + 1).replace(/\s+/g, '')
      : '';
    if (slashX === null || slashX - start < 6 * MM)
      errors.push(
        fieldError(
          'file',
          'number_blank',
          `Để trống chỗ ghi số giữa “Số:” và ký hiệu (ví dụ “Số:      /${expected.codeNotation}”).`,
          `Leave a blank for the number between “Số:” and the notation.`,
        ),
      );
    else if (written !== expected.codeNotation)
      errors.push(
        fieldError(
          'file',
          'notation_mismatch',
          `Ký hiệu trong tệp (“/${written}”) khác ký hiệu của văn bản (“/${expected.codeNotation}”).`,
          `The notation in the file differs from the document's (/${expected.codeNotation}).`,
        ),
      );
    else
      number = {
        page: 0,
        rect: { x: start, width: slashX - start, ...onBaseline(numberLine.y, numberLine.size) },
        size: numberLine.size,
      };
  } else
    errors.push(
      fieldError(
        'file',
        'number_line',
        'Không tìm thấy dòng “Số: …/…” ở trang đầu của tệp.',
        'No “Số: …/…” line on the first page.',
      ),
    );

  let date: DocumentLayout['date'] | null = null;
  const dateLine = first.find((l) => /ngày.*tháng.*năm/i.test(l.text));
  const dayRun = dateLine?.runs.find((r) => /ngày/i.test(r.str));
  if (dateLine && dayRun) {
    const x = xAt(dayRun, dayRun.str.toLowerCase().indexOf('ngày'));
    const last = dateLine.runs[dateLine.runs.length - 1]!;
    const end = Math.min(pageWidth - 10 * MM, Math.max(last.x + last.width, x + 62 * MM));
    date = {
      page: 0,
      rect: { x, y: dateLine.y - 3, width: end - x, height: dateLine.size + 4 },
      size: dateLine.size,
    };
  } else
    errors.push(
      fieldError(
        'file',
        'date_line',
        'Không tìm thấy dòng “…, ngày … tháng … năm …” ở trang đầu của tệp.',
        'No “…, ngày … tháng … năm …” line on the first page.',
      ),
    );

  const found = lastNameRuns(lines, expected.signerName);
  let signature: DocumentLayout['signature'] | null = null;
  if (found) {
    const { line, runs: nameRuns } = found;
    const last = nameRuns[nameRuns.length - 1]!;
    const centre = (nameRuns[0]!.x + last.x + last.width) / 2;
    const width = 60 * MM;
    const x = centre - width / 2;
    const bottom = line.y + line.size + 2;
    // Up to 24 mm, and never over the line above (the position title) in that column.
    const above = lines
      .filter((l) => l.page === line.page && l.y > bottom)
      .filter((l) => l.runs.some((r) => r.x < x + width && r.x + r.width > x))
      .map((l) => l.y - 2)
      .reduce((low, y) => Math.min(low, y), bottom + 24 * MM);
    if (above - bottom < 12 * MM)
      errors.push(
        fieldError(
          'file',
          'signature_room',
          'Để trống chỗ ký (khoảng 3 dòng) giữa chức vụ và họ tên người ký.',
          'Leave room for the signature between the position and the signer’s name.',
        ),
      );
    else signature = { page: line.page, rect: { x, y: bottom, width, height: above - bottom } };
  } else
    errors.push(
      fieldError(
        'file',
        'signer_name',
        `Không tìm thấy họ tên người ký (“${expected.signerName}”) trên một dòng riêng ở cuối văn bản.`,
        `The signer's full name (“${expected.signerName}”) is not on a line of its own.`,
      ),
    );

  if (errors.length > 0 || !number || !date || !signature) throw invalid(errors);
  return { codeNotation: expected.codeNotation, number, date, signature, erase: true };
}

/** The last runs, in reading order, that spell the full name alone (a line may also hold "Nơi nhận"). */
function lastNameRuns(lines: readonly Line[], fullName: string): { line: Line; runs: TextRun[] } | null {
  const name = foldVietnamese(fullName).replace(/\s+/g, ' ').trim();
  for (const line of [...lines].reverse())
    for (let i = line.runs.length - 1; i >= 0; i -= 1)
      for (let j = i; j < line.runs.length; j += 1) {
        const window = line.runs.slice(i, j + 1);
        const text = foldVietnamese(window.map((r) => r.str).join(' '))
          .replace(/\s+/g, ' ')
          .trim();
        if (text === name) return { line, runs: window };
        if (text.length > name.length) break;
      }
  return null;
}
