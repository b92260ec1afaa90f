/**
 * The administrative tree built in the browser from the flat unit list (open and closed units),
 * so that the 2019 units closed by the 2025 reform stay visible, marked as closed.
 */
import type { paths } from '../api/schema';
import { foldText, matchesFolded } from '../lib/search';

export type Unit =
  paths['/api/units']['get']['responses'][200]['content']['application/json']['items'][number];
export type UnitKind = Unit['kind'];
export type Tier = Unit['tier'];

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Open on `date` (YYYY-MM-DD): started, and not yet closed. */
export function isOpen(unit: Pick<Unit, 'validFrom' | 'validUntil'>, date: string): boolean {
  return unit.validFrom <= date && (unit.validUntil === null || unit.validUntil > date);
}

function compareUnits(a: Unit, b: Unit): number {
  // Open units before closed ones, then by agency code (the official order), then by name.
  const closed = Number(a.validUntil !== null) - Number(b.validUntil !== null);
  if (closed !== 0) return closed;
  const code = (a.agencyCode ?? '~').localeCompare(b.agencyCode ?? '~');
  return code !== 0 ? code : a.name.localeCompare(b.name, 'vi');
}

/** Nests units under their parents; units whose parent is missing become roots. */
export function buildTree(units: Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>(units.map((unit) => [unit.id, { unit, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId === null ? undefined : nodes.get(node.unit.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => compareUnits(a.unit, b.unit));
    list.forEach((node) => sort(node.children));
  };
  sort(roots);
  return roots;
}

/**
 * Keeps the units whose name or agency code matches `query` (accents and case ignored) and the
 * path down to them; the whole subtree of a match is kept too.
 */
export function filterTree(nodes: UnitNode[], query: string): UnitNode[] {
  const needle = query.trim();
  if (!foldText(needle)) return nodes;
  const matches = (unit: Unit) =>
    matchesFolded(unit.name, needle) || (unit.agencyCode ?? '').toLowerCase().includes(needle.toLowerCase());
  return nodes.flatMap((node) => {
    if (matches(node.unit)) return [node];
    const children = filterTree(node.children, query);
    return children.length > 0 ? [{ ...node, children }] : [];
  });
}

/** Keeps only units open on `date` (a closed unit hides its subtree). */
export function openOnly(nodes: UnitNode[], date: string): UnitNode[] {
  return nodes
    .filter((node) => isOpen(node.unit, date))
    .map((node) => ({ ...node, children: openOnly(node.children, date) }));
}

/** Values (ids as strings) of every node that has children: to expand a filtered tree. */
export function branchValues(nodes: UnitNode[]): string[] {
  return nodes.flatMap((node) =>
    node.children.length > 0 ? [String(node.unit.id), ...branchValues(node.children)] : [],
  );
}

/** Ids of a unit and everything below it. */
export function subtreeIds(units: Unit[], rootId: number): Set<number> {
  const ids = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId !== null && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Options for a unit picker: open units, labelled with their code, sorted by name. */
export function unitOptions(
  units: Unit[],
  date: string,
  allowed?: (unit: Unit) => boolean,
): Array<{ value: string; label: string }> {
  return units
    .filter((unit) => isOpen(unit, date) && (!allowed || allowed(unit)))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map((unit) => ({
      value: String(unit.id),
      label: unit.agencyCode ? `${unit.name} (${unit.agencyCode})` : unit.name,
    }));
}

export interface UnitFormValues {
  name: string;
  parentId: string | null;
  agencyCode: string;
  agencyCodeConfirmed: boolean;
  adminAreaCode: string;
}

export type UnitPatch = Partial<{
  name: string;
  parentId: number | null;
  agencyCode: string | null;
  agencyCodeConfirmed: boolean;
  adminAreaCode: string | null;
}>;

/** Only what changed, as PATCH /api/admin/units/:id wants it (the reason is added by the caller). */
export function unitChanges(before: Unit, values: UnitFormValues): UnitPatch {
  const patch: UnitPatch = {};
  const name = values.name.trim();
  if (name !== before.name) patch.name = name;
  const parentId = values.parentId ? Number(values.parentId) : null;
  if (parentId !== before.parentId) patch.parentId = parentId;
  const agencyCode = values.agencyCode.trim() || null;
  if (agencyCode !== before.agencyCode) patch.agencyCode = agencyCode;
  if (values.agencyCodeConfirmed !== before.agencyCodeConfirmed)
    patch.agencyCodeConfirmed = values.agencyCodeConfirmed;
  const adminAreaCode = values.adminAreaCode.trim() || null;
  if (adminAreaCode !== before.adminAreaCode) patch.adminAreaCode = adminAreaCode;
  return patch;
}
