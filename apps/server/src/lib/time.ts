/**
 * Vietnam time. Business dates (receipt days, due dates, holidays) are counted in
 * Asia/Ho_Chi_Minh, which has been a fixed UTC+7 with no daylight saving since 1975, so plain
 * offset arithmetic is exact and independent of the host's time zone database.
 */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** Calendar date in Vietnam of an instant. */
export function vietnamDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since local midnight in Vietnam of an instant. */
export function vietnamMinuteOfDay(instant: Date): number {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return (
    shifted.getUTCHours() * 60 +
    shifted.getUTCMinutes() +
    shifted.getUTCSeconds() / 60 +
    shifted.getUTCMilliseconds() / 60_000
  );
}

/** The instant at `minuteOfDay` minutes after midnight of a Vietnamese calendar date. */
export function vietnamInstant(date: IsoDate, minuteOfDay: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + Math.round(minuteOfDay * 60_000));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isValidIsoDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** ISO 8601 with the +07:00 offset, as officials read it. */
export function formatVietnamIso(instant: Date): string {
  const shifted = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+07:00`;
}

/** "dd/MM/yyyy" as written on Vietnamese forms. */
export function formatVietnamDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** Parses "HH:MM" into minutes after midnight. */
export function parseClock(clock: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!match) throw new Error(`Invalid clock time: ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "ngày 26 tháng 11 năm 2026", as written on forms, for an instant in Vietnam time. */
export function vietnameseDateWords(instant: Date | string | null): string {
  if (instant === null) return 'ngày … tháng … năm …';
  const [year, month, day] = vietnamDate(new Date(instant)).split('-');
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** "14 giờ 10 phút, ngày 26 tháng 11 năm 2026" for an instant in Vietnam time. */
export function vietnameseDateTimeWords(instant: Date | string | null): string {
  if (instant === null) return '…';
  const minute = Math.floor(vietnamMinuteOfDay(new Date(instant)));
  return `${Math.floor(minute / 60)} giờ ${String(minute % 60).padStart(2, '0')} phút, ${vietnameseDateWords(instant)}`;
}
