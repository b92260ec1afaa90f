/** Fuzzing (see requests.ts): JSON bodies: valid ones bent (wrong types, missing and extra fields), malformed and stray ones. */
import fc from 'fast-check';
import { deepControlText } from './boundaries';
import { type Schema } from './operations';
import { HUGE, LARGE, HUGE_ARRAY, WRONG_TYPES, hostileValue, type Hints, validValue } from './values';

export interface Body {
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
  const deep = deepControlText(valid);
  if (deep) options.push(deep);
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

export function jsonBody(schema: Schema | undefined, hints: Hints = {}): fc.Arbitrary<Body> {
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
export const strayBody: fc.Arbitrary<Body> = fc.oneof(
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
