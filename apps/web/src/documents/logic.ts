/**
 * Pure helpers of the documents pages: the list's filters to and from the URL, the register of
 * an address, which actions need a form and in what order the buttons come.
 */
import { INCOMING_STATUSES, OUTGOING_STATUSES } from '@tayninh/domain/documents/lifecycle';
import type { ActionName } from './types';

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
