/**
 * Public statistics of the portal (GET /api/public/stats): how the province's agencies handle
 * dossiers in a period, without any personal data — the figures of Biểu 06 for the province,
 * read from the same rollups (report-query.ts), so they stay fast at a million dossiers and agree
 * with the official report.
 *
 * Grouping: one row per direct subordinate unit of the provincial People's Committee, its whole
 * subtree summed — exactly the rows of the province's Biểu 06 (`childUnitRows`). In the 2025
 * tree these are the departments (sở, ban, ngành; `level: 'province'`, with the Office whose
 * public administration service centre receives their dossiers) and the 96 communes and wards
 * (`level: 'local'`). A period before 1/7/2025 also lists the 2019 districts, each with its
 * former communes summed (the old tree as it was; nothing is reassigned to the new communes),
 * and the departments closed in the reorganisation of 1/3/2025 under their own names. A period
 * before 1/7/2025 may also list UBND tỉnh Long An with its departments summed (report-scope.ts).
 * Only units that handled dossiers in the period are listed.
 *
 * Measures (see `publicFigures`): received = received during the period (columns 4 + 5; the
 * carried-over dossiers are not received again), resolved = column 7, on time = before or on the
 * appointment day (8 + 9), late = 10, in progress at the end of the period = 11 (of which overdue
 * 13), on-time rate = on time / resolved, online share = received online / received.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fieldError, invalid } from '../../http/errors';
import { isValidIsoDate, vietnamDate, type IsoDate } from '../../lib/time';
import { childUnitRows } from './child-units';
import { reportScope } from './report-scope';
import { figuresOf, resolvedInTime } from '@tayninh/domain/stats/report-06';
import { EMPTY_ROW, totalRow, type Report06Row } from './report-06';
import { monthlyFlows, report06, type MonthFlows } from './report-query';

/** The longest period served: three years (36 months in the trend). */
export const MAX_PUBLIC_YEARS = 3;
/** Answers are kept this long per period: the figures change by the minute, not the second. */
export const PUBLIC_CACHE_MS = 60_000;
const CACHE_ENTRIES = 64;

export interface PublicFigures {
  received: number;
  receivedOnline: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  inProgress: number;
  inProgressOverdue: number;
  withdrawnOrStopped: number;
  onTimeRate: number | null;
  onlineShare: number | null;
}

export function publicFigures(row: Report06Row): PublicFigures {
  const { onTimeRate, onlineShare, ...counts } = figuresOf(row);
  return {
    ...counts,
    inProgress: row.inProgress,
    inProgressOverdue: row.inProgressOverdue,
    withdrawnOrStopped: row.withdrawnOrStopped,
    onTimeRate,
    onlineShare,
  };
}

/** A month's figures: what was received and resolved in it (the flows carry no column 7). */
export function monthFigures(flows: MonthFlows) {
  return {
    month: flows.month,
    ...figuresOf({ ...flows, resolved: resolvedInTime(flows) + flows.resolvedLate }),
  };
}

/** Same day next `years` years (29 February → 28 February). */
function plusYears(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const candidate = `${year}${date.slice(4)}`;
  return isValidIsoDate(candidate) ? candidate : `${year}${date.slice(4, 8)}28`;
}

/**
 * The period asked for, with the defaults (1 January of this year to today, Vietnam time), or a
 * 422 problem explaining in Vietnamese what is wrong with it.
 */
export function publicPeriod(
  query: { from?: string; to?: string },
  now: Date = new Date(),
): { from: IsoDate; to: IsoDate } {
  const today = vietnamDate(now);
  const errors = [];
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isValidIsoDate(value))
      errors.push(
        fieldError(
          `/${field}`,
          'invalid_date',
          `${field === 'from' ? 'Ngày bắt đầu' : 'Ngày kết thúc'} kỳ thống kê không hợp lệ (định dạng YYYY-MM-DD, ví dụ ${today}).`,
          `${field} must be a valid date (YYYY-MM-DD).`,
        ),
      );
  }
  if (errors.length > 0) throw invalid(errors, 'Kỳ thống kê không hợp lệ.');
  const asked = query.to ?? today;
  // A period reaching into the future (this quarter, this year) is served up to today.
  const to = asked > today ? today : asked;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > today)
    throw invalid(
      [
        fieldError(
          '/from',
          'future',
          'Kỳ thống kê chưa bắt đầu: ngày bắt đầu phải trước hoặc bằng ngày hôm nay.',
          'from must not be in the future.',
        ),
      ],
      'Kỳ thống kê không hợp lệ.',
    );
  if (from > to)
    throw invalid(
      [
        fieldError(
          '/to',
          'before_from',
          'Ngày kết thúc kỳ thống kê phải bằng hoặc sau ngày bắt đầu.',
          'to must not be before from.',
        ),
      ],
      'Kỳ thống kê không hợp lệ.',
    );
  if (to >= plusYears(from, MAX_PUBLIC_YEARS))
    throw invalid(
      [
        fieldError(
          '/to',
          'period_too_long',
          `Kỳ thống kê dài tối đa ${MAX_PUBLIC_YEARS} năm; hãy chọn kỳ ngắn hơn.`,
          `The period may not exceed ${MAX_PUBLIC_YEARS} years.`,
        ),
      ],
      'Kỳ thống kê không hợp lệ.',
    );
  return { from, to };
}

/** The province these statistics are about: the open root of the tree (UBND tỉnh Tây Ninh). */
async function provinceUnit(db: Kysely<Database>) {
  const unit = await db
    .selectFrom('units_view')
    .select(['id', 'name', 'agency_code', 'kind'])
    .where('parent_id', 'is', null)
    .where('kind', '=', 'province')
    .where('valid_until', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return unit ?? null;
}

const LOCAL_KINDS = new Set(['district', 'commune']);

export async function publicStats(db: Kysely<Database>, from: IsoDate, to: IsoDate) {
  const province = await provinceUnit(db);
  if (!province)
    return { from, to, province: null, total: publicFigures(EMPTY_ROW), agencies: [], months: [] };
  const unit = {
    id: province.id,
    name: province.name,
    agencyCode: province.agency_code ?? '',
    kind: province.kind as string,
  };
  const { unitIds, predecessors } = await reportScope(db, unit.id, from);
  const rows = await report06(db, unitIds, from, to);
  const total = totalRow(rows);
  const agencies = (await childUnitRows(db, unit, from, to, rows, predecessors))
    .filter((row) => row.received > 0 || row.resolved > 0 || row.inProgress > 0 || row.withdrawnOrStopped > 0)
    .map((row) => ({
      unitId: row.unitId,
      name: row.unitName,
      agencyCode: row.agencyCode,
      level: LOCAL_KINDS.has(row.kind) ? ('local' as const) : ('province' as const),
      ...publicFigures(row),
    }));
  const months = (await monthlyFlows(db, unitIds, from, to)).map(monthFigures);
  return {
    from,
    to,
    province: { name: unit.name, agencyCode: unit.agencyCode },
    total: publicFigures(total),
    agencies,
    months,
  };
}

export type PublicStats = Awaited<ReturnType<typeof publicStats>>;

/** A short-lived cache of answers per period (one per app instance). */
export function publicStatsCache(db: Kysely<Database>, ttlMs = PUBLIC_CACHE_MS) {
  const entries = new Map<string, { at: number; value: Promise<PublicStats> }>();
  return (from: IsoDate, to: IsoDate): Promise<PublicStats> => {
    const key = `${from}/${to}`;
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = publicStats(db, from, to);
    entries.set(key, { at: now, value });
    value.catch(() => entries.delete(key));
    // The oldest entry goes first (a Map iterates in insertion order).
    if (entries.size > CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
    return value;
  };
}
