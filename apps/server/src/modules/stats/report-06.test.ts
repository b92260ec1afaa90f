import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRows, brokenInvariants, classify, EMPTY_ROW, type ReportDossier } from './report-06';

const d = (over: Partial<ReportDossier>): ReportDossier => ({
  channel: 'online',
  receivedAt: new Date('2026-03-02T09:00:00+07:00'),
  originalDueAt: new Date('2026-03-10T09:00:00+07:00'),
  finishedAt: null,
  finish: null,
  supplements: [],
  ...over,
});
const MARCH = ['2026-03-01', '2026-03-31'] as const;

describe('Biểu 06 classification', () => {
  it('counts received online and at the counter, and carried over from the previous period', () => {
    expect(classify(d({}), ...MARCH)).toMatchObject({
      received: 1,
      receivedOnline: 1,
      inProgress: 1,
      inProgressOverdue: 1,
    });
    expect(classify(d({ channel: 'post' }), ...MARCH).receivedCounterOrPost).toBe(1);
    expect(classify(d({ receivedAt: new Date('2026-02-25T09:00:00+07:00') }), ...MARCH).carriedOver).toBe(1);
    expect(classify(d({ receivedAt: new Date('2026-04-01T00:00:00+07:00') }), ...MARCH)).toEqual(EMPTY_ROW);
  });

  it('judges early / on time / late against the appointment given at receipt', () => {
    expect(
      classify(d({ finishedAt: new Date('2026-03-09T16:00:00+07:00'), finish: 'resolved' }), ...MARCH)
        .resolvedEarly,
    ).toBe(1);
    expect(
      classify(d({ finishedAt: new Date('2026-03-10T08:00:00+07:00'), finish: 'resolved' }), ...MARCH)
        .resolvedOnTime,
    ).toBe(1);
    expect(
      classify(d({ finishedAt: new Date('2026-03-10T09:30:00+07:00'), finish: 'resolved' }), ...MARCH)
        .resolvedLate,
    ).toBe(1);
  });

  it('treats in-progress dossiers by the end of the period, and supplements as within time', () => {
    expect(
      classify(d({ originalDueAt: new Date('2026-04-02T09:00:00+07:00') }), ...MARCH).inProgressWithinTime,
    ).toBe(1);
    const waiting = { requestedAt: new Date('2026-03-04T10:00:00+07:00'), providedAt: null, newDueAt: null };
    expect(classify(d({ supplements: [waiting] }), ...MARCH).inProgressWithinTime).toBe(1);
    // Finished after the period: still in progress at its end.
    expect(
      classify(d({ finishedAt: new Date('2026-04-03T09:00:00+07:00'), finish: 'resolved' }), ...MARCH)
        .inProgress,
    ).toBe(1);
    // Finished before the period: not in it at all.
    expect(
      classify(
        d({
          receivedAt: new Date('2026-02-02T09:00:00+07:00'),
          finishedAt: new Date('2026-02-20T09:00:00+07:00'),
          finish: 'resolved',
        }),
        ...MARCH,
      ),
    ).toEqual(EMPTY_ROW);
  });

  it('judges an open dossier by its state at the end of the period, not today', () => {
    // Waiting for a supplement at the end of March, provided in April with the clock restarted.
    const restarted = d({
      supplements: [
        {
          requestedAt: new Date('2026-03-04T10:00:00+07:00'),
          providedAt: new Date('2026-04-06T10:00:00+07:00'),
          newDueAt: new Date('2026-04-20T10:00:00+07:00'),
        },
      ],
    });
    expect(classify(restarted, ...MARCH).inProgressWithinTime).toBe(1);
    // Provided in March: the new appointment is in force at the end of March.
    const provided = d({
      supplements: [
        {
          requestedAt: new Date('2026-03-04T10:00:00+07:00'),
          providedAt: new Date('2026-03-20T10:00:00+07:00'),
          newDueAt: new Date('2026-03-30T10:00:00+07:00'),
        },
      ],
    });
    expect(classify(provided, ...MARCH).inProgressOverdue).toBe(1);
    expect(classify(provided, '2026-03-01', '2026-03-29').inProgressWithinTime).toBe(1);
    // Resolved: judged against the appointment set when the supplement restarted the clock.
    expect(
      classify(
        { ...provided, finishedAt: new Date('2026-03-29T09:00:00+07:00'), finish: 'resolved' },
        ...MARCH,
      ).resolvedEarly,
    ).toBe(1);
  });

  it('keeps the column invariants for any set of dossiers and periods', () => {
    const instant = fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2026-06-30T00:00:00Z'),
      noInvalidDate: true,
    });
    const dossier = fc.record({
      channel: fc.constantFrom<ReportDossier['channel']>('online', 'counter', 'post'),
      receivedAt: instant,
      dueDays: fc.integer({ min: 0, max: 40 }),
      finishDays: fc.option(fc.integer({ min: 0, max: 60 })),
      finish: fc.constantFrom<'resolved' | 'withdrawn' | 'stopped'>('resolved', 'withdrawn', 'stopped'),
      supplement: fc.option(
        fc.record({
          requestedDays: fc.integer({ min: 0, max: 5 }),
          providedDays: fc.option(fc.integer({ min: 1, max: 30 })),
          newDueDays: fc.option(fc.integer({ min: 0, max: 20 })),
        }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(dossier, { maxLength: 60 }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 60 }),
        (items, startOffset, length) => {
          const from = new Date(Date.UTC(2026, 0, 1 + startOffset)).toISOString().slice(0, 10);
          const to = new Date(Date.UTC(2026, 0, 1 + startOffset + length)).toISOString().slice(0, 10);
          let total = EMPTY_ROW;
          for (const item of items) {
            const day = (base: Date, days: number) => new Date(base.getTime() + days * 86_400_000 + 1);
            const requestedAt = item.supplement && day(item.receivedAt, item.supplement.requestedDays);
            const providedAt =
              requestedAt && item.supplement?.providedDays != null
                ? day(requestedAt, item.supplement.providedDays)
                : null;
            const row = classify(
              {
                channel: item.channel,
                receivedAt: item.receivedAt,
                originalDueAt: new Date(item.receivedAt.getTime() + item.dueDays * 86_400_000),
                finishedAt:
                  item.finishDays === null
                    ? null
                    : new Date(item.receivedAt.getTime() + item.finishDays * 86_400_000),
                finish: item.finishDays === null ? null : item.finish,
                supplements: requestedAt
                  ? [
                      {
                        requestedAt,
                        providedAt,
                        newDueAt:
                          providedAt && item.supplement?.newDueDays != null
                            ? day(providedAt, item.supplement.newDueDays)
                            : null,
                      },
                    ]
                  : [],
              },
              from,
              to,
            );
            expect(brokenInvariants(row)).toEqual([]);
            total = addRows(total, row);
          }
          expect(brokenInvariants(total)).toEqual([]);
        },
      ),
    );
  });
});
