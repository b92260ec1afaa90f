/**
 * `npm run backup [-- <folder>]` and `npm run restore -- <folder> [--replace]`.
 *
 * Same database and file store as the server (config.ts): DATABASE_URL, or the embedded database
 * and files in DATA_DIR.
 * - Backup: PostgreSQL is backed up while the platform runs (one snapshot); the embedded database
 *   is opened by one process at a time, so stop the server first (the command says so if not).
 *   Default folder: BACKUP_DIR (default ./backups)/sao-luu-<date>-<time>.
 * - Restore: into an empty database only. PostgreSQL: create a new database and point
 *   DATABASE_URL at it. Embedded: DATA_DIR must have no database yet, or pass --replace to move the
 *   current one aside (DATA_DIR/pglite.truoc-khoi-phuc-<date>-<time>, nothing is deleted).
 * Exit codes: 0 done, 1 refused or failed (the message says why), 2 wrong usage.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config';
import {
  embeddedDatabaseDir,
  openConfiguredDatabase,
  openPGlite,
  type DatabaseHandle,
} from '../../db/database';
import { openFileStore } from '../../lib/s3-file-store';
import type { Actor } from '../audit';
import { createBackup } from './backup';
import { restoreBackup } from './restore';

function stamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

function operator(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  return { userId: null, label: `cli:${name}`, ip: null };
}

async function backup(args: string[]): Promise<number> {
  const config = loadConfig();
  const embedded = embeddedDatabaseDir(config);
  if (!config.databaseUrl && !existsSync(embedded)) {
    console.error(`Không có cơ sở dữ liệu: chưa đặt DATABASE_URL và không có ${embedded}.`);
    return 1;
  }
  const out = resolve(args[0] ?? join(process.env.BACKUP_DIR || './backups', `sao-luu-${stamp()}`));
  const handle = await openConfiguredDatabase(config, { poolSize: 2 });
  const started = Date.now();
  try {
    const files = openFileStore({ ...config, filesDir: resolve(config.filesDir) });
    console.log(
      `Sao lưu ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : embedded} và kho tệp ${files.location} → ${out}`,
    );
    const manifest = await createBackup({
      db: handle.db,
      kind: handle.kind,
      files,
      out,
      actor: operator(),
      log: (line) => console.log(line),
    });
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    const bytes = manifest.tables.reduce((sum, t) => sum + t.bytes, 0) + manifest.files.bytes;
    console.log(
      `Xong trong ${((Date.now() - started) / 1000).toFixed(1)} s: ${manifest.tables.length} bảng, ${rows.toLocaleString('vi-VN')} dòng, ` +
        `${manifest.files.count.toLocaleString('vi-VN')} tệp đính kèm, ${(bytes / 1024 / 1024).toFixed(1)} MB.`,
    );
    for (const chain of manifest.chains)
      console.log(
        `  Chuỗi lịch sử ${chain.table}: ${chain.broken ? `HỎNG (${chain.broken})` : `${chain.entries} mục, đầu chuỗi ${chain.head ?? '—'}`}`,
      );
    if (manifest.files.missing.length > 0) {
      console.error(
        `Thiếu ${manifest.files.missing.length} tệp đính kèm trong kho tệp: ${manifest.files.missing.join(', ')}`,
      );
      return 1;
    }
    return manifest.chains.some((c) => c.broken) ? 1 : 0;
  } finally {
    await handle.close();
  }
}

async function restore(args: string[]): Promise<number> {
  const replace = args.includes('--replace');
  const folders = args.filter((a) => !a.startsWith('--'));
  if (folders.length !== 1) {
    console.error('Cách dùng: npm run restore -- <thư mục sao lưu> [--replace]');
    return 2;
  }
  const dir = resolve(folders[0]!);
  const config = loadConfig();
  const embedded = embeddedDatabaseDir(config);
  let movedAside: string | null = null;
  // A failed restore into a folder it created leaves nothing behind (the next start would seed it).
  const fresh = !config.databaseUrl && (!existsSync(embedded) || readdirSync(embedded).length === 0);
  if (!config.databaseUrl && existsSync(embedded) && readdirSync(embedded).length > 0) {
    if (!replace) {
      console.error(
        `${embedded} đã có cơ sở dữ liệu. Dừng máy chủ rồi chạy lại với --replace để chuyển nó sang một thư mục khác (không xoá), hoặc đặt DATA_DIR khác.`,
      );
      return 1;
    }
    // Take the lock first: the server must not be running on the folder we move.
    const probe = await openPGlite(embedded);
    await probe.close();
    movedAside = `${embedded}.truoc-khoi-phuc-${stamp()}`;
    renameSync(embedded, movedAside);
    console.log(`Cơ sở dữ liệu hiện có được chuyển sang ${movedAside}`);
  }
  const started = Date.now();
  let handle: DatabaseHandle | null = null;
  try {
    handle = await openConfiguredDatabase(config, { poolSize: 2 });
    console.log(`Khôi phục ${dir} → ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : embedded}`);
    const report = await restoreBackup({
      db: handle.db,
      files: openFileStore({ ...config, filesDir: resolve(config.filesDir) }),
      dir,
      actor: operator(),
      log: (line) => console.log(line),
    });
    console.log(
      `Xong trong ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.rows.toLocaleString('vi-VN')} dòng, ${report.files} tệp đính kèm` +
        (report.laterMigrations.length > 0
          ? `; migration mới áp dụng sau khi nạp: ${report.laterMigrations.join(', ')}`
          : '') +
        '. Phiên đăng nhập cũ không còn hiệu lực: mọi người đăng nhập lại.',
    );
    return 0;
  } catch (error) {
    if (handle) await handle.close();
    handle = null;
    if (movedAside || fresh) rmSync(embedded, { recursive: true, force: true });
    if (movedAside) {
      renameSync(movedAside, embedded);
      console.error(`Đã trả lại cơ sở dữ liệu cũ vào ${embedded}.`);
    }
    throw error;
  } finally {
    if (handle) await handle.close();
  }
}

const [command, ...args] = process.argv.slice(2);
const run = command === 'backup' ? backup : command === 'restore' ? restore : null;
if (!run) {
  console.error('Cách dùng: cli.ts backup [thư mục] | restore <thư mục> [--replace]');
  process.exit(2);
}
run(args).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `${command === 'backup' ? 'Sao lưu' : 'Khôi phục'} không thành công: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
