import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/**/src/**/*.test.ts', 'packages/**/src/**/*.test.ts', 'apps/web/e2e/**/*.test.ts'],
    // PGlite instances are large; two workers match the two cores of the reference machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['apps/server/src/test/global-setup.ts'],
    // @peculiar's packages (x509, asn1-*) name an ES build in "module" that Node never loads (it
    // loads "main", CommonJS, as the built server does). Run through Vite's module runner, their
    // import cycles could evaluate asn1-rsa before asn1-schema's types were registered ("Cannot
    // get schema for 'OctetString'"), depending on which file imported them first. Node loads
    // them in tests exactly as in production.
    server: { deps: { external: [/\/node_modules\/@peculiar\//] } },
  },
});
