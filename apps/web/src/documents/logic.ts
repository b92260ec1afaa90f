/**
 * Pure helpers of the documents pages: the list's filters to and from the URL, the register of
 * an address, which actions need a form and in what order the buttons come.
 */
import { INCOMING_STATUSES, OUTGOING_STATUSES } from '@tayninh/domain/documents/lifecycle';
import type { ActionName, DocumentFile } from './types';

export type Register = 'outgoing' | 'incoming';
/** The Vietnamese path segment of each register: /van-ban/di, /van-ban/den. */
export const REGISTER_PATHS: Record<Register, string> = { outgoing: 'di', incoming: 'den' };

export function registerOfPath(segment: string | undefined): Register | null {
  if (segment === 'di') return 'outgoing';
  if (segment === 'den') return 'incoming';
  return null;
}

export interface ListFilters {
  q: string;
  status: string;
  year: number | null;
  page: number;
}

export function statusesOf(register: Register): readonly string[] {
  return register === 'outgoing' ? OUTGOING_STATUSES : INCOMING_STATUSES;
}

export function parseListFilters(params: URLSearchParams, register: Register): ListFilters {
  const status = params.get('status') ?? '';
  const year = Number(params.get('year'));
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    status: statusesOf(register).includes(status) ? status : '',
    year: Number.isInteger(year) && year >= 2000 && year <= 2200 ? year : null,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export function listFiltersToParams(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.status) params.set('status', filters.status);
  if (filters.year) params.set('year', String(filters.year));
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function listQuery(register: Register, filters: ListFilters, pageSize: number) {
  return {
    register,
    pageSize,
    page: filters.page,
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.year ? { year: filters.year } : {}),
  };
}

/** Actions whose body is only `{ type }`: a button, no form. */
const ONE_CLICK: readonly ActionName[] = ['submit', 'number-and-seal', 'issue', 'receive'];
export const needsForm = (action: ActionName): boolean => !ONE_CLICK.includes(action);

/** The way forward first, the way back and away last. */
const ORDER: readonly ActionName[] = [
  'submit',
  'approve',
  'sign',
  'prepare-signature',
  'number-and-seal',
  'issue',
  'add-recipients',
  'receive',
  'register',
  'direct',
  'assign',
  'add-opinion',
  'complete',
  'file',
  'return',
  'return-to-sender',
  'recall',
  'cancel',
];

/** The actions shown as buttons, in order; attach-signature is the signer program's, not a button. */
export function orderedActions(allowed: readonly ActionName[]): ActionName[] {
  return ORDER.filter((action) => allowed.includes(action));
}

export const isDanger = (action: ActionName): boolean =>
  action === 'return' || action === 'return-to-sender' || action === 'recall' || action === 'cancel';

const MAIN_ORDER = ['sealed', 'received', 'signed', 'draft'];
const ATTACHMENT_RANK: Record<string, number> = {
  sealed_attachment: 3,
  received_attachment: 2,
  attachment: 1,
};

/**
 * The files as they stand (the server's store/files.ts): the main document — sealed, else
 * received, else signed, else the current draft — then one file per attachment position.
 */
export function currentFiles(files: readonly DocumentFile[], version: number): DocumentFile[] {
  let main: DocumentFile | undefined;
  for (const role of MAIN_ORDER) {
    main = files.findLast(
      (f) => f.role === role && f.position === 0 && (role !== 'draft' || f.version === version),
    );
    if (main) break;
  }
  const byPosition = new Map<number, DocumentFile>();
  for (const file of files) {
    const rank = ATTACHMENT_RANK[file.role] ?? 0;
    if (rank === 0 || (file.role === 'attachment' && file.version !== version)) continue;
    const held = byPosition.get(file.position);
    if (!held || rank >= (ATTACHMENT_RANK[held.role] ?? 0)) byPosition.set(file.position, file);
  }
  return [...(main ? [main] : []), ...[...byPosition.values()].sort((a, b) => a.position - b.position)];
}

/** Which signatures the previous software recorded for a carried-over document (its page's wording). */
export function carriedSignatures(c: { personSigned: boolean; agencySigned: boolean }) {
  if (c.personSigned && c.agencySigned) return 'both';
  if (c.personSigned) return 'person';
  return c.agencySigned ? 'agency' : 'none';
}
