import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyOfficialScore,
  classifyUnit,
  dossierIndicators,
  EMPTY_SUMS,
  evaluateOfficial,
  evaluateUnit,
  onlineServiceBreakdown,
  roundOneDecimal,
  share,
  type RatingSums,
} from './indicators';

const sums = (over: Partial<RatingSums>): RatingSums => ({ ...EMPTY_SUMS, ...over });

describe('indicators', () => {
  it('rounds shares to 4 decimals and indicator scores to one decimal, half up', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(0, 0)).toBeNull();
    expect(roundOneDecimal(2.25)).toBe(2.3);
    expect(roundOneDecimal(1.05)).toBe(1.1);
    expect(roundOneDecimal(1.04)).toBe(1);
    expect(roundOneDecimal(4 / 3)).toBe(1.3);
  });

  it('classifies units on 18 points and officials on 10 at the thresholds of TT 01/2018', () => {
    expect([15, 14.9, 12, 11.9, 9, 8.9, 6, 5.9, 0].map(classifyUnit)).toEqual([
      'xuat-sac',
      'tot',
      'tot',
      'kha',
      'kha',
      'trung-binh',
      'trung-binh',
      'yeu',
      'yeu',
    ]);
    expect([10, 5, 4.9, 3.5, 3.4, 0].map(classifyOfficialScore)).toEqual([
      'hoan-thanh-100',
      'hoan-thanh-100',
      'hoan-thanh-70-100',
      'hoan-thanh-70-100',
      'hoan-thanh-duoi-70',
      'hoan-thanh-duoi-70',
    ]);
  });

  it('averages each indicator, sums the averages and brings the total to the full scale', () => {
    // Three dossiers: time 2,2,1 → 1.7; contacts 2,1,1 → 1.3; bodies 1,1,1 → 1; attitude 2,2,2 → 2.
    const three = sums({
      ratings: 3,
      time: 5,
      contacts: 4,
      bodies: 3,
      attitude: 6,
      verySatisfied: 2,
      satisfied: 1,
    });
    const unit = evaluateUnit(three);
    expect(unit.indicators).toEqual({ time: 1.7, contacts: 1.3, bodies: 1, attitude: 2 });
    expect(unit).toMatchObject({
      score: 6,
      maxScore: 8,
      scaledScore: 13.5,
      fullScale: 18,
      classification: 'tot',
    });
    expect(unit.classificationName).toBe('Tốt');
    expect(unit.satisfiedShare).toBe(1);
    const official = evaluateOfficial(three);
    expect(official).toMatchObject({ score: 6, scaledScore: 7.5, classification: 'hoan-thanh-100' });
    expect(official.classificationName).toBe('Hoàn thành 100% nhiệm vụ');
    // Score 1 on every indicator is the ordinary, complete service: 5/10 for an official.
    const ordinary = sums({ ratings: 4, time: 4, contacts: 4, bodies: 4, attitude: 4, dissatisfied: 4 });
    expect(evaluateOfficial(ordinary)).toMatchObject({ scaledScore: 5, classification: 'hoan-thanh-100' });
    expect(evaluateUnit(ordinary)).toMatchObject({
      scaledScore: 9,
      classification: 'kha',
      satisfiedShare: 0,
    });
    expect(evaluateUnit(EMPTY_SUMS)).toMatchObject({
      ratings: 0,
      score: null,
      scaledScore: null,
      classification: null,
      satisfiedShare: null,
    });
  });

  it('keeps scores within their scales for any set of ratings', () => {
    const rating = fc.record({
      time: fc.integer({ min: 0, max: 2 }),
      contacts: fc.integer({ min: 0, max: 2 }),
      bodies: fc.integer({ min: 0, max: 2 }),
      attitude: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(rating, { minLength: 1, maxLength: 50 }), (ratings) => {
        const total = ratings.reduce<RatingSums>(
          (sum, r) =>
            sums({
              ...sum,
              ratings: sum.ratings + 1,
              time: sum.time + r.time,
              contacts: sum.contacts + r.contacts,
              bodies: sum.bodies + r.bodies,
              attitude: sum.attitude + r.attitude,
            }),
          EMPTY_SUMS,
        );
        const unit = evaluateUnit(total);
        const official = evaluateOfficial(total);
        expect(unit.score!).toBeGreaterThanOrEqual(0);
        expect(unit.score!).toBeLessThanOrEqual(8);
        expect(unit.scaledScore!).toBeLessThanOrEqual(18);
        expect(official.scaledScore!).toBeLessThanOrEqual(10);
        for (const value of Object.values(unit.indicators)) expect(value! * 10).toBe(Math.round(value! * 10));
        // All 2s is the top class, all 0s the bottom one.
        if (ratings.every((r) => r.time + r.contacts + r.bodies + r.attitude === 8))
          expect([unit.classification, official.classification]).toEqual(['xuat-sac', 'hoan-thanh-100']);
        if (ratings.every((r) => r.time + r.contacts + r.bodies + r.attitude === 0))
          expect([unit.classification, official.classification]).toEqual(['yeu', 'hoan-thanh-duoi-70']);
      }),
    );
  });

  it('derives the online share and the on-time rate from a Biểu 06 row', () => {
    expect(
      dossierIndicators({
        receivedOnline: 30,
        receivedCounterOrPost: 70,
        resolved: 80,
        resolvedEarly: 50,
        resolvedOnTime: 22,
      }),
    ).toEqual({
      received: 100,
      receivedOnline: 30,
      onlineShare: 0.3,
      resolved: 80,
      resolvedOnTime: 72,
      onTimeRate: 0.9,
    });
    expect(
      dossierIndicators({
        receivedOnline: 0,
        receivedCounterOrPost: 0,
        resolved: 0,
        resolvedEarly: 0,
        resolvedOnTime: 0,
      }),
    ).toMatchObject({ onlineShare: null, onTimeRate: null });
  });

  it('counts procedures per online service class and level, listing empty ones', () => {
    const breakdown = onlineServiceBreakdown([
      { onlineClass: 'toan-trinh', onlineLevel: 4 },
      { onlineClass: 'toan-trinh', onlineLevel: 4 },
      { onlineClass: 'mot-phan', onlineLevel: 3 },
      { onlineClass: null, onlineLevel: null },
    ]);
    expect(breakdown.total).toBe(4);
    expect(breakdown.byClass.map((c) => [c.code, c.count, c.share])).toEqual([
      ['toan-trinh', 2, 0.5],
      ['mot-phan', 1, 0.25],
      ['khong', 0, 0],
      ['chua-phan-loai', 1, 0.25],
    ]);
    expect(breakdown.byLevel.map((l) => [l.level, l.count])).toEqual([
      [4, 2],
      [3, 1],
      [2, 0],
      [1, 0],
      [null, 1],
    ]);
    expect(onlineServiceBreakdown([]).byClass[0]!.share).toBeNull();
  });
});
