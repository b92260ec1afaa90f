/**
 * What a reader of the catalogue sees. The record is public except the editors' notes (`notes`:
 * sources, data-entry remarks such as "Cổng DVC ghi thời hạn '1' (không kèm đơn vị)"), which only
 * those who may manage the catalogue read; what citizens need to know is published in
 * `requirements` (yêu cầu, điều kiện thực hiện).
 */
import { hasPermissionAnywhere, type Principal } from '../auth';

export function mayReadEditorNotes(principal: Principal | null): boolean {
  return principal !== null && hasPermissionAnywhere(principal, 'procedures.manage');
}

/** The record as `principal` may read it: without `notes` unless they manage the catalogue. */
export function asReadBy<T extends { notes?: string | null }>(record: T, principal: Principal | null): T {
  if (mayReadEditorNotes(principal)) return record;
  const { notes: _internal, ...rest } = record;
  return rest as T;
}
