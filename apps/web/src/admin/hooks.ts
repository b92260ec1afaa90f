/** Data shared by the administration pages: every unit (open and closed) and what I may manage. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
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
    const ids = new Set<number>();
    for (const grant of user?.roles ?? []) {
      if (grant.role !== 'agency_admin' || !grant.unit) continue;
      if (grant.includeSubtree && units) subtreeIds(units, grant.unit.id).forEach((id) => ids.add(id));
      else ids.add(grant.unit.id);
    }
    return ids;
  }, [systemAdmin, user, units]);
}
