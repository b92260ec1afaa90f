/**
 * The officials who hold a role in given units, for the screens that name a person: the signer
 * of a draft (a leader of the issuing agency), the person a document is assigned to. Names and
 * positions only; contact details stay here.
 */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema';

export interface Official {
  userId: number;
  fullName: string;
  role: Role;
  unitId: number;
  unitName: string;
}

export async function officialsIn(
  db: Kysely<Database>,
  unitIds: readonly number[],
  roles: readonly Role[],
  limit = 200,
): Promise<Official[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('units as n', 'n.id', 'g.unit_id')
    .select(['u.id', 'u.full_name', 'g.role', 'g.unit_id', 'n.name'])
    .where('g.unit_id', 'in', [...new Set(unitIds)])
    .where('g.role', 'in', [...roles])
    .where('g.revoked_at', 'is', null)
    .where('u.kind', '=', 'officer')
    .where('u.status', '=', 'active')
    .orderBy('n.name')
    .orderBy('u.full_name')
    .orderBy('u.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    userId: Number(r.id),
    fullName: r.full_name,
    role: r.role,
    unitId: Number(r.unit_id),
    unitName: r.name,
  }));
}
