/**
 * Restores a backup (format in manifest.ts) into an empty database and the attachment store:
 * 1. checks the backup against its manifest (every table file and stored file by SHA-256) and
 *    that this version of the platform knows every migration the backup was taken on;
 * 2. builds the schema the backup was taken on (migrations up to its last one);
 * 3. copies the files into the store the configuration names, local folder or S3-compatible
 *    (content-addressed: a file already there is kept);
 * 4. loads every table in ONE transaction, parents before children, with the tables' own
 *    triggers switched off (the rows already carry their history hashes and statistics), resets
 *    the id sequences, then checks row counts and recomputes both history chains, which must end
 *    on the head hashes the backup recorded; any difference rolls everything back;
 * 5. applies the migrations added since the backup was taken.
 * Sign-in sessions are not in backups: everyone signs in again after a restore.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { defaultMigrationsDir, migrate, readMigrations } from '../../db/migrate';
import type { FileStore } from '../../lib/file-store';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit';
import { verifyChains } from '../audit';
import { evidenceLogPresent, rebaseAfterRestore, verifyEvidence } from '../evidence';
import { insertionOrder, parentsFirst, readTables, type TableInfo } from './catalogue';
import {
  BackupError,
  fileInBackup,
  readFileIndex,
  readManifest,
  verifyBackup,
  type BackupManifest,
} from './manifest';

export interface RestoreInput {
  db: Kysely<Database>;
  files: FileStore;
  dir: string;
  migrationsDir?: string;
  /** Who restores (the command line passes the operating-system user). */
  actor?: Actor;
  log?: (line: string) => void;
}

export interface RestoreReport {
  manifest: BackupManifest;
  rows: number;
  files: number;
  /** Migrations applied after the data was loaded (added since the backup was taken). */
  laterMigrations: number[];
}

/** Rows per INSERT, and the text size that closes a batch early (rows with large forms). */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 4_000_000;

async function targetIsEmpty(db: Kysely<Database>): Promise<boolean> {
  const ledger = await sql<{ present: boolean }>`
    select to_regclass('schema_migrations') is not null as present`.execute(db);
  if (!ledger.rows[0]?.present) return true;
  const users = await sql<{ present: boolean }>`select to_regclass('users') is not null as present`.execute(
    db,
  );
  if (!users.rows[0]?.present) return true;
  const any = await sql`select 1 from users limit 1`.execute(db);
  return any.rows.length === 0;
}

async function* readLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) yield line;
}

async function insertBatch(trx: Transaction<Database>, table: TableInfo, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(table.name)} (${columns})
    select ${columns} from jsonb_populate_recordset(null::${sql.table(table.name)}, ${`[${lines.join(',')}]`}::jsonb)`.execute(
    trx,
  );
}

async function loadTable(trx: Transaction<Database>, table: TableInfo, path: string): Promise<number> {
  let rows = 0;
  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    await insertBatch(trx, table, batch);
    rows += batch.length;
    batch = [];
    chars = 0;
  };
  if (table.selfReferences.length > 0) {
    // Small tables (the administrative units): read whole, parents placed before their children.
    const all: Array<{ line: string; value: Record<string, unknown> }> = [];
    for await (const line of readLines(path))
      all.push({ line, value: JSON.parse(line) as Record<string, unknown> });
    for (const { line } of parentsFirst(all, table)) {
      batch.push(line);
      // One row per statement would be slow; a batch must still not hold a child before its parent,
      // which the order guarantees within and across batches.
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
    return rows;
  }
  for await (const line of readLines(path)) {
    batch.push(line);
    chars += line.length;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
  }
  await flush();
  return rows;
}

export async function restoreBackup(input: RestoreInput): Promise<RestoreReport> {
  const { db, dir } = input;
  const log = input.log ?? (() => {});
  const migrationsDir = input.migrationsDir ?? defaultMigrationsDir();
  const manifest = readManifest(dir);
  log('Kiểm tra bản sao lưu (mã băm SHA-256 của từng tệp)…');
  await verifyBackup(dir, manifest);

  const known = new Map(readMigrations(migrationsDir).map((m) => [m.version, m]));
  for (const migration of manifest.migrations) {
    const ours = known.get(migration.version);
    if (!ours)
      throw new BackupError(
        `Bản sao lưu được tạo từ phiên bản mới hơn (có migration ${migration.version}_${migration.name}); hãy khôi phục bằng phiên bản nền tảng đó hoặc mới hơn.`,
        `The backup comes from a newer version (migration ${migration.version}_${migration.name}); restore it with that version or later.`,
      );
    if (ours.checksum !== migration.checksum)
      throw new BackupError(
        `Migration ${migration.version}_${migration.name} của bản sao lưu khác với migration cùng số của phiên bản này.`,
        `Migration ${migration.version}_${migration.name} differs between the backup and this version.`,
      );
  }
  if (!(await targetIsEmpty(db)))
    throw new BackupError(
      'Cơ sở dữ liệu đích đã có dữ liệu. Khôi phục vào một cơ sở dữ liệu mới (trống) để không ghi đè dữ liệu đang có.',
      'The target database already holds data. Restore into a new, empty database so nothing is overwritten.',
    );
  const upTo = Math.max(0, ...manifest.migrations.map((m) => m.version));
  await migrate(db, migrationsDir, { upTo });

  const fileKeys = readFileIndex(dir, manifest);
  let copied = 0;
  for (const key of fileKeys) {
    if (await input.files.has(key)) continue;
    // Through the configured store (local folder or S3-compatible), which names a file by its hash.
    const stored = await input.files.put(readFileSync(fileInBackup(dir, key)));
    if (stored !== key)
      throw new BackupError(
        `Tệp đính kèm ${key} đọc từ bản sao lưu không khớp mã băm (${stored}).`,
        `Attachment ${key} read from the backup does not match its hash (${stored}).`,
      );
    copied += 1;
  }
  log(`Tệp đính kèm: ${fileKeys.length} (${copied} tệp chép vào kho)`);

  let total = 0;
  await db.transaction().execute(async (trx) => {
    const tables = insertionOrder(await readTables(trx));
    const listed = new Map(manifest.tables.map((t) => [t.name, t]));
    const missing = tables.filter((t) => !listed.has(t.name)).map((t) => t.name);
    const unknown = manifest.tables.filter((t) => !tables.some((x) => x.name === t.name)).map((t) => t.name);
    if (missing.length > 0 || unknown.length > 0)
      throw new BackupError(
        `Bản sao lưu không khớp lược đồ cơ sở dữ liệu (thiếu bảng: ${missing.join(', ') || 'không'}; bảng lạ: ${unknown.join(', ') || 'không'}).`,
        `The backup does not match the schema (missing: ${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'}).`,
      );
    for (const table of tables)
      await sql`alter table ${sql.table(table.name)} disable trigger user`.execute(trx);
    // Rows the migrations themselves wrote (settings, statistics state) give way to the backup's.
    for (const table of [...tables].reverse()) await sql`delete from ${sql.table(table.name)}`.execute(trx);
    for (const table of tables) {
      const entry = listed.get(table.name)!;
      const rows = await loadTable(trx, table, join(dir, entry.file));
      if (rows !== entry.rows)
        throw new BackupError(
          `Bảng ${table.name}: đọc được ${rows} dòng, manifest ghi ${entry.rows}.`,
          `Table ${table.name}: read ${rows} rows, the manifest says ${entry.rows}.`,
        );
      total += rows;
      log(`  ${table.name}: ${rows.toLocaleString('vi-VN')} dòng`);
    }
    // The evidence entries under this cluster's transaction ids (while the triggers are off).
    await rebaseAfterRestore(trx);
    for (const table of tables)
      await sql`alter table ${sql.table(table.name)} enable trigger user`.execute(trx);
    for (const table of tables)
      for (const column of table.serialColumns)
        await sql`select setval(pg_get_serial_sequence(${table.name}, ${column}),
          coalesce((select max(${sql.ref(column)}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(
          trx,
        );

    for (const report of await verifyChains(trx)) {
      const expected = manifest.chains.find((c) => c.table === report.table);
      const head = report.head?.digest ?? null;
      if (expected && !expected.broken && (report.broken || head !== expected.head))
        throw new BackupError(
          `Chuỗi băm lịch sử ${report.table} sau khi khôi phục không khớp với bản sao lưu (${report.broken ? report.broken.detail : `đầu chuỗi ${String(head)}`}).`,
          `The ${report.table} history chain does not match the backup after restoring.`,
        );
      log(
        `  Chuỗi lịch sử ${report.table}: ${report.broken ? `HỎNG tại ${report.broken.stream} #${report.broken.chainSeq} (như trong bản sao lưu)` : `nguyên vẹn, ${report.checked} mục trong ${report.streams} luồng`}`,
      );
    }
    // The evidence log as it was: the tree, checkpoints, signatures and timestamps, and the
    // backup's latest checkpoint still in it with its root.
    if (await evidenceLogPresent(trx)) {
      const evidence = await verifyEvidence(trx, {
        anchors: manifest.evidence
          ? [{ checkpoint: manifest.evidence.checkpoint, rootHash: manifest.evidence.rootHash }]
          : [],
      });
      if (evidence.problems.length > 0)
        throw new BackupError(
          `Nhật ký chứng cứ sau khi khôi phục không kiểm chứng được: ${evidence.problems[0]}.`,
          `The evidence log does not verify after restoring: ${evidence.problems[0]}.`,
        );
      log(
        `  Nhật ký chứng cứ: ${evidence.checkpoints} điểm kiểm, ${evidence.leaves} mục đã niêm phong, ${evidence.unsealed} mục chờ niêm phong — kiểm chứng đạt`,
      );
    }
    // The restore is itself on the record, as the next entry of the restored audit chain.
    await recordAudit(trx, input.actor ?? SYSTEM_ACTOR, {
      action: 'database.restored',
      entityType: 'backup',
      entityId: manifest.createdAt,
      after: {
        createdAt: manifest.createdAt,
        source: manifest.source.database,
        rows: total,
        files: fileKeys.length,
      },
    });
  });

  const laterMigrations = await migrate(db, migrationsDir);
  return { manifest, rows: total, files: fileKeys.length, laterMigrations };
}
