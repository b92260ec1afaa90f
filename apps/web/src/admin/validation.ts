/** Field rules the server enforces, checked before sending so the message appears by the field. */
export { AGENCY_CODE, PROCEDURE_CODE } from '@tayninh/domain/org/codes';
export const ADMIN_AREA_CODE = /^[0-9]{2,5}$/;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const PHONE = /^(\+84|0)[0-9]{9,10}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const IDENTITY_NUMBER = /^[0-9]{12}$/;

/** At least 10 characters with letters and digits (the server's rule). */
export function isStrongPassword(password: string): boolean {
  return password.length >= 10 && /[A-Za-zÀ-ỹ]/.test(password) && /[0-9]/.test(password);
}

/** An optional text that, when given, must match `pattern`. */
export function matchesOptional(value: string, pattern: RegExp): boolean {
  const trimmed = value.trim();
  return trimmed === '' || pattern.test(trimmed);
}

/** Empty text as null (the API's "no value"). */
export function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
