/**
 * The 2025 reorganisation of the provincial departments, from data/departments-2025.json (its
 * `rules` and README-units.md say what is confirmed): the departments merged on 1/3/2025
 * (NĐ 45/2025/NĐ-CP) close with their successors, the new ones open, and Long An's departments
 * close on 1/7/2025 into the merged province's. History is kept: a closed unit keeps its name,
 * agency code and dossiers, and points to its successors (unit_successions).
 */
import type { Kysely } from 'kysely';
import type { Database, UnitKind } from '../schema';
import { closeUnitsOn, insertSuccessions, insertUnit } from '../../modules/org';
import { isValidIsoDate } from '../../lib/time';
import { AGENCY_CODE } from '@tayninh/domain/org/codes';
import departments from './data/departments-2025.json';
import unitsData from './data/tay-ninh-units.json';

export interface ReorganisationData {
  sources: Array<{ id: string }>;
  units: Array<{
    key: string;
    name: string;
    kind: string;
    parent: string;
    agencyCode: string | null;
    agencyCodeConfirmed?: boolean;
    validFrom: string;
    evidence: string[];
  }>;
  closures: Array<{
    unit: string;
    closedOn: string;
    successors: Array<{ unit: string; whole: boolean; functions?: string }>;
    legalBasis: string;
    evidence: string[];
  }>;
}

export const REORGANISATION_2025: ReorganisationData = departments;

const KINDS: readonly string[] = ['department', 'office'];

/**
 * What is wrong with the data, checked before anything is written (empty when consistent):
 * every reference names a known unit, a unit closes once and after it opened, its successors are
 * open that day, a whole succession has a single successor, and every piece of evidence is a
 * listed source. `known` holds the units already in the tree, with the day they opened.
 */
export function reorganisationProblems(
  data: ReorganisationData,
  known: ReadonlyMap<string, { validFrom: string }>,
): string[] {
  const problems: string[] = [];
  const opened = new Map(known);
  const closedOn = new Map<string, string>();
  const sources = new Set(data.sources.map((source) => source.id));
  const evidence = (where: string, ids: string[]) => {
    for (const id of ids) if (!sources.has(id)) problems.push(`${where}: unknown source ${id}`);
  };
  for (const unit of data.units) {
    if (opened.has(unit.key)) problems.push(`${unit.key}: defined twice`);
    if (!isValidIsoDate(unit.validFrom)) problems.push(`${unit.key}: bad validFrom ${unit.validFrom}`);
    if (!KINDS.includes(unit.kind)) problems.push(`${unit.key}: kind ${unit.kind}`);
    if (unit.agencyCode !== null && !AGENCY_CODE.test(unit.agencyCode))
      problems.push(`${unit.key}: bad agency code ${unit.agencyCode}`);
    if (unit.agencyCode !== null && opened.has(unit.agencyCode))
      problems.push(`${unit.key}: agency code ${unit.agencyCode} already used`);
    if (!opened.has(unit.parent)) problems.push(`${unit.key}: unknown parent ${unit.parent}`);
    evidence(unit.key, unit.evidence);
    opened.set(unit.key, { validFrom: unit.validFrom });
    if (unit.agencyCode) opened.set(unit.agencyCode, { validFrom: unit.validFrom });
  }
  for (const closure of data.closures) {
    const where = `closure of ${closure.unit}`;
    const unit = opened.get(closure.unit);
    if (!unit) problems.push(`${where}: unknown unit`);
    else if (!(closure.closedOn > unit.validFrom)) problems.push(`${where}: closes before it opens`);
    if (closedOn.has(closure.unit)) problems.push(`${where}: closed twice`);
    closedOn.set(closure.unit, closure.closedOn);
    if (closure.successors.some((s) => s.whole) && closure.successors.length !== 1)
      problems.push(`${where}: a whole succession has one successor`);
    if (!closure.legalBasis.trim()) problems.push(`${where}: no legal basis`);
    evidence(where, closure.evidence);
  }
  for (const closure of data.closures)
    for (const successor of closure.successors) {
      const unit = opened.get(successor.unit);
      const ends = closedOn.get(successor.unit);
      if (!unit) problems.push(`closure of ${closure.unit}: unknown successor ${successor.unit}`);
      else if (unit.validFrom > closure.closedOn || (ends !== undefined && ends <= closure.closedOn))
        problems.push(`closure of ${closure.unit}: ${successor.unit} is not open on ${closure.closedOn}`);
    }
  return problems;
}

/**
 * Loads the reorganisation over the seeded 2020 units (`byAgencyCode`, which gains the new
 * units' codes). Throws, writing nothing more, when the data is inconsistent.
 */
export async function seedDepartments2025(
  db: Kysely<Database>,
  byAgencyCode: Map<string, number>,
  data: ReorganisationData = REORGANISATION_2025,
): Promise<void> {
  const seeded = await db
    .selectFrom('units_view')
    .select(['id', 'agency_code', 'valid_from'])
    .where('id', 'in', [...byAgencyCode.values()])
    .execute();
  const known = new Map(
    seeded.flatMap((row) => (row.agency_code ? [[row.agency_code, { validFrom: row.valid_from }]] : [])),
  );
  const problems = reorganisationProblems(data, known);
  if (problems.length > 0) throw new Error(`departments-2025.json: ${problems.join('; ')}`);

  const byKey = new Map<string, number>();
  const idOf = (ref: string) => (AGENCY_CODE.test(ref) ? byAgencyCode.get(ref) : byKey.get(ref))!;
  for (const unit of data.units) {
    const id = await insertUnit(db, {
      agency_code: unit.agencyCode,
      agency_code_confirmed: unit.agencyCodeConfirmed ?? false,
      admin_area_code: null,
      name: unit.name,
      kind: unit.kind as UnitKind,
      tier: 'province',
      parent_id: idOf(unit.parent),
      valid_from: unit.validFrom,
      valid_until: null,
    });
    byKey.set(unit.key, id);
    if (unit.agencyCode) byAgencyCode.set(unit.agencyCode, id);
  }
  for (const closure of data.closures) {
    const id = idOf(closure.unit);
    await closeUnitsOn(db, [id], closure.closedOn);
    await insertSuccessions(
      db,
      closure.successors.map((successor) => ({
        predecessorId: id,
        successorId: idOf(successor.unit),
        effectiveDate: closure.closedOn,
        whole: successor.whole,
        legalBasis: closure.legalBasis,
      })),
    );
  }
}

/** The 2020 codes the data may refer to (for the data's own test, without a database). */
export const AGENCY_CODES_2020: ReadonlyMap<string, { validFrom: string }> = new Map(
  unitsData.agencyIds.map((agency) => [agency.id, { validFrom: '2000-01-01' }]),
);
