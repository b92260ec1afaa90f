/** Test helper: a PDF as an independent reader (pdf.js) sees it — text per page and page size. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function readPdf(bytes: Uint8Array) {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  const [, , width, height] = (await pdf.getPage(1)).view;
  return { pages, text: pages.join(' '), width: width!, height: height! };
}

async function open(bytes: Uint8Array) {
  return getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
}

/** The annotations of a page (stamps, signature widgets) with their rectangles [x1, y1, x2, y2]. */
export async function annotationsOf(bytes: Uint8Array, pageNumber: number) {
  const pdf = await open(bytes);
  const annotations = (await (await pdf.getPage(pageNumber)).getAnnotations()) as Array<{
    subtype: string;
    fieldType?: string;
    rect: number[];
  }>;
  return annotations.map((a) => ({ subtype: a.subtype, fieldType: a.fieldType, rect: a.rect }));
}

/** The first page's text runs, one per line start: where each line begins and its baseline. */
export async function textLines(bytes: Uint8Array) {
  const pdf = await open(bytes);
  const content = await (await pdf.getPage(1)).getTextContent();
  return content.items.flatMap((item) =>
    'str' in item && item.str.trim()
      ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number }]
      : [],
  );
}
