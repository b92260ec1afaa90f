/** SQL of the auth module: users by name, grants, sessions, tokens, sign-in throttle. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Grant } from './permissions';

export async function findUserByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function activeGrants(db: Kysely<Database>, userId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select(['id', 'role', 'unit_id', 'include_subtree'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    unitId: row.unit_id,
    includeSubtree: row.include_subtree,
  }));
}

export async function readThrottle(db: Kysely<Database>, username: string) {
  return db.selectFrom('login_throttle').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function recordFailure(
  db: Kysely<Database>,
  username: string,
  now: Date,
  maxFailures: number,
  lockMs: number,
) {
  const row = await db
    .insertInto('login_throttle')
    .values({ username, failures: 1, last_failure_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet((eb) => ({
        failures: eb('login_throttle.failures', '+', 1),
        last_failure_at: now,
      })),
    )
    .returning(['failures'])
    .executeTakeFirstOrThrow();
  if (row.failures >= maxFailures) {
    const lockedUntil = new Date(now.getTime() + lockMs);
    await db
      .updateTable('login_throttle')
      .set({ failures: 0, locked_until: lockedUntil })
      .where('username', '=', username)
      .execute();
    return lockedUntil;
  }
  return null;
}

export async function clearThrottle(db: Kysely<Database>, username: string) {
  await db.deleteFrom('login_throttle').where('username', '=', username).execute();
}
