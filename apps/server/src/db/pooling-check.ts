/**
 * The server behind PgBouncer in transaction pooling mode (docs/OPERATIONS.md, "Several
 * instances"): a server connection belongs to a client only for the length of a transaction, so
 * nothing may rely on state that a session keeps between transactions. This checker finds, in SQL
 * written in the sources (TypeScript templates and migrations, comments left out), what would:
 * session advisory locks, LISTEN/NOTIFY, SET outside a transaction (SET LOCAL and SET TRANSACTION
 * are transaction-scoped), set_config(…, false), named prepared statements, temporary tables and
 * cursors WITH HOLD. Its test runs it over apps/server/src.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PoolingFinding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

const RULES: Array<{ rule: string; pattern: RegExp }> = [
  // pg_advisory_lock(…), pg_try_advisory_lock(…) and their _shared forms; the _xact_ ones are fine.
  { rule: 'session advisory lock', pattern: /\bpg_(?:try_)?advisory_lock(?:_shared)?\s*\(/gi },
  { rule: 'session advisory lock', pattern: /\bpg_advisory_unlock(?:_shared|_all)?\s*\(/gi },
  { rule: 'LISTEN/NOTIFY', pattern: /\b(?:un)?listen\s+(?:[a-z_"*])/gi },
  { rule: 'LISTEN/NOTIFY', pattern: /\bnotify\s+[a-z_"]|\bpg_notify\s*\(/gi },
  // SET at the start of a statement (after a quote, a backtick or a semicolon), not SET LOCAL,
  // SET TRANSACTION or SET CONSTRAINTS; UPDATE … SET never follows those.
  {
    rule: 'SET outside a transaction',
    pattern:
      /(?:^|[`'";])\s*set\s+(?!local\b|transaction\b|constraints\b)(?:session\s+)?[a-z_.]+\s*(?:=|\bto\b)/gi,
  },
  { rule: 'SET outside a transaction', pattern: /\bset_config\s*\([^)]*,\s*false\s*\)/gi },
  { rule: 'named prepared statement', pattern: /(?:^|[`'";])\s*prepare\s+[a-z_]+/gi },
  { rule: 'named prepared statement', pattern: /\.query\(\s*\{[^}]*\bname\s*:/g },
  { rule: 'temporary table', pattern: /\bcreate\s+(?:global\s+|local\s+)?(?:temp|temporary)\s+table\b/gi },
  { rule: 'cursor WITH HOLD', pattern: /\bwith\s+hold\b/gi },
];

/** Blanks comments (keeping line breaks), so that prose does not count. */
function withoutComments(text: string, kind: 'ts' | 'sql'): string {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  const out = text.replace(/\/\*[\s\S]*?\*\//g, blank);
  return kind === 'sql' ? out.replace(/--[^\n]*/g, blank) : out.replace(/(^|[^:'"`])\/\/[^\n]*/g, blank);
}

/** What in `text` (a TypeScript or SQL source) would break under transaction pooling. */
export function poolingFindings(file: string, text: string): PoolingFinding[] {
  const kind = file.endsWith('.sql') ? 'sql' : 'ts';
  const code = withoutComments(text, kind);
  const findings: PoolingFinding[] = [];
  for (const { rule, pattern } of RULES)
    for (const match of code.matchAll(pattern)) {
      const line = code.slice(0, match.index).split('\n').length;
      findings.push({ file, line, rule, text: match[0].trim() });
    }
  return findings.sort((a, b) => a.line - b.line);
}

/** Every non-test source and migration under `root` (apps/server/src), this checker excepted. */
export function checkPoolingTree(root: string): { files: number; findings: PoolingFinding[] } {
  const findings: PoolingFinding[] = [];
  let files = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|sql)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !path.includes('/test/'))
        if (path !== fileURLToPath(import.meta.url)) {
          files += 1;
          findings.push(...poolingFindings(relative(root, path), readFileSync(path, 'utf8')));
        }
    }
  };
  walk(root);
  return { files, findings };
}
