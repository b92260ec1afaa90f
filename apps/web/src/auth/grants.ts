/** The signed-in user's role grants in the domain's terms (@tayninh/domain/org/grants). */
import type { UnitGrant } from '@tayninh/domain/org/grants';

/** A role grant as the API describes it: the unit it is on, if any. */
interface ApiGrant<R extends string> {
  role: R;
  unit: { id: number } | null;
  includeSubtree: boolean;
}

export function unitGrants<R extends string>(roles: readonly ApiGrant<R>[]): UnitGrant<R>[] {
  return roles.map((grant) => ({
    role: grant.role,
    unitId: grant.unit?.id ?? null,
    includeSubtree: grant.includeSubtree,
  }));
}
