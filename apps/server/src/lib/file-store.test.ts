import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStoreContract } from '../test/file-store-contract';
import { LocalFileStore, sha256Hex } from './file-store';

fileStoreContract('local folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'tn-files-'));
  return Promise.resolve({
    store: new LocalFileStore(root),
    close: () => Promise.resolve(rmSync(root, { recursive: true, force: true })),
  });
});

describe('LocalFileStore', () => {
  const root = mkdtempSync(join(tmpdir(), 'tn-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lays files out as <root>/<first two hex digits>/<sha256>, with no temporary file left', async () => {
    const store = new LocalFileStore(root);
    const contents = Array.from({ length: 6 }, (_, i) => Buffer.from(`bản ${i}`));
    await Promise.all([...contents, ...contents].map((c) => store.put(c)));
    for (const content of contents) {
      const sha = sha256Hex(content);
      expect(readFileSync(join(root, sha.slice(0, 2), sha))).toEqual(content);
    }
    const names = readdirSync(root, { recursive: true, encoding: 'utf8' });
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
