/**
 * Request validation. Bodies are validated strictly (no type coercion, unknown fields rejected
 * by `additionalProperties: false` in the schemas); query strings and path parameters arrive as
 * text and are coerced to the declared types.
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

export function createAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
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

/** Ajv for application forms, which are JSON Schema 2020-12 documents stored in the catalogue. */
export function createFormAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false });
  addFormats(ajv);
  return ajv;
}
