/**
 * Hostile requests for every route of the OpenAPI document (issue #5), as fast-check arbitraries.
 * Each operation yields requests built from its own schemas — path and query parameters, JSON
 * bodies, multipart uploads, raw uploads — and then bent: wrong types, missing and extra fields,
 * huge strings and arrays, invalid Unicode and UTF-8, NUL bytes, SQL and script payloads, path
 * traversal, malformed JSON and multipart, wrong content types, oversized and mislabelled files.
 */
import fc from 'fast-check';
import { type Who, type FuzzRequest, type Parameter, type Operation } from './operations';
import { hostileString, type Hints, validValue } from './values';
import { encode, segment, textOf, pathValue, queryString } from './parameters';
import { type Body, jsonBody, strayBody } from './bodies';
import { FILES, multipartBody, filePart, uploadBody, rawBody } from './uploads';

// The fuzzer's public surface (runner.ts, the sweep, the authorisation test).
export { operationsOf, WHO, type FuzzRequest, type Operation, type Who } from './operations';
export type { Hints } from './values';

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
