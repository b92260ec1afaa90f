/**
 * Creating and changing accounts. Every change is audited with its reason; disabling an account
 * or resetting its password ends its sessions.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { Database } from '../../db/schema';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit';
import { endSessionsOf, hashPassword, isSystemAdmin, passwordProblems, type Principal } from '../auth';
import { assertIdentityNumberFree, rethrowIdentityNumberConflict } from './identity-number';
import { assertCanManageUnit, assertCanManageUser } from './user-access';
import { maskIdentity, type CreateUserBody, type UpdateUserBody } from './user-contracts';
import { describeUser } from './user-queries';

function checkPassword(password: string, field = '/password') {
  const problems = passwordProblems(password);
  if (problems.length > 0) {
    throw invalid(
      problems.map((message) =>
        fieldError(
          field,
          'weak_password',
          message,
          'Password must have at least 10 characters, with letters and digits.',
        ),
      ),
    );
  }
}

export async function createUser(
  db: Kysely<Database>,
  principal: Principal,
  actor: Actor,
  input: Static<typeof CreateUserBody>,
) {
  if (input.kind === 'officer' && !input.primaryUnitId) {
    throw invalid([
      fieldError(
        '/primaryUnitId',
        'required',
        'Cán bộ phải thuộc một đơn vị.',
        'An officer must belong to a unit.',
      ),
    ]);
  }
  if (input.kind === 'citizen' && !isSystemAdmin(principal)) throw forbidden();
  if (input.primaryUnitId) await assertCanManageUnit(db, principal, input.primaryUnitId, '/primaryUnitId');
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const created = db.transaction().execute(async (trx) => {
    if (
      await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()
    ) {
      throw conflict(
        'username_taken',
        `Tên đăng nhập "${input.username}" đã được sử dụng.`,
        `Username "${input.username}" is taken.`,
      );
    }
    if (input.kind === 'citizen' && input.identityNumber)
      await assertIdentityNumberFree(trx, input.identityNumber);
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        full_name: input.fullName.trim(),
        email: input.email ?? null,
        phone: input.phone ?? null,
        kind: input.kind,
        identity_number: input.identityNumber ?? null,
        primary_unit_id: input.kind === 'officer' ? input.primaryUnitId! : null,
        password_hash: passwordHash,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    if (input.kind === 'citizen')
      await trx
        .insertInto('role_grants')
        .values({ user_id: row.id, role: 'citizen', unit_id: null, granted_by: actor.userId })
        .execute();
    await recordAudit(trx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: { username: input.username, kind: input.kind, primaryUnitId: input.primaryUnitId ?? null },
    });
    return row.id;
  });
  const id = await created.catch(rethrowIdentityNumberConflict);
  return describeUser(db, id);
}

export async function updateUser(
  db: Kysely<Database>,
  principal: Principal,
  actor: Actor,
  id: number,
  input: Static<typeof UpdateUserBody>,
) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('người dùng', 'User');
  await assertCanManageUser(db, principal, user);
  if (input.primaryUnitId !== undefined) {
    if (user.kind !== 'officer')
      throw invalid([
        fieldError(
          '/primaryUnitId',
          'not_officer',
          'Chỉ cán bộ mới có đơn vị công tác.',
          'Only officers have a unit.',
        ),
      ]);
    await assertCanManageUnit(db, principal, input.primaryUnitId, '/primaryUnitId');
  }
  if (input.identityNumber !== undefined && user.kind !== 'citizen')
    throw invalid([
      fieldError(
        '/identityNumber',
        'not_citizen',
        'Chỉ tài khoản công dân có số định danh cá nhân.',
        'Only citizens.',
      ),
    ]);
  if (input.status === 'disabled' && id === principal.userId) {
    throw conflict(
      'cannot_disable_self',
      'Bạn không thể tự vô hiệu hóa tài khoản của mình.',
      'You cannot disable your own account.',
    );
  }
  if (input.password !== undefined) checkPassword(input.password);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const updated = db.transaction().execute(async (trx) => {
    if (input.identityNumber) await assertIdentityNumberFree(trx, input.identityNumber, id);
    await trx
      .updateTable('users')
      .set({
        ...(input.fullName !== undefined ? { full_name: input.fullName.trim() } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.primaryUnitId !== undefined ? { primary_unit_id: input.primaryUnitId } : {}),
        ...(input.identityNumber !== undefined ? { identity_number: input.identityNumber } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    // Disabling or resetting a password ends every session of the account.
    if (input.status === 'disabled' || passwordHash) await endSessionsOf(trx, id);
    const changed = Object.keys(input).filter((key) => key !== 'reason' && key !== 'password');
    await recordAudit(trx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      reason: input.reason,
      before: Object.fromEntries(
        changed.map((key) => [
          key,
          {
            fullName: user.full_name,
            email: user.email,
            phone: user.phone,
            status: user.status,
            primaryUnitId: user.primary_unit_id,
            identityNumber: maskIdentity(user.identity_number), // personal data: last four digits
          }[key],
        ]),
      ),
      after: {
        ...Object.fromEntries(changed.map((key) => [key, input[key as keyof typeof input]])),
        ...(input.identityNumber !== undefined ? { identityNumber: maskIdentity(input.identityNumber) } : {}),
        ...(passwordHash ? { passwordReset: true } : {}),
      },
    });
  });
  await updated.catch(rethrowIdentityNumberConflict);
  return describeUser(db, id);
}
