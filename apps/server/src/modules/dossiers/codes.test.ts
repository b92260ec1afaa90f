import { describe, expect, it } from 'vitest';
import { formatDossierCode } from './codes';

describe('dossier codes', () => {
  it('follow <agency>-YYMMDD-NNNN', () => {
    expect(formatDossierCode('000.02.01.H53', '2026-03-09', 7)).toBe('000.02.01.H53-260309-0007');
    expect(formatDossierCode('000.01.40.H53', '2026-12-31', 9999)).toBe('000.01.40.H53-261231-9999');
  });
});
