/** Data shared by the administration pages: every unit (open and closed) and what I may manage. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, call } from '../api/client';
import { grantedUnits } from '@tayninh/domain/org/grants';
import { useAuth } from '../auth/auth';
import { unitGrants } from '../auth/grants';
import { subtreeIds, type Unit } from './units-tree';

export const UNITS_KEY = ['admin', 'units', 'all'] as const;
const PAGE = 200;

async function fetchAllUnits(): Promise<Unit[]> {
  const first = await call(
    api.GET('/api/units', { params: { query: { includeClosed: true, pageSize: PAGE, page: 1 } } }),
  );
  const pages = Math.ceil(first.total / PAGE);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, index) =>
      call(
        api.GET('/api/units', {
          params: { query: { includeClosed: true, pageSize: PAGE, page: index + 2 } },
        }),
      ),
    ),
  );
  return [first, ...rest].flatMap((page) => page.items);
}

export function useAllUnits() {
  return useQuery({ queryKey: UNITS_KEY, queryFn: fetchAllUnits, staleTime: 5 * 60_000 });
}

/**
 * Units whose officers I may manage: all for a system administrator (null), otherwise the units
 * where I am agency administrator (and their subtrees when the grant says so).
 */
export function useManagedUnitIds(units: Unit[] | undefined): Set<number> | null {
  const { user, hasRole } = useAuth();
  const systemAdmin = hasRole('system_admin');
  return useMemo(() => {
    if (systemAdmin) return null;
    const granted = grantedUnits(unitGrants(user?.roles ?? []), ['agency_admin']);
    const ids = new Set<number>(granted.units);
    if (units) for (const root of granted.subtrees) subtreeIds(units, root).forEach((id) => ids.add(id));
    return ids;
  }, [systemAdmin, user, units]);
}
