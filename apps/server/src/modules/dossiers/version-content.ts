/**
 * What a dossier reads of its procedure version: name, channels (with their durations), the
 * documents, the cases and the deadline policy. A version's content never changes once created
 * (a change makes a new version, see migration 0002; only its end date moves), so it is kept in
 * memory per database handle, bounded, instead of being read again for every view and upload.
 * A transaction is its own handle: inside one, the first read goes to the database.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface VersionContent {
  name: string;
  channels: unknown;
  documents: unknown;
  sub_cases: unknown;
  deadline_policy: unknown;
}

const MAX_VERSIONS = 2000;
const caches = new WeakMap<Kysely<Database>, Map<number, Promise<VersionContent>>>();

export function versionContent(db: Kysely<Database>, versionId: number): Promise<VersionContent> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<number, Promise<VersionContent>>()));
  const hit = cache.get(versionId);
  if (hit) return hit;
  const load = db
    .selectFrom('procedure_versions_view')
    .select(['name', 'channels', 'documents', 'sub_cases', 'deadline_policy'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  if (cache.size >= MAX_VERSIONS) cache.delete(cache.keys().next().value!);
  cache.set(versionId, load);
  load.catch(() => cache.delete(versionId));
  return load;
}
