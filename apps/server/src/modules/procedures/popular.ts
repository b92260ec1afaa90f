/** The most-used procedures: dossiers submitted per procedure over a year (dossiers_view). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The list is counted over a year of dossiers: recounted at most every 5 minutes. */
const POPULAR_TTL_MS = 5 * 60_000;

/** Dossiers submitted (any channel, drafts excluded) per procedure code in the last 365 days. */
export function popularCounter(db: Kysely<Database>): () => Promise<Map<string, number>> {
  let popularCounts: { at: number; counts: Promise<Map<string, number>> } | null = null;
  return () => {
    if (popularCounts && Date.now() - popularCounts.at < POPULAR_TTL_MS) return popularCounts.counts;
    const since = new Date(Date.now() - 365 * 86_400_000);
    const counts = db
      .selectFrom('dossiers_view')
      .select(['procedure_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('code', 'is not', null)
      .where('submitted_at', '>=', since)
      .groupBy('procedure_code')
      .execute()
      .then((rows) => new Map(rows.map((row) => [row.procedure_code, Number(row.n)])));
    popularCounts = { at: Date.now(), counts };
    counts.catch(() => (popularCounts = null));
    return counts;
  };
}
