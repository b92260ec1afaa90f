import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENCY_CODE, AGENCY_CODE_PATTERN, PROCEDURE_CODE, PROCEDURE_CODE_PATTERN } from './codes';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const agencyCode = fc
  .tuple(fc.nat(999), fc.nat(99), fc.nat(99), fc.integer({ min: 65, max: 90 }), fc.nat(99))
  .map(
    ([a, b, c, letter, d]) =>
      `${pad(a, 3)}.${pad(b, 2)}.${pad(c, 2)}.${String.fromCharCode(letter)}${pad(d, 2)}`,
  );
const nationalCode = fc.tuple(fc.nat(9), fc.nat(999_999)).map(([a, b]) => `${a}.${pad(b, 6)}`);

describe('agency codes', () => {
  it('accept the codes of QĐ 20/2020 and nothing else', () => {
    expect(AGENCY_CODE.test('000.00.05.H53')).toBe(true);
    expect(AGENCY_CODE.test('000.02.01.H53')).toBe(true);
    for (const bad of [
      '000.00.05.h53',
      '00.00.05.H53',
      '000.00.05.H5',
      '000-00-05-H53',
      ' 000.00.05.H53',
      '000.00.05.H53-',
    ]) {
      expect(AGENCY_CODE.test(bad), bad).toBe(false);
    }
  });

  it('match every generated code, and no code with one character changed', () => {
    fc.assert(fc.property(agencyCode, (code) => AGENCY_CODE.test(code)));
    fc.assert(
      fc.property(agencyCode, fc.integer({ min: 0, max: 12 }), (code, at) => {
        const changed = `${code.slice(0, at)}${code[at] === '.' ? 'x' : '.'}${code.slice(at + 1)}`;
        expect(AGENCY_CODE.test(changed)).toBe(false);
      }),
    );
  });

  it('is the pattern the route schemas publish', () => {
    expect(AGENCY_CODE_PATTERN).toBe('^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$');
  });
});

describe('procedure codes', () => {
  it('are a national code, optionally followed by the publishing agency', () => {
    expect(PROCEDURE_CODE.test('1.001193')).toBe(true);
    expect(PROCEDURE_CODE.test('1.001193.000.00.05.H53')).toBe(true);
    for (const bad of ['1.00119', '11.001193', '1.001193.', '1.001193.000.00.05', 'khai-sinh']) {
      expect(PROCEDURE_CODE.test(bad), bad).toBe(false);
    }
  });

  it('match every national code alone or with an agency code, never an agency code alone', () => {
    fc.assert(
      fc.property(nationalCode, fc.option(agencyCode), (national, agency) => {
        expect(PROCEDURE_CODE.test(agency === null ? national : `${national}.${agency}`)).toBe(true);
      }),
    );
    fc.assert(fc.property(agencyCode, (agency) => !PROCEDURE_CODE.test(agency)));
  });

  it('is the pattern the route schemas publish', () => {
    expect(PROCEDURE_CODE_PATTERN).toBe(
      '^[0-9]\\.[0-9]{6}(\\.[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2})?$',
    );
  });
});
