/**
 * Writes a backup (format in manifest.ts) from one consistent snapshot of the database: every
 * table is read inside a single REPEATABLE READ, READ ONLY transaction, so on PostgreSQL the
 * platform keeps serving while it runs and the backup still shows one moment. Files are copied
 * after the rows, read through the store the configuration names (local folder or S3-compatible
 * bucket) into the backup folder; the store is content-addressed and never rewrites a file, so
 * every file a row of the snapshot refers to is there to copy.
 *
 * The folder is written as `<out>.partial` and renamed when complete: a folder without that suffix
 * and with a manifest.json is a finished backup.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Readable, Transform } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../../db/database';
import type { Database } from '../../db/schema';
import type { FileStore } from '../../lib/file-store';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit';
import { verifyChains } from '../audit';
import { latestCheckpointSummary } from '../evidence';
import { readTables } from './catalogue';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  fileInBackup,
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

/** Writes a stream to a file (through `transforms`), hashing and counting what is written. */
async function writeHashed(
  path: string,
  source: Readable,
  ...transforms: Transform[]
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline([source, ...transforms, tap, createWriteStream(path)]);
  return { sha256: hash.digest('hex'), bytes };
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
        // The row as JSON, and beside it the keys of stored files it refers to (if any).
        const keyColumns = table.fileColumns.map(
          (c, i) => sql`${sql.ref(`t.${c}`)}::text as ${sql.ref(`key${i}`)}`,
        );
        await sql`declare backup_rows no scroll cursor for
          select ${sql.join([sql`to_jsonb(t)::text as line`, ...keyColumns])} from ${sql.table(table.name)} as t
          order by ${sql.join(order.map((c) => sql.ref(`t.${c}`)))}`.execute(trx);
        let rows = 0;
        async function* lines() {
          for (;;) {
            const batch = await sql<Record<string, string | null> & { line: string }>`
              fetch forward ${sql.raw(String(FETCH))} from backup_rows`.execute(trx);
            for (const row of batch.rows) {
              rows += 1;
              for (let i = 0; i < keyColumns.length; i++) {
                const key = row[`key${i}`];
                if (key) fileKeys.add(key);
              }
              yield `${row.line}\n`;
            }
            if (batch.rows.length < FETCH) return;
          }
        }
        const written = await writeHashed(join(partial, file), Readable.from(lines()), createGzip());
        await sql`close backup_rows`.execute(trx);
        tables.push({ name: table.name, rows, file, ...written });
        log(`  ${table.name}: ${rows.toLocaleString('vi-VN')} dòng`);
      }
      const chains = (await verifyChains(trx)).map((report) => ({
        table: report.table,
        entries: report.checked,
        head: report.head?.digest ?? null,
        broken: report.broken
          ? `${report.broken.stream} chain_seq ${report.broken.chainSeq}: ${report.broken.detail}`
          : null,
      }));
      const evidence = await latestCheckpointSummary(trx);
      return { migrations: migrations.rows, tables, fileKeys, chains, evidence };
    });

    // Files: copied and checked against their names (a damaged store file is reported, not copied).
    const keys = [...snapshot.fileKeys].sort();
    const missing: string[] = [];
    const present: string[] = [];
    let bytes = 0;
    for (const key of keys) {
      const target = fileInBackup(partial, key);
      await mkdir(dirname(target), { recursive: true });
      const copied = (await input.files.has(key)) ? await writeHashed(target, input.files.open(key)) : null;
      if (copied?.sha256 !== key) {
        await rm(target, { force: true });
        missing.push(key);
        continue;
      }
      present.push(key);
      bytes += copied.bytes;
    }
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
      evidence: snapshot.evidence,
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
