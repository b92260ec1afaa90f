/**
 * Cache revisions (migration 0018): triggers bump `cache_revisions.revision` of a data set at
 * every statement that changes its tables, so a cache built at revision r is valid while r is
 * current, whichever instance wrote. Reading it is one primary-key lookup, done at most once per
 * `checkMs` per cache; within that interval a cache may be that much behind another instance.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export async function cacheRevision(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .selectFrom('cache_revisions')
    .select('revision')
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/**
 * Keeps a value derived from the data set `name`: rebuilt when the revision moved (checked at
 * most every `checkMs`), or at once after `invalidate()` (this instance changed it).
 */
export class RevisionedCache<T> {
  private entry: { revision: number; checkedAt: number; value: Promise<T> } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly name: string,
    private readonly build: () => Promise<T>,
    private readonly checkMs = 1000,
  ) {}

  invalidate(): void {
    this.entry = null;
  }

  async get(): Promise<T> {
    const entry = this.entry;
    if (entry && Date.now() - entry.checkedAt < this.checkMs) return entry.value;
    const revision = await cacheRevision(this.db, this.name);
    if (this.entry && this.entry.revision === revision) {
      this.entry.checkedAt = Date.now();
      return this.entry.value;
    }
    const value = this.build();
    const fresh = { revision, checkedAt: Date.now(), value };
    this.entry = fresh;
    value.catch(() => {
      if (this.entry === fresh) this.entry = null;
    });
    return value;
  }
}
