/**
 * The module boundaries, read from the source text (boundaries.test.ts runs it on the tree):
 *
 * 1. Code outside a module folder imports only its `index.ts` (which also exports the module's
 *    self-description, `module.ts`, for the registry `modules.ts`).
 * 2. A module's production code names in SQL only the tables it owns (db/ownership.ts) and the
 *    views the owners publish for reading.
 * 3. One writer per table: only the owner's code (its tests included) inserts, updates or deletes
 *    rows of a table, and nobody writes a view. Code outside the modules (seed, test helpers,
 *    benchmarks, drills) writes through the owners' functions. Verification code — tests,
 *    drills, benchmarks — may read any table to check an outcome.
 *
 * The backup module copies the whole database table by table (it reads the catalogue, not names),
 * so it is the one module that may name every table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { TABLES, VIEWS, WHOLE_DATABASE_MODULES } from './db/ownership';

export interface Violation {
  file: string;
  rule: 'import' | 'foreign-table' | 'foreign-write';
  detail: string;
}

const OWNERS: Record<string, string> = { ...TABLES };
const PUBLISHED: Record<string, string> = { ...VIEWS };

/** Kysely builder calls whose first argument is a table: [method, is it a write]. */
const BUILDER =
  /\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\(\s*\[?\s*['"`]([a-z_]+)/g;
const BUILDER_WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'mergeInto']);
/** In SQL text: what follows these words is a table (or a view, or a CTE's name). */
const SQL_READ = /\b(?:from|join)\s+([a-z_][a-z0-9_]*)\b/gi;
const SQL_WRITE =
  /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|merge\s+into)\s+([a-z_][a-z0-9_]*)\b/gi;

/** The text of SQL in a source file: sql`…` templates and string literals that read as SQL. */
function sqlTexts(source: string): string[] {
  const texts: string[] = [];
  for (const match of source.matchAll(/\bsql(?:<[^`]*?>)?`([\s\S]*?)`/g)) texts.push(match[1]!);
  for (const match of source.matchAll(/'([^'\n]*)'/g))
    if (/\b(select|insert|update|delete)\b/i.test(match[1]!)) texts.push(match[1]!);
  return texts;
}

export interface TableUse {
  table: string;
  write: boolean;
}

/** The tables and views a source text names in SQL, each with whether it writes it. */
export function tablesUsed(source: string): TableUse[] {
  const uses: TableUse[] = [];
  for (const match of source.matchAll(BUILDER))
    uses.push({ table: match[2]!, write: BUILDER_WRITES.has(match[1]!) });
  for (const text of sqlTexts(source)) {
    for (const match of text.matchAll(SQL_READ)) uses.push({ table: match[1]!.toLowerCase(), write: false });
    for (const match of text.matchAll(SQL_WRITE)) uses.push({ table: match[1]!.toLowerCase(), write: true });
  }
  return uses.filter((use) => use.table in OWNERS || use.table in PUBLISHED);
}

/** The module a file belongs to (its folder under modules/), or null outside the modules. */
export function moduleOf(file: string): string | null {
  const path = file.split(sep).join('/');
  const match = /(?:^|\/)apps\/server\/src\/modules\/([^/]+)\//.exec(path);
  if (match) return match[1]!;
  // The migration runner keeps its own record (schema_migrations); the seed is not part of it.
  if (/(?:^|\/)apps\/server\/src\/db\/[^/]+$/.test(path)) return 'db';
  // The kernel keeps job runs, shared counters and cache revisions for every module.
  if (/(?:^|\/)apps\/server\/src\/platform\/[^/]+$/.test(path)) return 'platform';
  return null;
}

const isVerification = (file: string) =>
  /\.test\.ts$/.test(file) || /^(bench|drills)\//.test(file) || file.startsWith('apps/server/src/test/');
/** Tests of the migrations write the rows a migration transforms, whoever owns them. */
const isMigrationTest = (file: string) => /^apps\/server\/src\/db\/[^/]+\.test\.ts$/.test(file);
/** This checker and its test hold example sources, not SQL of their own. */
const SELF = new Set(['apps/server/src/boundaries.ts', 'apps/server/src/boundaries.test.ts']);

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.[^'"]+)['"]/g;

/** Checks one file (path relative to the repository root) given its text. */
export function checkFile(file: string, source: string): Violation[] {
  const violations: Violation[] = [];
  if (SELF.has(file)) return violations;
  const own = moduleOf(file);
  for (const match of source.matchAll(IMPORT)) {
    const target = normalize(join(dirname(file), match[1]!))
      .split(sep)
      .join('/');
    const targetModule = moduleOf(`${target}/`);
    if (targetModule === null || targetModule === own) continue;
    const inside = target.slice(
      target.indexOf(`/modules/${targetModule}`) + `/modules/${targetModule}`.length,
    );
    if (inside === '' || inside === '/index') continue;
    violations.push({ file, rule: 'import', detail: `${match[1]!} (modules/${targetModule}${inside})` });
  }
  if ((own !== null && WHOLE_DATABASE_MODULES.includes(own)) || isMigrationTest(file)) return violations;
  const verification = isVerification(file);
  const seen = new Set<string>();
  for (const use of tablesUsed(source)) {
    const key = `${use.table}:${use.write}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const owner = OWNERS[use.table] ?? PUBLISHED[use.table]!;
    const isView = use.table in PUBLISHED;
    if (use.write && (isView || owner !== own))
      violations.push({
        file,
        rule: 'foreign-write',
        detail: `writes ${use.table} (${isView ? 'a view' : `owned by ${owner}`})`,
      });
    else if (!use.write && !isView && owner !== own && !verification)
      violations.push({ file, rule: 'foreign-table', detail: `reads ${use.table} (owned by ${owner})` });
  }
  return violations;
}

/** Every TypeScript file of the server, the benchmarks and the drills, relative to `root`. */
export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name))
        files.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const top of ['apps/server/src', 'bench', 'drills']) walk(join(root, top));
  return files.sort();
}

export function checkTree(root: string): Violation[] {
  return sourceFiles(root).flatMap((file) => checkFile(file, readFileSync(join(root, file), 'utf8')));
}
