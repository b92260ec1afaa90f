/**
 * The S3 backend against a real S3-compatible server: s3rver, started as its own process on a
 * loopback port (test/s3rver.ts), reached over HTTP by the real @aws-sdk/client-s3, with the same
 * contract as the local folder (test/file-store-contract.ts).
 *
 * What this proves: requests, path-style addressing, bucket and prefix layout, the bytes stored
 * (a body sent with aws-chunked framing or checksum trailers would be stored with them and fail
 * the hash checks), missing-object and bad-key handling, streaming and connection reuse.
 * What it does NOT prove:
 * - credentials: s3rver does not verify Signature V4 (any signature passes once the access key id
 *   is S3RVER), so a wrong secret key or a clock skew that MinIO or Ceph RGW would refuse passes;
 * - integrity on the way: s3rver ignores Content-MD5, so the refusal of damaged uploads is
 *   the real server's job and is not exercised;
 * - multipart uploads (not used: one PUT per file, 10 MiB at most), and MinIO's or Ceph RGW's
 *   own quirks: error codes, eventual listing, virtual-host addressing, TLS, bucket policies.
 * Try the real server before going to production (docs/OPERATIONS.md, "Files on S3-compatible
 * storage").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { filesConfig } from '../config';
import { fileStoreContract } from '../test/file-store-contract';
import { startS3rver, type S3rverProcess } from '../test/s3rver';
import { LocalFileStore, sha256Hex } from './file-store';
import { openFileStore, readAll, S3FileStore } from './s3-file-store';

/** Where s3rver keeps an object's bytes (its filesystem store, one folder per bucket). */
function storedObject(s3: S3rverProcess, bucket: string, key: string): string {
  return join(s3.directory, bucket, `${key}._S3rver_object`);
}

let s3: S3rverProcess;
beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket('tep-dinh-kem');
  await s3.createBucket('voi-tien-to');
});
afterAll(async () => {
  await s3?.stop();
});

fileStoreContract('S3-compatible (s3rver)', () => {
  const store = new S3FileStore(s3.settings('tep-dinh-kem'));
  return Promise.resolve({ store, close: () => Promise.resolve(store.close()) });
});

describe('S3FileStore on s3rver', () => {
  it('names objects <prefix><two hex digits>/<sha256>, the layout of the local folder', async () => {
    const store = new S3FileStore(s3.settings('voi-tien-to', 'tay-ninh/files/'));
    try {
      const content = Buffer.from('Giấy biên nhận hồ sơ');
      const sha = await store.put(content);
      expect(store.location).toBe('s3://voi-tien-to/tay-ninh/files/');
      const path = storedObject(s3, 'voi-tien-to', `tay-ninh/files/${sha.slice(0, 2)}/${sha}`);
      // s3rver answers the PUT when its hashing stream ends, before its write stream has flushed
      // the file (lib/stores/filesystem.js, putObject), so the file may still be empty for a moment.
      await vi.waitFor(() => expect(readFileSync(path)).toEqual(content), { timeout: 2000 });
      // Another prefix in the same bucket is another store.
      const other = new S3FileStore(s3.settings('voi-tien-to', 'khac/'));
      expect(await other.has(sha)).toBe(false);
      other.close();
    } finally {
      store.close();
    }
  });

  it('is what FILES_BACKEND=s3 with the S3_* variables opens, and FILES_BACKEND=local the folder', async () => {
    const config = filesConfig({
      FILES_BACKEND: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: 'tep-dinh-kem',
      S3_PREFIX: 'tu-bien-moi-truong',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    expect(config).toMatchObject({ backend: 's3', forcePathStyle: true, prefix: 'tu-bien-moi-truong/' });
    const store = openFileStore({ files: config, filesDir: '/nowhere' });
    expect(store).toBeInstanceOf(S3FileStore);
    try {
      const sha = await store.put(Buffer.from('qua cấu hình'));
      expect(
        existsSync(storedObject(s3, 'tep-dinh-kem', `tu-bien-moi-truong/${sha.slice(0, 2)}/${sha}`)),
      ).toBe(true);
    } finally {
      (store as S3FileStore).close();
    }
    expect(openFileStore({ files: filesConfig({}), filesDir: '/tmp/x' })).toBeInstanceOf(LocalFileStore);
    expect(() => filesConfig({ FILES_BACKEND: 's3' })).toThrow(/S3_BUCKET/);
    expect(() => filesConfig({ FILES_BACKEND: 'minio' })).toThrow(/local or s3/);
    expect(() => filesConfig({ FILES_BACKEND: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together/,
    );
    // No endpoint: AWS S3 itself, virtual-hosted addressing, credentials from the SDK's chain.
    expect(filesConfig({ FILES_BACKEND: 's3', S3_BUCKET: 'b' })).toMatchObject({
      endpoint: undefined,
      forcePathStyle: false,
      accessKeyId: undefined,
    });
  });

  it('sends the credentials it is given: an access key the server does not know is refused', async () => {
    const store = new S3FileStore({ ...s3.settings('tep-dinh-kem'), accessKeyId: 'KHONG-CO' });
    try {
      // The HEAD before a put has no body to name the error: a bare 403.
      await expect(store.put(Buffer.from('bị từ chối'))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 403 },
      });
      const error = await readAll(store.open(sha256Hex(Buffer.from('x')))).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'InvalidAccessKeyId' });
    } finally {
      store.close();
    }
  });

  it('reports a missing bucket as itself, not as a missing file', async () => {
    const store = new S3FileStore(s3.settings('khong-ton-tai'));
    try {
      await expect(store.put(Buffer.from('x'))).rejects.toMatchObject({ name: 'NoSuchBucket' });
      const error = await readAll(store.open(sha256Hex(Buffer.from('x')))).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'NoSuchBucket' });
      expect(error).not.toMatchObject({ code: 'ENOENT' });
    } finally {
      store.close();
    }
  });

  it('reads an object another writer put under the same layout (a folder copied into a bucket)', async () => {
    const store = new S3FileStore(s3.settings('tep-dinh-kem'));
    try {
      const content = Buffer.from('chép từ thư mục cục bộ');
      const sha = sha256Hex(content);
      await store.client.send(
        new PutObjectCommand({ Bucket: 'tep-dinh-kem', Key: `${sha.slice(0, 2)}/${sha}`, Body: content }),
      );
      expect(await store.has(sha)).toBe(true);
      expect(await readAll(store.open(sha))).toEqual(content);
    } finally {
      store.close();
    }
  });

  it('fails the reader, instead of leaving it waiting, when the storage dies in the middle of a file', async () => {
    const own = await startS3rver();
    const store = new S3FileStore(own.settings('se-hong'));
    try {
      await own.createBucket('se-hong');
      const size = 32 * 1024 * 1024;
      const key = await store.put(randomBytes(size));
      // A slow reader (a download to a slow line): the first bytes arrive, then the storage dies.
      let received = 0;
      const copied = pipeline(
        store.open(key),
        new Writable({
          highWaterMark: 1,
          write(chunk: Buffer, _encoding, done) {
            received += chunk.length;
            setTimeout(done, 5);
          },
        }),
      ).then(
        () => null,
        (error: unknown) => error,
      );
      while (received === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await own.crash();
      expect(await copied).toMatchObject({ code: 'ECONNRESET' });
      expect(received).toBeLessThan(size);
    } finally {
      store.close();
      await own.stop();
    }
  });
});
