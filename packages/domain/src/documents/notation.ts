/**
 * Số, ký hiệu and the date line of an official document (NĐ 30/2020, Phụ lục I Phần I mục II.3
 * and II.4), and the number series a document is numbered in (Điều 15, 22; Phụ lục I Phần II).
 *
 * - Số: the document's number in its series for the calendar year, from 01; below 10 with a
 *   leading zero. A legal-normative document's số carries the year: `15/2025/QĐ-UBND`.
 * - Ký hiệu: `<type abbreviation>-<issuer's abbreviation>` (`QĐ-SXD`); for công văn (and thư
 *   công, which has no abbreviation either) `<agency>-<drafting unit or field>` (`SXD-VP`);
 *   for a copy `<SY|TrS|SL>-<agency>`. The issuer of an advisory body's document (Hội đồng, Ban,
 *   Tổ using the agency's seal) is that body. Abbreviations are in capitals; the type
 *   abbreviations keep their printed case (TTr, QyĐ, TrS).
 * - Date line: "<place>, ngày 05 tháng 01 năm 2020": days below 10 and the months 1 and 2 with a
 *   leading zero.
 */
import { documentKind, isSecret, METADATA_LIMITS, type DocumentKind, type Secrecy } from './types';

/** An agency's (or unit's, or advisory body's) abbreviation: capitals and digits, no separator. */
export const ABBREVIATION_PATTERN = /^[\p{Lu}\d]{1,15}$/u;

export function isAbbreviation(value: string): boolean {
  return ABBREVIATION_PATTERN.test(value.normalize('NFC'));
}

export function formatDocumentNumber(number: number, legalYear?: number): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`not a document number: ${number}`);
  const padded = String(number).padStart(2, '0');
  return legalYear === undefined ? padded : `${padded}/${legalYear}`;
}

export interface NotationInput {
  kind: string;
  /** The agency's abbreviation (SXD, UBND). */
  agency: string;
  /** The drafting unit's (or field's) abbreviation: required for công văn and thư công. */
  unit?: string | null;
  /** An advisory body issuing with the agency's seal: its abbreviation replaces the agency's. */
  body?: string | null;
}

export class NotationError extends Error {}

export function documentNotation(input: NotationInput): string {
  const kind = documentKind(input.kind);
  if (!kind) throw new NotationError(`Loại văn bản không hợp lệ: ${input.kind}`);
  for (const [label, value] of [
    ['cơ quan', input.agency],
    ['đơn vị', input.unit],
    ['tổ chức tư vấn', input.body],
  ] as const)
    if (value !== undefined && value !== null && !isAbbreviation(value))
      throw new NotationError(`Chữ viết tắt tên ${label} không hợp lệ: "${value}" (chữ in hoa, chữ số).`);
  let notation: string;
  if (kind.abbreviation === null) {
    if (!input.unit)
      throw new NotationError(`${kind.name} ghi ký hiệu theo đơn vị soạn thảo: cần chữ viết tắt của đơn vị.`);
    notation = `${input.agency}-${input.unit}`;
  } else if (kind.group === 'copy') {
    notation = `${kind.abbreviation}-${input.agency}`;
  } else {
    notation = `${kind.abbreviation}-${input.body ?? input.agency}`;
  }
  if (notation.length > METADATA_LIMITS.codeNotation)
    throw new NotationError(`Ký hiệu dài quá ${METADATA_LIMITS.codeNotation} ký tự: ${notation}`);
  return notation;
}

/** `15/QĐ-SXD`, `05/SXD-VP`, `03/2025/QĐ-UBND`. */
export function numberAndNotation(codeNumber: string, codeNotation: string): string {
  return `${codeNumber}/${codeNotation}`;
}

export interface ParsedNotation {
  number: number;
  year: number | null;
  codeNumber: string;
  codeNotation: string;
}

const PARSE = /^\s*(?:Số\s*:?\s*)?(\d{1,7})\/(?:(\d{4})\/)?([\p{L}\d]+(?:-[\p{L}\d&.]+)+)\s*$/u;

/** Reads số and ký hiệu as written on a received document (lenient about "Số:" and spaces). */
export function parseNumberAndNotation(text: string): ParsedNotation | null {
  const match = PARSE.exec(text.normalize('NFC'));
  if (!match) return null;
  const [, digits, year, notation] = match as unknown as [string, string, string | undefined, string];
  return {
    number: Number(digits),
    year: year === undefined ? null : Number(year),
    codeNumber: year === undefined ? digits : `${digits}/${year}`,
    codeNotation: notation,
  };
}

/** "ngày 05 tháng 01 năm 2026" for the Vietnam date `2026-01-05` (months 1 and 2 with a zero). */
export function promulgationDateWords(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const m = Number(month);
  return `ngày ${day} tháng ${m <= 2 ? month : String(m)} năm ${year}`;
}

/** "Tây Ninh, ngày 05 tháng 01 năm 2026" for the Vietnam date `2026-01-05`. */
export function promulgationDateLine(place: string, date: string): string {
  return `${place}, ${promulgationDateWords(date)}`;
}

/**
 * How an agency numbers its administrative documents (Điều 15.1.c: the head of the agency
 * decides): one series for all, one per kind, or named groups of kinds (the rest in the main
 * series). Legal-normative documents, secret documents, copies and advisory bodies always have
 * their own series, whatever this says.
 */
export type AdministrativeSeries =
  { mode: 'single' } | { mode: 'per_kind' } | { mode: 'groups'; groups: Record<string, readonly string[]> };

export interface SeriesInput {
  kind: string;
  secrecy: Secrecy;
  /** The advisory body issuing it, by its code in the agency's settings. */
  body?: string | null;
}

export const MAIN_SERIES = 'hanh-chinh';
export const SECRET_SERIES = 'mat';
export const COPY_SERIES = 'ban-sao';
export const INCOMING_SERIES = 'den';
export const SECRET_INCOMING_SERIES = 'den-mat';

/** The outgoing series a document takes its number in. */
export function outgoingSeries(input: SeriesInput, settings: AdministrativeSeries): string {
  const kind: DocumentKind | undefined = documentKind(input.kind);
  if (!kind) throw new NotationError(`Loại văn bản không hợp lệ: ${input.kind}`);
  if (isSecret(input.secrecy)) return SECRET_SERIES;
  if (kind.group === 'copy') return COPY_SERIES;
  if (input.body) return `to-chuc:${input.body}`;
  if (kind.group === 'legal') return `qppl:${kind.code}`;
  if (settings.mode === 'per_kind') return `${MAIN_SERIES}:${kind.code}`;
  if (settings.mode === 'groups')
    for (const [name, kinds] of Object.entries(settings.groups))
      if (kinds.includes(kind.code)) return `${MAIN_SERIES}:${name}`;
  return MAIN_SERIES;
}

/** The incoming series (số đến): one per year for paper and electronic alike; secret apart. */
export function incomingSeries(secrecy: Secrecy): string {
  return isSecret(secrecy) ? SECRET_INCOMING_SERIES : INCOMING_SERIES;
}
