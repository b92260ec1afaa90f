/**
 * The S3-compatible backend of the file store (AWS S3, MinIO, Ceph RGW; docs/OPERATIONS.md,
 * "Files on S3-compatible storage"), and the one factory that picks the backend from the
 * configuration: the server (app.ts), its jobs (main.ts) and `npm run backup`/`restore`
 * (backup/cli.ts) all open the store through it. Tested against s3rver (s3-file-store.test.ts,
 * which says what that does not prove).
 *
 * Objects are named <prefix><sha256[0..2]>/<sha256>, the layout of the local folder, so a folder
 * can be copied into a bucket as it is. A put sends the bytes' MD5 (Content-MD5, which AWS S3,
 * MinIO and Ceph RGW check; s3rver does not): the storage refuses bytes damaged on the way. The SDK's newer
 * flexible checksums (CRC32 trailers in aws-chunked bodies) are only sent where an operation
 * requires them, since older MinIO, Ceph RGW and s3rver releases do not all understand them.
 */
import { createHash } from 'node:crypto';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { Config, FilesConfig } from '../config';
import { checkFileKey, LocalFileStore, sha256Hex, type FileStore } from './file-store';

type S3Settings = Extract<FilesConfig, { backend: 's3' }>;

/** No such object. A missing bucket is a misconfiguration, reported as itself (a HEAD answer has no
 * body to tell the two apart, so `has` says false there; put and open report NoSuchBucket). */
function notFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'NoSuchBucket') return false;
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

export class S3FileStore implements FileStore {
  readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    const options: S3ClientConfig = {
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.accessKeyId && settings.secretAccessKey
        ? {
            credentials: {
              accessKeyId: settings.accessKeyId,
              secretAccessKey: settings.secretAccessKey,
            },
          }
        : {}),
    };
    this.client = new S3Client(options);
  }

  get location(): string {
    return `s3://${this.settings.bucket}/${this.settings.prefix}`;
  }

  key(sha256: string): string {
    checkFileKey(sha256);
    return `${this.settings.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  async put(content: Buffer): Promise<string> {
    const sha256 = sha256Hex(content);
    if (await this.has(sha256)) return sha256;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.key(sha256),
        Body: content,
        ContentLength: content.length,
        ContentType: 'application/octet-stream',
        ContentMD5: createHash('md5').update(content).digest('base64'),
      }),
    );
    return sha256;
  }

  /**
   * A stream at once (the callers pipe it); the object's bytes follow when the GET answers. When
   * the reader goes away first (a download whose client left), the request is aborted or the
   * body destroyed, which gives the connection back to the client's pool (50 connections).
   */
  open(sha256: string): Readable {
    const out = new PassThrough();
    const key = this.key(sha256);
    const abort = new AbortController();
    const onClose = () => abort.abort();
    out.once('close', onClose);
    this.client
      .send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }), { abortSignal: abort.signal })
      .then((answer) => {
        out.off('close', onClose);
        const body = answer.Body as Readable | undefined;
        if (!body) throw new Error(`file ${sha256}: empty answer from the storage`);
        // Destroys the body when `out` closes early, and `out` with the error when the body fails.
        pipeline(body, out, () => {});
      })
      .catch((error: unknown) => {
        if (out.destroyed) return;
        out.destroy(
          notFound(error)
            ? Object.assign(new Error(`file ${sha256} not found in ${this.location}`), { code: 'ENOENT' })
            : (error as Error),
        );
      });
    return out;
  }

  close(): void {
    this.client.destroy();
  }
}

/** The file store the configuration names (FILES_BACKEND): local folder or S3-compatible. */
export function openFileStore(config: Pick<Config, 'files' | 'filesDir'>): FileStore {
  return config.files.backend === 's3' ? new S3FileStore(config.files) : new LocalFileStore(config.filesDir);
}

/** Reads a whole stream (tests, backup). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
