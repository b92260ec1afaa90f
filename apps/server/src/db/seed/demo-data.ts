/**
 * What the demo dossiers are made of: a seeded random source, the texts of the reasons and
 * requests, the relative volumes of the procedures and the communes' shares (demo-dossiers.ts).
 */
import type { IsoDate } from '../../lib/time';
import { computeDueDate, workingMinutesBetween, type DurationUnit } from '../../modules/calendar';
import { applicableDuration, appointmentOf, type Clock } from '../../modules/dossiers';
import type { CaseOption, CatalogueDocument } from '@tayninh/domain/dossiers/documents';
import { DEMO_COMMUNES } from './users';

/** Mulberry32: a small, fast, seeded generator (deterministic demo data, not cryptography). */
export function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (min: number, max: number) => min + (max - min) * next(),
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** An item drawn with probability proportional to its weight. */
    weighted: <T>(items: readonly T[], weight: (item: T) => number): T => {
      let left = next() * items.reduce((sum, item) => sum + weight(item), 0);
      return items.find((item) => (left -= weight(item)) < 0) ?? items[items.length - 1]!;
    },
  };
}

export const INTAKE_ITEMS = [
  'Bản sao Giấy chứng nhận quyền sử dụng đất còn thiếu trang 3, 4',
  'Tờ khai chưa có chữ ký của người yêu cầu',
  'Bản chụp căn cước không rõ nét',
];
export const SUPPLEMENT_ITEMS = [
  'Bản vẽ hiện trạng có xác nhận của đơn vị đo đạc',
  'Văn bản ủy quyền có chứng thực',
  'Giấy tờ chứng minh nơi cư trú',
];
export const REFUSALS = [
  'Thủ tục không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận.',
  'Người nộp không thuộc đối tượng thực hiện thủ tục.',
];
export const REJECTIONS = [
  'Không đủ điều kiện theo quy định; đã trả lời bằng văn bản nêu rõ lý do.',
  'Kết quả thẩm định thực địa không phù hợp với hồ sơ đề nghị.',
];
export const WITHDRAWALS = [
  'Người nộp xin rút hồ sơ để bổ sung giấy tờ và nộp lại sau.',
  'Người nộp không còn nhu cầu.',
];
export const STOPS = ['Người nộp không bổ sung hồ sơ theo yêu cầu trong thời hạn quy định.'];
export const APOLOGIES = ['Cần lấy ý kiến của cơ quan phối hợp nên chưa kịp trả kết quả đúng hẹn.'];

export type Random = ReturnType<typeof generator>;

export interface Version {
  id: number;
  code: string;
  handlingUnitId: number | null;
  commune: boolean;
  effectiveFrom: IsoDate;
  channels: Array<{ channel: string; duration: { amount: number; unit: DurationUnit } | null }>;
  pause: boolean;
  hasFee: boolean;
  cases: CaseOption[];
  documents: CatalogueDocument[];
  /** Relative volume among the procedures of its level (DEMO_VOLUMES). */
  weight: number;
}

/**
 * Relative volumes of the most used procedures, so the portal's "most used" list and the
 * dashboards look like a commune's year: certified copies far ahead, then civil status,
 * residence, household businesses and land. Illustrative orders of magnitude chosen for the
 * demo, not official statistics; every other procedure counts 1.
 */
export const DEMO_VOLUMES: Record<string, number> = {
  '2.000815': 14, // chứng thực bản sao từ bản chính
  '1.001193': 9, // đăng ký khai sinh
  '2.000884': 7, // chứng thực chữ ký
  '1.004873': 6, // xác nhận tình trạng hôn nhân
  '1.004222': 5, // đăng ký thường trú
  '2.000635': 4, // bản sao trích lục hộ tịch
  '1.000656': 3, // đăng ký khai tử
  '1.000894': 3, // đăng ký kết hôn
  '1.001612': 3, // đăng ký hộ kinh doanh
  '1.012753': 3, // đăng ký đất đai lần đầu
};

/** Share of the commune dossiers received by each demo commune (the rest spread over the others). */
export const DEMO_COMMUNE_SHARE: Record<string, number> = {
  [DEMO_COMMUNES.tanNinh]: 0.12,
  [DEMO_COMMUNES.thanhHoa]: 0.05,
};

export interface DemoUnit {
  id: number;
  kind: string;
  tier: string | null;
  agency_code: string | null;
  admin_area_code: string | null;
  valid_from: IsoDate;
  valid_until: IsoDate | null;
}

/** What the generator draws from: the catalogue, the units, the demo people and the calendar. */
export interface World {
  random: Random;
  /** First day of receipts, and the number of days up to today. */
  start: IsoDate;
  days: number;
  /** Nothing happens at or after it. */
  cutoff: Date;
  provincial: Version[];
  communal: Version[];
  units: DemoUnit[];
  unitById: Map<number, DemoUnit>;
  centreId: number;
  /** Receiving officer per unit, specialist and leader per handling unit (demo accounts). */
  receivers: Map<number, number | null>;
  staff: Map<number, { specialist: number | null; leader: number | null }>;
  pickApplicant: () => number;
  applicantNames: Map<number, string>;
  creator: number;
  clock: Clock;
}

/** The demo's time steps, counted in working time like the real deadlines. */
export function timing(clock: Clock) {
  const { calendar, hours } = clock;
  /** `amount` working hours after `from` (counted in office hours, like an appointment). */
  const later = (from: Date, workingHours: number) =>
    computeDueDate(from, Math.max(0, workingHours), 'working-hours', calendar, hours).dueAt;
  /** The instant `fraction` of the working time from `a` to `b`. */
  const between = (a: Date, b: Date, fraction: number) =>
    later(a, (fraction * workingMinutesBetween(a, b, calendar, hours)) / 60);
  /** The appointment at receipt; without a published time the officer gives five working days. */
  const dueFor = (version: Version, channel: string, receivedAt: Date) =>
    appointmentOf(
      receivedAt,
      applicableDuration(version.channels, channel) ?? { amount: 5, unit: 'working-days' },
      clock,
    );
  return { later, between, dueFor };
}
