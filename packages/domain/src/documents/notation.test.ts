import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  documentNotation,
  formatDocumentNumber,
  incomingSeries,
  numberAndNotation,
  NotationError,
  outgoingSeries,
  parseNumberAndNotation,
  promulgationDateLine,
} from './notation';
import { DOCUMENT_KINDS } from './types';

describe('số and ký hiệu (NĐ 30/2020, Phụ lục I)', () => {
  it('renders the examples of Phụ lục I and the plan itself', () => {
    const number = (n: number) => formatDocumentNumber(n);
    expect(numberAndNotation(number(15), documentNotation({ kind: 'quyet-dinh', agency: 'SXD' }))).toBe(
      '15/QĐ-SXD',
    );
    expect(
      numberAndNotation(number(5), documentNotation({ kind: 'cong-van', agency: 'SXD', unit: 'VP' })),
    ).toBe('05/SXD-VP');
    expect(numberAndNotation(number(1694), documentNotation({ kind: 'ke-hoach', agency: 'UBND' }))).toBe(
      '1694/KH-UBND',
    );
    expect(
      numberAndNotation(
        formatDocumentNumber(3, 2025),
        documentNotation({ kind: 'quyet-dinh-qppl', agency: 'UBND' }),
      ),
    ).toBe('03/2025/QĐ-UBND');
    expect(documentNotation({ kind: 'to-trinh', agency: 'SXD' })).toBe('TTr-SXD');
    expect(documentNotation({ kind: 'sao-y', agency: 'UBND' })).toBe('SY-UBND');
    expect(documentNotation({ kind: 'quyet-dinh', agency: 'SXD', body: 'HĐTĐ' })).toBe('QĐ-HĐTĐ');
  });

  it('refuses what the decree does not allow, saying why in Vietnamese', () => {
    expect(() => documentNotation({ kind: 'cong-van', agency: 'SXD' })).toThrow(/đơn vị soạn thảo/);
    expect(() => documentNotation({ kind: 'quyet-dinh', agency: 'sxd' })).toThrow(NotationError);
    expect(() => documentNotation({ kind: 'quyet-dinh', agency: 'S-XD' })).toThrow(/in hoa/);
    expect(() => documentNotation({ kind: 'cv', agency: 'SXD' })).toThrow(/Loại văn bản/);
    expect(() => formatDocumentNumber(0)).toThrow(RangeError);
  });

  it('gives every kind but công văn and thư công an abbreviation (27 of Phụ lục III, and the copies)', () => {
    const administrative = DOCUMENT_KINDS.filter((kind) => kind.group === 'administrative');
    expect(administrative).toHaveLength(29);
    expect(administrative.filter((kind) => kind.abbreviation === null).map((kind) => kind.code)).toEqual([
      'cong-van',
      'thu-cong',
    ]);
    expect(new Set(administrative.map((kind) => kind.abbreviation)).size).toBe(28);
  });

  it('reads back what it writes, and what received documents say (property)', () => {
    const abbreviation = fc.stringMatching(/^[A-ZĐ]{1,6}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...DOCUMENT_KINDS.map((kind) => kind.code)),
        fc.integer({ min: 1, max: 99_999 }),
        abbreviation,
        abbreviation,
        (kind, n, agency, unit) => {
          const legal = kind.endsWith('-qppl') ? 2026 : undefined;
          const codeNumber = formatDocumentNumber(n, legal);
          const codeNotation = documentNotation({ kind, agency, unit });
          const parsed = parseNumberAndNotation(numberAndNotation(codeNumber, codeNotation));
          expect(parsed).toEqual({ number: n, year: legal ?? null, codeNumber, codeNotation });
          expect(codeNumber.length).toBeLessThanOrEqual(11);
        },
      ),
    );
    expect(parseNumberAndNotation('Số: 12/UBND-VX')).toMatchObject({ number: 12, codeNotation: 'UBND-VX' });
    expect(parseNumberAndNotation('30/2020/NĐ-CP')).toMatchObject({ number: 30, year: 2020 });
    expect(parseNumberAndNotation('12 UBND-VX')).toBeNull();
    expect(parseNumberAndNotation('12/UBND')).toBeNull();
  });

  it('writes the date line with the leading zeros of Phụ lục I', () => {
    expect(promulgationDateLine('Tây Ninh', '2026-01-05')).toBe('Tây Ninh, ngày 05 tháng 01 năm 2026');
    expect(promulgationDateLine('Tây Ninh', '2026-02-28')).toBe('Tây Ninh, ngày 28 tháng 02 năm 2026');
    expect(promulgationDateLine('Tân Ninh', '2026-03-09')).toBe('Tân Ninh, ngày 09 tháng 3 năm 2026');
    expect(promulgationDateLine('Tây Ninh', '2026-12-10')).toBe('Tây Ninh, ngày 10 tháng 12 năm 2026');
  });
});

describe('number series (Điều 15, 22)', () => {
  const single = { mode: 'single' } as const;
  it('keeps secret documents, copies, advisory bodies and each legal-normative type apart', () => {
    expect(outgoingSeries({ kind: 'quyet-dinh', secrecy: 'none' }, single)).toBe('hanh-chinh');
    expect(outgoingSeries({ kind: 'cong-van', secrecy: 'none' }, single)).toBe('hanh-chinh');
    expect(outgoingSeries({ kind: 'cong-van', secrecy: 'confidential' }, single)).toBe('mat');
    expect(outgoingSeries({ kind: 'sao-y', secrecy: 'none' }, single)).toBe('ban-sao');
    expect(outgoingSeries({ kind: 'sao-luc', secrecy: 'none' }, single)).toBe('ban-sao');
    expect(outgoingSeries({ kind: 'quyet-dinh', secrecy: 'none', body: 'HDTD' }, single)).toBe(
      'to-chuc:HDTD',
    );
    expect(outgoingSeries({ kind: 'quyet-dinh-qppl', secrecy: 'none' }, single)).toBe('qppl:quyet-dinh-qppl');
    expect(outgoingSeries({ kind: 'nghi-quyet-qppl', secrecy: 'none' }, single)).toBe('qppl:nghi-quyet-qppl');
  });

  it('numbers administrative documents as the agency decided', () => {
    expect(outgoingSeries({ kind: 'ke-hoach', secrecy: 'none' }, { mode: 'per_kind' })).toBe(
      'hanh-chinh:ke-hoach',
    );
    const groups = {
      mode: 'groups',
      groups: { 'quyet-dinh': ['quyet-dinh'], 'cong-van': ['cong-van'] },
    } as const;
    expect(outgoingSeries({ kind: 'quyet-dinh', secrecy: 'none' }, groups)).toBe('hanh-chinh:quyet-dinh');
    expect(outgoingSeries({ kind: 'bao-cao', secrecy: 'none' }, groups)).toBe('hanh-chinh');
  });

  it('has one incoming series for paper and electronic documents, secret ones apart', () => {
    expect(incomingSeries('none')).toBe('den');
    expect(incomingSeries('top_secret')).toBe('den-mat');
  });
});
