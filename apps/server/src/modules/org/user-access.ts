/**
 * Who may manage whom: an agency administrator manages officers of their own subtree (and grants
 * only roles within their reach); the system administrator manages everyone.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fieldError, forbidden, invalid } from '../../http/errors';
import { hasPermissionIn, hasPermissionOverSubtree, isSystemAdmin, type Principal } from '../auth';
import { subtreeIds, unitPath } from './tree';
import { grantedUnits } from '@tayninh/domain/org/grants';

/** Units whose users the principal may manage; `null` means all (system administrator). */
export async function manageableUnitIds(
  db: Kysely<Database>,
  principal: Principal,
): Promise<number[] | null> {
  if (isSystemAdmin(principal)) return null;
  const { units, subtrees } = grantedUnits(principal.grants, ['agency_admin']);
  return [...new Set([...units, ...(await subtreeIds(db, subtrees))])];
}

export async function assertCanManageUnit(
  db: Kysely<Database>,
  principal: Principal,
  unitId: number,
  field: string,
) {
  const path = await unitPath(db, unitId);
  if (path.length === 0)
    throw invalid([fieldError(field, 'not_found', 'Đơn vị không tồn tại.', 'Unit not found.')]);
  if (!hasPermissionIn(principal, 'users.manage', path)) {
    throw forbidden(
      'Bạn chỉ được quản lý người dùng của đơn vị mình phụ trách.',
      'You may only manage users of your own units.',
    );
  }
}

export async function assertCanManageUser(
  db: Kysely<Database>,
  principal: Principal,
  user: { id: number; kind: string; primary_unit_id: number | null },
) {
  if (isSystemAdmin(principal)) return;
  if (user.kind === 'citizen' || user.primary_unit_id === null) {
    throw forbidden(
      'Chỉ quản trị hệ thống được quản lý tài khoản công dân.',
      'Only system administrators manage citizen accounts.',
    );
  }
  await assertCanManageUnit(db, principal, user.primary_unit_id, '/userId');
  // An account with roles beyond the administrator's reach (a system administrator, a role in
  // another agency or over units below theirs) is not theirs to disable or reset: that would hand
  // them its powers.
  const grants = await db
    .selectFrom('role_grants')
    .select(['role', 'unit_id', 'include_subtree'])
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .execute();
  for (const grant of grants) {
    const path = grant.unit_id === null ? [] : await unitPath(db, grant.unit_id);
    if (
      grant.role === 'system_admin' ||
      !hasPermissionIn(principal, 'users.manage', path) ||
      (grant.include_subtree && !hasPermissionOverSubtree(principal, 'users.manage', path))
    )
      throw forbidden(
        'Tài khoản này có vai trò vượt ngoài phạm vi quản lý của bạn; chỉ quản trị cấp trên được thay đổi.',
        'This account holds roles beyond your reach; only a higher administrator may change it.',
      );
  }
}
