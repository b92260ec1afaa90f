import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentIndicatorsOf, EMPTY_COUNTS } from './rules';

describe('the documents indicators', () => {
  it('are shares of what was sent and received, and null with nothing to count', () => {
    expect(documentIndicatorsOf(EMPTY_COUNTS)).toMatchObject({
      electronicShare: null,
      signedByPersonShare: null,
      onTimeShare: null,
    });
    const figures = documentIndicatorsOf({
      ...EMPTY_COUNTS,
      issued: 8,
      issuedElectronic: 7,
      signedByPerson: 6,
      signedByAgency: 7,
      registered: 12,
      registeredElectronic: 12,
      completed: 4,
      completedOnTime: 3,
    });
    expect(figures).toMatchObject({
      electronicShare: 0.95,
      signedByPersonShare: 0.75,
      signedByAgencyShare: 0.875,
      onTimeShare: 0.75,
    });
  });

  it('stay between 0 and 1 whatever the counts', () => {
    const part = (whole: number) => fc.integer({ min: 0, max: whole });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }).chain((issued) =>
          fc.integer({ min: 0, max: 10_000 }).chain((registered) =>
            fc.record({
              issued: fc.constant(issued),
              issuedElectronic: part(issued),
              signedByPerson: part(issued),
              signedByAgency: part(issued),
              registered: fc.constant(registered),
              registeredElectronic: part(registered),
              completed: part(registered),
              completedOnTime: fc.constant(0),
              openOverdue: fc.constant(0),
            }),
          ),
        ),
        (counts) => {
          const figures = documentIndicatorsOf(counts);
          for (const value of [
            figures.electronicShare,
            figures.signedByPersonShare,
            figures.signedByAgencyShare,
          ])
            if (value !== null) expect(value >= 0 && value <= 1).toBe(true);
        },
      ),
    );
  });
});
