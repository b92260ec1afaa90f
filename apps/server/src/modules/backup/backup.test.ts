import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { openPGlite } from '../../db/database';
import type { Database } from '../../db/schema';
import { LocalFileStore, sha256Hex } from '../../lib/file-store';
import { emptyDatabase } from '../../test/empty-database';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
import { multipart, PDF, PNG, submitPermit } from '../../test/dossier-fixtures';
import { verifyChains } from '../audit';
import { createBackup } from './backup';
import { EXCLUDED_TABLES, insertionOrder, parentsFirst, readTables, type TableInfo } from './catalogue';
import type { BackupManifest } from './manifest';
import { restoreBackup } from './restore';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../../../..');
const CLI = join(ROOT, 'apps/server/src/modules/backup/cli.ts');

/**
 * Every row of every backed-up table, as PostgreSQL prints it in UTC, in key order; of the tables
 * in `firstRows`, only that many first rows (what the backup held, before later entries).
 * An evidence entry's transaction id is the cluster's own (a restore puts its own).
 */
async function contents(
  db: Kysely<Database>,
  firstRows: Record<string, number>,
): Promise<Map<string, string[]>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local timezone = 'UTC'`.execute(trx);
    const result = new Map<string, string[]>();
    for (const table of await readTables(trx)) {
      const order = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
      const limit = firstRows[table.name] === undefined ? sql`` : sql`limit ${firstRows[table.name]}`;
      const json = table.name === 'evidence_entries' ? sql`to_jsonb(t) - 'txid'` : sql`to_jsonb(t)`;
      const rows = await sql<{ line: string }>`
        select ${json}::text as line from ${sql.table(table.name)} as t
        order by ${sql.join(order.map((c) => sql.ref(`t.${c}`)))} ${limit}`.execute(trx);
      result.set(
        table.name,
        rows.rows.map((r) => r.line),
      );
    }
    return result;
  });
}

describe('backup and restore', () => {
  let ctx: TestContext;
  let citizen: Session;
  let work: string;
  let backupDir: string;
  let manifest: BackupManifest;
  const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const uploaded: string[] = [];

  beforeAll(async () => {
    ctx = await startTestApp();
    work = mkdtempSync(join(tmpdir(), 'tn-backup-'));
    citizen = await login(ctx.app, 'congdan');
    const reception = await login(ctx.app, 'tiepnhan');
    // A populated instance: dossiers in several states, distinct files, actions, audit entries.
    for (let i = 0; i < 3; i += 1) {
      const code = await submitPermit(ctx.app, citizen);
      const content =
        i === 1 ? PNG : Buffer.concat([PDF, Buffer.from(`\n% bản ${i} ${randomBytes(8).toString('hex')}\n`)]);
      const body = multipart(i === 1 ? 'ảnh chụp.png' : `Đơn đề nghị ${i}.pdf`, content);
      const response = await as(
        ctx.app,
        citizen,
      )({
        method: 'POST',
        url: `/api/dossiers/${code}/attachments?documentCode=tp1`,
        payload: body.payload,
        headers: body.headers,
      });
      expect(response.statusCode).toBe(201);
      uploaded.push(sha256Hex(content));
      if (i > 0) {
        const accepted = await as(
          ctx.app,
          reception,
        )({
          method: 'POST',
          url: `/api/dossiers/${code}/actions`,
          payload: { type: 'accept', reason: 'Hồ sơ đầy đủ' },
        });
        expect(accepted.statusCode).toBe(200);
      }
    }
    backupDir = join(work, 'sao-luu');
    manifest = await createBackup({
      db: ctx.handle.db,
      kind: ctx.handle.kind,
      files: new LocalFileStore(ctx.config.filesDir),
      out: backupDir,
    });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a manifest with every table, every referenced file and the chain heads', async () => {
    expect(existsSync(`${backupDir}.partial`)).toBe(false);
    const tables = (await readTables(ctx.handle.db)).map((t) => t.name);
    expect(manifest.tables.map((t) => t.name).sort()).toEqual(tables.sort());
    expect(tables).not.toContain('sessions');
    expect(manifest.tables.find((t) => t.name === 'dossiers')!.rows).toBeGreaterThanOrEqual(3);
    expect(manifest.files.count).toBe(new Set(uploaded).size);
    expect(manifest.files.missing).toEqual([]);
    for (const sha of uploaded)
      expect(sha256Hex(readFileSync(join(backupDir, 'files', sha.slice(0, 2), sha)))).toBe(sha);
    const chains = await verifyChains(ctx.handle.db);
    const actions = chains.find((c) => c.table === 'dossier_actions')!;
    expect(manifest.chains.find((c) => c.table === 'dossier_actions')).toMatchObject({
      head: actions.head!.digest,
      entries: actions.checked,
      broken: null,
    });
    // Taking the backup is on the record.
    const audit = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['action', 'actor_label'])
      .where('action', '=', 'database.backed_up')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('round-trips: every row, file and history entry comes back, and the restored platform works', async () => {
    const target = await emptyDatabase(kind);
    const filesDir = mkdtempSync(join(tmpdir(), 'tn-restored-files-'));
    try {
      const report = await restoreBackup({
        db: target.db,
        files: new LocalFileStore(filesDir),
        dir: backupDir,
      });
      expect(report.files).toBe(manifest.files.count);
      const auditEntries = manifest.chains.find((c) => c.table === 'audit_events')!.entries;
      const firstRows = {
        audit_events: auditEntries,
        evidence_entries: manifest.tables.find((t) => t.name === 'evidence_entries')!.rows,
      };
      const before = await contents(ctx.handle.db, firstRows);
      const after = await contents(target.db, firstRows);
      for (const [table, rows] of before) {
        if (EXCLUDED_TABLES.has(table)) continue;
        expect({ table, rows: after.get(table) }).toEqual({ table, rows });
      }
      for (const sha of uploaded)
        expect(sha256Hex(readFileSync(join(filesDir, sha.slice(0, 2), sha)))).toBe(sha);
      // Both chains verify, and the restore is the next audit entry.
      const chains = await verifyChains(target.db);
      expect(chains.every((c) => !c.broken)).toBe(true);
      const last = await target.db
        .selectFrom('audit_events')
        .select(['action', 'chain_stream', 'chain_seq'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(last).toMatchObject({
        action: 'database.restored',
        chain_stream: `audit:backup:${manifest.createdAt}`,
      });
      expect(await target.db.selectFrom('audit_events').select('id').execute()).toHaveLength(
        auditEntries + 1,
      );

      // The restored platform serves: sign in (sessions were not restored), read, download, submit.
      const app = await buildApp({
        db: target.db,
        dbKind: target.kind,
        config: { ...ctx.config, filesDir },
        logger: false,
      });
      try {
        const session = await login(app, 'congdan');
        const mine = await as(app, session)({ method: 'GET', url: '/api/dossiers/mine' });
        expect(mine.statusCode).toBe(200);
        const oldCookie = await as(app, citizen)({ method: 'GET', url: '/api/dossiers/mine' });
        expect(oldCookie.statusCode).toBe(401);
        const attachment = await target.db
          .selectFrom('dossier_attachments')
          .innerJoin('dossiers', 'dossiers.id', 'dossier_attachments.dossier_id')
          .select(['dossiers.code', 'dossier_attachments.id', 'dossier_attachments.sha256'])
          .orderBy('dossier_attachments.id')
          .executeTakeFirstOrThrow();
        const download = await as(
          app,
          session,
        )({
          method: 'GET',
          url: `/api/dossiers/${attachment.code}/attachments/${attachment.id}`,
        });
        expect(sha256Hex(download.rawPayload)).toBe(attachment.sha256);
        // Id sequences continue after the restored rows.
        const lastId = await target.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow();
        const code = await submitPermit(app, session);
        const created = await target.db
          .selectFrom('dossiers')
          .select('id')
          .where('code', '=', code)
          .executeTakeFirstOrThrow();
        expect(Number(created.id)).toBe(Number(lastId.id) + 1);
      } finally {
        await app.close();
      }
    } finally {
      await target.close();
      rmSync(filesDir, { recursive: true, force: true });
    }
  });

  it.runIf(kind === 'postgres')(
    'moves between the databases: PostgreSQL → embedded → PostgreSQL',
    async () => {
      const embedded = await emptyDatabase('pglite');
      const filesDir = mkdtempSync(join(tmpdir(), 'tn-restored-files-'));
      const second = join(work, 'tu-pglite');
      const server = await emptyDatabase('postgres');
      try {
        await restoreBackup({ db: embedded.db, files: new LocalFileStore(filesDir), dir: backupDir });
        const again = await createBackup({
          db: embedded.db,
          kind: 'pglite',
          files: new LocalFileStore(filesDir),
          out: second,
        });
        await restoreBackup({ db: server.db, files: new LocalFileStore(filesDir), dir: second });
        const firstRows = {
          audit_events: manifest.chains.find((c) => c.table === 'audit_events')!.entries,
          evidence_entries: manifest.tables.find((t) => t.name === 'evidence_entries')!.rows,
        };
        const original = await contents(ctx.handle.db, firstRows);
        const roundTripped = await contents(server.db, firstRows);
        for (const [table, rows] of original)
          expect({ table, rows: roundTripped.get(table) }).toEqual({ table, rows });
        expect(again.files.count).toBe(manifest.files.count);
      } finally {
        await embedded.close();
        await server.close();
        rmSync(filesDir, { recursive: true, force: true });
      }
    },
  );

  it('refuses a damaged backup before touching the target', async () => {
    const damaged = join(work, 'hong');
    await run('cp', ['-r', backupDir, damaged]);
    const file = join(damaged, manifest.tables.find((t) => t.name === 'dossiers')!.file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff;
    writeFileSync(file, bytes);
    const target = await emptyDatabase('pglite');
    try {
      await expect(
        restoreBackup({ db: target.db, files: new LocalFileStore(join(work, 'f1')), dir: damaged }),
      ).rejects.toThrow(/bảng dossiers đã bị thay đổi hoặc hỏng/);
      const ledger = await sql<{ present: boolean }>`
        select to_regclass('schema_migrations') is not null as present`.execute(target.db);
      expect(ledger.rows[0]!.present).toBe(false);
    } finally {
      await target.close();
    }
    // A stored file that no longer matches its SHA-256.
    const sha = uploaded[0]!;
    writeFileSync(join(damaged, 'files', sha.slice(0, 2), sha), 'giả mạo');
    writeFileSync(
      file,
      readFileSync(join(backupDir, manifest.tables.find((t) => t.name === 'dossiers')!.file)),
    );
    const second = await emptyDatabase('pglite');
    try {
      await expect(
        restoreBackup({ db: second.db, files: new LocalFileStore(join(work, 'f2')), dir: damaged }),
      ).rejects.toThrow(/Tệp đính kèm .* bị thiếu hoặc hỏng/);
    } finally {
      await second.close();
    }
  });

  it('refuses to restore over a database that holds data, and changes nothing there', async () => {
    const before = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      restoreBackup({ db: ctx.handle.db, files: new LocalFileStore(ctx.config.filesDir), dir: backupDir }),
    ).rejects.toThrow(/đã có dữ liệu/);
    const after = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    await expect(
      createBackup({
        db: ctx.handle.db,
        kind: ctx.handle.kind,
        files: new LocalFileStore(ctx.config.filesDir),
        out: backupDir,
      }),
    ).rejects.toThrow(/đã tồn tại/);
  });

  it('npm run restore / backup on the embedded database: round trip, and refused while the database is open', async () => {
    const dataDir = join(work, 'data');
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const restored = await run(tsx, [CLI, 'restore', backupDir], { env, cwd: ROOT });
    expect(restored.stdout).toMatch(/Xong trong .* dòng/);
    const out = join(work, 'lan-hai');
    const backedUp = await run(tsx, [CLI, 'backup', out], { env, cwd: ROOT });
    expect(backedUp.stdout).toMatch(/Chuỗi lịch sử dossier_actions: \d+ mục/);
    const second = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BackupManifest;
    const rows = (m: BackupManifest, table: string) => m.tables.find((t) => t.name === table)!.rows;
    for (const table of ['dossiers', 'dossier_actions', 'dossier_attachments', 'users', 'units'])
      expect(rows(second, table)).toBe(rows(manifest, table));
    expect(second.files.count).toBe(manifest.files.count);

    // Restoring again over it is refused without --replace; with the database open, backup is refused.
    await expect(run(tsx, [CLI, 'restore', backupDir], { env, cwd: ROOT })).rejects.toMatchObject({
      stderr: expect.stringMatching(/đã có cơ sở dữ liệu/),
    });
    const open = await openPGlite(join(dataDir, 'pglite'));
    try {
      await expect(run(tsx, [CLI, 'backup', join(work, 'lan-ba')], { env, cwd: ROOT })).rejects.toMatchObject(
        {
          stderr: expect.stringMatching(new RegExp(`đang được tiến trình ${process.pid} mở`)),
        },
      );
    } finally {
      await open.close();
    }
  }, 120_000);
});

describe('backup order', () => {
  const table = (name: string, references: string[], self = false): TableInfo => ({
    name,
    columns: ['id', 'parent_id'],
    primaryKey: ['id'],
    references,
    selfReferences: self ? [{ column: 'parent_id', parentColumn: 'id' }] : [],
    serialColumns: ['id'],
    fileColumns: [],
  });

  it('puts parents before children, whatever the names', () => {
    const order = insertionOrder([
      table('a_children', ['m_parents']),
      table('m_parents', ['z_roots']),
      table('z_roots', []),
    ]).map((t) => t.name);
    expect(order).toEqual(['z_roots', 'm_parents', 'a_children']);
    expect(() => insertionOrder([table('a', ['b']), table('b', ['a'])])).toThrow(/cycle/);
  });

  it('puts a unit after its parent unit even when the parent has the larger id', () => {
    const row = (id: number, parent: number | null) => ({
      line: JSON.stringify({ id, parent_id: parent }),
      value: { id, parent_id: parent } as Record<string, unknown>,
    });
    const ordered = parentsFirst([row(1, 3), row(2, null), row(3, 2), row(4, 1)], table('units', [], true));
    expect(ordered.map((r) => r.value.id)).toEqual([2, 3, 1, 4]);
    expect(() => parentsFirst([row(1, 9)], table('units', [], true))).toThrow(/not in the backup/);
  });
});
