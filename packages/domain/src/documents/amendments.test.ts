import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amendmentProblems, missingRecipients, type AmendedOriginal, type RecipientRef } from './amendments';

const original: AmendedOriginal = {
  direction: 'outgoing',
  status: 'issued',
  agencyId: 10,
  kind: 'quyet-dinh',
  secret: false,
  recipients: [
    { unitId: 21, name: 'UBND xã Hòa Hội' },
    { organId: '000.00.00.G12', name: 'Bộ Xây dựng' },
  ],
};

const codes = (kind: 'replacement' | 'correction', draft: Partial<Parameters<typeof amendmentProblems>[1]>) =>
  amendmentProblems(
    kind,
    { agencyId: 10, kind: 'quyet-dinh', recipients: original.recipients, ...draft },
    original,
  ).map((p) => p.code);

describe('amending an issued document (NĐ 30/2020 Điều 18.3)', () => {
  it('replaces by a document of the same kind, corrects by a công văn', () => {
    expect(codes('replacement', {})).toEqual([]);
    expect(codes('correction', { kind: 'cong-van' })).toEqual([]);
    expect(codes('correction', {})).toEqual(['correction_not_letter']);
    expect(codes('replacement', { kind: 'thong-bao' })).toEqual(['replacement_kind_differs']);
  });

  it('amends only an issued, non-secret document of the same agency', () => {
    expect(codes('replacement', { agencyId: 11 })).toEqual(['amended_other_agency']);
    const incoming = { ...original, direction: 'incoming' as const };
    expect(
      amendmentProblems('replacement', { agencyId: 10, kind: 'quyet-dinh', recipients: [] }, incoming)[0]
        ?.code,
    ).toBe('amended_not_outgoing');
    for (const status of ['replaced', 'recalled', 'sealed'])
      expect(
        amendmentProblems(
          'replacement',
          { agencyId: 10, kind: 'quyet-dinh', recipients: original.recipients },
          {
            ...original,
            status,
          },
        ).map((p) => p.code),
      ).toEqual(['amended_not_issued']);
    expect(
      amendmentProblems(
        'correction',
        { agencyId: 10, kind: 'cong-van', recipients: original.recipients },
        {
          ...original,
          secret: true,
        },
      ).map((p) => p.code),
    ).toEqual(['amended_secret']);
  });

  it('names the recipients of the original that the amendment leaves out', () => {
    const [problem] = amendmentProblems(
      'replacement',
      { agencyId: 10, kind: 'quyet-dinh', recipients: [{ organId: '000.00.00.g12', name: 'Bộ Xây dựng' }] },
      original,
    );
    expect(problem).toMatchObject({ code: 'amendment_recipients_missing', missing: ['UBND xã Hòa Hội'] });
  });

  it('finds nothing missing when the draft names every recipient, whatever it adds (property)', () => {
    const recipient = fc.oneof(
      fc.record({ unitId: fc.integer({ min: 1, max: 50 }), name: fc.constant('Đơn vị') }),
      fc.record({
        organId: fc.constantFrom('000.00.00.G12', '000.00.00.H53', '000.00.31.H53'),
        name: fc.constant('Cơ quan'),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(recipient, { maxLength: 8 }),
        fc.array(recipient, { maxLength: 8 }),
        (old, extra) => {
          const shuffled: RecipientRef[] = [...extra, ...old].reverse();
          expect(missingRecipients(old, shuffled)).toEqual([]);
          const dropped = old.filter((_, i) => i % 2 === 0);
          for (const m of missingRecipients(old, dropped)) expect(dropped).not.toContainEqual(m);
        },
      ),
    );
  });
});
