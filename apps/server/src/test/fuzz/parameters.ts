/** Fuzzing (see requests.ts): Hostile and valid path and query parameters. */
import fc from 'fast-check';
import { withControlText } from './boundaries';
import { type Parameter } from './operations';
import { HUGE, hostileString, hostileValue, validValue } from './values';

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
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

export function segment(value: unknown): string {
  return encode(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));
}

export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => textOf(v)).join(',');
  return JSON.stringify(value) ?? '';
}

export function pathValue(
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
    {
      weight: 1,
      arbitrary: withControlText(validValue(param.schema).map(textOf)).map((v) => [
        segment(v),
        'control-text',
      ]),
    },
  ) as fc.Arbitrary<[string, string]>;
}

/** A query string: each declared parameter absent, valid or hostile; extra and repeated keys. */
export function queryString(params: Parameter[]): fc.Arbitrary<[string, string]> {
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
        arbitrary: withControlText(validValue(param.schema).map(textOf)).map((v): [string, string][] => [
          [param.name, v],
        ]),
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
