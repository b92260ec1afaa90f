/** Fuzzing (see requests.ts): The operations of the OpenAPI document the fuzzer drives, and the requests it builds. */

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

export type Schema = Record<string, unknown>;

export interface Parameter {
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
