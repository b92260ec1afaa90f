/**
 * What a report of a unit over a period counts, across reorganisations (the rule of history):
 *
 * - the unit and its whole subtree, always. Every dossier stays with the unit that handled it:
 *   nothing is reassigned when a unit closes, so a report never moves a dossier to another unit;
 * - the units it took over whole (unit_successions.whole), and the units those took over, when
 *   the period begins before the succession took effect (from < effective_date): each appears as
 *   its own row, under its own name, with its own dossiers. A report of Sở Nông nghiệp và Môi
 *   trường for 2025 lists Sở Tài nguyên và Môi trường and Sở Nông nghiệp và Phát triển nông thôn
 *   (closed on 1/3/2025) beside it; a report for 2026 does not, and nothing of theirs is added to
 *   the successor's own row. The successor holds the predecessor's records, so whoever may see the
 *   successor's report sees these rows;
 * - a succession of a part (whole = false: some functions went to another department) is not
 *   followed, because a predecessor's dossiers cannot be split by function: they stay in the
 *   reports of the predecessor itself and of the units above it (the province).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { IsoDate } from '../../lib/time';
import { subtreeIds } from '../org';

/** A predecessor reported as one row: itself and its subtree (`memberIds`). */
export interface PredecessorRow {
  id: number;
  name: string;
  agencyCode: string | null;
  kind: string;
  validFrom: string;
  memberIds: number[];
}

export interface ReportScope {
  /** Every unit whose dossiers are counted: the subtree and the predecessors' subtrees. */
  unitIds: number[];
  predecessors: PredecessorRow[];
}

/** Successions are few and short; this bounds a cycle that bad data could make. */
const MAX_GENERATIONS = 20;

export async function reportScope(db: Kysely<Database>, unitId: number, from: IsoDate): Promise<ReportScope> {
  const own = await subtreeIds(db, [unitId]);
  const counted = new Set(own);
  const found: number[] = [];
  let frontier = own;
  for (let generation = 0; generation < MAX_GENERATIONS && frontier.length > 0; generation += 1) {
    const rows = await db
      .selectFrom('unit_successions_view')
      .select('predecessor_id')
      .where('whole', '=', true)
      .where('effective_date', '>', from)
      .where('successor_id', 'in', frontier)
      .execute();
    const fresh = [...new Set(rows.map((row) => row.predecessor_id))].filter((id) => !counted.has(id));
    if (fresh.length === 0) break;
    found.push(...fresh);
    frontier = (await subtreeIds(db, fresh)).filter((id) => !counted.has(id));
    for (const id of frontier) counted.add(id);
  }
  if (found.length === 0) return { unitIds: own, predecessors: [] };
  const members = new Map<number, number[]>();
  for (const id of found) members.set(id, await subtreeIds(db, [id]));
  // A predecessor inside another predecessor's subtree is counted in that one's row.
  const roots = found.filter(
    (id) => !found.some((other) => other !== id && members.get(other)!.includes(id)),
  );
  const units = await db
    .selectFrom('units_view')
    .select(['id', 'name', 'agency_code', 'kind', 'valid_from'])
    .where('id', 'in', roots)
    .execute();
  return {
    unitIds: [...counted],
    predecessors: units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      agencyCode: unit.agency_code,
      kind: unit.kind,
      validFrom: unit.valid_from,
      memberIds: members.get(unit.id)!,
    })),
  };
}
