/**
 * Writes a backup (format in manifest.ts) from one consistent snapshot of the database: every
 * table is read inside a single REPEATABLE READ, READ ONLY transaction, so on PostgreSQL the
 * platform keeps serving while it runs and the backup still shows one moment. Files are copied
 * after the rows; the store is content-addressed and never rewrites a file, so every file a row
 * of the snapshot refers to is there to copy.
 *
 * The folder is written as `<out>.partial` and renamed when complete: a folder without that suffix
 * and with a manifest.json is a finished backup.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../../db/database';
import type { Database } from '../../db/schema';
import type { FileStore } from '../../lib/file-store';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit';
import { verifyChains } from '../audit/chain';
import { readTables } from './catalogue';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  fileInBackup,
  sha256File,
  type BackupManifest,
} from './manifest';

const FETCH = 2000;

export interface BackupInput {
  db: Kysely<Database>;
  kind: DatabaseKind;
  files: FileStore;
  out: string;
  /** Who takes the backup (the command line passes the operating-system user). */
  actor?: Actor;
  log?: (line: string) => void;
}

export async function createBackup(input: BackupInput): Promise<BackupManifest> {
  const { db, out } = input;
  const log = input.log ?? (() => {});
  if (existsSync(out))
    throw new BackupError(
      `Thư mục ${out} đã tồn tại; chọn thư mục khác cho bản sao lưu.`,
      `${out} already exists; choose another folder for the backup.`,
    );
  const partial = `${out}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(join(partial, 'tables'), { recursive: true });
  await mkdir(join(partial, 'files'), { recursive: true });
  try {
    const snapshot = await db.transaction().execute(async (trx) => {
      await sql`set transaction isolation level repeatable read, read only`.execute(trx);
      const migrations = await sql<{ version: number; name: string; checksum: string }>`
        select version, name, checksum from schema_migrations order by version`.execute(trx);
      const tables: BackupManifest['tables'] = [];
      const fileKeys = new Set<string>();
      for (const table of await readTables(trx)) {
        const file = `tables/${table.name}.jsonl.gz`;
        const order = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
        await sql`declare backup_rows no scroll cursor for
          select to_jsonb(t)::text as line from ${sql.table(table.name)} as t
          order by ${sql.join(order.map((c) => sql.ref(`t.${c}`)))}`.execute(trx);
        let rows = 0;
        async function* lines() {
          for (;;) {
            const batch = await sql<{
              line: string;
            }>`fetch forward ${sql.raw(String(FETCH))} from backup_rows`.execute(trx);
            for (const { line } of batch.rows) {
              rows += 1;
              if (table.fileColumns.length > 0) {
                const value = JSON.parse(line) as Record<string, unknown>;
                for (const column of table.fileColumns) {
                  const key = value[column];
                  if (typeof key === 'string') fileKeys.add(key);
                }
              }
              yield `${line}\n`;
            }
            if (batch.rows.length < FETCH) return;
          }
        }
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(join(partial, file)));
        await sql`close backup_rows`.execute(trx);
        const path = join(partial, file);
        const { size } = await stat(path);
        tables.push({ name: table.name, rows, file, sha256: await sha256File(path), bytes: size });
        log(`  ${table.name}: ${rows.toLocaleString('vi-VN')} dòng`);
      }
      const chains = (await verifyChains(trx)).map((report) => ({
        table: report.table,
        entries: report.broken ? report.checked : (report.head?.chainSeq ?? 0),
        head: report.head?.hash ?? null,
        broken: report.broken ? `chain_seq ${report.broken.chainSeq}: ${report.broken.detail}` : null,
      }));
      return { migrations: migrations.rows, tables, fileKeys, chains };
    });

    // Files: copied and checked against their names (a damaged store file is reported, not copied).
    const keys = [...snapshot.fileKeys].sort();
    const missing: string[] = [];
    let bytes = 0;
    for (const key of keys) {
      const target = fileInBackup(partial, key);
      await mkdir(dirname(target), { recursive: true });
      if (!input.files.has(key)) {
        missing.push(key);
        continue;
      }
      await pipeline(input.files.open(key), createWriteStream(target));
      const actual = await sha256File(target);
      if (actual !== key) {
        await rm(target);
        missing.push(key);
        continue;
      }
      bytes += (await stat(target)).size;
    }
    const present = keys.filter((key) => !missing.includes(key));
    const index = present.map((key) => `${key}\n`).join('');
    await writeFile(join(partial, 'files', 'index.txt'), index);
    if (missing.length > 0) log(`  CẢNH BÁO: ${missing.length} tệp đính kèm không có trong kho tệp`);

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      source: { database: input.kind },
      migrations: snapshot.migrations.map((m) => ({
        version: Number(m.version),
        name: m.name,
        checksum: m.checksum,
      })),
      tables: snapshot.tables,
      files: {
        count: present.length,
        bytes,
        index: 'files/index.txt',
        indexSha256: createHash('sha256').update(index).digest('hex'),
        missing,
      },
      chains: snapshot.chains,
    };
    await writeFile(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, {
      flush: true,
    });
    await rename(partial, out);
    // A backup copies personal data: who took it, and when, is on the record (after the snapshot).
    // (A read-only standby cannot record it; the backup stands and the operator is told.)
    await recordAudit(db, input.actor ?? SYSTEM_ACTOR, {
      action: 'database.backed_up',
      entityType: 'backup',
      entityId: manifest.createdAt,
      after: {
        folder: basename(out),
        rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
        files: manifest.files.count,
      },
    }).catch((error: unknown) =>
      log(`  CẢNH BÁO: không ghi được nhật ký kiểm toán của lần sao lưu (${String(error)})`),
    );
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
