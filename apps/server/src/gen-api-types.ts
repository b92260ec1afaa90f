/** `npm run gen:api`: regenerates apps/web/src/api/schema.d.ts from the server's routes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TYPES_PATH, apiTypesSource } from './openapi';

const path = fileURLToPath(API_TYPES_PATH);
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, await apiTypesSource());
console.log(`wrote ${path}`);
