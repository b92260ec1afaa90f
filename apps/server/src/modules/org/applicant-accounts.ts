/**
 * What other modules need of the accounts beyond users_view (which leaves contact data out): the
 * details an online applicant's dossier records, and the disabled demo citizen accounts the demo
 * seed files dossiers for.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The account's name, identity number and contact details (the applicant of an online dossier). */
export async function applicantAccount(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'full_name', 'identity_number', 'phone', 'email'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/**
 * Creates citizen accounts with their citizen grant; an existing username is left as it is and
 * not returned. For the demo seed: fictitious people, usually disabled (they cannot sign in).
 */
export async function createCitizenAccounts(
  db: Kysely<Database>,
  accounts: ReadonlyArray<{ username: string; fullName: string; passwordHash: string; disabled: boolean }>,
): Promise<Array<{ id: number; username: string }>> {
  const created: Array<{ id: number; username: string }> = [];
  for (const account of accounts) {
    const row = await db
      .insertInto('users')
      .values({
        username: account.username,
        full_name: account.fullName,
        email: null,
        phone: null,
        kind: 'citizen',
        identity_number: null,
        primary_unit_id: null,
        password_hash: account.passwordHash,
        status: account.disabled ? 'disabled' : 'active',
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning(['id', 'username'])
      .executeTakeFirst();
    if (!row) continue;
    await db.insertInto('role_grants').values({ user_id: row.id, role: 'citizen', unit_id: null }).execute();
    created.push(row);
  }
  return created;
}
