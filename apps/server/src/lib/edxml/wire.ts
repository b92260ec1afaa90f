/**
 * The wire formats of edXML's dates and times: emitted strictly as the national axis' library
 * writes them (yyyy/MM/dd; "yyyy/MM/dd HH:mm:ss" in Vietnam time), read leniently as the public
 * samples have them (also dd/MM/yyyy, ISO dates and instants).
 */
import { EdxmlError } from './types';

const VIETNAM_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** 2026-12-08 → 2026/12/08. */
export function wireDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new EdxmlError(`Ngày không hợp lệ: ${iso}`);
  return iso.replaceAll('-', '/');
}

/** yyyy/MM/dd, dd/MM/yyyy or yyyy-MM-dd → yyyy-mm-dd. */
export function readDate(text: string, field: string): string {
  const value = text.trim();
  const ymd = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [year, month, day] = ymd
    ? [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])]
    : dmy
      ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [NaN, NaN, NaN];
  if (!validDate(year, month, day)) throw new EdxmlError(`${field}: ngày không hợp lệ “${value}”.`, field);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** An instant → "yyyy/MM/dd HH:mm:ss" in Vietnam time. */
export function wireTimestamp(iso: string): string {
  const local = new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS);
  if (Number.isNaN(local.getTime())) throw new EdxmlError(`Thời điểm không hợp lệ: ${iso}`);
  const d = local.toISOString();
  return `${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)} ${d.slice(11, 19)}`;
}

/** "yyyy/MM/dd HH:mm:ss" (Vietnam time), or an ISO 8601 instant → an ISO instant. */
export function readTimestamp(text: string, field: string): string {
  const value = text.trim();
  const local = /^(\d{4})\/(\d{2})\/(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (validDate(year, month, day) && hour < 24 && minute < 60 && second < 60)
      return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - VIETNAM_OFFSET_MS).toISOString();
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  throw new EdxmlError(`${field}: thời điểm không hợp lệ “${value}”.`, field);
}

/** DocumentId as the national axis forms it: `<OrganId>,<yyyy/MM/dd>,<số>/<ký hiệu>`. */
export function documentIdOf(
  organId: string,
  promulgationDate: string,
  codeNumber: string,
  codeNotation: string,
) {
  return `${organId},${wireDate(promulgationDate)},${codeNumber}/${codeNotation}`;
}
