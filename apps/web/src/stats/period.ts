/**
 * The period of a statistics page (a year, a quarter or chosen dates), kept in the address so a
 * page can be bookmarked or shared: ?ky=nam&nam=2026, ?ky=quy&nam=2026&quy=3,
 * ?ky=tuy-chon&tu=2026-01-01&den=2026-06-30. Periods reaching past today stop at today.
 */
import { useSearchParams } from 'react-router';
import { formatDate, formatNumber, formatPercent, todayIso } from '../lib/format';

export type PeriodKind = 'year' | 'quarter' | 'custom';

export interface Period {
  kind: PeriodKind;
  year: number;
  quarter: number;
  from: string;
  to: string;
}

const KIND_PARAM: Record<PeriodKind, string> = { year: 'nam', quarter: 'quy', custom: 'tuy-chon' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function defaultPeriod(today = todayIso()): Period {
  const year = Number(today.slice(0, 4));
  return {
    kind: 'year',
    year,
    quarter: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1,
    from: `${year}-01-01`,
    to: today,
  };
}

/** The first and last day of a period, never after today. */
export function periodRange(period: Period, today = todayIso()): { from: string; to: string } {
  const clamp = (to: string) => (to > today ? today : to);
  switch (period.kind) {
    case 'year':
      return { from: `${period.year}-01-01`, to: clamp(`${period.year}-12-31`) };
    case 'quarter': {
      const first = (period.quarter - 1) * 3 + 1;
      const lastDay = new Date(Date.UTC(period.year, first + 2, 0)).getUTCDate();
      return {
        from: `${period.year}-${String(first).padStart(2, '0')}-01`,
        to: clamp(`${period.year}-${String(first + 2).padStart(2, '0')}-${lastDay}`),
      };
    }
    case 'custom':
      return { from: period.from, to: clamp(period.to) };
  }
}

/** The years offered: the last five, newest first. */
export function recentYears(today = todayIso(), count = 5): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: count }, (_, index) => year - index);
}

export function usePeriodParams(): [Period, (period: Period) => void] {
  const [params, setParams] = useSearchParams();
  const fallback = defaultPeriod();
  const kindParam = params.get('ky');
  const kind = (Object.keys(KIND_PARAM) as PeriodKind[]).find((k) => KIND_PARAM[k] === kindParam) ?? 'year';
  const year = Number(params.get('nam'));
  const quarter = Number(params.get('quy'));
  const from = params.get('tu') ?? '';
  const to = params.get('den') ?? '';
  const period: Period = {
    kind,
    year: Number.isInteger(year) && year >= 2000 && year <= fallback.year ? year : fallback.year,
    quarter: quarter >= 1 && quarter <= 4 ? quarter : fallback.quarter,
    from: ISO_DATE.test(from) ? from : fallback.from,
    to: ISO_DATE.test(to) ? to : fallback.to,
  };
  const update = (next: Period) => {
    const out = new URLSearchParams(params);
    for (const key of ['ky', 'nam', 'quy', 'tu', 'den']) out.delete(key);
    out.set('ky', KIND_PARAM[next.kind]);
    if (next.kind !== 'custom') out.set('nam', String(next.year));
    if (next.kind === 'quarter') out.set('quy', String(next.quarter));
    if (next.kind === 'custom') {
      out.set('tu', next.from);
      out.set('den', next.to);
    }
    setParams(out, { replace: true, preventScrollReset: true });
  };
  return [period, update];
}

/** A share 0–1 as a Vietnamese percentage (95,2%); a dash when there is nothing to divide. */
export function pct(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : formatPercent(share * 100, 1);
}

export const num = (value: number) => formatNumber(value);

/** "Sở Xây dựng", "Xã Thạnh Tân": the unit without "Ủy ban nhân dân", as people say it. */
export function shortName(name: string): string {
  const rest = name.replace(/^Ủy ban nhân dân\s+/i, '');
  return rest === name ? name : rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** "05/2026" */
export function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

export function rangeText(from: string, to: string) {
  return { from: formatDate(from), to: formatDate(to) };
}
