/** Reading users: their description (with unit and active roles) and the administrators' list. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { notFound } from '../../http/errors';
import type { Principal } from '../auth';
import { manageableUnitIds } from './user-access';
import { maskIdentity, ROLE_NAMES, type UserOut } from './user-contracts';

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

/**
 * The e-mail addresses of active officials, by id, for the modules that notify them (a deadline
 * reminder): contact details stay in org's table, handed out only for this purpose.
 */
export async function officialEmails(
  db: Kysely<Database>,
  userIds: readonly number[],
): Promise<Map<number, { email: string; fullName: string }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'full_name'])
    .where('id', 'in', [...new Set(userIds)])
    .where('kind', '=', 'officer')
    .where('status', '=', 'active')
    .where('email', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), { email: r.email!, fullName: r.full_name }]));
}
