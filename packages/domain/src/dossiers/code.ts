/**
 * The dossier code (mã hồ sơ, TT 01/2018 Điều 19): <receiving agency code>-YYMMDD-NNNN, the date
 * being the receipt date in Vietnam time and NNNN the agency's sequence of that day. The one place
 * that knows the format: the server numbers and checks codes with it, the web checks what is typed.
 */

import { AGENCY_CODE_BODY } from '../org/codes';

/** NNNN has four digits (the counter's CHECK refuses a 10,000th dossier of a day). */
export const MAX_DAILY_NUMBER = 9999;

/** The pattern of a code, as a JSON-Schema / regular-expression source. */
export const DOSSIER_CODE_PATTERN = `^${AGENCY_CODE_BODY}-[0-9]{6}-[0-9]{4}$`;

/** Whether a string is a well-formed dossier code. */
export const DOSSIER_CODE = new RegExp(DOSSIER_CODE_PATTERN);

/** The code of the `number`th dossier the agency received on `date` (YYYY-MM-DD). */
export function formatDossierCode(agencyCode: string, date: string, number: number): string {
  return `${dossierCodePrefix(agencyCode, date)}${String(number).padStart(4, '0')}`;
}

/** What every code of that agency and day starts with: `<agency>-YYMMDD-`. */
export function dossierCodePrefix(agencyCode: string, date: string): string {
  return `${agencyCode}-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-`;
}

/** The parts of a code (the century is the 21st), or null when it is not a dossier code. */
export function parseDossierCode(code: string): { agencyCode: string; date: string; number: number } | null {
  const match = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4})$/.exec(code);
  if (!match) return null;
  const [, agencyCode, yy, mm, dd, nnnn] = match;
  return { agencyCode: agencyCode!, date: `20${yy}-${mm}-${dd}`, number: Number(nnnn) };
}
