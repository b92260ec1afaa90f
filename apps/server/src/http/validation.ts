/**
 * Request validation. Bodies are validated strictly (no type coercion, unknown fields rejected
 * by `additionalProperties: false` in the schemas); query strings and path parameters arrive as
 * text and are coerced to the declared types.
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FastifyInstance } from 'fastify';
import { isValidIsoDate, vietnamDate, type IsoDate } from '../lib/time';

/**
 * The years a request's date may fall in: those the working-day calendar knows (its year
 * parameters run 1900–2199). RFC 3339 allows 0001-01-01 and 9999-12-31, which JavaScript and
 * PostgreSQL then disagree about (year 1 in Vietnam time is year 0 in UTC, out of PostgreSQL's
 * range: a 500); a period of the Biểu 06 report from year 1 means nothing either.
 */
export const REQUEST_YEARS = { min: 1900, max: 2199 } as const;

/** A date or date-time whose written year (before any time-zone shift) is in REQUEST_YEARS. */
export function yearInRange(text: string): boolean {
  const year = Number(text.slice(0, 4));
  return year >= REQUEST_YEARS.min && year <= REQUEST_YEARS.max;
}

type FormatDefinition = {
  validate: (text: string) => boolean;
  compare: (a: string, b: string) => number | undefined;
};

/** An ajv-formats format narrowed to REQUEST_YEARS. */
function withinYears(format: unknown): FormatDefinition {
  const { validate, compare } = format as FormatDefinition;
  return { validate: (text) => validate(text) && yearInRange(text), compare };
}

export function createAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
  // Every `format: date` and `format: date-time` of every route, in one place.
  ajv.addFormat('date', { type: 'string', ...withinYears(fullFormats.date) });
  ajv.addFormat('date-time', { type: 'string', ...withinYears(fullFormats['date-time']) });
  return ajv;
}

const INT4_MAX = 2_147_483_647;

/**
 * Request integers are PostgreSQL `integer`s unless their schema bounds them otherwise. Unbounded,
 * a value such as `2147483648` or `1e400` (coerced to Infinity in a query string) passed
 * validation and failed in the database with a 500; bounded, it is a 400 naming the field.
 * Returns a bounded copy; the declared schema (and the OpenAPI document) stay as written.
 */
export function boundIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundIntegers);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = boundIntegers(value);
  const type = copy.type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
    if (copy.maximum === undefined && copy.exclusiveMaximum === undefined) copy.maximum = INT4_MAX;
    if (copy.minimum === undefined && copy.exclusiveMinimum === undefined) copy.minimum = -INT4_MAX - 1;
  }
  return copy;
}

export function registerValidators(app: FastifyInstance): void {
  const bodyAjv = createAjv(false);
  const textAjv = createAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodyAjv : textAjv;
    return ajv.compile<unknown>(boundIntegers(schema) as object);
  });
}

/** The form keyword for dates that cannot be later than today (a date of birth, a date of death). */
export const NOT_FUTURE = 'x-notFuture';

/**
 * Ajv for application forms, which are JSON Schema 2020-12 documents stored in the catalogue.
 *
 * `"x-notFuture": true` on a date field (`format: "date"`) refuses a date after today in Vietnam,
 * on an integer field (a year of birth) a year after the current one
 * (the day the form is checked, not the day the schema was compiled, so a cached validator stays
 * right after midnight). The web's form checks (apps/web/src/portal/submit/schema-form.ts) mirror it.
 */
export function createFormAjv(options: { today?: () => IsoDate } = {}): Ajv2020 {
  const today = options.today ?? (() => vietnamDate(new Date()));
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false });
  addFormats(ajv);
  const notFuture = (enabled: boolean, data: string | number): boolean => {
    if (!enabled) return true;
    const limit = today();
    if (typeof data === 'number') {
      // A year (the parents' "Năm sinh" of the civil-status forms): not after the current year.
      if (data <= Number(limit.slice(0, 4))) return true;
      notFuture.errors = [
        { keyword: NOT_FUTURE, message: 'must not be in the future', params: { today: limit, year: true } },
      ];
      return false;
    }
    const date = data.slice(0, 10);
    if (!isValidIsoDate(date)) return true; // the format keyword reports a bad date
    if (date <= limit) return true;
    notFuture.errors = [
      { keyword: NOT_FUTURE, message: 'must not be in the future', params: { today: limit } },
    ];
    return false;
  };
  notFuture.errors = [] as Array<{
    keyword: string;
    message: string;
    params: { today: IsoDate; year?: boolean };
  }>;
  ajv.addKeyword({
    keyword: NOT_FUTURE,
    type: ['string', 'number', 'integer'],
    schemaType: 'boolean',
    errors: true,
    validate: notFuture,
  });
  return ajv;
}
