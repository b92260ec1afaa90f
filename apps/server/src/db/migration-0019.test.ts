/**
 * Migration 0019 on a database whose outbox already holds e-mails about dossiers (one sent, one
 * pending): each becomes an e-mail whose subject is its dossier, nothing else changes, and the
 * new rules hold (a dossier subject names its dossier, one message per channel, subject, event
 * and kind). On PGlite, or on an empty PostgreSQL database when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { importDossiers } from '../modules/dossiers';
import { openPGlite, openPostgres, type DatabaseHandle } from './database';
import { migrate } from './migrate';
import { seedDemo } from './seed/seed';

/** An empty database: PGlite in memory, or a new PostgreSQL database dropped at the end. */
async function openEmptyDatabase(): Promise<DatabaseHandle> {
  const template = inject('databaseTemplate');
  if (template.kind === 'pglite') return openPGlite(undefined);
  const name = `tn_test_${process.ppid}_m19_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(template.url);
  url.pathname = `/${name}`;
  const handle = await openPostgres({ url: url.toString(), poolSize: 2 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: template.url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openEmptyDatabase();
  await migrate(handle.db, undefined, { upTo: 18 });
  await seedDemo(handle.db, { password: 'khong-dung-den', documents: false });
}, 120_000);
afterAll(async () => handle.close());

it('makes the queued e-mails messages about their dossiers, then holds the generic rules', async () => {
  const db = handle.db;
  const ids = await sql<{ version: number; unit: number; citizen: number }>`
    select (select min(id) from procedure_versions) as version,
           (select id from units where agency_code = '000.00.16.H53') as unit,
           (select id from users where username = 'congdan') as citizen`.execute(db);
  const { version, unit, citizen } = ids.rows[0]!;
  const dossiers = await importDossiers(
    db,
    ['000.00.16.H53-260101-0001', '000.00.16.H53-260101-0002'].map((code) => ({
      code,
      versionId: Number(version),
      procedureCode: '1.013236',
      receivingUnitId: Number(unit),
      handlingUnitId: Number(unit),
      applicantUserId: Number(citizen),
      applicant: { fullName: 'Nguyễn Văn An', email: 'an@example.vn' },
      channel: 'online' as const,
      createdBy: Number(citizen),
      submittedAt: new Date('2026-01-05T09:00:00+07:00'),
      projection: {
        status: 'processing' as const,
        received_at: '2026-01-05T02:00:00.000Z',
        due_at: null,
        original_due_at: null,
        completed_at: null,
        assignee_id: null,
      },
      firstSeq: 2,
      actions: [],
    })),
  );
  const [first, second] = dossiers.map((row) => Number(row.id));
  // The outbox as 0007 made it: e-mails about dossiers.
  const queued = await sql<{ id: number }>`
    insert into notification_outbox (dossier_id, action_seq, kind, recipient, subject, body_text, body_html, sent_at, attempts)
    values (${first}, 2, 'received', 'an@example.vn', 'Hồ sơ đã được tiếp nhận', 'Nội dung', '<p>Nội dung</p>', now(), 1),
           (${second}, 2, 'received', 'an@example.vn', 'Hồ sơ đã được tiếp nhận', 'Nội dung', '<p>Nội dung</p>', null, 0)
    returning id`.execute(db);
  const before = await sql`select * from notification_outbox order by id`.execute(db);

  await migrate(db);

  const after = await db.selectFrom('notification_outbox').selectAll().orderBy('id').execute();
  expect(after.map((row) => row.id)).toEqual(queued.rows.map((row) => row.id));
  after.forEach((row, index) => {
    expect(row).toEqual({
      ...(before.rows[index] as object),
      channel: 'email',
      subject_type: 'dossier',
      subject_id: String(row.dossier_id),
    });
  });
  expect(after.map((row) => Number(row.dossier_id))).toEqual([first, second]);

  const message = (over: Record<string, unknown>) =>
    sql`insert into notification_outbox ${sql.raw(
      `(${Object.keys(over).join(', ')}, action_seq, kind, recipient, subject, body_text)`,
    )} values (${sql.join(Object.values(over))}, 3, 'received', 'an@example.vn', 'Tiêu đề', 'Nội dung')`.execute(
      db,
    );
  // A dossier subject names its dossier, and only it has one.
  await expect(message({ subject_id: String(first) })).rejects.toMatchObject({ code: '23514' });
  await expect(message({ dossier_id: first, subject_id: String(second) })).rejects.toMatchObject({
    code: '23514',
  });
  await expect(
    message({ subject_type: 'document', subject_id: 'VB-1', dossier_id: first }),
  ).rejects.toMatchObject({ code: '23514' });
  // One message per channel, subject, event and kind: the same event on another channel is another.
  await message({ dossier_id: first, subject_id: String(first) });
  await expect(message({ dossier_id: first, subject_id: String(first) })).rejects.toMatchObject({
    code: '23505',
  });
  await message({ channel: 'sms', dossier_id: first, subject_id: String(first) });
  await message({ subject_type: 'document', subject_id: 'VB-1' });
});
