/**
 * The online form as pages and fields, read from a procedure's form schema by the reader the
 * counter uses too (forms/schema-reader.ts: each top-level property is one page, an object whose
 * properties are the fields; order `x-order`, then `required`, then the rest), and the
 * client-side checks that mirror the server's (the server checks again on submission).
 */
import { readForm, type FieldSpec, type SectionSpec } from '../../forms/schema-reader';

export type { FieldKind, FieldSpec } from '../../forms/schema-reader';
export type PageSpec = SectionSpec;

/** A failed check: a message key under portal:validation and its parameters. */
export interface FieldProblem {
  code:
    | 'required'
    | 'minLength'
    | 'maxLength'
    | 'pattern'
    | 'identity'
    | 'phone'
    | 'date'
    | 'email'
    | 'number'
    | 'integer'
    | 'minimum'
    | 'maximum'
    | 'exclusiveMinimum'
    | 'notFuture'
    | 'enum';
  params?: Record<string, string | number>;
}

/** Form values as typed: pages of fields; strings from text inputs, numbers, booleans. */
export type FormValues = Record<string, Record<string, unknown>>;

/** The pages of the form, each with its fields (empty when the schema has none). */
export const formPages = (schema: unknown): PageSpec[] => readForm(schema);

const PHONE_PATTERN = '^(\\+84|0)[0-9]{9,10}$';
const IDENTITY_PATTERN = '^[0-9]{12}$';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Today in Vietnam (UTC+7, no daylight saving) as YYYY-MM-DD, the server's `x-notFuture` limit. */
export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The first problem of one value, or null. `today` (YYYY-MM-DD) bounds `x-notFuture` dates. */
export function checkField(spec: FieldSpec, value: unknown, today = vietnamToday()): FieldProblem | null {
  if (isEmpty(value) || (spec.kind === 'boolean' && value !== true && spec.required)) {
    return spec.required ? { code: 'required' } : null;
  }
  if (spec.kind === 'number' || spec.kind === 'integer') {
    const number = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
    if (!Number.isFinite(number)) return { code: 'number' };
    if (spec.kind === 'integer' && !Number.isInteger(number)) return { code: 'integer' };
    if (spec.minimum !== undefined && number < spec.minimum)
      return { code: 'minimum', params: { limit: spec.minimum } };
    if (spec.exclusiveMinimum !== undefined && number <= spec.exclusiveMinimum)
      return { code: 'exclusiveMinimum', params: { limit: spec.exclusiveMinimum } };
    if (spec.maximum !== undefined && number > spec.maximum)
      return { code: 'maximum', params: { limit: spec.maximum } };
    // A year of birth: not after the current year (the server's x-notFuture on an integer).
    if (spec.notFuture && number > Number(today.slice(0, 4)))
      return { code: 'maximum', params: { limit: Number(today.slice(0, 4)) } };
    return null;
  }
  if (spec.kind === 'boolean') return null;
  const text = String(value).trim();
  if (spec.kind === 'select' && !spec.options.includes(text)) return { code: 'enum' };
  if (spec.kind === 'date' && !validDate(text)) return { code: 'date' };
  if (spec.kind === 'date' && spec.notFuture && text > today) return { code: 'notFuture' };
  if (spec.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { code: 'email' };
  if (spec.minLength !== undefined && text.length < spec.minLength)
    return spec.minLength <= 1
      ? { code: 'required' }
      : { code: 'minLength', params: { limit: spec.minLength } };
  if (spec.maxLength !== undefined && text.length > spec.maxLength)
    return { code: 'maxLength', params: { limit: spec.maxLength } };
  if (spec.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(text)) {
    if (spec.pattern === IDENTITY_PATTERN) return { code: 'identity' };
    if (spec.pattern === PHONE_PATTERN) return { code: 'phone' };
    return { code: 'pattern', params: { hint: spec.description ?? '' } };
  }
  return null;
}

/** Problems of one page, keyed by field key ("applicant.phone"). */
export function checkPage(page: PageSpec, values: FormValues): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const spec of page.fields) {
    const problem = checkField(spec, values[page.name]?.[spec.name]);
    if (problem) problems[spec.key] = problem;
  }
  return problems;
}

/** Index of the first page with a problem, or -1 when the whole form is valid. */
export function firstInvalidPage(pages: PageSpec[], values: FormValues): number {
  return pages.findIndex((page) => Object.keys(checkPage(page, values)).length > 0);
}

/**
 * The values as the server expects them: text trimmed, numbers as numbers, empty answers left out
 * (an optional field sent as "" would fail its minLength).
 */
export function cleanValues(pages: PageSpec[], values: FormValues): FormValues {
  const out: FormValues = {};
  for (const page of pages) {
    const section: Record<string, unknown> = {};
    for (const spec of page.fields) {
      const value = values[page.name]?.[spec.name];
      if (isEmpty(value)) continue;
      if (spec.kind === 'number' || spec.kind === 'integer') {
        const number = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
        section[spec.name] = Number.isFinite(number) ? number : value;
      } else if (spec.kind === 'boolean') section[spec.name] = value === true;
      else section[spec.name] = typeof value === 'string' ? value.trim() : value;
    }
    out[page.name] = section;
  }
  return out;
}

/**
 * A server field error's path ("/formData/applicant/phone") as a field key ("applicant.phone");
 * null for errors not about one form field.
 */
export function fieldKeyOf(path: string): string | null {
  const match = /^\/formData\/([^/]+)\/([^/]+)$/.exec(path);
  return match ? `${match[1]}.${match[2]}` : null;
}

/** Prefills the applicant page from the signed-in citizen's account, without overwriting. */
export function prefill(
  pages: PageSpec[],
  values: FormValues,
  user: { fullName: string; email: string | null; phone: string | null },
): FormValues {
  const page = pages.find((p) => p.name === 'applicant');
  if (!page) return values;
  const current = values.applicant ?? {};
  const known: Record<string, string | null> = {
    fullName: user.fullName,
    email: user.email,
    phone: user.phone,
  };
  const filled = { ...current };
  for (const spec of page.fields) {
    const value = known[spec.name];
    if (value && isEmpty(filled[spec.name])) filled[spec.name] = value;
  }
  return { ...values, applicant: filled };
}
