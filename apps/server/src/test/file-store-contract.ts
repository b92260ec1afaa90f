/**
 * What every FileStore backend must do (lib/file-store.ts), run against each one: the local
 * folder (lib/file-store.test.ts) and S3-compatible storage (lib/s3-file-store.test.ts).
 *
 * Keys are the content's SHA-256 in lower-case hex and nothing else: a file name (Vietnamese or
 * not) is refused, which is also what keeps a key from naming a path outside the store. The store
 * has no delete: it is content-addressed and never removes or rewrites a file, which the backup
 * relies on (modules/backup/backup.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, type FileStore } from '../lib/file-store';
import { readAll } from '../lib/s3-file-store';
import { MAX_FILE_BYTES } from '../modules/dossiers';

export interface OpenedStore {
  store: FileStore;
  close?: () => Promise<void>;
}

/** Reads only the first chunk of a stream, then drops it (a download whose client went away). */
async function readFirstChunk(stream: Readable): Promise<number> {
  for await (const chunk of stream) {
    stream.destroy();
    return (chunk as Buffer).length;
  }
  return 0;
}

async function streamError(stream: Readable): Promise<NodeJS.ErrnoException> {
  try {
    await readAll(stream);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
  throw new Error('the stream ended without an error');
}

export function fileStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`FileStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: FileStore;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => {
      await opened?.close?.();
    });

    it('puts a file under its SHA-256 and gives the same bytes back', async () => {
      const content = Buffer.from(`Đơn đề nghị cấp giấy phép — ${randomBytes(8).toString('hex')}\n`);
      const key = await store.put(content);
      expect(key).toBe(createHash('sha256').update(content).digest('hex'));
      expect(await store.has(key)).toBe(true);
      expect(Buffer.compare(await readAll(store.open(key)), content)).toBe(0);
    });

    it('keeps an empty file', async () => {
      const key = await store.put(Buffer.alloc(0));
      expect(key).toBe(sha256Hex(Buffer.alloc(0)));
      expect(await store.has(key)).toBe(true);
      expect((await readAll(store.open(key))).length).toBe(0);
    });

    it('stores identical content once: a second put returns the same key and changes nothing', async () => {
      const content = randomBytes(4096);
      const first = await store.put(content);
      const second = await store.put(Buffer.from(content));
      expect(second).toBe(first);
      expect(Buffer.compare(await readAll(store.open(first)), content)).toBe(0);
    });

    it('streams the largest attachment the platform accepts, in several chunks, byte for byte', async () => {
      const content = randomBytes(MAX_FILE_BYTES);
      const key = await store.put(content);
      const hash = createHash('sha256');
      let chunks = 0;
      let bytes = 0;
      await pipeline(
        store.open(key),
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks += 1;
            bytes += chunk.length;
            hash.update(chunk);
            done();
          },
        }),
      );
      expect(bytes).toBe(MAX_FILE_BYTES);
      expect(chunks).toBeGreaterThan(1);
      expect(hash.digest('hex')).toBe(key);
    });

    it('frees what an abandoned read held: many dropped downloads, then a whole one', async () => {
      const content = randomBytes(2 * 1024 * 1024);
      const key = await store.put(content);
      // More than the S3 client's connection pool (50): a leaked connection per drop would stall.
      for (let i = 0; i < 60; i += 1) expect(await readFirstChunk(store.open(key))).toBeGreaterThan(0);
      // Dropped before the first byte (S3: before the GET answers).
      for (let i = 0; i < 60; i += 1) store.open(key).destroy();
      expect(sha256Hex(await readAll(store.open(key)))).toBe(key);
    }, 60_000);

    it('reports a missing file: has is false, and reading it fails with ENOENT', async () => {
      const absent = sha256Hex(randomBytes(32));
      expect(await store.has(absent)).toBe(false);
      const error = await streamError(store.open(absent));
      expect(error.code).toBe('ENOENT');
    });

    it('refuses keys that are not a SHA-256: file names (Vietnamese or not), paths, upper case', async () => {
      const valid = sha256Hex(Buffer.from('x'));
      for (const key of [
        'Đơn đề nghị.pdf',
        'giấy-phép-xây-dựng',
        '../../etc/passwd',
        `${valid.slice(0, 2)}/${valid}`,
        valid.toUpperCase(),
        valid.slice(1),
        '',
      ]) {
        await expect(store.has(key), key).rejects.toThrow(/invalid file key/);
        expect(() => store.open(key), key).toThrow(/invalid file key/);
      }
    });

    it('takes concurrent writes: distinct files and the same file at once, all intact', async () => {
      const distinct = Array.from({ length: 24 }, (_, i) =>
        Buffer.concat([Buffer.from(`tệp ${i} `), randomBytes(64 * 1024 + i)]),
      );
      const same = randomBytes(256 * 1024);
      const keys = await Promise.all([
        ...distinct.map((content) => store.put(content)),
        ...Array.from({ length: 8 }, () => store.put(Buffer.from(same))),
      ]);
      expect(keys.slice(0, distinct.length)).toEqual(distinct.map((c) => sha256Hex(c)));
      expect(new Set(keys.slice(distinct.length))).toEqual(new Set([sha256Hex(same)]));
      const read = await Promise.all(keys.map(async (key) => sha256Hex(await readAll(store.open(key)))));
      expect(read).toEqual(keys);
    }, 60_000);
  });
}
