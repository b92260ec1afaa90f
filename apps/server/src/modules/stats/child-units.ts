/**
 * The rows of Biểu 06 for a unit: its direct subordinate units, each with its whole subtree
 * summed, and the units it took over in the period (report-scope.ts), each as its own row
 * (shared by the report, its Excel export and the public statistics).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { IsoDate } from '../../lib/time';
import { addRows, EMPTY_ROW, type Report06Row } from './report-06';
import type { PredecessorRow } from './report-scope';

export const KIND_ORDER: Record<string, number> = {
  province: 0,
  office: 1,
  service_centre: 2,
  department: 3,
  district: 4,
  commune: 5,
};

/**
 * The rows of the form: one per direct subordinate unit (its whole subtree summed) that existed
 * during the period or has figures in it, and the unit itself when it handles dossiers too
 * (or has no subordinate units), then the predecessors it took over (`predecessor: true`), each
 * with its own subtree summed: never added to the unit's own row.
 */
export async function childUnitRows(
  db: Kysely<Database>,
  unit: { id: number; name: string; agencyCode: string; kind?: string },
  from: IsoDate,
  to: IsoDate,
  rows: Array<{ unit_id: number } & Report06Row>,
  predecessors: readonly PredecessorRow[] = [],
) {
  const children = await db
    .selectFrom('units_view')
    .select(['id', 'name', 'agency_code', 'kind', 'valid_from', 'valid_until'])
    .where('parent_id', '=', unit.id)
    .execute();
  const below = await sql<{ id: number; child_id: number }>`
    with recursive down (id, child_id, depth) as (
      select id, id, 1 from units_view where parent_id = ${unit.id}
      union all
      select u.id, down.child_id, down.depth + 1 from units_view u join down on u.parent_id = down.id
      where down.depth < 50
    )
    select id, child_id from down`.execute(db);
  const childOf = new Map(below.rows.map((row) => [row.id, row.child_id]));
  for (const predecessor of predecessors)
    for (const member of predecessor.memberIds) childOf.set(member, predecessor.id);
  const sums = new Map<number, Report06Row>();
  for (const { unit_id, unit_name: _name, ...row } of rows as Array<
    { unit_id: number; unit_name?: string } & Report06Row
  >) {
    const key = unit_id === unit.id ? unit.id : (childOf.get(unit_id) ?? unit.id);
    sums.set(key, addRows(sums.get(key) ?? EMPTY_ROW, row));
  }
  const collator = new Intl.Collator('vi');
  const listed = children
    .filter(
      (child) =>
        sums.has(child.id) ||
        (child.valid_from <= to && (child.valid_until === null || child.valid_until > from)),
    )
    .sort(
      (a, b) =>
        (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
        collator.compare(a.name, b.name) ||
        a.id - b.id,
    )
    .map((child) => ({
      unitId: child.id,
      unitName: child.name,
      agencyCode: child.agency_code,
      kind: String(child.kind),
      self: false,
      predecessor: false,
      ...(sums.get(child.id) ?? EMPTY_ROW),
    }));
  if (sums.has(unit.id) || children.length === 0)
    listed.unshift({
      unitId: unit.id,
      unitName: unit.name,
      agencyCode: unit.agencyCode,
      kind: unit.kind ?? 'province',
      self: true,
      predecessor: false,
      ...(sums.get(unit.id) ?? EMPTY_ROW),
    });
  const taken = [...predecessors]
    .filter((predecessor) => sums.has(predecessor.id) || predecessor.validFrom <= to)
    .sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id)
    .map((predecessor) => ({
      unitId: predecessor.id,
      unitName: predecessor.name,
      agencyCode: predecessor.agencyCode,
      kind: predecessor.kind,
      self: false,
      predecessor: true,
      ...(sums.get(predecessor.id) ?? EMPTY_ROW),
    }));
  return [...listed, ...taken];
}
