/**
 * Page layout for official forms, first those of TT 01/2018: A5 portrait for slips 01–04, A4 for the process control
 * slip (Mẫu 05, a table of hand-overs) and A4 landscape for the register (Mẫu 06), Noto Serif (a
 * Times-like face with every Vietnamese glyph) embedded so any reader shows the text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const require = createRequire(import.meta.url);
let fontBytes: { regular: Buffer; bold: Buffer; italic: Buffer; boldItalic: Buffer } | null = null;

/** The Noto Serif faces (TTF bytes), read once. */
export function notoSerifBytes() {
  fontBytes ??= {
    regular: readFileSync(
      require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'),
    ),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf')),
    italic: readFileSync(
      require.resolve('@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
    ),
    boldItalic: readFileSync(
      require.resolve('@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf'),
    ),
  };
  return fontBytes;
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type GlyphRecord = Uint8Array & { constructor: { alloc(size: number): GlyphRecord } };
interface SubsetInternals {
  glyf: GlyphRecord[];
  offset: number;
  _addGlyph: (this: SubsetInternals, gid: number) => number;
}

/**
 * @pdf-lib/fontkit 1.1.1 writes a subset's `loca` table in the short format (offsets halved)
 * without padding glyph records to an even length: after the first odd-length glyph every offset
 * is a byte off, and viewers draw blanks for most letters while the text still extracts
 * (foliojs/fontkit#191, fixed upstream but not in this fork). Padding every glyph record of the
 * subset to an even length makes the halved offsets exact.
 */
export const evenGlyphFontkit: Fontkit = {
  create(bytes) {
    const font = fontkit.create(bytes);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      const internals = subset as unknown as SubsetInternals;
      const addGlyph = internals._addGlyph;
      internals._addGlyph = function (gid) {
        const index = addGlyph.call(this, gid);
        const record = this.glyf[index]!;
        if (record.length % 2 === 1) {
          // The same Buffer class as fontkit's own (a bundled polyfill), which its encoder expects.
          const padded = record.constructor.alloc(record.length + 1);
          padded.set(record);
          this.glyf[index] = padded;
          this.offset += 1;
        }
        return index;
      };
      return subset;
    };
    return font;
  },
};

const MM = 72 / 25.4;
export const A5: [number, number] = [148 * MM, 210 * MM];
export const A4: [number, number] = [210 * MM, 297 * MM];
export const A4_LANDSCAPE: [number, number] = [297 * MM, 210 * MM];

export type Style = 'regular' | 'bold' | 'italic';

export class SlipWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly margin = 12 * MM;

  private constructor(
    readonly doc: PDFDocument,
    private readonly fontSet: Record<Style, PDFFont>,
    private readonly size: [number, number],
  ) {
    this.newPage();
  }

  static async create(size: [number, number], title: string): Promise<SlipWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(evenGlyphFontkit);
    const bytes = notoSerifBytes();
    const fontSet = {
      regular: await doc.embedFont(bytes.regular, { subset: true }),
      bold: await doc.embedFont(bytes.bold, { subset: true }),
      italic: await doc.embedFont(bytes.italic, { subset: true }),
    };
    doc.setTitle(title);
    doc.setLanguage('vi-VN');
    doc.setCreator('Hệ thống thông tin giải quyết TTHC tỉnh Tây Ninh');
    doc.setProducer('pdf-lib');
    return new SlipWriter(doc, fontSet, size);
  }

  get width(): number {
    return this.size[0] - 2 * this.margin;
  }

  private newPage(): void {
    this.page = this.doc.addPage(this.size);
    this.y = this.size[1] - this.margin;
  }

  private ensure(height: number): void {
    if (this.y - height < this.margin) this.newPage();
  }

  /** Splits text into lines that fit `width` at `size` points. */
  wrap(text: string, size: number, style: Style = 'regular', width = this.width): string[] {
    const font = this.fontSet[style];
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
        else {
          if (line) lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  text(
    text: string,
    options: {
      size?: number;
      style?: Style;
      align?: 'left' | 'center' | 'right';
      x?: number;
      width?: number;
      gap?: number;
    } = {},
  ): void {
    const size = options.size ?? 9;
    const style = options.style ?? 'regular';
    const width = options.width ?? this.width;
    const x0 = this.margin + (options.x ?? 0);
    for (const line of this.wrap(text, size, style, width)) {
      this.ensure(size * 1.35);
      const lineWidth = this.fontSet[style].widthOfTextAtSize(line, size);
      const x =
        options.align === 'center'
          ? x0 + (width - lineWidth) / 2
          : options.align === 'right'
            ? x0 + width - lineWidth
            : x0;
      this.page.drawText(line, { x, y: this.y - size, size, font: this.fontSet[style], color: rgb(0, 0, 0) });
      this.y -= size * 1.35;
    }
    this.y -= options.gap ?? 0;
  }

  /** Two columns side by side (the national header: agency on the left, motto on the right). */
  columns(left: Array<[string, Style]>, right: Array<[string, Style]>, size = 9): void {
    const top = this.y;
    const half = this.width / 2;
    for (const [line, style] of left) this.text(line, { size, style, align: 'center', width: half - 4 });
    const leftBottom = this.y;
    this.y = top;
    for (const [line, style] of right)
      this.text(line, { size, style, align: 'center', width: half - 4, x: half + 4 });
    this.y = Math.min(leftBottom, this.y) - 6;
  }

  /** A label in bold followed by its value. */
  field(label: string, value: string, size = 9): void {
    this.text(`${label}: ${value}`, { size });
  }

  /**
   * A bordered table. When a row does not fit on the page, it goes to the next page under a
   * repeated header row (unless `repeatHeader` is false); the header never ends a page alone.
   */
  table(
    headers: string[],
    widths: number[],
    rows: string[][],
    size = 8,
    options: { repeatHeader?: boolean } = {},
  ): void {
    const total = widths.reduce((a, b) => a + b, 0);
    const scaled = widths.map((w) => (w / total) * this.width);
    const measure = (cells: string[], style: Style) => {
      const wrapped = cells.map((cell, i) => this.wrap(cell, size, style, scaled[i]! - 4));
      return { wrapped, height: Math.max(...wrapped.map((lines) => lines.length)) * size * 1.3 + 4 };
    };
    const header = measure(headers, 'bold');
    const draw = ({ wrapped, height }: ReturnType<typeof measure>, style: Style) => {
      let x = this.margin;
      for (const [i, lines] of wrapped.entries()) {
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width: scaled[i]!,
          height,
          borderColor: rgb(0, 0, 0),
          borderWidth: 0.5,
        });
        lines.forEach((line, n) =>
          this.page.drawText(line, {
            x: x + 2,
            y: this.y - 2 - size * (n + 1) * 1.3 + size * 0.3,
            size,
            font: this.fontSet[style],
          }),
        );
        x += scaled[i]!;
      }
      this.y -= height;
    };
    const measured = rows.map((row) => measure(row, 'regular'));
    this.ensure(header.height + (measured[0]?.height ?? 0));
    draw(header, 'bold');
    for (const row of measured) {
      if (this.y - row.height < this.margin) {
        this.newPage();
        if (options.repeatHeader ?? true) draw(header, 'bold');
      }
      draw(row, 'regular');
    }
    this.y -= 6;
  }

  /** Numbers every page at the foot ("Trang 2/5"); call once, after the content. */
  pageNumbers(label: (page: number, total: number) => string = (p, t) => `Trang ${p}/${t}`, size = 8): void {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const text = label(index + 1, pages.length);
      const width = this.fontSet.italic.widthOfTextAtSize(text, size);
      page.drawText(text, {
        x: (page.getWidth() - width) / 2,
        y: this.margin / 2 - size / 2,
        size,
        font: this.fontSet.italic,
        color: rgb(0, 0, 0),
      });
    });
  }

  image(png: Uint8Array, sizeMm: number): Promise<void> {
    return this.doc.embedPng(png).then((image) => {
      const side = sizeMm * MM;
      this.ensure(side);
      this.page.drawImage(image, {
        x: this.margin + this.width - side,
        y: this.y - side,
        width: side,
        height: side,
      });
    });
  }

  space(points: number): void {
    this.y -= points;
  }

  save(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
