/** Granting and revoking roles over units, within the administrator's reach; audited. */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { Database } from '../../db/schema';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit';
import { AGENCY_GRANTABLE_ROLES, hasPermissionOverSubtree, isSystemAdmin, type Principal } from '../auth';
import { unitPath } from './tree';
import { assertCanManageUnit } from './user-access';
import type { GrantRoleBody } from './user-contracts';
import { describeUser } from './user-queries';

export async function grantRole(
  db: Kysely<Database>,
  principal: Principal,
  actor: Actor,
  userId: number,
  input: Static<typeof GrantRoleBody>,
) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('người dùng', 'User');
  if (user.kind !== 'officer')
    throw invalid([
      fieldError(
        '/role',
        'not_officer',
        'Chỉ cán bộ mới được giao vai trò nghiệp vụ.',
        'Only officers can hold agency roles.',
      ),
    ]);
  if (!isSystemAdmin(principal) && !AGENCY_GRANTABLE_ROLES.includes(input.role)) {
    throw forbidden(
      'Chỉ quản trị hệ thống được giao vai trò này.',
      'Only system administrators may grant this role.',
    );
  }
  await assertCanManageUnit(db, principal, input.unitId, '/unitId');
  if (
    input.includeSubtree &&
    !hasPermissionOverSubtree(principal, 'users.manage', await unitPath(db, input.unitId))
  )
    throw forbidden(
      'Bạn chỉ được giao vai trò áp dụng cho cả các đơn vị trực thuộc khi chính bạn quản lý các đơn vị đó.',
      'You may grant a role over the units below only where you manage those units too.',
    );
  const unit = await db
    .selectFrom('units')
    .select(['id', 'valid_until'])
    .where('id', '=', input.unitId)
    .executeTakeFirstOrThrow();
  if (unit.valid_until !== null)
    throw invalid([fieldError('/unitId', 'closed', 'Đơn vị đã ngừng hoạt động.', 'The unit is closed.')]);
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', input.role)
      .where('unit_id', '=', input.unitId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (existing)
      throw conflict(
        'role_already_granted',
        'Người dùng đã có vai trò này tại đơn vị này.',
        'The user already holds this role in this unit.',
      );
    const row = await trx
      .insertInto('role_grants')
      .values({
        user_id: userId,
        role: input.role,
        unit_id: input.unitId,
        include_subtree: input.includeSubtree ?? false,
        granted_by: actor.userId,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'user.grant_role',
      entityType: 'user',
      entityId: userId,
      reason: input.reason ?? null,
      after: {
        grantId: row.id,
        role: input.role,
        unitId: input.unitId,
        includeSubtree: input.includeSubtree ?? false,
      },
    });
  });
  return describeUser(db, userId);
}

export async function revokeRole(
  db: Kysely<Database>,
  principal: Principal,
  actor: Actor,
  grantId: number,
  reason: string,
) {
  const grant = await db
    .selectFrom('role_grants')
    .selectAll()
    .where('id', '=', grantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!grant) throw notFound('vai trò đang hiệu lực', 'Active role grant');
  if (grant.role === 'citizen')
    throw conflict(
      'cannot_revoke_citizen',
      'Không thể thu hồi vai trò công dân.',
      'The citizen role cannot be revoked.',
    );
  if (!isSystemAdmin(principal) && !AGENCY_GRANTABLE_ROLES.includes(grant.role)) throw forbidden();
  await assertCanManageUnit(db, principal, grant.unit_id!, '/grantId');
  // Like granting it: a role over the units below is revoked by those who manage those units too.
  if (
    grant.include_subtree &&
    !hasPermissionOverSubtree(principal, 'users.manage', await unitPath(db, grant.unit_id!))
  )
    throw forbidden(
      'Vai trò này áp dụng cho cả các đơn vị trực thuộc ngoài phạm vi quản lý của bạn.',
      'This role covers units below that you do not manage.',
    );
  if (grant.role === 'system_admin' && grant.user_id === principal.userId) {
    throw conflict(
      'cannot_revoke_own_admin',
      'Bạn không thể tự thu hồi quyền quản trị hệ thống của mình.',
      'You cannot revoke your own system administrator role.',
    );
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('role_grants')
      .set({ revoked_at: new Date(), revoked_by: actor.userId })
      .where('id', '=', grantId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'user.revoke_role',
      entityType: 'user',
      entityId: grant.user_id,
      reason,
      before: { grantId, role: grant.role, unitId: grant.unit_id },
    });
  });
  return describeUser(db, grant.user_id);
}
