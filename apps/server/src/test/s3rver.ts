/**
 * An S3-compatible server for tests: s3rver (root devDependency) started as its own process on a
 * free loopback port, storing in a temporary folder that `stop` removes. The tests talk to it over
 * HTTP with the real SDK client, exactly as the server talks to MinIO or Ceph RGW.
 *
 * What s3rver is not (read before trusting a green test): it does not check Signature V4 (it
 * accepts any signature once the access key id is one it knows, S3RVER), it does not check
 * Content-MD5, and it has none of the multipart, consistency or error quirks of MinIO or Ceph RGW.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { FilesConfig } from '../config';

type S3Settings = Extract<FilesConfig, { backend: 's3' }>;

/** The one account s3rver knows (its access key id is checked, the secret is not). */
export const S3RVER_KEY = 'S3RVER';

export interface S3rverProcess {
  endpoint: string;
  /** Where s3rver keeps the buckets (objects under <bucket>/<key>._S3rver_object). */
  directory: string;
  /** Settings as filesConfig() would build them from S3_* variables pointing here. */
  settings(bucket: string, prefix?: string): S3Settings;
  /** Creates a bucket through the S3 API (path-style), as an operator does on MinIO or Ceph RGW. */
  createBucket(bucket: string): Promise<void>;
  /** Kills the process at once (SIGKILL): the storage failing under a reader. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

function s3rverBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('s3rver/package.json')), 'bin', 's3rver.js');
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`s3rver did not start: ${out}${err}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /S3rver listening on [^:\s]+:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with ${String(code)}: ${out}${err}`));
    });
  });
}

export async function startS3rver(): Promise<S3rverProcess> {
  const directory = mkdtempSync(join(tmpdir(), 'tn-s3rver-'));
  const child = spawn(
    process.execPath,
    [s3rverBin(), '--directory', directory, '--address', '127.0.0.1', '--port', '0', '--silent'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let port: number;
  try {
    port = await waitForPort(child);
  } catch (error) {
    child.kill();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const settings = (bucket: string, prefix = ''): S3Settings => ({
    backend: 's3',
    endpoint,
    bucket,
    region: 'us-east-1',
    prefix,
    accessKeyId: S3RVER_KEY,
    secretAccessKey: S3RVER_KEY,
    forcePathStyle: true,
  });
  return {
    endpoint,
    directory,
    settings,
    async createBucket(bucket) {
      const client = new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY },
      });
      try {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      } finally {
        client.destroy();
      }
    },
    async crash() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
