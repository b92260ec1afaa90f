/**
 * Content-addressed file store: a file's key is its SHA-256, so identical uploads are stored once
 * and a stored file can be verified at any time. Two backends, chosen by configuration
 * (FILES_BACKEND, see openFileStore in lib/s3-file-store.ts): the local folder (default,
 * DATA_DIR/files) and S3-compatible object storage, which several server instances share.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStore {
  /** Stores durably and returns the content's SHA-256 (nothing is written when already there). */
  put(content: Buffer): Promise<string>;
  /** The stored bytes; a missing file is an error on the stream. */
  open(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
  /** Where the files are, for messages (a folder, or s3://bucket/prefix). */
  readonly location: string;
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function checkFileKey(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid file key');
  return sha256;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  get location(): string {
    return this.root;
  }

  private path(sha256: string): string {
    checkFileKey(sha256);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Writes durably (temp file, then rename) and returns the content's SHA-256. */
  async put(content: Buffer): Promise<string> {
    const sha256 = sha256Hex(content);
    const target = this.path(sha256);
    if (existsSync(target)) return sha256;
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, content, { flush: true });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return sha256;
  }

  open(sha256: string): Readable {
    return createReadStream(this.path(sha256));
  }

  /** A rejected promise for an invalid key, as with S3 (not an exception thrown by the call). */
  async has(sha256: string): Promise<boolean> {
    return existsSync(this.path(sha256));
  }
}
