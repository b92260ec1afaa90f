/** Tree queries over units: ancestor paths and subtrees (recursive SQL, same on both databases). */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Ids from the root down to the unit itself; empty when the unit does not exist. */
/**
 * Root-first path of a unit, cached per database for a minute: it is read on every dossier
 * request (access scope) and changes only when a unit is re-parented, which invalidates the
 * cache of this process (updateUnit). Another server process sees a re-parenting within the TTL.
 */
const PATH_TTL_MS = 60_000;
const pathCache = new WeakMap<object, Map<number, { path: number[]; at: number }>>();

export function invalidateUnitPaths(db: Kysely<Database>): void {
  pathCache.delete(db);
}

export async function unitPath(db: Kysely<Database>, unitId: number): Promise<number[]> {
  let cache = pathCache.get(db);
  if (!cache) {
    cache = new Map();
    pathCache.set(db, cache);
  }
  const cached = cache.get(unitId);
  if (cached && Date.now() - cached.at < PATH_TTL_MS) return cached.path;
  const result = await sql<{ id: number; depth: number }>`
    with recursive up (id, parent_id, depth) as (
      select id, parent_id, 0 from units where id = ${unitId}
      union all
      select u.id, u.parent_id, up.depth + 1 from units u join up on u.id = up.parent_id where up.depth < 50
    )
    select id, depth from up order by depth desc`.execute(db);
  const path = result.rows.map((row) => row.id);
  cache.set(unitId, { path, at: Date.now() });
  return path;
}

/** The units themselves and everything below them. */
export async function subtreeIds(db: Kysely<Database>, rootIds: number[]): Promise<number[]> {
  if (rootIds.length === 0) return [];
  const result = await sql<{ id: number }>`
    with recursive down (id, depth) as (
      select id, 0 from units where id = any(${rootIds}::bigint[])
      union all
      select u.id, down.depth + 1 from units u join down on u.parent_id = down.id where down.depth < 50
    )
    select distinct id from down`.execute(db);
  return result.rows.map((row) => row.id);
}
