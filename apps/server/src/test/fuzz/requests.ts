/**
 * Hostile requests for every route of the OpenAPI document (issue #5), as fast-check arbitraries.
 * Each operation yields requests built from its own schemas — path and query parameters, JSON
 * bodies, multipart uploads, raw uploads — and then bent: wrong types, missing and extra fields,
 * huge strings and arrays, invalid Unicode and UTF-8, NUL bytes, SQL and script payloads, path
 * traversal, malformed JSON and multipart, wrong content types, oversized and mislabelled files.
 */
import fc from 'fast-check';
import { MAX_FILE_BYTES } from '../../modules/dossiers/attachments';
import { PDF, PNG } from '../dossier-data';

export type Who = 'anonymous' | 'congdan' | 'tiepnhan' | 'admin';
export const WHO: readonly Who[] = ['anonymous', 'congdan', 'tiepnhan', 'admin'];

export interface FuzzRequest {
  /** Route key, e.g. `POST /api/drafts/{id}`. */
  route: string;
  who: Who;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was bent, for the report. */
  mutation: string;
}

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  jsonBody?: Schema;
  /** multipart/form-data upload of one file. */
  multipart: boolean;
  /** Raw upload with this media type (e.g. the xlsx import). */
  rawMediaType?: string;
}

/** Upload routes: @fastify/swagger leaves no requestBody for them, so they are named here. */
const MULTIPART_ROUTES = new Set([
  'POST /api/dossiers/{code}/attachments',
  'POST /api/drafts/{id}/attachments',
]);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RAW_ROUTES: Record<string, string> = { 'POST /api/admin/procedures/import.xlsx': XLSX };

export function operationsOf(document: Record<string, unknown>): Operation[] {
  const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const key = `${upper} ${path}`;
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
        ?.content;
      const consumes = (op.consumes as string[] | undefined) ?? [];
      operations.push({
        key,
        method: upper,
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        ...(content?.['application/json']?.schema ? { jsonBody: content['application/json'].schema } : {}),
        multipart:
          MULTIPART_ROUTES.has(key) ||
          consumes.includes('multipart/form-data') ||
          Boolean(content?.['multipart/form-data']),
        ...(RAW_ROUTES[key] ? { rawMediaType: RAW_ROUTES[key] } : {}),
      });
    }
  }
  return operations;
}

// ---------------------------------------------------------------------------------------------
// Payloads

/** 1 MiB: with any JSON around it the body is over the 1 MB limit. */
const HUGE = 'A'.repeat(1 << 20);
/** Under the body limit, over every field's maxLength. */
const LARGE = 'Ư'.repeat(100_000);
const HUGE_ARRAY: unknown[] = new Array<number>(60_000).fill(1);

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

const WRONG_TYPES: readonly unknown[] = [
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

const hostileString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
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
  switch (schema.format) {
    case 'date':
      return fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    default:
      return fc.string({ unit: 'grapheme', minLength, maxLength });
  }
}

// ---------------------------------------------------------------------------------------------
// Parameters

/** Encoded path segments that are hostile as they stand (not to be encoded again). */
const RAW_SEGMENTS = [
  '..',
  '.',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5cwin.ini',
  '%00',
  'a%00.pdf',
  '%ff',
  '%E0%A4%A',
  '%C0%AE%C0%AE',
  '%ED%A0%80',
  '%',
  '%%32%65',
  'x'.repeat(300),
  '%20',
];

/** encodeURIComponent, which throws on lone surrogates: those go as the UTF-8 bytes Node makes of them. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

function segment(value: unknown): string {
  return encode(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => textOf(v)).join(',');
  return JSON.stringify(value) ?? '';
}

function pathValue(
  param: Parameter,
  samples: Record<string, string[]>,
  knownWeight = 4,
): fc.Arbitrary<[string, string]> {
  const known = samples[param.name] ?? [];
  return fc.oneof(
    ...(known.length
      ? [{ weight: knownWeight, arbitrary: fc.constantFrom(...known).map((v) => [segment(v), 'known']) }]
      : []),
    { weight: 3, arbitrary: validValue(param.schema).map((v) => [segment(textOf(v)), 'valid']) },
    {
      weight: 3,
      arbitrary: hostileString.filter((s) => s.length < 5000).map((v) => [segment(v), 'hostile']),
    },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((v) => [v, 'raw']) },
  ) as fc.Arbitrary<[string, string]>;
}

/** A query string: each declared parameter absent, valid or hostile; extra and repeated keys. */
function queryString(params: Parameter[]): fc.Arbitrary<[string, string]> {
  const parts = params.map((param) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
      {
        weight: 3,
        arbitrary: validValue(param.schema).map((v): [string, string][] => [[param.name, textOf(v)]]),
      },
      {
        weight: 2,
        arbitrary: hostileValue
          .filter((v) => v !== HUGE)
          .map((v): [string, string][] => [[param.name, textOf(v)]]),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            validValue(param.schema),
            hostileString.filter((s) => s !== HUGE),
          )
          .map(([a, b]): [string, string][] => [
            [param.name, textOf(a)],
            [param.name, b],
          ]),
      },
    ),
  );
  const extras = fc.array(
    fc.tuple(
      fc.constantFrom('__proto__', 'constructor', 'x', 'page[gt]', 'a.b', 'sort', '$where', 'q[]'),
      hostileString.filter((s) => s !== HUGE),
    ),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...parts), extras).map(([declared, extra]) => {
    const pairs = [...declared.flat(), ...extra];
    const search = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    return [search ? `?${search}` : '', extra.length ? 'extra-query' : 'query'];
  });
}

// ---------------------------------------------------------------------------------------------
// Bodies

interface Body {
  payload?: string | Buffer;
  contentType?: string;
  mutation: string;
}

const MALFORMED_JSON: readonly (string | Buffer)[] = [
  '{',
  '{"a":}',
  "{'a':1}",
  '{"a":1,}',
  '[1,2',
  'null',
  '"text"',
  '12',
  '\u0000',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  '\ufeff{}',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":' + '9'.repeat(400) + '}',
  '{"a":1e999}',
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
];

const WRONG_JSON_TYPES: readonly string[] = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/jsonx',
  ';;;',
  'application/problem+json',
];

function mutateObject(valid: unknown, schema: Schema): fc.Arbitrary<[unknown, string]> {
  const properties = Object.keys(schema.properties ?? {});
  const required = (schema.required ?? []) as string[];
  const base =
    valid && typeof valid === 'object' && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
  const key = properties.length ? fc.constantFrom(...properties) : fc.constant('x');
  const options: fc.Arbitrary<[unknown, string]>[] = [
    fc.constant([valid, 'valid-body']),
    key.chain((k) => hostileValue.map((v): [unknown, string] => [{ ...base, [k]: v }, `hostile:${k}`])),
    key.chain((k) =>
      fc.constantFrom(...WRONG_TYPES).map((v): [unknown, string] => [{ ...base, [k]: v }, `wrong-type:${k}`]),
    ),
    fc
      .tuple(
        fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', 'id', 'status', 'role'),
        hostileValue,
      )
      .map(([k, v]): [unknown, string] => {
        const copy: Record<string, unknown> = { ...base };
        Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
        return [copy, `extra:${k}`];
      }),
    key.map((k): [unknown, string] => [{ ...base, [k]: LARGE }, `large:${k}`]),
    key.map((k): [unknown, string] => [{ ...base, [k]: HUGE_ARRAY }, `huge-array:${k}`]),
    fc.constantFrom(...WRONG_TYPES).map((v): [unknown, string] => [v, 'wrong-type:body']),
  ];
  if (required.length)
    options.push(
      fc.constantFrom(...required).map((k): [unknown, string] => {
        const copy = { ...base };
        delete copy[k];
        return [copy, `missing:${k}`];
      }),
    );
  return fc.oneof(...options);
}

function jsonBody(schema: Schema | undefined, hints: Hints = {}): fc.Arbitrary<Body> {
  const structured = validValue(schema ?? { type: 'object' }, 0, hints)
    .chain((valid) => mutateObject(valid, schema ?? {}))
    .map(([value, mutation]): Body => ({
      payload: JSON.stringify(value),
      contentType: 'application/json',
      mutation,
    }));
  return fc.oneof(
    { weight: 6, arbitrary: structured },
    {
      weight: 1,
      arbitrary: fc.constant<Body>({
        payload: JSON.stringify({ x: HUGE }),
        contentType: 'application/json',
        mutation: 'over-limit',
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...MALFORMED_JSON)
        .map((payload): Body => ({ payload, contentType: 'application/json', mutation: 'malformed-json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validValue(schema), fc.constantFrom(...WRONG_JSON_TYPES))
        .map(([value, contentType]): Body => ({
          payload: JSON.stringify(value) ?? '',
          contentType,
          mutation: 'wrong-content-type',
        })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<Body>({ payload: '', contentType: 'application/json', mutation: 'empty-body' }),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ mutation: 'no-body' }) },
  );
}

/** A body sent to a route that takes none. */
const strayBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Body>({ mutation: 'no-body' }) },
  {
    weight: 1,
    arbitrary: hostileValue.map((v): Body => ({
      payload: JSON.stringify(v) ?? 'null',
      contentType: 'application/json',
      mutation: 'stray-body',
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...MALFORMED_JSON)
      .map((payload): Body => ({ payload, contentType: 'application/json', mutation: 'stray-malformed' })),
  },
);

// Files
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b8', 'hex'), Buffer.alloc(64, 0x90)]);
const ELF = Buffer.from('7f454c46020101000000000000000000', 'hex');
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');
const ZIP = Buffer.from('504b0304140000000800', 'hex');
const OVERSIZED = Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES + 1 - PDF.length, 0x41)]);

const FILES: readonly [string, Buffer][] = [
  ['pdf', PDF],
  ['png', PNG],
  ['exe', EXE],
  ['elf', ELF],
  ['html', HTML],
  ['zip', ZIP],
  ['empty', Buffer.alloc(0)],
  ['binary', Buffer.from([0x00, 0xff, 0xfe, 0xed, 0xa0, 0x80])],
];

const FILE_NAMES: readonly string[] = [
  'to-khai.pdf',
  'hồ sơ đất đai.pdf',
  '../../etc/passwd',
  '..\\..\\windows\\system32\\cmd.exe',
  '/etc/passwd',
  '....//....//x.pdf',
  'a\u0000.pdf',
  '<script>alert(1)</script>.pdf',
  "'; drop table dossier_attachments; --.pdf",
  'x'.repeat(1000) + '.pdf',
  'setup.exe',
  'invoice.pdf.exe',
  '',
  '.',
  '..',
  'con.pdf',
  '\u202efdp.exe',
];

const PART_TYPES = ['application/pdf', 'application/x-msdownload', 'image/png', 'text/html', ''];

function multipartBody(boundary: string, parts: Buffer[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(Buffer.from(`--${boundary}\r\n`), part, Buffer.from('\r\n'));
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function filePart(name: string | null, type: string, content: Buffer, field = 'file'): Buffer {
  const disposition =
    name === null
      ? `form-data; name="${field}"`
      : `form-data; name="${field}"; filename="${name.replace(/"/g, '%22')}"`;
  const header = `Content-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`;
  return Buffer.concat([Buffer.from(header, 'utf8'), content]);
}

const uploadBody: fc.Arbitrary<Body> = fc
  .tuple(
    fc.constantFrom(...FILES),
    fc.constantFrom(...FILE_NAMES),
    fc.constantFrom(...PART_TYPES),
    fc.nat({ max: 39 }),
  )
  .map(([[kind, content], fileName, partType, shape]): Body => {
    const boundary = '----tnfuzz7MA4YWxkTrZu0gW';
    const good = `multipart/form-data; boundary=${boundary}`;
    const one = filePart(fileName, partType, content);
    switch (shape) {
      case 0:
        return {
          payload: multipartBody(boundary, [filePart('to-khai.pdf', 'application/pdf', OVERSIZED)]),
          contentType: good,
          mutation: 'oversized',
        };
      case 1:
        return {
          payload: multipartBody(boundary, [one, filePart('b.pdf', 'application/pdf', PDF)]),
          contentType: good,
          mutation: 'two-files',
        };
      case 2:
        return {
          payload: multipartBody(boundary, [filePart(null, '', Buffer.from('text'), 'note'), one]),
          contentType: good,
          mutation: 'field-and-file',
        };
      case 3:
        return {
          payload: multipartBody(boundary, [one], false),
          contentType: good,
          mutation: 'unterminated',
        };
      case 4:
        return {
          payload: multipartBody(boundary, [one]).subarray(0, 40),
          contentType: good,
          mutation: 'truncated',
        };
      case 5:
        return {
          payload: multipartBody(boundary, [one]),
          contentType: 'multipart/form-data',
          mutation: 'no-boundary',
        };
      case 6:
        return {
          payload: multipartBody(boundary, [one]),
          contentType: 'multipart/form-data; boundary=other',
          mutation: 'wrong-boundary',
        };
      case 7:
        return { payload: multipartBody(boundary, []), contentType: good, mutation: 'no-parts' };
      case 8:
        return { payload: Buffer.alloc(0), contentType: good, mutation: 'empty-multipart' };
      case 9:
        return { payload: content, contentType: 'application/pdf', mutation: 'raw-file' };
      case 10:
        return {
          payload: JSON.stringify({ file: fileName }),
          contentType: 'application/json',
          mutation: 'json-instead',
        };
      case 11:
        return {
          payload: multipartBody(boundary, [Buffer.from('garbage without headers')]),
          contentType: good,
          mutation: 'headerless-part',
        };
      case 12:
        return {
          payload: multipartBody('x'.repeat(100), [one]),
          contentType: `multipart/form-data; boundary=${'x'.repeat(100)}`,
          mutation: 'long-boundary',
        };
      case 13:
        return {
          payload: multipartBody(boundary, [filePart(null, partType, content)]),
          contentType: good,
          mutation: 'no-filename',
        };
      default:
        return { payload: multipartBody(boundary, [one]), contentType: good, mutation: `upload:${kind}` };
    }
  });

const OVERSIZED_RAW = Buffer.concat([ZIP, Buffer.alloc(6 * 1024 * 1024, 0x41)]);

function rawBody(mediaType: string): fc.Arbitrary<Body> {
  return fc.oneof(
    fc.constantFrom(...FILES).map(([kind, content]): Body => ({
      payload: content,
      contentType: mediaType,
      mutation: `raw:${kind}`,
    })),
    fc.uint8Array({ maxLength: 200 }).map((bytes): Body => ({
      payload: Buffer.concat([ZIP, Buffer.from(bytes)]),
      contentType: mediaType,
      mutation: 'raw:zip-garbage',
    })),
    fc.constant<Body>({ payload: OVERSIZED_RAW, contentType: mediaType, mutation: 'raw:oversized' }),
    fc.constantFrom(...FILES).map(([kind, content]): Body => ({
      payload: content,
      contentType: 'application/octet-stream',
      mutation: `raw-mislabelled:${kind}`,
    })),
    jsonBody(undefined),
  );
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Header-safe text: HTTP header values cannot carry control characters or non-Latin-1 text. */
function headerSafe(value: string): string {
  return value.slice(0, 2000).replace(/[^\x20-\x7e]/g, '?');
}

function headerValues(params: Parameter[]): fc.Arbitrary<Record<string, string>> {
  const declared = params.map((param) =>
    fc.oneof(
      fc.constant<[string, string] | null>(null),
      validValue(param.schema).map((v): [string, string] => [param.name, headerSafe(textOf(v))]),
      hostileString.map((v): [string, string] => [param.name, headerSafe(v)]),
    ),
  );
  const optional = fc.oneof(
    { weight: 8, arbitrary: fc.constant<[string, string] | null>(null) },
    { weight: 1, arbitrary: fc.constant<[string, string]>(['accept-language', 'en-GB,en;q=0.8']) },
    {
      weight: 1,
      arbitrary: hostileString.map((v): [string, string] => [
        'authorization',
        `Bearer ${headerSafe(v) || 'x'}`,
      ]),
    },
    {
      weight: 1,
      arbitrary: hostileString.map((v): [string, string] => [
        'cookie',
        `tn_session=${encode(v).slice(0, 2000)}`,
      ]),
    },
    { weight: 1, arbitrary: hostileString.map((v): [string, string] => ['x-csrf-token', headerSafe(v)]) },
  );
  return fc.tuple(fc.tuple(...declared), optional).map(([values, extra]) => {
    const headers: Record<string, string> = {};
    for (const entry of [...values, extra]) if (entry) headers[entry[0]] = entry[1];
    return headers;
  });
}

// Benign parts: a request usually bends one thing and keeps the rest valid, so that the bent
// part is what the server has to cope with (path, query, headers or body), not the first refusal.

function benignPath(param: Parameter, samples: Record<string, string[]>): fc.Arbitrary<[string, string]> {
  const known = samples[param.name] ?? [];
  return known.length
    ? fc.constantFrom(...known).map((v): [string, string] => [segment(v), 'known'])
    : validValue(param.schema).map((v): [string, string] => [segment(textOf(v)), 'valid']);
}

function benignQuery(params: Parameter[]): fc.Arbitrary<[string, string]> {
  const parts = params.map((param) =>
    fc.option(
      validValue(param.schema).map((v) => `${encode(param.name)}=${encode(textOf(v))}`),
      { nil: '', freq: 2 }, // absent half the time: a random documentCode is refused as unknown
    ),
  );
  return fc.tuple(...parts).map((values): [string, string] => {
    const search = values.filter(Boolean).join('&');
    return [search ? `?${search}` : '', ''];
  });
}

function benignBody(operation: Operation, hints: Hints): fc.Arbitrary<Body> {
  if (operation.multipart)
    return fc.constantFrom(...FILES).map(([kind, content]): Body => {
      const boundary = '----tnfuzzBenign';
      return {
        payload: multipartBody(boundary, [filePart(`${kind}.pdf`, 'application/pdf', content)]),
        contentType: `multipart/form-data; boundary=${boundary}`,
        mutation: `upload:${kind}`,
      };
    });
  if (operation.rawMediaType) return rawBody(operation.rawMediaType);
  if (operation.jsonBody)
    return validValue(operation.jsonBody, 0, hints).map((value): Body => ({
      payload: JSON.stringify(value),
      contentType: 'application/json',
      mutation: 'valid-body',
    }));
  return fc.constant<Body>({ mutation: '' });
}

export function requestFor(
  operation: Operation,
  samples: Record<string, string[]>,
  hints: Hints = {},
): fc.Arbitrary<FuzzRequest> {
  // Deleting or submitting the known draft would end the uploads' target for the rest of the run.
  if (operation.method === 'DELETE' || operation.path.endsWith('/submit')) samples = {};
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const substitute = (values: [string, string][]): [string, string] => {
    let url = operation.path;
    pathParams.forEach((param, i) => (url = url.replace(`{${param.name}}`, values[i]![0])));
    return [url, values.map((v) => v[1]).join(',')];
  };
  const hostilePath = fc
    .tuple(...pathParams.map((p) => pathValue(p, samples, operation.multipart ? 16 : 4)))
    .map(substitute);
  const validPath = fc.tuple(...pathParams.map((p) => benignPath(p, samples))).map(substitute);
  const hostileBody = operation.multipart
    ? fc.oneof({ weight: 5, arbitrary: uploadBody }, { weight: 1, arbitrary: jsonBody(undefined) })
    : operation.rawMediaType
      ? rawBody(operation.rawMediaType)
      : operation.jsonBody
        ? jsonBody(operation.jsonBody, hints)
        : strayBody;
  // What is bent: one part (the body most often), or everything at once.
  const focus = fc.constantFrom('path', 'query', 'headers', 'body', 'body', 'body', 'everything');
  const bent = (part: string, focused: string) => part === focused || focused === 'everything';
  return focus
    .chain((focused) =>
      fc.record({
        // Signed-in callers more often than anonymous ones, who mostly meet 401; uploads mostly by
        // the citizen who owns the draft and the dossiers, so the files reach the checks behind.
        who: fc.oneof(
          { weight: 1, arbitrary: fc.constant<Who>('anonymous') },
          { weight: operation.multipart ? 6 : 2, arbitrary: fc.constant<Who>('congdan') },
          { weight: 2, arbitrary: fc.constant<Who>('tiepnhan') },
          { weight: 2, arbitrary: fc.constant<Who>('admin') },
        ),
        path: bent('path', focused) ? hostilePath : validPath,
        query: bent('query', focused) ? queryString(queryParams) : benignQuery(queryParams),
        headers: bent('headers', focused)
          ? headerValues(operation.parameters.filter((p) => p.in === 'header'))
          : fc.constant<Record<string, string>>({}),
        body: bent('body', focused) ? hostileBody : benignBody(operation, hints),
      }),
    )
    .map(({ who, path: [url, pathKind], query: [search, queryKind], headers, body: b }) => ({
      route: operation.key,
      who,
      method: operation.method,
      url: url + search,
      headers: b.contentType !== undefined ? { ...headers, 'content-type': b.contentType } : headers,
      ...(b.payload !== undefined ? { payload: b.payload } : {}),
      mutation: [pathKind && `path:${pathKind}`, queryKind, b.mutation].filter(Boolean).join(' '),
    }));
}

/** One arbitrary over all routes, each route equally likely. */
export function fuzzRequests(
  operations: Operation[],
  samples: Record<string, string[]>,
  hints: Hints = {},
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...operations.map((op) => requestFor(op, samples, hints)));
}

/** A request as text for a report: long payloads abbreviated. */
export function describeRequest(request: FuzzRequest): string {
  const payload =
    request.payload === undefined
      ? ''
      : Buffer.isBuffer(request.payload)
        ? `<${request.payload.length} bytes> ${JSON.stringify(request.payload.subarray(0, 200).toString('latin1'))}`
        : request.payload.length > 300
          ? `${JSON.stringify(request.payload.slice(0, 300))}… (${request.payload.length} chars)`
          : JSON.stringify(request.payload);
  const url =
    request.url.length > 300 ? `${request.url.slice(0, 300)}… (${request.url.length} chars)` : request.url;
  return `${request.method} ${url} as ${request.who} [${request.mutation}] headers=${JSON.stringify(request.headers).slice(0, 400)} body=${payload}`;
}
