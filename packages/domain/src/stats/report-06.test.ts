import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRows,
  brokenInvariants,
  EMPTY_ROW,
  figuresOf,
  REPORT06_COLUMNS,
  share,
  sumFigures,
  totalRow,
  type Report06Row,
} from './report-06';

const count = fc.nat(10_000);
/** A row that satisfies the form's invariants, built from its leaf columns. */
const consistentRow: fc.Arbitrary<Report06Row> = fc
  .record({
    resolvedEarly: count,
    resolvedOnTime: count,
    resolvedLate: count,
    inProgressWithinTime: count,
    inProgressOverdue: count,
    withdrawnOrStopped: count,
    receivedOnlineShare: fc.double({ min: 0, max: 1, noNaN: true }),
    carriedOverShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((leaves) => {
    const resolved = leaves.resolvedEarly + leaves.resolvedOnTime + leaves.resolvedLate;
    const inProgress = leaves.inProgressWithinTime + leaves.inProgressOverdue;
    const received = resolved + inProgress + leaves.withdrawnOrStopped;
    const carriedOver = Math.floor(received * leaves.carriedOverShare);
    const receivedOnline = Math.floor((received - carriedOver) * leaves.receivedOnlineShare);
    return {
      received,
      receivedOnline,
      receivedCounterOrPost: received - carriedOver - receivedOnline,
      carriedOver,
      resolved,
      resolvedEarly: leaves.resolvedEarly,
      resolvedOnTime: leaves.resolvedOnTime,
      resolvedLate: leaves.resolvedLate,
      inProgress,
      inProgressWithinTime: leaves.inProgressWithinTime,
      inProgressOverdue: leaves.inProgressOverdue,
      withdrawnOrStopped: leaves.withdrawnOrStopped,
    };
  });
const anyRow: fc.Arbitrary<Report06Row> = fc.record(
  Object.fromEntries(REPORT06_COLUMNS.map((column) => [column, count])) as Record<
    keyof Report06Row,
    typeof count
  >,
);

describe('Biểu 06 rows', () => {
  it('has the twelve figure columns (3)–(14), each once', () => {
    expect(REPORT06_COLUMNS).toHaveLength(12);
    expect(new Set(REPORT06_COLUMNS)).toEqual(new Set(Object.keys(EMPTY_ROW)));
  });

  it('add column by column: commutative, associative, with the empty row as zero', () => {
    fc.assert(
      fc.property(anyRow, anyRow, anyRow, (a, b, c) => {
        expect(addRows(a, b)).toEqual(addRows(b, a));
        expect(addRows(addRows(a, b), c)).toEqual(addRows(a, addRows(b, c)));
        expect(addRows(a, EMPTY_ROW)).toEqual(a);
        for (const column of REPORT06_COLUMNS) expect(addRows(a, b)[column]).toBe(a[column] + b[column]);
      }),
    );
  });

  it('total only the form’s columns, not the unit a row is about', () => {
    const row = { ...EMPTY_ROW, received: 2, resolved: 2, resolvedLate: 2, receivedOnline: 2 };
    const rows: Array<Report06Row & { unitId: number }> = [
      { unitId: 7, ...row },
      { unitId: 9, ...row },
    ];
    const total = totalRow(rows);
    expect(total).toEqual({ ...EMPTY_ROW, received: 4, resolved: 4, resolvedLate: 4, receivedOnline: 4 });
    expect(totalRow([])).toEqual(EMPTY_ROW);
  });

  it('keep the invariants in their totals', () => {
    fc.assert(
      fc.property(fc.array(consistentRow, { maxLength: 8 }), (rows) => {
        for (const row of rows) expect(brokenInvariants(row)).toEqual([]);
        expect(brokenInvariants(totalRow(rows))).toEqual([]);
      }),
    );
  });

  it('name each broken invariant', () => {
    fc.assert(
      fc.property(consistentRow, fc.constantFrom(...REPORT06_COLUMNS), (row, column) => {
        const broken = brokenInvariants({ ...row, [column]: row[column] + 1 });
        expect(broken.length).toBeGreaterThan(0);
        expect(broken.every((text) => text.includes(`(${REPORT06_COLUMNS.indexOf(column) + 3})`))).toBe(true);
      }),
    );
  });
});

describe('the figures of a row', () => {
  it('received in the period is (4) + (5), on time (8) + (9), with their rates', () => {
    const row = {
      ...EMPTY_ROW,
      receivedOnline: 30,
      receivedCounterOrPost: 70,
      carriedOver: 5,
      resolved: 80,
      resolvedEarly: 50,
      resolvedOnTime: 22,
      resolvedLate: 8,
    };
    expect(figuresOf(row)).toEqual({
      received: 100,
      receivedOnline: 30,
      resolved: 80,
      resolvedOnTime: 72,
      resolvedLate: 8,
      onTimeRate: 0.9,
      onlineShare: 0.3,
    });
    expect(figuresOf(EMPTY_ROW)).toMatchObject({ onTimeRate: null, onlineShare: null });
  });

  it('of several rows are the figures of their total', () => {
    fc.assert(
      fc.property(fc.array(consistentRow, { maxLength: 8 }), (rows) => {
        expect(sumFigures(rows.map(figuresOf))).toEqual(figuresOf(totalRow(rows)));
      }),
    );
  });

  it('rates lie between 0 and 1, four decimals, none without a whole', () => {
    fc.assert(
      fc.property(count, count, (a, b) => {
        const [part, whole] = a <= b ? [a, b] : [b, a];
        const rate = share(part, whole);
        if (whole === 0) expect(rate).toBeNull();
        else {
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
          expect(Math.abs(rate! - part / whole)).toBeLessThanOrEqual(0.00005 + 1e-12);
          expect(Math.round(rate! * 10_000)).toBeCloseTo(rate! * 10_000, 6);
        }
      }),
    );
  });
});
