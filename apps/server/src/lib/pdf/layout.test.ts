import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFArray, PDFRawStream } from 'pdf-lib';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, type PDFObject } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { A5, SlipWriter } from './layout';

const require = createRequire(import.meta.url);

/**
 * Text extraction (what the slip tests read) works even when a viewer draws blanks: it uses the
 * ToUnicode map, not the glyphs. This checks the glyphs themselves: every glyph of the embedded
 * subset must have the outline of the character it stands for in the original font.
 */
describe('embedded fonts', () => {
  it('draws every Vietnamese letter with its own outline (no blank glyphs in the subset)', async () => {
    const sample =
      'Phiếu kiểm soát quá trình giải quyết hồ sơ. Cơ quan phối hợp: Sở Tư pháp; Đúng hạn, ỹ Ỵ ữ 0123456789';
    const writer = await SlipWriter.create(A5, 'Kiểm tra phông chữ');
    writer.text(sample);
    const doc = await PDFDocument.load(await writer.save());
    const original = fontkit.create(
      readFileSync(require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf')),
    );
    const lookup = <T extends PDFObject>(object: PDFObject | undefined): T => doc.context.lookup(object) as T;
    const decode = (stream: PDFRawStream) => decodePDFRawStream(stream).decode();

    const regular = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter(
        (object): object is PDFDict =>
          object instanceof PDFDict &&
          object.get(PDFName.of('Subtype'))?.toString() === '/Type0' &&
          /Regular/.test(object.get(PDFName.of('BaseFont'))?.toString() ?? ''),
      );
    expect(regular).toHaveLength(1);
    const font = regular[0]!;
    const descendant = lookup<PDFDict>(lookup<PDFArray>(font.get(PDFName.of('DescendantFonts'))).get(0));
    const descriptor = lookup<PDFDict>(descendant.get(PDFName.of('FontDescriptor')));
    const subset = fontkit.create(decode(lookup<PDFRawStream>(descriptor.get(PDFName.of('FontFile2')))));
    const cmap = new TextDecoder().decode(decode(lookup<PDFRawStream>(font.get(PDFName.of('ToUnicode')))));
    const pairs = [...cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4,8})>/gi)].map((m) => [
      parseInt(m[1]!, 16),
      parseInt(m[2]!, 16),
    ]);
    const letters = new Set([...sample].filter((c) => c.trim()).map((c) => c.codePointAt(0)!));
    expect(pairs.filter(([, cp]) => letters.has(cp!)).length).toBe(letters.size);
    for (const [glyphId, codePoint] of pairs) {
      const expected = original.glyphForCodePoint(codePoint!).path.toSVG();
      expect(subset.getGlyph(glyphId!).path.toSVG(), String.fromCodePoint(codePoint!)).toBe(expected);
    }
  });
});
