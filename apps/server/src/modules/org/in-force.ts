/**
 * Units in force (đơn vị đang hoạt động) on a day or during a period, for the lists and pickers:
 * a unit is in force on day D when valid_from <= D < valid_until (valid_until NULL: still open),
 * and during [from, to] when it is in force on at least one of those days — so a department
 * closed on 1/3/2025 is listed for 2024 and for 2025, not for 2026, and one opened that day from
 * 2025 on. Without a date, today (Vietnam time).
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database, UnitKind } from '../../db/schema';
import { DomainError, type FieldError, fieldError } from '../../http/errors';
import { foldVietnamese } from '../../lib/vietnamese';
import { isValidIsoDate, vietnamDate, type IsoDate } from '../../lib/time';
import { unitOut, type UnitOut } from './units';

/** The days a list is about, both inclusive (one day: from = to). */
export interface InForce {
  from: IsoDate;
  to: IsoDate;
}

/** The dates the database stores: year 1 to 9999 (PostgreSQL has no year 0). */
const FIRST_DAY = '0001-01-01';
const LAST_DAY = '9999-12-31';

function badDates(errors: FieldError[]): DomainError {
  return new DomainError({
    code: 'validation_failed',
    status: 400,
    message: 'Ngày không hợp lệ: dùng định dạng YYYY-MM-DD, từ năm 0001 đến 9999.',
    messageEn: 'Invalid date: use YYYY-MM-DD, years 0001 to 9999.',
    errors,
  });
}

/**
 * The days asked for: `at` (one day) or `from` and `to` together (a period), today when none is
 * given. A date the schema let through that the database cannot store (year 0000), a lone
 * `from` or `to`, `at` with a period, or a period ending before it starts is a 400 problem.
 */
export function inForceOf(query: { at?: string; from?: string; to?: string }, now = new Date()): InForce {
  const errors: FieldError[] = [];
  for (const field of ['at', 'from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && (!isValidIsoDate(value) || value < FIRST_DAY || value > LAST_DAY))
      errors.push(
        fieldError(
          `/${field}`,
          'invalid_date',
          `Ngày ${value} không hợp lệ (YYYY-MM-DD, năm 0001–9999).`,
          `${field} must be a date between 0001-01-01 and 9999-12-31.`,
        ),
      );
  }
  if (query.at !== undefined && (query.from !== undefined || query.to !== undefined))
    errors.push(
      fieldError(
        '/at',
        'at_with_period',
        'Chỉ chọn một ngày (at) hoặc một kỳ (from, to), không chọn cả hai.',
        'Give either at or from and to, not both.',
      ),
    );
  if ((query.from === undefined) !== (query.to === undefined))
    errors.push(
      fieldError(
        query.from === undefined ? '/from' : '/to',
        'incomplete_period',
        'Kỳ cần cả ngày bắt đầu (from) và ngày kết thúc (to).',
        'A period needs both from and to.',
      ),
    );
  if (errors.length > 0) throw badDates(errors);
  if (query.from !== undefined && query.to !== undefined) {
    if (query.from > query.to)
      throw badDates([
        fieldError(
          '/to',
          'before_from',
          'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
          'to must not be before from.',
        ),
      ]);
    return { from: query.from, to: query.to };
  }
  const day = query.at ?? vietnamDate(now);
  return { from: day, to: day };
}

/** Restricts a query on `units` to the units in force during `days`. */
export function whereInForce<O>(
  query: SelectQueryBuilder<Database, 'units', O>,
  days: InForce,
): SelectQueryBuilder<Database, 'units', O> {
  return query
    .where('valid_from', '<=', days.to)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', days.from)]));
}

export interface ListUnitsQuery {
  /** The days the units must be in force; ignored with `includeClosed`. */
  days: InForce;
  parentId?: number;
  kind?: UnitKind;
  q?: string;
  /** Every unit, whatever its dates (the administrators' full tree). */
  includeClosed?: boolean;
  page: number;
  pageSize: number;
}

export async function listUnits(db: Kysely<Database>, query: ListUnitsQuery) {
  let base = db.selectFrom('units');
  if (!query.includeClosed) base = whereInForce(base, query.days);
  if (query.parentId !== undefined) base = base.where('parent_id', '=', query.parentId);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.q) {
    const folded = foldVietnamese(query.q);
    base = base.where((eb) =>
      eb.or([eb('search_text', 'like', `%${folded}%`), eb('agency_code', '=', query.q!.trim())]),
    );
  }
  const [{ total } = { total: 0 }] = await base
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .execute();
  const rows = await base
    .selectAll()
    .orderBy('parent_id', 'asc')
    .orderBy('agency_code', 'asc')
    .orderBy('name', 'asc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map(unitOut), total: Number(total), page: query.page, pageSize: query.pageSize };
}

/**
 * The units in force during `days` as a nested tree, for pickers, the leaders' dashboard and the
 * portal's agency browser. A unit whose parent is not in force then is shown as a root.
 */
export async function unitTree(db: Kysely<Database>, days: InForce) {
  const rows = await whereInForce(db.selectFrom('units').selectAll(), days)
    .orderBy('agency_code')
    .orderBy('name')
    .execute();
  type Node = UnitOut & { children: Node[] };
  const nodes = new Map<number, Node>(rows.map((row) => [row.id, { ...unitOut(row), children: [] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
