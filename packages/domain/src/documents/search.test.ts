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
        expect(query.kind).toBe('words');
        if (query.kind === 'words') for (const w of query.words) expect(text).toContain(w);
        expect(parseDocumentQuery(foldVietnamese(words.join(' ')))).toEqual(
          parseDocumentQuery(words.join(' ')),
        );
      }),
    );
  });
});

describe('a search query', () => {
  it('is words, a number kept with its notation, a bare number, or too short', () => {
    expect(parseDocumentQuery('Quy chế  kiến trúc')).toEqual({
      kind: 'words',
      words: ['quy', 'che', 'kien', 'truc'],
    });
    expect(parseDocumentQuery('15/QĐ-SXD')).toEqual({ kind: 'words', words: ['15 qd sxd'] });
    expect(parseDocumentQuery('015')).toEqual({ kind: 'number', number: '015' });
    expect(parseDocumentQuery('qđ')).toEqual({ kind: 'too_short' });
    expect(parseDocumentQuery('  ')).toEqual({ kind: 'too_short' });
  });
});
