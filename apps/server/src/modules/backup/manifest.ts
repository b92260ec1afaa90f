/**
 * A backup is a folder:
 *   manifest.json            what is in it, with the SHA-256 of every table file (written last)
 *   tables/<table>.jsonl.gz  one row per line, as PostgreSQL's to_jsonb prints it, in key order
 *   files/<ab>/<sha256>      the attachment store's files, each named by its own SHA-256
 * The same format serves both databases, so an embedded installation's backup restores onto
 * PostgreSQL (the way to move a province from the embedded database to a server) and back.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../http/errors';

export const BACKUP_FORMAT = 'tayninh-egov-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: { database: 'pglite' | 'postgres' };
  /** Migrations the backed-up schema had, as recorded in schema_migrations. */
  migrations: Array<{ version: number; name: string; checksum: string }>;
  tables: Array<{ name: string; rows: number; file: string; sha256: string; bytes: number }>;
  /**
   * Files of the attachment store that rows refer to: their list (one SHA-256 per line) is in
   * `index`, itself checked by `indexSha256`; `missing` names those the store did not have.
   */
  files: { count: number; bytes: number; index: string; indexSha256: string; missing: string[] };
  /**
   * The history chains as verified inside the backup's snapshot: entries checked and the digest of
   * the streams' heads (audit/chain.ts ChainReport.head).
   */
  chains: Array<{ table: string; entries: number; head: string | null; broken: string | null }>;
  /** The evidence log's latest checkpoint in the snapshot (an anchor for audit:verify --backup). */
  evidence?: { checkpoint: number; treeSize: number; rootHash: string } | null;
}

export class BackupError extends DomainError {
  constructor(message: string, messageEn: string) {
    super({ code: 'backup_invalid', status: 422, message, messageEn });
  }
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export function fileInBackup(dir: string, sha256: string): string {
  return join(dir, 'files', sha256.slice(0, 2), sha256);
}

export function readManifest(dir: string): BackupManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path))
    throw new BackupError(
      `Không có tệp manifest.json trong ${dir}: đây không phải bản sao lưu, hoặc bản sao lưu chưa ghi xong.`,
      `No manifest.json in ${dir}: not a backup, or an unfinished one.`,
    );
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError('Tệp manifest.json bị hỏng.', 'manifest.json is not valid JSON.');
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(
      `Định dạng sao lưu không được hỗ trợ (${String(manifest.format)} v${String(manifest.formatVersion)}).`,
      `Unsupported backup format (${String(manifest.format)} v${String(manifest.formatVersion)}).`,
    );
  return manifest;
}

/** Checks every table file and every stored file against the manifest before anything is restored. */
export async function verifyBackup(dir: string, manifest: BackupManifest): Promise<void> {
  for (const table of manifest.tables) {
    const path = join(dir, table.file);
    if (!existsSync(path))
      throw new BackupError(
        `Thiếu tệp dữ liệu ${table.file} của bảng ${table.name}.`,
        `Missing ${table.file}.`,
      );
    const actual = await sha256File(path);
    if (actual !== table.sha256)
      throw new BackupError(
        `Tệp dữ liệu ${table.file} của bảng ${table.name} đã bị thay đổi hoặc hỏng (mã băm SHA-256 không khớp).`,
        `${table.file} was changed or is damaged (SHA-256 mismatch).`,
      );
  }
  const index = join(dir, manifest.files.index);
  if (!existsSync(index) || (await sha256File(index)) !== manifest.files.indexSha256)
    throw new BackupError(
      'Danh sách tệp đính kèm của bản sao lưu bị thiếu hoặc đã bị thay đổi.',
      'The list of attached files is missing or was changed.',
    );
  for (const sha256 of readFileIndex(dir, manifest)) {
    const path = fileInBackup(dir, sha256);
    if (!existsSync(path) || (await sha256File(path)) !== sha256)
      throw new BackupError(
        `Tệp đính kèm ${sha256.slice(0, 12)}… trong bản sao lưu bị thiếu hoặc hỏng (mã băm SHA-256 không khớp).`,
        `Attached file ${sha256.slice(0, 12)}… is missing from the backup or damaged.`,
      );
  }
}

export function readFileIndex(dir: string, manifest: BackupManifest): string[] {
  return readFileSync(join(dir, manifest.files.index), 'utf8')
    .split('\n')
    .filter((line) => /^[0-9a-f]{64}$/.test(line));
}
