/**
 * The online form as pages and fields, derived from a procedure's form schema (JSON Schema
 * 2020-12: each top-level property is one page, an object whose properties are the fields), and
 * the client-side checks that mirror the server's (the server checks again on submission).
 *
 * Order: the database keeps schemas as jsonb, which does not keep key order, so pages and fields
 * follow `required` first (in its order), then any `x-order`, then the remaining keys.
 */

type Schema = Record<string, unknown>;
export type FieldKind = 'text' | 'textarea' | 'date' | 'email' | 'number' | 'integer' | 'select' | 'boolean';

export interface FieldSpec {
  /** "applicant.fullName": the page and the property. */
  key: string;
  page: string;
  name: string;
  title: string;
  description: string | null;
  kind: FieldKind;
  required: boolean;
  options: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
}

export interface PageSpec {
  name: string;
  title: string;
  description: string | null;
  fields: FieldSpec[];
}

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
    | 'enum';
  params?: Record<string, string | number>;
}

/** Form values as typed: pages of fields; strings from text inputs, numbers, booleans. */
export type FormValues = Record<string, Record<string, unknown>>;

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function ordered(schema: Schema): string[] {
  const properties = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  const first = [...strings(schema.required), ...strings(schema['x-order'])];
  const seen = new Set<string>();
  return [...first, ...properties].filter((key) => {
    if (!properties.includes(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const numberOf = (value: unknown) => (typeof value === 'number' ? value : undefined);

function fieldKind(schema: Schema): FieldKind {
  const type: unknown = Array.isArray(schema.type)
    ? (schema.type as unknown[]).find((t) => t !== 'null')
    : schema.type;
  if (Array.isArray(schema.enum)) return 'select';
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'email') return 'email';
  const max = numberOf(schema.maxLength);
  return max !== undefined && max > 500 ? 'textarea' : 'text';
}

function field(page: string, name: string, schema: Schema, required: boolean): FieldSpec {
  const spec: FieldSpec = {
    key: `${page}.${name}`,
    page,
    name,
    title: typeof schema.title === 'string' ? schema.title : name,
    description: typeof schema.description === 'string' ? schema.description : null,
    kind: fieldKind(schema),
    required,
    options: Array.isArray(schema.enum) ? schema.enum.map(String) : [],
  };
  const numeric: Array<'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'exclusiveMinimum'> = [
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
    'exclusiveMinimum',
  ];
  for (const key of numeric) {
    const value = numberOf(schema[key]);
    if (value !== undefined) spec[key] = value;
  }
  if (typeof schema.pattern === 'string') spec.pattern = schema.pattern;
  return spec;
}

/** The pages of the form, each with its fields (empty when the schema has none). */
export function formPages(schema: unknown): PageSpec[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const pages = schema.properties;
  return ordered(schema).flatMap((name) => {
    const page = pages[name];
    if (!isObject(page) || !isObject(page.properties)) return [];
    const properties = page.properties;
    const required = strings(page.required);
    return [
      {
        name,
        title: typeof page.title === 'string' ? page.title : name,
        description: typeof page.description === 'string' ? page.description : null,
        fields: ordered(page).flatMap((key) => {
          const property = properties[key];
          return isObject(property) ? [field(name, key, property, required.includes(key))] : [];
        }),
      },
    ];
  });
}

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

/** The first problem of one value, or null. */
export function checkField(spec: FieldSpec, value: unknown): FieldProblem | null {
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
    return null;
  }
  if (spec.kind === 'boolean') return null;
  const text = String(value).trim();
  if (spec.kind === 'select' && !spec.options.includes(text)) return { code: 'enum' };
  if (spec.kind === 'date' && !validDate(text)) return { code: 'date' };
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
