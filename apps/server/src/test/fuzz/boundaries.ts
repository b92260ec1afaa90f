/**
 * Control characters and boundary dates (issue #11): `GET /api/units?q=a%00` and a Biểu 06
 * report from 0001-01-01 answered 500 although 10,000 random requests had passed. Two
 * generators keep that class out:
 * - arbitraries the random fuzz mixes into every string it builds (query, path, body at any
 *   depth) and into every date it builds (requests.ts);
 * - a deterministic sweep (`sweepRequests`): every string location of every route (each path
 *   and query parameter, each string in a complete body, each object key) with NUL and another
 *   control character, and every date location with each boundary date. A request so bent must
 *   be refused (4xx) — not merely answered without a 5xx — and change nothing.
 */
import fc from 'fast-check';
import type { FuzzRequest, Hints, Operation } from './requests';

type Schema = Record<string, unknown>;

/** Text the server must refuse wherever it appears (see http/text-rule.ts). */
export const CONTROL_TEXTS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\u0007',
  'x\u001b[2J',
  '\u000b',
  '\u007f',
  '\u0085',
  'a\ud800',
];

/** Dates no request may name: outside 1900–2199, or not a real day. */
export const REFUSED_DATES: readonly string[] = [
  '0001-01-01',
  '9999-12-31',
  '1899-12-31',
  '2200-01-01',
  '2026-02-30',
  '2025-02-29',
  '0000-00-00',
];
/** The first and last days requests may name, and the turn of the century inside the range. */
export const EDGE_DATES: readonly string[] = ['1900-01-01', '2100-01-01', '2199-12-31'];

const dateTime = (date: string) => `${date}T08:00:00+07:00`;

/** Whether a parameter or property is a date by its schema, or by its name when the schema says nothing. */
function dateKind(schema: Schema | undefined, name: string): 'date' | 'date-time' | null {
  if (schema?.format === 'date') return 'date';
  if (schema?.format === 'date-time') return 'date-time';
  if (schema && schema.type !== undefined && schema.type !== 'string') return null;
  if (/^(from|to|at|date)$|(Date|At|From|Until|On)$/.test(name)) return 'date';
  return null;
}

/** Boundary dates for the random generators (refused ones more often than the edges). */
export function boundaryDate(kind: 'date' | 'date-time'): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 2, arbitrary: fc.constantFrom(...REFUSED_DATES) },
      { weight: 1, arbitrary: fc.constantFrom(...EDGE_DATES) },
    )
    .map((date) => (kind === 'date' ? date : dateTime(date)));
}

/** A string with a control character put in front of, inside or after it. */
export function withControlText(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(text, fc.constantFrom(...CONTROL_TEXTS), fc.nat()).map(([value, bad, at]) => {
    const cut = value.length === 0 ? 0 : at % (value.length + 1);
    return value.slice(0, cut) + bad + value.slice(cut);
  });
}

/** Every string leaf of a JSON value, as paths of keys. */
function stringLeaves(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (typeof value === 'string') out.push(path);
  else if (Array.isArray(value)) value.forEach((item, i) => stringLeaves(item, [...path, i], out));
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) stringLeaves(child, [...path, key], out);
  return out;
}

/** A copy of `value` with the string at `path` replaced by what `bend` makes of it. */
function replaceAt(value: unknown, path: (string | number)[], bend: (text: string) => unknown): unknown {
  if (path.length === 0) return bend(String(value));
  const [head, ...rest] = path;
  if (Array.isArray(value))
    return (value as unknown[]).map((item, i) => (i === head ? replaceAt(item, rest, bend) : item));
  const object = value as Record<string, unknown>;
  return { ...object, [head!]: replaceAt(object[head!], rest, bend) };
}

/** A body mutation for the random fuzz: one string at any depth gets a control character. */
export function deepControlText(valid: unknown): fc.Arbitrary<[unknown, string]> | null {
  const leaves = stringLeaves(valid);
  if (leaves.length === 0) return null;
  return fc
    .tuple(fc.constantFrom(...leaves), fc.constantFrom(...CONTROL_TEXTS))
    .map(([path, bad]): [unknown, string] => [
      replaceAt(valid, path, (text) => text + bad),
      `control-text:/${path.join('/')}`,
    ]);
}

// ---------------------------------------------------------------------------------------------
// The sweep

/** One complete value for a schema: every property present, the first of every choice. */
export function completeValue(schema: Schema | undefined, hints: Hints, name = '', depth = 0): unknown {
  const known = hints[name];
  if (known?.length) return known[0];
  if (!schema || depth > 5) return 'x';
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives?.length) return completeValue(alternatives[0], hints, name, depth + 1);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'array':
      return [completeValue(schema.items as Schema | undefined, hints, name, depth + 1)];
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (Object.keys(properties).length === 0) return { ghi_chu: 'Tây Ninh' };
      return Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, completeValue(child, hints, key, depth + 1)]),
      );
    }
    case 'string': {
      const kind = dateKind(schema, name);
      if (kind) return kind === 'date' ? '2026-03-02' : dateTime('2026-03-02');
      if (typeof schema.pattern === 'string') {
        try {
          return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 1, seed: 11 })[0];
        } catch {
          return 'x';
        }
      }
      if (schema.format === 'email') return 'ten@example.vn';
      return 'Tây Ninh';
    }
    default:
      return 'Tây Ninh';
  }
}

/** Every date location of a complete body (by schema format, or by property name). */
function dateLeaves(schema: Schema | undefined, path: string[] = [], name = '', out: string[][] = []) {
  if (!schema || path.length > 5) return out;
  if (dateKind(schema, name) && (schema.type === 'string' || schema.format)) out.push(path);
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
    dateLeaves(child, [...path, key], key, out);
  return out;
}

export interface SweepRequest extends FuzzRequest {
  /** `refused`: must be answered 4xx; `answered`: anything but a 5xx. */
  expect: 'refused' | 'answered';
}

/**
 * The deterministic sweep. Requests are sent as the system administrator, whom every access
 * rule lets through, so what answers is the validation in front of each route's handler. Dates
 * inside the range are sent to reads only (a write could change the world of the random run).
 */
export function sweepRequests(
  operations: Operation[],
  samples: Record<string, string[]>,
  hints: Hints,
): SweepRequest[] {
  const requests: SweepRequest[] = [];
  // NUL everywhere, and in turn each other control text. An unpaired surrogate cannot travel in
  // a URL (percent-encoding is of UTF-8 bytes, which Node makes U+FFFD of): JSON bodies only.
  let turn = 0;
  const others = CONTROL_TEXTS.filter((text) => text !== '\u0000' && text !== 'a\u0000b');
  const inUrl = others.filter((text) => !/[\ud800-\udfff]/.test(text));
  const bad = (list: readonly string[]) => ['\u0000', list[turn++ % list.length]!];
  for (const op of operations) {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const pathValues: Record<string, string> = Object.fromEntries(
      pathParams.map((p) => [p.name, samples[p.name]?.[0] ?? String(completeValue(p.schema, hints, p.name))]),
    );
    const queryValues: Record<string, string> = Object.fromEntries(
      queryParams
        .filter((p) => p.required)
        .map((p) => [p.name, String(completeValue(p.schema, hints, p.name))]),
    );
    const body = op.jsonBody ? completeValue(op.jsonBody, hints) : undefined;
    const build = (
      path: Record<string, string>,
      query: Record<string, string>,
      payload: unknown,
      mutation: string,
      expect: SweepRequest['expect'],
    ): SweepRequest => {
      let url = op.path;
      for (const [name, value] of Object.entries(path))
        url = url.replace(`{${name}}`, encodeURIComponent(value));
      const search = Object.entries(query)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
      return {
        route: op.key,
        who: 'admin',
        method: op.method,
        url: search ? `${url}?${search}` : url,
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
        mutation,
        expect,
      };
    };
    for (const p of pathParams)
      for (const text of bad(inUrl))
        requests.push(
          build(
            { ...pathValues, [p.name]: pathValues[p.name] + text },
            queryValues,
            body,
            `path:${p.name}`,
            'refused',
          ),
        );
    for (const p of queryParams) {
      const base = queryValues[p.name] ?? String(completeValue(p.schema, hints, p.name));
      for (const text of bad(inUrl))
        requests.push(
          build(pathValues, { ...queryValues, [p.name]: base + text }, body, `query:${p.name}`, 'refused'),
        );
      const kind = dateKind(p.schema, p.name);
      if (!kind) continue;
      for (const date of REFUSED_DATES)
        requests.push(
          build(
            pathValues,
            { ...queryValues, [p.name]: kind === 'date' ? date : dateTime(date) },
            body,
            `date:${p.name}`,
            'refused',
          ),
        );
      if (op.method === 'GET')
        for (const date of EDGE_DATES)
          requests.push(
            build(
              pathValues,
              { ...queryValues, [p.name]: kind === 'date' ? date : dateTime(date) },
              body,
              `edge-date:${p.name}`,
              'answered',
            ),
          );
    }
    if (body === undefined) continue;
    for (const leaf of stringLeaves(body))
      for (const text of bad(others))
        requests.push(
          build(
            pathValues,
            queryValues,
            replaceAt(body, leaf, (t) => t + text),
            `body:/${leaf.join('/')}`,
            'refused',
          ),
        );
    // A key with a NUL in every object of the body (free-form form data is stored as jsonb).
    for (const leaf of objectPaths(body))
      requests.push(
        build(pathValues, queryValues, addKey(body, leaf, 'khóa\u0000'), `key:/${leaf.join('/')}`, 'refused'),
      );
    for (const leaf of dateLeaves(op.jsonBody))
      for (const date of REFUSED_DATES)
        requests.push(
          build(
            pathValues,
            queryValues,
            replaceAt(body, leaf, (t) => (t.includes('T') ? dateTime(date) : date)),
            `body-date:/${leaf.join('/')}`,
            'refused',
          ),
        );
  }
  return requests;
}

function objectPaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (Array.isArray(value)) value.forEach((item, i) => objectPaths(item, [...path, i], out));
  else if (value && typeof value === 'object') {
    out.push(path);
    for (const [key, child] of Object.entries(value)) objectPaths(child, [...path, key], out);
  }
  return out;
}

function addKey(value: unknown, path: (string | number)[], key: string): unknown {
  if (path.length === 0) return { ...(value as object), [key]: 'Tây Ninh' };
  const [head, ...rest] = path;
  if (Array.isArray(value))
    return (value as unknown[]).map((item, i) => (i === head ? addKey(item, rest, key) : item));
  const object = value as Record<string, unknown>;
  return { ...object, [head!]: addKey(object[head!], rest, key) };
}
