/**
 * Dates, times and money as a Vietnamese official writes them: 01/12/2026, 14:05 01/12/2026,
 * 1.500.000 đồng. Times are shown in Vietnam time whatever the browser's zone.
 */
import i18n from '../i18n';

const ZONE = 'Asia/Ho_Chi_Minh';

function locale() {
  return i18n.language === 'en' ? 'en-GB' : 'vi-VN';
}

function toDate(value: string | Date): Date {
  // A bare date (YYYY-MM-DD) is a calendar day, not midnight UTC.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(`${value}T12:00:00+07:00`);
  return typeof value === 'string' ? new Date(value) : value;
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(toDate(value));
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = toDate(value);
  const time = new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
  return `${time} ${formatDate(date)}`;
}

export function formatMoney(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  const digits = new Intl.NumberFormat('vi-VN').format(amount);
  return i18n.language === 'en' ? `${digits} VND` : `${digits} đồng`;
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale(), {
    maximumFractionDigits: fractionDigits,
    minimumFractionDigits: fractionDigits,
  }).format(value);
}

export function formatPercent(value: number | null | undefined, fractionDigits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${formatNumber(value, fractionDigits)}%`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 0)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
}

/** Lower-case without Vietnamese diacritics (đ → d), for matching as the user types: search.ts. */
export { foldText as fold } from './search';
