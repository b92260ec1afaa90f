/**
 * Page layout for the TT 01/2018 forms: A5 portrait for slips 01–05, A4 for the register, Noto
 * Serif (a Times-like face with every Vietnamese glyph) embedded so any reader shows the text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const require = createRequire(import.meta.url);
let fontBytes: { regular: Buffer; bold: Buffer; italic: Buffer } | null = null;

function fonts() {
  fontBytes ??= {
    regular: readFileSync(
      require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'),
    ),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf')),
    italic: readFileSync(
      require.resolve('@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
    ),
  };
  return fontBytes;
}

const MM = 72 / 25.4;
export const A5: [number, number] = [148 * MM, 210 * MM];
export const A4: [number, number] = [210 * MM, 297 * MM];

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
    doc.registerFontkit(fontkit);
    const bytes = fonts();
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

  table(headers: string[], widths: number[], rows: string[][], size = 8): void {
    const total = widths.reduce((a, b) => a + b, 0);
    const scaled = widths.map((w) => (w / total) * this.width);
    const draw = (cells: string[], style: Style) => {
      const wrapped = cells.map((cell, i) => this.wrap(cell, size, style, scaled[i]! - 4));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * size * 1.3 + 4;
      this.ensure(height);
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
    draw(headers, 'bold');
    for (const row of rows) draw(row, 'regular');
    this.y -= 6;
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
