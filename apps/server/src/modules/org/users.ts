/**
 * People and their roles. An agency administrator manages officers of their own subtree; the
 * system administrator manages everyone. Every change is audited with its reason.
 */
import type { Kysely } from 'kysely';
import { StringEnum, Nullable } from '../../http/schemas';
import { Type, type Static } from 'typebox';
import { ROLES, type Database, type Role } from '../../db/schema';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { hashPassword, passwordProblems } from '../auth/password';
import {
  AGENCY_GRANTABLE_ROLES,
  hasPermissionIn,
  hasPermissionOverSubtree,
  isSystemAdmin,
  type Principal,
} from '../auth/permissions';
import { subtreeIds, unitPath } from './tree';

export const ROLE_NAMES: Record<Role, string> = {
  citizen: 'Công dân, tổ chức',
  receiving_officer: 'Cán bộ tiếp nhận (Bộ phận Một cửa)',
  specialist: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo phê duyệt',
  agency_admin: 'Quản trị cơ quan',
  system_admin: 'Quản trị hệ thống',
};

const UnitRefOrNull = Nullable(
  Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    agencyCode: Nullable(Type.String()),
  }),
);

export const RoleGrantSchema = Type.Object({
  id: Type.Integer(),
  role: StringEnum(ROLES),
  roleName: Type.String(),
  unit: UnitRefOrNull,
  includeSubtree: Type.Boolean(),
});

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  kind: Type.Union([Type.Literal('citizen'), Type.Literal('officer')]),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  identityNumberMasked: Nullable(Type.String()),
  primaryUnit: UnitRefOrNull,
  roles: Type.Array(RoleGrantSchema),
});
export type UserOut = Static<typeof UserSchema>;

/** Personal identification numbers are shown masked except the last 4 digits (personal data). */
export function maskIdentity(value: string | null): string | null {
  return value ? `${'•'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}` : null;
}

export async function describeUsers(db: Kysely<Database>, ids: number[]): Promise<UserOut[]> {
  if (ids.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.primary_unit_id')
    .select([
      'users.id',
      'users.username',
      'users.full_name',
      'users.email',
      'users.phone',
      'users.kind',
      'users.status',
      'users.identity_number',
      'users.primary_unit_id',
      'units.name as unit_name',
      'units.agency_code as unit_code',
    ])
    .where('users.id', 'in', ids)
    .execute();
  const grants = await db
    .selectFrom('role_grants')
    .leftJoin('units', 'units.id', 'role_grants.unit_id')
    .select([
      'role_grants.id',
      'role_grants.user_id',
      'role_grants.role',
      'role_grants.unit_id',
      'role_grants.include_subtree',
      'units.name as unit_name',
      'units.agency_code as unit_code',
    ])
    .where('role_grants.user_id', 'in', ids)
    .where('role_grants.revoked_at', 'is', null)
    .orderBy('role_grants.id')
    .execute();
  const byId = new Map(users.map((user) => [user.id, user]));
  return ids.flatMap((id) => {
    const user = byId.get(id);
    if (!user) return [];
    return [
      {
        id: user.id,
        username: user.username,
        fullName: user.full_name,
        email: user.email,
        phone: user.phone,
        kind: user.kind,
        status: user.status,
        identityNumberMasked: maskIdentity(user.identity_number),
        primaryUnit:
          user.primary_unit_id === null
            ? null
            : { id: user.primary_unit_id, name: user.unit_name ?? '', agencyCode: user.unit_code },
        roles: grants
          .filter((grant) => grant.user_id === id)
          .map((grant) => ({
            id: grant.id,
            role: grant.role,
            roleName: ROLE_NAMES[grant.role],
            unit:
              grant.unit_id === null
                ? null
                : { id: grant.unit_id, name: grant.unit_name ?? '', agencyCode: grant.unit_code },
            includeSubtree: grant.include_subtree,
          })),
      },
    ];
  });
}

export async function describeUser(db: Kysely<Database>, id: number): Promise<UserOut> {
  const [user] = await describeUsers(db, [id]);
  if (!user) throw notFound('người dùng', 'User');
  return user;
}

/** Units whose users the principal may manage; `null` means all (system administrator). */
export async function manageableUnitIds(
  db: Kysely<Database>,
  principal: Principal,
): Promise<number[] | null> {
  if (isSystemAdmin(principal)) return null;
  const direct = principal.grants.filter((grant) => grant.role === 'agency_admin' && grant.unitId !== null);
  const withSubtree = direct.filter((grant) => grant.includeSubtree).map((grant) => grant.unitId!);
  const own = direct.map((grant) => grant.unitId!);
  return [...new Set([...own, ...(await subtreeIds(db, withSubtree))])];
}

async function assertCanManageUnit(
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

async function assertCanManageUser(
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

export interface ListUsersQuery {
  q?: string;
  unitId?: number;
  kind?: 'citizen' | 'officer';
  page: number;
  pageSize: number;
}

export async function listUsers(db: Kysely<Database>, principal: Principal, query: ListUsersQuery) {
  const scope = await manageableUnitIds(db, principal);
  let base = db.selectFrom('users');
  if (scope !== null) {
    if (scope.length === 0) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    base = base.where('primary_unit_id', 'in', scope);
  }
  if (query.unitId !== undefined) base = base.where('primary_unit_id', '=', query.unitId);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.q) {
    const q = `%${query.q.trim().toLowerCase()}%`;
    base = base.where((eb) =>
      eb.or([eb('username', 'like', q), eb(eb.fn('lower', ['full_name']), 'like', q)]),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await base
    .select('id')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: await describeUsers(
      db,
      ids.map((row) => row.id),
    ),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export const CreateUserBody = Type.Object(
  {
    username: Type.String({
      pattern: '^[a-z0-9][a-z0-9._-]{2,63}$',
      description: 'lower case letters, digits, . _ -',
    }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' }))),
    kind: Type.Union([Type.Literal('citizen'), Type.Literal('officer')]),
    identityNumber: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{12}$' }))),
    primaryUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

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
  const id = await db.transaction().execute(async (trx) => {
    if (
      await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()
    ) {
      throw conflict(
        'username_taken',
        `Tên đăng nhập "${input.username}" đã được sử dụng.`,
        `Username "${input.username}" is taken.`,
      );
    }
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
  return describeUser(db, id);
}

export const UpdateUserBody = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' }))),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    primaryUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false, minProperties: 2 },
);

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
  if (input.status === 'disabled' && id === principal.userId) {
    throw conflict(
      'cannot_disable_self',
      'Bạn không thể tự vô hiệu hóa tài khoản của mình.',
      'You cannot disable your own account.',
    );
  }
  if (input.password !== undefined) checkPassword(input.password);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(input.fullName !== undefined ? { full_name: input.fullName.trim() } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.primaryUnitId !== undefined ? { primary_unit_id: input.primaryUnitId } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    // Disabling or resetting a password ends every session of the account.
    if (input.status === 'disabled' || passwordHash)
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
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
          }[key],
        ]),
      ),
      after: {
        ...Object.fromEntries(changed.map((key) => [key, input[key as keyof typeof input]])),
        ...(passwordHash ? { passwordReset: true } : {}),
      },
    });
  });
  return describeUser(db, id);
}

export const GrantRoleBody = Type.Object(
  {
    role: Type.Union(ROLES.filter((role) => role !== 'citizen').map((role) => Type.Literal(role))),
    unitId: Type.Integer({ minimum: 1 }),
    includeSubtree: Type.Optional(Type.Boolean()),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

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
