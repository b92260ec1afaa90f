import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicableDocuments,
  caseQuestions,
  checkCaseChoice,
  CHANNELS,
  DEFAULT_CASE_GROUP,
  deliveryMethodsFor,
  documentChecklist,
  missingRequired,
  type CaseOption,
  type CatalogueDocument,
} from './documents';

const BIRTH_CASES: CaseOption[] = [
  { code: 'co-giay-chung-sinh', group: 'Giấy tờ chứng minh việc sinh', name: 'Có Giấy chứng sinh' },
  { code: 'bo-roi', group: 'Giấy tờ chứng minh việc sinh', name: 'Trẻ bị bỏ rơi' },
  {
    code: 'mang-thai-ho',
    group: 'Giấy tờ chứng minh việc sinh',
    name: 'Sinh con theo phương pháp mang thai hộ',
  },
  { code: 'tu-nop', group: 'Ai nộp hồ sơ', name: 'Cha, mẹ hoặc người thân tự nộp' },
  { code: 'uy-quyen', group: 'Ai nộp hồ sơ', name: 'Người khác nộp thay theo ủy quyền' },
];
const doc = (code: string, extra: Partial<CatalogueDocument> = {}): CatalogueDocument => ({
  code,
  name: code,
  required: true,
  originals: 1,
  copies: 0,
  ...extra,
});
const BIRTH_DOCUMENTS = [
  doc('to-khai', { channels: ['counter', 'post'] }),
  doc('giay-chung-sinh', { cases: ['co-giay-chung-sinh', 'mang-thai-ho'] }),
  doc('bien-ban-bo-roi', { cases: ['bo-roi'] }),
  doc('xac-nhan-mang-thai-ho', { cases: ['mang-thai-ho'] }),
  doc('uy-quyen', { cases: ['uy-quyen'] }),
  doc('giay-to-tuy-than', { channels: ['counter'] }),
  doc('anh-minh-hoa', { required: false }),
];

describe('case questions', () => {
  it('groups the cases into questions in catalogue order, ungrouped cases under one question', () => {
    const questions = caseQuestions([...BIRTH_CASES, { code: 'khac', name: 'Khác' }]);
    expect(questions.map((q) => [q.group, q.options.map((o) => o.code)])).toEqual([
      ['Giấy tờ chứng minh việc sinh', ['co-giay-chung-sinh', 'bo-roi', 'mang-thai-ho']],
      ['Ai nộp hồ sơ', ['tu-nop', 'uy-quyen']],
      [DEFAULT_CASE_GROUP, ['khac']],
    ]);
  });

  it('wants exactly one answer per question and nothing unknown', () => {
    expect(checkCaseChoice(BIRTH_CASES, ['bo-roi', 'tu-nop'])).toEqual([]);
    expect(checkCaseChoice(BIRTH_CASES, ['bo-roi'])).toEqual([{ kind: 'missing', group: 'Ai nộp hồ sơ' }]);
    expect(checkCaseChoice(BIRTH_CASES, ['bo-roi', 'mang-thai-ho', 'tu-nop', 'x'])).toEqual([
      { kind: 'unknown', code: 'x' },
      { kind: 'several', group: 'Giấy tờ chứng minh việc sinh', codes: ['bo-roi', 'mang-thai-ho'] },
    ]);
    expect(checkCaseChoice([], [])).toEqual([]);
  });
});

describe('documents per case and channel', () => {
  const codes = (cases: string[], channel: 'online' | 'counter' | 'post') =>
    applicableDocuments(BIRTH_DOCUMENTS, { cases, channel }).map((d) => d.code);

  it('asks an abandoned child’s record only when the child was abandoned, the power of attorney only when someone else submits', () => {
    expect(codes(['co-giay-chung-sinh', 'tu-nop'], 'online')).toEqual(['giay-chung-sinh', 'anh-minh-hoa']);
    expect(codes(['bo-roi', 'uy-quyen'], 'online')).toEqual(['bien-ban-bo-roi', 'uy-quyen', 'anh-minh-hoa']);
    expect(codes(['mang-thai-ho', 'tu-nop'], 'counter')).toEqual([
      'to-khai',
      'giay-chung-sinh',
      'xac-nhan-mang-thai-ho',
      'giay-to-tuy-than',
      'anh-minh-hoa',
    ]);
    expect(codes(['co-giay-chung-sinh', 'tu-nop'], 'post')).toEqual([
      'to-khai',
      'giay-chung-sinh',
      'anh-minh-hoa',
    ]);
  });

  it('lists as missing exactly the required documents of the case not provided', () => {
    const checklist = documentChecklist(
      BIRTH_DOCUMENTS,
      { cases: ['bo-roi', 'uy-quyen'], channel: 'online' },
      new Set(['uy-quyen', 'giay-chung-sinh']),
    );
    expect(checklist.map((item) => [item.document.code, item.required, item.provided])).toEqual([
      ['bien-ban-bo-roi', true, false],
      ['uy-quyen', true, true],
      ['anh-minh-hoa', false, false],
    ]);
    expect(missingRequired(checklist).map((d) => d.code)).toEqual(['bien-ban-bo-roi']);
  });

  it('never asks a document whose cases were not chosen, nor one of another channel (property)', () => {
    const caseCode = fc.constantFrom('a', 'b', 'c', 'd');
    const documents = fc.array(
      fc.record({
        code: fc.string({ minLength: 1, maxLength: 3 }),
        cases: fc.option(fc.array(caseCode, { maxLength: 3 }), { nil: undefined }),
        channels: fc.option(fc.subarray([...CHANNELS]), { nil: undefined }),
        required: fc.boolean(),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(
        documents,
        fc.subarray(['a', 'b', 'c', 'd']),
        fc.constantFrom(...CHANNELS),
        (docs, cases, channel) => {
          const all = docs.map((d) => doc(d.code, d));
          const applied = applicableDocuments(all, { cases, channel });
          for (const d of all) {
            const byCase = !d.cases?.length || d.cases.some((c) => cases.includes(c));
            const byChannel = !d.channels?.length || d.channels.includes(channel);
            expect(applied.includes(d)).toBe(byCase && byChannel);
          }
          const missing = missingRequired(documentChecklist(all, { cases, channel }, new Set()));
          expect(missing).toEqual(applied.filter((d) => d.required));
        },
      ),
    );
  });
});

describe('result delivery', () => {
  it('offers the counter always, post and online only where the procedure takes those channels', () => {
    expect(deliveryMethodsFor(['counter'])).toEqual(['counter']);
    expect(deliveryMethodsFor(['online', 'post', 'counter'])).toEqual(['counter', 'post', 'online']);
    expect(deliveryMethodsFor(['online'])).toEqual(['counter', 'online']);
  });
});
