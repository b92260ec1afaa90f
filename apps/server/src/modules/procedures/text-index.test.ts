import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextIndex, words } from './text-index';

const docs = [
  {
    id: 1,
    primary: 'Thủ tục đăng ký khai sinh',
    secondary: 'Hộ tịch (Tư pháp) Ủy ban nhân dân cấp xã 1.001193',
  },
  { id: 2, primary: 'Đăng ký kết hôn', secondary: 'Hộ tịch (Tư pháp) Ủy ban nhân dân cấp xã 1.000894' },
  { id: 3, primary: 'Cấp giấy phép xây dựng', secondary: 'Hoạt động xây dựng Sở Xây dựng 1.013236' },
];

describe('text index', () => {
  const index = new TextIndex(docs);

  it('ignores diacritics and case, ANDs words, and completes the last word', () => {
    expect([...index.search('khai sinh').keys()]).toEqual([1]);
    expect([...index.search('ĐĂNG KÝ').keys()].sort()).toEqual([1, 2]);
    expect([...index.search('dang ky k').keys()].sort()).toEqual([1, 2]);
    expect([...index.search('giay phep xay d').keys()]).toEqual([3]);
    expect([...index.search('khai hon').keys()]).toEqual([]);
    expect([...index.search('1.001193').keys()]).toEqual([1]);
  });

  it('scores a word in the name above a word only in the field or agency', () => {
    const scores = index.search('xay dung');
    expect(scores.get(3)).toBe(6);
    const tuPhap = index.search('tu phap');
    expect(tuPhap.get(1)).toBe(2);
  });

  it('finds exactly the documents containing every query word (against a brute-force check)', () => {
    const vocabulary = ['dang', 'ky', 'khai', 'sinh', 'ket', 'hon', 'cap', 'xa', 'giay', 'phep'];
    const generated = fc.array(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        generated,
        fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }),
        (texts, query) => {
          const corpus = texts.map((text, id) => ({ id, primary: text.join(' '), secondary: '' }));
          const result = new TextIndex(corpus).search(query.join(' '));
          const expected = corpus.filter((doc) => {
            const ws = words(doc.primary);
            return query.every((term, i) =>
              i === query.length - 1 ? ws.some((w) => w.startsWith(term)) : ws.includes(term),
            );
          });
          expect([...result.keys()].sort((a, b) => a - b)).toEqual(expected.map((doc) => doc.id));
        },
      ),
    );
  });
});
