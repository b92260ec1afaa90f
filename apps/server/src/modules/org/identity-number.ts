/**
 * One person, one citizen account: the personal identification number (số định danh cá nhân,
 * 12 digits, Luật Căn cước 2023) belongs to at most one citizen account. The partial unique index
 * `users_citizen_identity_number` (migration 0013) is the last word; the check here gives the
 * clear message first.
 *
 * What a second registration learns: only that the number already has an account — not whose,
 * not its user name, e-mail or name. That much cannot be hidden from someone registering (they
 * are refused), and it is asked only after every other field has passed and the password has
 * been hashed (the same work as a success), on a route limited per client address
 * (REGISTER_RATE_PER_HOUR); the owner of a number taken by someone else is sent to the one-stop
 * shop, where an administrator can check the căn cước and correct the accounts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { conflict, type DomainError } from '../../http/errors';

export const IDENTITY_INDEX = 'users_citizen_identity_number';

/** The citizen holding this identity number (other than `exceptUserId`), if any. */
export async function citizenWithIdentityNumber(
  db: Kysely<Database>,
  identityNumber: string,
  exceptUserId?: number,
): Promise<{ id: number; username: string } | undefined> {
  let query = db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('kind', '=', 'citizen')
    .where('identity_number', '=', identityNumber);
  if (exceptUserId !== undefined) query = query.where('id', '!=', exceptUserId);
  return query.executeTakeFirst();
}

/** For the person registering: that the number has an account, and what to do; never whose. */
export function identityNumberRegistered(): DomainError {
  return conflict(
    'identity_number_taken',
    'Số định danh cá nhân này đã được dùng cho một tài khoản trên Cổng dịch vụ công; mỗi người chỉ có một tài khoản. Nếu đó là tài khoản của bạn, hãy đăng nhập. Nếu bạn chưa từng đăng ký, vui lòng đến Bộ phận Một cửa mang theo căn cước để được kiểm tra.',
    'This identity number already has an account on the portal; each person has one account. If it is yours, sign in. If you never registered, bring your identity card to the one-stop shop to have it checked.',
  );
}

/** For an administrator, who may know which account holds it (to correct it). */
export function identityNumberHeldBy(username: string): DomainError {
  return conflict(
    'identity_number_taken',
    `Số định danh cá nhân này đã thuộc tài khoản công dân "${username}"; mỗi người chỉ có một tài khoản.`,
    `This identity number already belongs to the citizen account "${username}"; one account per person.`,
  );
}

/** Whether a database error is the unique index on citizens' identity numbers. */
export function isIdentityNumberConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  return (
    code === '23505' &&
    (constraint === IDENTITY_INDEX || (typeof message === 'string' && message.includes(IDENTITY_INDEX)))
  );
}

/** One person, one citizen account (auth/identity-number.ts): the administrator learns who holds it. */
export async function assertIdentityNumberFree(
  db: Kysely<Database>,
  identityNumber: string,
  exceptUserId?: number,
) {
  const holder = await citizenWithIdentityNumber(db, identityNumber, exceptUserId);
  if (holder) throw identityNumberHeldBy(holder.username);
}

/** A race past assertIdentityNumberFree ends on the unique index: answered the same, as a 409. */
export function rethrowIdentityNumberConflict(error: unknown): never {
  if (isIdentityNumberConflict(error))
    throw conflict(
      'identity_number_taken',
      'Số định danh cá nhân này vừa được gán cho một tài khoản công dân khác; mỗi người chỉ có một tài khoản.',
      'This identity number was just given to another citizen account; one account per person.',
    );
  throw error;
}
