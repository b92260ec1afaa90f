/**
 * Migration 0013 on a database that already holds what the missing rule let in: two citizen
 * accounts with one identity number. The oldest keeps it, the later one loses it (audited, with
 * the last four digits only), and the unique index then holds.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPGlite, type DatabaseHandle } from './database';
import { migrate } from './migrate';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openPGlite(undefined);
  await migrate(handle.db, undefined, { upTo: 12 });
});
afterAll(async () => handle.close());

it('clears the identity number of later duplicate citizens, audits it, then enforces one account per number', async () => {
  const db = handle.db;
  const citizen = (username: string, identity: string, createdAt: string) =>
    db
      .insertInto('users')
      .values({
        username,
        full_name: 'Nguyễn Văn An',
        email: null,
        phone: null,
        kind: 'citizen',
        identity_number: identity,
        primary_unit_id: null,
        password_hash: 'x',
        created_at: new Date(createdAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const first = await citizen('nguoi.dau', '072190001111', '2026-01-01T00:00:00Z');
  const second = await citizen('nguoi.sau', '072190001111', '2026-02-01T00:00:00Z');
  const other = await citizen('nguoi.khac', '072190002222', '2026-02-01T00:00:00Z');

  await migrate(db);

  const rows = await db.selectFrom('users').select(['id', 'identity_number']).orderBy('id').execute();
  expect(rows).toEqual([
    { id: first.id, identity_number: '072190001111' },
    { id: second.id, identity_number: null },
    { id: other.id, identity_number: '072190002222' },
  ]);
  const audit = await db
    .selectFrom('audit_events')
    .select(['action', 'entity_id', 'actor_label', 'before'])
    .where('action', '=', 'user.identity_cleared')
    .execute();
  expect(audit).toEqual([
    {
      action: 'user.identity_cleared',
      entity_id: String(second.id),
      actor_label: 'system',
      before: { identityNumberMasked: '••••••••1111' },
    },
  ]);
  await expect(citizen('nguoi.thu.ba', '072190001111', '2026-03-01T00:00:00Z')).rejects.toMatchObject({
    code: '23505',
  });
  // Officers are not concerned by the rule.
  const unit = await sql<{ id: number }>`insert into units (name, kind, tier, valid_from)
    values ('Sở Thử', 'department', 'province', '2025-01-01') returning id`.execute(db);
  await db
    .insertInto('users')
    .values({
      username: 'can.bo',
      full_name: 'Trần Thị Bình',
      email: null,
      phone: null,
      kind: 'officer',
      identity_number: '072190001111',
      primary_unit_id: unit.rows[0]!.id,
      password_hash: 'x',
    })
    .execute();
});
