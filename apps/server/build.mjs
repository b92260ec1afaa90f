// Bundles the server into dist/main.js (npm dependencies stay in node_modules; the workspace's
// own TypeScript packages, @tayninh/*, are bundled in) and copies the SQL migrations beside it,
// where the migration runner looks for them.
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys(manifest.dependencies ?? {})
  .filter((name) => !name.startsWith('@tayninh/'))
  .flatMap((name) => [name, `${name}/*`]);

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  sourcemap: true,
  logLevel: 'warning',
});
cpSync('src/db/migrations', 'dist/migrations', { recursive: true });
