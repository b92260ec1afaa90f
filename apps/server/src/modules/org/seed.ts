/**
 * The writes of loading data (the demo seed, test fixtures, benchmarks): units, their
 * successions and accounts with their grants, written by org, the tables' owner, without the
 * administrators' checks and audit of routes.ts (the data is checked where it is prepared).
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database, Role, UnitsTable } from '../../db/schema';
import { foldVietnamese } from '../../lib/vietnamese';

/** A unit as loaded: its row without the search text (derived from the name here). */
export type NewUnit = Omit<Insertable<UnitsTable>, 'search_text' | 'id' | 'created_at' | 'updated_at'>;

/** Inserts a unit; its id. Units are inserted one by one: a child needs its parent's id. */
export async function insertUnit(db: Kysely<Database>, unit: NewUnit): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({ ...unit, search_text: foldVietnamese(unit.name) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Closes units on a date (valid_until), as a reorganisation does. */
export async function closeUnitsOn(db: Kysely<Database>, unitIds: number[], date: string): Promise<void> {
  if (unitIds.length === 0) return;
  await db.updateTable('units').set({ valid_until: date }).where('id', 'in', unitIds).execute();
}

export interface NewSuccession {
  predecessorId: number;
  successorId: number;
  effectiveDate: string;
  whole: boolean;
  legalBasis: string;
}

/** Records which unit took over which; `skipExisting` ignores a pair already recorded. */
export async function insertSuccessions(
  db: Kysely<Database>,
  successions: readonly NewSuccession[],
  options: { skipExisting?: boolean } = {},
): Promise<void> {
  if (successions.length === 0) return;
  let insert = db.insertInto('unit_successions').values(
    successions.map((succession) => ({
      predecessor_id: succession.predecessorId,
      successor_id: succession.successorId,
      effective_date: succession.effectiveDate,
      whole: succession.whole,
      legal_basis: succession.legalBasis,
    })),
  );
  if (options.skipExisting)
    insert = insert.onConflict((oc) => oc.columns(['predecessor_id', 'successor_id']).doNothing());
  await insert.execute();
}

export interface NewAccount {
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  kind: 'citizen' | 'officer';
  identityNumber?: string | null;
  primaryUnitId: number | null;
  passwordHash: string;
  grants: ReadonlyArray<{ role: Role; unitId: number | null; includeSubtree?: boolean }>;
}

/** Inserts accounts and their grants in two statements (any number of them); ids by user name. */
export async function insertUsersWithGrants(
  db: Kysely<Database>,
  accounts: readonly NewAccount[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (accounts.length === 0) return ids;
  const rows = await db
    .insertInto('users')
    .values(
      accounts.map((account) => ({
        username: account.username,
        full_name: account.fullName,
        email: account.email,
        phone: account.phone,
        kind: account.kind,
        identity_number: account.identityNumber ?? null,
        primary_unit_id: account.primaryUnitId,
        password_hash: account.passwordHash,
      })),
    )
    .returning(['id', 'username'])
    .execute();
  for (const row of rows) ids.set(row.username, row.id);
  const grants = accounts.flatMap((account) =>
    account.grants.map((grant) => ({
      user_id: ids.get(account.username)!,
      role: grant.role,
      unit_id: grant.unitId,
      include_subtree: grant.includeSubtree ?? false,
    })),
  );
  if (grants.length > 0) await db.insertInto('role_grants').values(grants).execute();
  return ids;
}
