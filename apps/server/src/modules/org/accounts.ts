/**
 * What the auth module needs of the accounts org keeps (users, role_grants): the credentials of
 * a sign-in, the account behind a principal, its active grants, and the citizen account a
 * registration on the portal creates. Auth reads the sessions' users through users_view and
 * role_grants_view; the password hash is read here only.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { conflict } from '../../http/errors';
import { recordAudit } from '../audit';
import type { Grant } from '../auth';
import {
  citizenWithIdentityNumber,
  identityNumberRegistered,
  isIdentityNumberConflict,
} from './identity-number';

/** The account a sign-in names, with its password hash (for auth's verification only). */
export async function signInCredentials(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'status', 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** The account behind a principal: name, kind and unit (no secrets, no contact details). */
export async function accountOf(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'kind', 'primary_unit_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The roles a user holds now (not revoked), oldest first. */
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

export interface CitizenAccount {
  username: string;
  fullName: string;
  email: string;
  phone: string;
  identityNumber: string;
  passwordHash: string;
}

const usernameTaken = (username: string) =>
  conflict(
    'username_taken',
    `Tên đăng nhập "${username}" đã được sử dụng; vui lòng chọn tên khác.`,
    `The user name "${username}" is taken; choose another.`,
  );

/**
 * Creates a citizen's own account (self-registration) with the role citizen, audited as
 * `user.register`; refuses a taken user name, e-mail or identity number (one person, one
 * account: identity-number.ts). The input is already checked and normalised by the caller.
 */
export async function createCitizenAccount(
  db: Kysely<Database>,
  input: CitizenAccount,
  client: { ip: string | null },
): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      // Registrations are rare: one at a time, so two with the same e-mail cannot both pass the check.
      await sql`select pg_advisory_xact_lock(hashtext('auth.register'))`.execute(trx);
      const taken = await trx
        .selectFrom('users')
        .select(['username', 'email'])
        .where((eb) =>
          eb.or([eb('username', '=', input.username), eb(eb.fn('lower', ['email']), '=', input.email)]),
        )
        .execute();
      if (taken.some((user) => user.username === input.username)) throw usernameTaken(input.username);
      if (taken.length > 0)
        throw conflict(
          'email_taken',
          'Địa chỉ thư điện tử này đã được dùng cho một tài khoản khác. Nếu đó là bạn, hãy đăng nhập.',
          'This e-mail address already belongs to an account. If it is yours, sign in.',
        );
      // Last, once everything else is right: one person, one account (see identity-number.ts).
      if (await citizenWithIdentityNumber(trx, input.identityNumber)) throw identityNumberRegistered();
      const row = await trx
        .insertInto('users')
        .values({
          username: input.username,
          full_name: input.fullName,
          email: input.email,
          phone: input.phone,
          kind: 'citizen',
          identity_number: input.identityNumber,
          primary_unit_id: null,
          password_hash: input.passwordHash,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('role_grants')
        .values({ user_id: row.id, role: 'citizen', unit_id: null, granted_by: row.id })
        .execute();
      await recordAudit(
        trx,
        { userId: row.id, label: input.username, ip: client.ip },
        {
          action: 'user.register',
          entityType: 'user',
          entityId: row.id,
          after: { username: input.username, kind: 'citizen' },
        },
      );
      return row.id;
    });
  } catch (error) {
    // The unique indexes are the last word if two requests raced past the checks.
    if (isIdentityNumberConflict(error)) throw identityNumberRegistered();
    if ((error as { code?: string }).code === '23505') throw usernameTaken(input.username);
    throw error;
  }
}
