/** Fuzzing (see requests.ts): Hostile payloads, and values that follow a schema (so requests also get past validation into the handlers). */
import fc from 'fast-check';
import { boundaryDate } from './boundaries';
import { type Schema } from './operations';

/** 1 MiB: with any JSON around it the body is over the 1 MB limit. */
export const HUGE = 'A'.repeat(1 << 20);
/** Under the body limit, over every field's maxLength. */
export const LARGE = 'Ư'.repeat(100_000);
export const HUGE_ARRAY: unknown[] = new Array<number>(60_000).fill(1);

export const HOSTILE_STRINGS: readonly string[] = [
  "' OR 1=1 --",
  "'; drop table dossiers; --",
  '1; DROP TABLE users',
  '" OR ""="',
  "1' AND 1=(select count(*) from pg_sleep(0))--",
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  '....//....//etc/passwd',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff\ud800y',
  '\ufeff',
  '\u202eevil',
  '𝕋ây Ninh 🇻🇳',
  'Hồ sơ Tây Ninh',
  '${7*7}{{7*7}}',
  '%s%s%n',
  '\r\nSet-Cookie: x=1',
  '',
  ' ',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '-1',
  '0',
  '1.5',
  '1e400',
  'NaN',
  'Infinity',
  '99999999999999999999999999',
  '-9223372036854775809',
  '2026-02-30',
  '0000-00-00',
  '2026-13-01T25:61:00Z',
  'true',
  LARGE,
];

export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  '',
  'x',
  [],
  [1, 'a', null],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
  [[[[[[[[[[[]]]]]]]]]]],
];

export const hostileString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 1, arbitrary: fc.constant(HUGE_ARRAY) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

// ---------------------------------------------------------------------------------------------
// Values that follow a schema (so requests also get past validation into the handlers)

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

/** Known good values by property name (an existing procedure code, a complete form). */
export type Hints = Record<string, readonly unknown[]>;

export function validValue(schema: Schema | undefined, depth = 0, hints: Hints = {}): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 1 });
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validValue(s, depth + 1, hints)));
  const types = typesOf(schema);
  if (types.length > 1)
    return fc.oneof(...types.map((type) => validValue({ ...schema, type }, depth, hints)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -5;
      const max = typeof schema.maximum === 'number' ? schema.maximum : Math.max(min + 50, 50);
      return fc.integer({ min, max });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    case 'string':
      return validString(schema);
    case 'array': {
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.max(
        minLength,
        Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, 3),
      );
      return fc.array(validValue(schema.items as Schema | undefined, depth + 1, hints), {
        minLength,
        maxLength,
      });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        const values =
          schema.additionalProperties && typeof schema.additionalProperties === 'object'
            ? validValue(schema.additionalProperties as Schema, depth + 1, hints)
            : fc.jsonValue({ maxDepth: 1 });
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, { maxKeys: 4 });
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) {
        const generated = validValue(properties[key], depth + 1, hints);
        const known = hints[key];
        model[key] = known?.length ? fc.oneof(fc.constantFrom(...known), generated) : generated;
      }
      return fc.record(model, {
        requiredKeys: ((schema.required ?? []) as string[]).filter((k) => k in model),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(schema: Schema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = Math.max(
    minLength,
    Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 24, 40),
  );
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 200);
    } catch {
      // a pattern JavaScript cannot compile: fall through
    }
  }
  // Dates mostly from the years the data lives in, sometimes at or beyond the edges of what a
  // request may name (0001-01-01 reached PostgreSQL once and answered 500).
  switch (schema.format) {
    case 'date':
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .date({
              min: new Date('2020-01-01T00:00:00Z'),
              max: new Date('2030-12-31T00:00:00Z'),
              noInvalidDate: true,
            })
            .map((d) => d.toISOString().slice(0, 10)),
        },
        { weight: 1, arbitrary: boundaryDate('date') },
      );
    case 'date-time':
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .date({
              min: new Date('2020-01-01T00:00:00Z'),
              max: new Date('2030-12-31T00:00:00Z'),
              noInvalidDate: true,
            })
            .map((d) => d.toISOString()),
        },
        { weight: 1, arbitrary: boundaryDate('date-time') },
      );
    case 'email':
      return fc.emailAddress();
    default:
      return fc.string({ unit: 'grapheme', minLength, maxLength });
  }
}
