import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_PATH, apiTypesSource, openApiDocument } from './openapi';

describe("OpenAPI document and the web app's API types", () => {
  let document: Record<string, unknown>;
  beforeAll(async () => {
    document = await openApiDocument();
  });

  it('documents every route with a summary', () => {
    const { paths } = document as { paths: Record<string, Record<string, { summary?: string }>> };
    const missing = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => !operation.summary)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('matches the committed apps/web/src/api/schema.d.ts (run `npm run gen:api` after changing routes)', async () => {
    const committed = readFileSync(API_TYPES_PATH, 'utf8');
    expect(await apiTypesSource(document)).toBe(committed);
  });
});
