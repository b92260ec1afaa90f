/**
 * The plan's indicators as pure rules (one-stop-shop notes §3, §5.2, §8): shares, the on-time
 * rate, and the TT 01/2018 evaluation (Điều 13–15) with its classifications.
 *
 * The evaluation: the applicant scores indicators 1 (time), 3 (contacts), 4 (bodies) and 7
 * (attitude) 2/1/0 for each returned dossier (dossier_ratings). An indicator's score is the
 * average over the dossiers rounded to one decimal, the total the sum of those averages
 * (Điều 15). Indicators without data are skipped: indicator 2 (each unit's time) is not
 * collected with the rating, and 5, 6, 8, 9 are scored per one-stop shop, not per dossier.
 * The classification thresholds are set on the full scales (10 for an official, 18 for a unit),
 * so the total over the indicators present is brought to that scale in proportion before it is
 * classified: an official scoring 1 on every indicator (on time, one contact, only the one-stop
 * shop, no complaint) reaches 5/10, "100% of the task", as with all five indicators. This is our
 * reading where the text is silent; the raw total and its maximum are reported beside it.
 */

import { receivedInPeriod, resolvedInTime, share } from '@tayninh/domain/stats/report-06';

/** `part / whole` rounded to 4 decimals; null when there is nothing to divide (the domain's). */
export { share };

/** One decimal, half away from zero, immune to binary representation (2.25 → 2.3). */
export function roundOneDecimal(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9)) / 10;
}

export const RATED_INDICATORS = ['time', 'contacts', 'bodies', 'attitude'] as const;
export type RatedIndicator = (typeof RATED_INDICATORS)[number];
/** TT 01/2018 numbering of the rated indicators. */
export const INDICATOR_NUMBERS: Record<RatedIndicator, number> = {
  time: 1,
  contacts: 3,
  bodies: 4,
  attitude: 7,
};

export interface RatingSums {
  ratings: number;
  time: number;
  contacts: number;
  bodies: number;
  attitude: number;
  /** Overall satisfaction answers. */
  verySatisfied: number;
  satisfied: number;
  dissatisfied: number;
}

export const EMPTY_SUMS: RatingSums = {
  ratings: 0,
  time: 0,
  contacts: 0,
  bodies: 0,
  attitude: 0,
  verySatisfied: 0,
  satisfied: 0,
  dissatisfied: 0,
};

export function addSums(a: RatingSums, b: RatingSums): RatingSums {
  const sum = { ...a };
  for (const key of Object.keys(sum) as Array<keyof RatingSums>) sum[key] = a[key] + b[key];
  return sum;
}

export const UNIT_CLASSES = ['xuat-sac', 'tot', 'kha', 'trung-binh', 'yeu'] as const;
export type UnitClass = (typeof UNIT_CLASSES)[number];
export const UNIT_CLASS_NAMES: Record<UnitClass, string> = {
  'xuat-sac': 'Xuất sắc',
  tot: 'Tốt',
  kha: 'Khá',
  'trung-binh': 'Trung bình',
  yeu: 'Yếu',
};

/** A unit's classification from its score out of 18 (TT 01/2018 Điều 15). */
export function classifyUnit(score18: number): UnitClass {
  if (score18 >= 15) return 'xuat-sac';
  if (score18 >= 12) return 'tot';
  if (score18 >= 9) return 'kha';
  if (score18 >= 6) return 'trung-binh';
  return 'yeu';
}

export const OFFICIAL_CLASSES = ['hoan-thanh-100', 'hoan-thanh-70-100', 'hoan-thanh-duoi-70'] as const;
export type OfficialClass = (typeof OFFICIAL_CLASSES)[number];
export const OFFICIAL_CLASS_NAMES: Record<OfficialClass, string> = {
  'hoan-thanh-100': 'Hoàn thành 100% nhiệm vụ',
  'hoan-thanh-70-100': 'Hoàn thành từ 70% đến dưới 100% nhiệm vụ',
  'hoan-thanh-duoi-70': 'Hoàn thành dưới 70% nhiệm vụ',
};

/** An official's classification from a score out of 10 (TT 01/2018 Điều 15). */
export function classifyOfficialScore(score10: number): OfficialClass {
  if (score10 >= 5) return 'hoan-thanh-100';
  if (score10 >= 3.5) return 'hoan-thanh-70-100';
  return 'hoan-thanh-duoi-70';
}

export interface Evaluation<C extends string> {
  ratings: number;
  /** Average score of each indicator, one decimal; null without ratings. */
  indicators: Record<RatedIndicator, number | null>;
  /** Sum of the indicator averages, and its maximum (2 per indicator present). */
  score: number | null;
  maxScore: number;
  /** The score brought to the full scale of the classification (10 or 18), one decimal. */
  scaledScore: number | null;
  fullScale: number;
  classification: C | null;
  classificationName: string | null;
  satisfaction: { verySatisfied: number; satisfied: number; dissatisfied: number };
  /** (rất hài lòng + hài lòng) / ratings. */
  satisfiedShare: number | null;
}

function evaluate<C extends string>(
  sums: RatingSums,
  fullScale: number,
  classify: (score: number) => C,
  names: Record<C, string>,
): Evaluation<C> {
  const indicators = Object.fromEntries(
    RATED_INDICATORS.map((key) => [key, sums.ratings > 0 ? roundOneDecimal(sums[key] / sums.ratings) : null]),
  ) as Record<RatedIndicator, number | null>;
  const maxScore = 2 * RATED_INDICATORS.length;
  const score =
    sums.ratings > 0
      ? roundOneDecimal(RATED_INDICATORS.reduce((total, key) => total + indicators[key]!, 0))
      : null;
  const scaledScore = score === null ? null : roundOneDecimal((score * fullScale) / maxScore);
  const classification = scaledScore === null ? null : classify(scaledScore);
  return {
    ratings: sums.ratings,
    indicators,
    score,
    maxScore,
    scaledScore,
    fullScale,
    classification,
    classificationName: classification === null ? null : names[classification],
    satisfaction: {
      verySatisfied: sums.verySatisfied,
      satisfied: sums.satisfied,
      dissatisfied: sums.dissatisfied,
    },
    satisfiedShare: share(sums.verySatisfied + sums.satisfied, sums.ratings),
  };
}

/** Evaluation of a unit (agency, one-stop shop): classified on the 18-point scale. */
export function evaluateUnit(sums: RatingSums): Evaluation<UnitClass> {
  return evaluate(sums, 18, classifyUnit, UNIT_CLASS_NAMES);
}

/** Evaluation of an official (indicators 1, 2, 3, 4, 7): classified on the 10-point scale. */
export function evaluateOfficial(sums: RatingSums): Evaluation<OfficialClass> {
  return evaluate(sums, 10, classifyOfficialScore, OFFICIAL_CLASS_NAMES);
}

/** Dossier indicators of a unit from its Biểu 06 row: online share and on-time rate. */
export function dossierIndicators(row: {
  receivedOnline: number;
  receivedCounterOrPost: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
}) {
  const received = receivedInPeriod(row);
  const onTime = resolvedInTime(row);
  return {
    received,
    receivedOnline: row.receivedOnline,
    onlineShare: share(row.receivedOnline, received),
    resolved: row.resolved,
    resolvedOnTime: onTime,
    onTimeRate: share(onTime, row.resolved),
  };
}

export const ONLINE_CLASSES = ['toan-trinh', 'mot-phan', 'khong', 'chua-phan-loai'] as const;
export type OnlineClass = (typeof ONLINE_CLASSES)[number];
export const ONLINE_CLASS_NAMES: Record<OnlineClass, string> = {
  'toan-trinh': 'Dịch vụ công trực tuyến toàn trình',
  'mot-phan': 'Dịch vụ công trực tuyến một phần',
  khong: 'Chỉ cung cấp thông tin trực tuyến',
  'chua-phan-loai': 'Chưa phân loại',
};

/**
 * Procedures per online service class (NĐ 42/2022) and per level (NĐ 43/2011, 1–4; null = not
 * published), with their shares of the catalogue counted; every class and level is listed.
 */
export function onlineServiceBreakdown(
  procedures: ReadonlyArray<{ onlineClass: string | null; onlineLevel: number | null }>,
) {
  const total = procedures.length;
  const byClass = ONLINE_CLASSES.map((code) => {
    const count = procedures.filter((p) =>
      code === 'chua-phan-loai' ? p.onlineClass === null : p.onlineClass === code,
    ).length;
    return { code, name: ONLINE_CLASS_NAMES[code], count, share: share(count, total) };
  });
  const byLevel = [4, 3, 2, 1, null].map((level) => {
    const count = procedures.filter((p) => p.onlineLevel === level).length;
    return {
      level,
      name: level === null ? 'Chưa công bố mức độ' : `Mức độ ${level}`,
      count,
      share: share(count, total),
    };
  });
  return { total, byClass, byLevel };
}
