/**
 * Content-addressed file store: a file's key is its SHA-256, so identical uploads are stored once
 * and a stored file can be verified at any time. Local folder by default (DATA_DIR/files); an
 * S3-compatible backend can implement the same interface.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStore {
  put(content: Buffer): Promise<string>;
  open(sha256: string): Readable;
  has(sha256: string): boolean;
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid file key');
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

  has(sha256: string): boolean {
    return existsSync(this.path(sha256));
  }
}
