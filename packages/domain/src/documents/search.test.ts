import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../text/fold';
import { documentSearchText, foldedContent, MAX_CONTENT_CHARS, parseDocumentQuery } from './search';

describe('the search text of a document', () => {
  it('holds every metadata field and the content, folded', () => {
    const text = documentSearchText(
      {
        kindName: 'Quyết định',
        subject: 'Về việc ban hành Quy chế quản lý kiến trúc',
        codeNumber: '15',
        codeNotation: 'QĐ-SXD',
        originCodeNumber: '120',
        originCodeNotation: 'KH-CAT',
        issuerName: 'Sở Xây dựng',
        signerName: 'Huỳnh Minh Tâm',
        description: null,
        recipients: ['Ủy ban nhân dân phường Tân Ninh'],
      },
      foldedContent('Điều 1. Ban hành kèm theo'),
    );
    for (const part of ['quyet dinh', 'quan ly kien truc', '15 qd sxd', '120 kh cat', 'so xay dung'])
      expect(text).toContain(part);
    for (const part of ['huynh minh tam', 'phuong tan ninh', 'dieu 1. ban hanh'])
      expect(text).toContain(part);
  });

  it('keeps at most MAX_CONTENT_CHARS of the content', () => {
    expect(foldedContent('ả'.repeat(MAX_CONTENT_CHARS * 3)).length).toBe(MAX_CONTENT_CHARS);
  });

  it('finds a document by any of its subject’s words, typed with or without diacritics (property)', () => {
    const word = fc.stringMatching(
      /^[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ]{3,10}$/,
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.nat(5), (words, pick) => {
        const text = documentSearchText({ subject: words.join(' ') });
        const query = parseDocumentQuery(words[pick % words.length]!);
        expect(query.kind).toBe('terms');
        if (query.kind === 'terms') for (const term of query.terms) expect(text).toContain(term.text);
        expect(parseDocumentQuery(foldVietnamese(words.join(' ')))).toEqual(
          parseDocumentQuery(words.join(' ')),
        );
      }),
    );
  });
});

describe('a search query', () => {
  it('is words, a number kept with its notation, a bare number, or too short', () => {
    const words = (...texts: string[]) => ({
      kind: 'terms',
      terms: texts.map((text) => ({ text, whole: false })),
    });
    const whole = (text: string) => ({ kind: 'terms', terms: [{ text, whole: true }] });
    expect(parseDocumentQuery('Quy chế  kiến trúc')).toEqual(words('quy', 'che', 'kien', 'truc'));
    expect(parseDocumentQuery('15/QĐ-SXD')).toEqual(whole('15 qd sxd'));
    expect(parseDocumentQuery('03/2025/QĐ-UBND')).toEqual(whole('03 2025 qd ubnd'));
    expect(parseDocumentQuery('015')).toEqual(whole('015'));
    expect(parseDocumentQuery('2026 kế hoạch')).toEqual(words('2026', 'ke', 'hoach'));
    // A number is a whole word of the text: 15 is not 150.
    expect(documentSearchText({ subject: 'Văn bản', codeNumber: '15', codeNotation: 'QĐ-SXD' })).toContain(
      ' 15 qd sxd ',
    );
    expect(parseDocumentQuery('qđ')).toEqual({ kind: 'too_short' });
    expect(parseDocumentQuery('  ')).toEqual({ kind: 'too_short' });
  });
});
