/**
 * Pure rules of the officers' screens (no React, unit-tested): which actions to show, how much
 * working time is left, the queue filters as a URL, the missing documents at the counter, and the
 * fields of an application form's JSON Schema.
 */
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { allowedCommands, DOSSIER_COMMANDS, type DossierCommand } from '@tayninh/domain/dossiers/commands';
import {
  CHANNELS,
  documentChecklist,
  missingRequired as missingRequiredDocuments,
  type CatalogueDocument,
  type Channel,
} from '@tayninh/domain/dossiers/documents';
import { readForm, type FieldSpec, type SectionSpec } from '../forms/schema-reader';
export { CHANNELS };

/** The queues, in the order of the side navigation, and the roles each one is for. */
export const QUEUE_ROLES = {
  to_receive: ['receiving_officer', 'system_admin'],
  to_process: ['specialist', 'leader', 'system_admin'],
  to_approve: ['leader', 'system_admin'],
  tasks: ['specialist', 'leader', 'system_admin'],
  tasks_returned: ['specialist', 'leader', 'system_admin'],
  to_return: ['receiving_officer', 'system_admin'],
  due_soon: ['receiving_officer', 'specialist', 'leader', 'agency_admin', 'system_admin'],
  overdue: ['receiving_officer', 'specialist', 'leader', 'agency_admin', 'system_admin'],
  all: ['receiving_officer', 'specialist', 'leader', 'agency_admin', 'system_admin'],
} as const satisfies Record<string, readonly string[]>;
export type QueueName = keyof typeof QUEUE_ROLES;
export const QUEUE_NAMES = Object.keys(QUEUE_ROLES) as QueueName[];

export function isQueue(value: string | undefined): value is QueueName {
  return value !== undefined && value in QUEUE_ROLES;
}

/** Queues for someone with these roles. */
export function queuesFor(roles: readonly string[]): QueueName[] {
  return QUEUE_NAMES.filter((queue) => QUEUE_ROLES[queue].some((role) => roles.includes(role)));
}

/**
 * The actions to offer: those the server allows this user (`server`, with its permissions)
 * that the shared lifecycle, folded here from the recorded events, also allows now. Both must
 * agree, so the screen never offers what the rules forbid, even if one side were out of date.
 * A history that does not fold (it cannot happen with the server's own events) offers nothing.
 */
export function visibleActions<T extends { type: string }>(
  events: readonly DossierAction[],
  server: readonly T[],
): T[] {
  let local: DossierCommand[];
  try {
    local = allowedCommands(foldActions(events));
  } catch {
    return [];
  }
  return server.filter((action) => (local as readonly string[]).includes(action.type));
}

export function isCommand(value: string): value is DossierCommand {
  return (DOSSIER_COMMANDS as readonly string[]).includes(value);
}

export type DueTone = 'overdue' | 'soon' | 'ok' | 'none';

/**
 * How an appointment stands in working time: overdue (red), at most one working day left
 * (orange), otherwise green; `none` when the clock is not running. `days`/`hours` are whole
 * working days (or hours when under a day), rounded up, for the words next to the colour.
 */
export function dueStanding(
  remainingMinutes: number | null | undefined,
  minutesPerDay = 480,
): { tone: DueTone; days: number; hours: number } {
  if (remainingMinutes === null || remainingMinutes === undefined) return { tone: 'none', days: 0, hours: 0 };
  const magnitude = Math.abs(remainingMinutes);
  const days = Math.ceil(magnitude / minutesPerDay);
  const hours = Math.ceil(magnitude / 60);
  if (remainingMinutes <= 0)
    return { tone: 'overdue', days: Math.max(days, remainingMinutes < 0 ? 1 : 0), hours };
  return { tone: remainingMinutes <= minutesPerDay ? 'soon' : 'ok', days, hours };
}

/* Queue filters, kept in the URL so that a view can be shared and survives a reload. */

export const SORT_KEYS = ['dueAt', 'receivedAt', 'submittedAt', 'code'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface QueueFilters {
  q: string;
  procedureCode: string;
  channel: string;
  status: string;
  receivedFrom: string;
  receivedTo: string;
  sort: SortKey;
  order: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_FILTERS: QueueFilters = {
  q: '',
  procedureCode: '',
  channel: '',
  status: '',
  receivedFrom: '',
  receivedTo: '',
  sort: 'dueAt',
  order: 'asc',
  page: 1,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PROCEDURE_CODE = /^[0-9A-Za-z.\-_]{1,30}$/;

/** Reads filters from a query string, dropping anything malformed (a hand-edited URL). */
export function parseFilters(params: URLSearchParams, statuses: readonly string[]): QueueFilters {
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const sort = get('sort');
  const page = Number(get('page'));
  const date = (value: string) => (ISO_DATE.test(value) ? value : '');
  return {
    q: get('q').slice(0, 100),
    procedureCode: PROCEDURE_CODE.test(get('procedureCode')) ? get('procedureCode') : '',
    channel: (CHANNELS as readonly string[]).includes(get('channel')) ? get('channel') : '',
    status: statuses.includes(get('status')) ? get('status') : '',
    receivedFrom: date(get('receivedFrom')),
    receivedTo: date(get('receivedTo')),
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : 'dueAt',
    order: get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The query string of these filters: only what differs from the defaults, in a stable order. */
export function filtersToParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_FILTERS) as Array<keyof QueueFilters>) {
    const value = filters[key];
    if (value !== DEFAULT_FILTERS[key] && value !== '') params.set(key, String(value));
  }
  return params;
}

/** Changing a filter (anything but the page) goes back to the first page. */
export function withFilter(filters: QueueFilters, change: Partial<QueueFilters>): QueueFilters {
  return { ...filters, ...change, page: 'page' in change ? (change.page ?? 1) : 1 };
}

/** Clicking a column header: sort by it ascending, or flip the order when it is already the key. */
export function toggleSort(filters: QueueFilters, key: SortKey): QueueFilters {
  return withFilter(filters, {
    sort: key,
    order: filters.sort === key && filters.order === 'asc' ? 'desc' : 'asc',
  });
}

/** The API query for these filters (empty values left out). */
export function queueQuery(queue: QueueName, filters: QueueFilters, pageSize: number) {
  const { page, ...rest } = filters;
  const present = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== ''));
  return { queue, ...present, page, pageSize };
}

/* Counter intake. */

export type ProcedureDocument = CatalogueDocument;

/**
 * The supplement notice pre-filled from the required documents of the case and channel not
 * ticked as received (the same rule as the wizard and the server).
 */
export function missingDocuments(
  documents: readonly ProcedureDocument[],
  situation: { cases: readonly string[]; channel: Channel },
  received: ReadonlySet<string>,
): string[] {
  return missingRequiredDocuments(documentChecklist(documents, situation, received)).map((doc) => doc.name);
}

/** The applicant of a counter dossier, from the form's applicant section when it has one. */
export function applicantFromForm(formData: Record<string, unknown>): {
  fullName: string;
  identityNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
} {
  const section = (formData.applicant ?? {}) as Record<string, unknown>;
  const text = (name: string) =>
    typeof section[name] === 'string' && section[name].trim() !== '' ? section[name].trim() : undefined;
  const out: ReturnType<typeof applicantFromForm> = { fullName: text('fullName') ?? '' };
  for (const name of ['identityNumber', 'phone', 'email', 'address'] as const) {
    const value = text(name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/* Application forms (JSON Schema): read as the portal reads them (forms/schema-reader.ts). */

export type { FieldKind } from '../forms/schema-reader';
export type FormField = FieldSpec;
export type FormSection = SectionSpec;

/** The form's sections and fields, in the order and with the labels of the online form. */
export const formSections = (schema: unknown): FormSection[] => readForm(schema);

export function valueAt(data: unknown, path: readonly string[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A copy of `data` with `value` set at `path` (empty values removed, so optional fields stay absent). */
export function setValueAt(
  data: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return data;
  const copy = { ...data };
  if (rest.length === 0) {
    if (value === '' || value === null || value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child =
    typeof copy[head] === 'object' && copy[head] !== null ? (copy[head] as Record<string, unknown>) : {};
  copy[head] = setValueAt(child, rest, value);
  return copy;
}

/** Required fields left empty, by pointer. */
export function missingRequired(
  sections: readonly FormSection[],
  data: Record<string, unknown>,
): FormField[] {
  return sections
    .flatMap((section) => section.fields)
    .filter((field) => {
      if (!field.required) return false;
      const value = valueAt(data, field.path);
      return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    });
}

/* Dates typed by hand as a Vietnamese official writes them (dd/mm/yyyy). */

/** "05/12/2026" (or 5-12-2026) → "2026-12-05"; null when it is not a real date. */
export function parseVietnameseDate(text: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : null;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** A deadline chosen as a day: the close of office hours (17:00) that day, Vietnam time. */
export function endOfWorkingDay(date: string): string {
  return new Date(`${date}T17:00:00+07:00`).toISOString();
}
