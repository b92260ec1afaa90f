import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DOSSIER_CODE,
  DOSSIER_CODE_PATTERN,
  formatDossierCode,
  MAX_DAILY_NUMBER,
  parseDossierCode,
} from './code';

describe('dossier codes', () => {
  it('follow <agency>-YYMMDD-NNNN', () => {
    expect(formatDossierCode('000.02.01.H53', '2026-03-09', 7)).toBe('000.02.01.H53-260309-0007');
    expect(formatDossierCode('000.01.40.H53', '2026-12-31', 9999)).toBe('000.01.40.H53-261231-9999');
    expect(DOSSIER_CODE.test('000.02.01.H53-260309-0007')).toBe(true);
    expect(DOSSIER_CODE.test('000.02.01.H53-260309-07')).toBe(false);
    expect(parseDossierCode('not a code')).toBeNull();
    expect(DOSSIER_CODE_PATTERN).toBe('^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}$');
  });

  it('parse back what they format, and match the pattern', () => {
    const agency = fc
      .tuple(fc.nat(999), fc.nat(99), fc.nat(99), fc.constantFrom('H', 'G', 'Z'), fc.nat(99))
      .map(
        ([a, b, c, letter, d]) =>
          `${String(a).padStart(3, '0')}.${String(b).padStart(2, '0')}.${String(c).padStart(2, '0')}.${letter}${String(d).padStart(2, '0')}`,
      );
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(agency, day, fc.integer({ min: 1, max: MAX_DAILY_NUMBER }), (agencyCode, date, number) => {
        const code = formatDossierCode(agencyCode, date, number);
        expect(DOSSIER_CODE.test(code)).toBe(true);
        expect(parseDossierCode(code)).toEqual({ agencyCode, date, number });
      }),
    );
  });
});
