/**
 * The statistics a unit's officers read: which unit a request is about (and whether the
 * principal may see it), Biểu 06 with its child units, and the plan's indicators.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { mayReadReports } from '@tayninh/domain/stats/access';
import type { Principal } from '../auth';
import { documentIndicators } from '../documents';
import { unitPath } from '../org';
import { childUnitRows } from './child-units';
import {
  addSums,
  dossierIndicators,
  EMPTY_SUMS,
  evaluateOfficial,
  evaluateUnit,
  onlineServiceBreakdown,
} from './indicators';
import { proceduresInScope, ratingsByOfficial, ratingsByUnit } from './indicators-query';
import { brokenInvariants, periodBounds, totalRow } from './report-06';
import { report06 } from './report-query';
import { reportScope } from './report-scope';

export const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7)) +
  1;

/** The unit of a statistics request, after checking the period and the principal's access. */
export async function reportUnit(
  db: Kysely<Database>,
  principal: Principal,
  query: { unit: string; from: string; to: string },
) {
  if (query.from > query.to)
    throw invalid([
      fieldError(
        '/to',
        'before_from',
        'Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.',
        'to must not be before from.',
      ),
    ]);
  const unit = await db
    .selectFrom('units_view')
    .select(['id', 'name', 'agency_code'])
    .where('agency_code', '=', query.unit)
    .orderBy('valid_until', 'desc')
    .executeTakeFirst();
  if (!unit) throw notFound(`đơn vị ${query.unit}`, `Unit ${query.unit}`);
  const path = await unitPath(db, unit.id);
  if (!mayReadReports(principal.grants, path))
    throw forbidden(
      'Bạn chỉ xem được báo cáo của đơn vị mình.',
      'You may only see reports of your own units.',
    );
  return { id: unit.id, name: unit.name, agencyCode: unit.agency_code! };
}

export async function fullReport(
  db: Kysely<Database>,
  principal: Principal,
  query: { unit: string; from: string; to: string },
) {
  const unit = await reportUnit(db, principal, query);
  const { from, to } = query;
  const scope = await reportScope(db, unit.id, from);
  const rows = await report06(db, scope.unitIds, from, to);
  const total = totalRow(rows);
  if (brokenInvariants(total).length > 0)
    throw new Error(`Biểu 06 invariants broken: ${brokenInvariants(total).join(', ')}`);
  return {
    unit,
    from,
    to,
    rows: rows.map(({ unit_id, unit_name, ...row }) => ({ unitId: unit_id, unitName: unit_name, ...row })),
    childUnits: await childUnitRows(db, unit, from, to, rows, scope.predecessors),
    total,
  };
}

/** The plan's indicators of a unit's subtree over the period (GET /api/stats/indicators). */
export async function indicatorsReport(
  db: Kysely<Database>,
  principal: Principal,
  query: { unit: string; from: string; to: string },
) {
  const unit = await reportUnit(db, principal, query);
  const { from, to } = query;
  const { start, end } = periodBounds(from, to);
  const { unitIds } = await reportScope(db, unit.id, from);
  const rows = await report06(db, unitIds, from, to);
  const total = totalRow(rows);
  const byUnit = await ratingsByUnit(db, unitIds, start, end);
  const byOfficial = await ratingsByOfficial(db, unitIds, start, end);
  const collator = new Intl.Collator('vi');
  return {
    unit,
    from,
    to,
    procedures: { asOf: to, ...onlineServiceBreakdown(await proceduresInScope(db, unitIds, to)) },
    // Official documents of the agencies in scope (plan: > 95% electronic, > 70% signed).
    documents: await documentIndicators(db, unitIds, from, to),
    dossiers: {
      total: dossierIndicators(total),
      byAgency: rows.map((row) => ({
        unitId: row.unit_id,
        unitName: row.unit_name,
        ...dossierIndicators(row),
      })),
    },
    satisfaction: {
      total: evaluateUnit(byUnit.reduce((sum, row) => addSums(sum, row), EMPTY_SUMS)),
      byAgency: byUnit
        .sort((a, b) => collator.compare(a.unit_name, b.unit_name))
        .map((row) => ({ unitId: row.unit_id, unitName: row.unit_name, ...evaluateUnit(row) })),
      byOfficial: byOfficial
        .sort((a, b) => collator.compare(a.full_name, b.full_name) || a.role.localeCompare(b.role))
        .map((row) => ({
          userId: row.user_id,
          fullName: row.full_name,
          role: row.role,
          ...evaluateOfficial(row),
        })),
    },
  };
}
