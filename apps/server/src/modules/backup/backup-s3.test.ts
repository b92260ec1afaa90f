/**
 * Backup and restore with the files on S3-compatible storage: a platform whose attachments are in
 * a bucket of s3rver (test/s3rver.ts, its own process; what it does not prove is listed there and
 * in lib/s3-file-store.test.ts) is backed up, then restored into a fresh database with a fresh
 * bucket, and into a fresh database with the local folder; every file is checked byte for byte.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { LocalFileStore, sha256Hex } from '../../lib/file-store';
import { readAll, S3FileStore } from '../../lib/s3-file-store';
import { emptyDatabase } from '../../test/empty-database';
import { as, login, startTestApp, type TestContext } from '../../test/harness';
import { multipart, PDF, PNG, submitPermit } from '../../test/dossier-fixtures';
import { startS3rver, type S3rverProcess } from '../../test/s3rver';
import { createBackup } from './backup';
import type { BackupManifest } from './manifest';
import { restoreBackup } from './restore';

const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

describe('backup and restore with the files on S3-compatible storage', () => {
  let s3: S3rverProcess;
  let ctx: TestContext;
  let work: string;
  let backupDir: string;
  let manifest: BackupManifest;
  /** What was uploaded, by SHA-256. */
  const uploaded = new Map<string, Buffer>();

  beforeAll(async () => {
    s3 = await startS3rver();
    await s3.createBucket('nguon');
    ctx = await startTestApp({ files: s3.settings('nguon', 'tep/') });
    work = mkdtempSync(join(tmpdir(), 'tn-backup-s3-'));
    const citizen = await login(ctx.app, 'congdan');
    const files: Array<[string, Buffer]> = [
      [
        'Đơn đề nghị cấp phép.pdf',
        Buffer.concat([PDF, Buffer.from(`\n% ${randomBytes(8).toString('hex')}\n`)]),
      ],
      ['ảnh chụp mặt bằng.png', PNG],
      // A large one: several chunks on every stream of the way.
      ['Bản vẽ thiết kế.pdf', Buffer.concat([PDF, Buffer.from('\n%'), randomBytes(6 * 1024 * 1024)])],
    ];
    for (const [name, content] of files) {
      const code = await submitPermit(ctx.app, citizen);
      const body = multipart(name, content);
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
      uploaded.set(sha256Hex(content), content);
    }
    backupDir = join(work, 'sao-luu');
    const source = new S3FileStore(s3.settings('nguon', 'tep/'));
    try {
      manifest = await createBackup({
        db: ctx.handle.db,
        kind: ctx.handle.kind,
        files: source,
        out: backupDir,
      });
    } finally {
      source.close();
    }
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
    await s3?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the platform keeps its attachments in the bucket, and the backup copies them from there', () => {
    // Nothing went to the local folder: the files are in the bucket, under the prefix.
    expect(readdirSync(ctx.config.filesDir)).toEqual([]);
    for (const sha of uploaded.keys())
      expect(existsSync(join(s3.directory, 'nguon', 'tep', sha.slice(0, 2), `${sha}._S3rver_object`))).toBe(
        true,
      );
    expect(manifest.files.missing).toEqual([]);
    expect(manifest.files.count).toBe(uploaded.size);
    expect(manifest.files.bytes).toBe([...uploaded.values()].reduce((sum, c) => sum + c.length, 0));
    for (const [sha, content] of uploaded) {
      const copy = readFileSync(join(backupDir, 'files', sha.slice(0, 2), sha));
      expect(sha256Hex(copy)).toBe(sha);
      expect(Buffer.compare(copy, content)).toBe(0);
    }
  });

  it('restores into a fresh database and a fresh bucket: every file, and the platform serves them', async () => {
    await s3.createBucket('dich');
    const target = await emptyDatabase(kind);
    const settings = s3.settings('dich', 'khoi-phuc/');
    const store = new S3FileStore(settings);
    try {
      const report = await restoreBackup({ db: target.db, files: store, dir: backupDir });
      expect(report.files).toBe(uploaded.size);
      for (const [sha, content] of uploaded) {
        const back = await readAll(store.open(sha));
        expect(sha256Hex(back)).toBe(sha);
        expect(Buffer.compare(back, content)).toBe(0);
      }
      // The restored platform, configured on the new bucket, hands out the same bytes.
      const app = await buildApp({
        db: target.db,
        dbKind: target.kind,
        config: { ...ctx.config, files: settings },
        logger: false,
      });
      try {
        const session = await login(app, 'congdan');
        const attachments = await target.db
          .selectFrom('dossier_attachments')
          .innerJoin('dossiers', 'dossiers.id', 'dossier_attachments.dossier_id')
          .select(['dossiers.code', 'dossier_attachments.id', 'dossier_attachments.sha256'])
          .execute();
        expect(new Set(attachments.map((a) => a.sha256))).toEqual(new Set(uploaded.keys()));
        for (const attachment of attachments) {
          const download = await as(
            app,
            session,
          )({ method: 'GET', url: `/api/dossiers/${attachment.code}/attachments/${attachment.id}` });
          expect(download.statusCode).toBe(200);
          expect(sha256Hex(download.rawPayload)).toBe(attachment.sha256);
        }
      } finally {
        await app.close();
      }
    } finally {
      store.close();
      await target.close();
    }
  }, 120_000);

  it('restores from the bucket into the local folder (moving off S3)', async () => {
    const target = await emptyDatabase('pglite');
    const filesDir = mkdtempSync(join(tmpdir(), 'tn-restored-files-'));
    try {
      await restoreBackup({ db: target.db, files: new LocalFileStore(filesDir), dir: backupDir });
      for (const [sha, content] of uploaded) {
        const back = readFileSync(join(filesDir, sha.slice(0, 2), sha));
        expect(sha256Hex(back)).toBe(sha);
        expect(Buffer.compare(back, content)).toBe(0);
      }
    } finally {
      await target.close();
      rmSync(filesDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reports an attachment missing from the bucket instead of copying something else', async () => {
    const source = new S3FileStore(s3.settings('nguon', 'tep/'));
    const [gone] = [...uploaded.keys()].sort();
    try {
      await source.client.send(new DeleteObjectCommand({ Bucket: 'nguon', Key: source.key(gone!) }));
      const again = await createBackup({
        db: ctx.handle.db,
        kind: ctx.handle.kind,
        files: source,
        out: join(work, 'thieu-tep'),
      });
      expect(again.files.missing).toEqual([gone]);
      expect(again.files.count).toBe(uploaded.size - 1);
      expect(existsSync(join(work, 'thieu-tep', 'files', gone!.slice(0, 2), gone!))).toBe(false);
    } finally {
      // Put it back for any test that follows.
      await source.put(uploaded.get(gone!)!);
      source.close();
    }
  }, 120_000);
});
