/**
 * Work queues of the one-stop shop and the agencies: what each officer has to receive, process,
 * approve, return, or holds as an inter-agency task, and what is due soon or overdue. Only
 * dossiers of the officer's own units (and subtrees, where granted) are ever listed.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database, Role } from '../../db/schema';
import { forbidden } from '../../http/errors';
import { formatVietnamIso } from '../../lib/time';
import { isSystemAdmin, type Principal } from '../auth/permissions';
import { subtreeIds } from '../org/tree';
import { STATUS_NAMES, type DossierStatus } from '@tayninh/domain/dossiers/lifecycle';

export const QUEUES = [
  'to_receive',
  'to_process',
  'to_approve',
  'tasks',
  'to_return',
  'due_soon',
  'overdue',
  'all',
] as const;
export type Queue = (typeof QUEUES)[number];

/** Statuses during which the agency's clock runs (waiting for the applicant or for payment does not count). */
export const CLOCK_RUNNING: readonly DossierStatus[] = ['processing', 'pending_approval'];
const DUE_SOON_MS = 2 * 86_400_000;

export interface QueueQuery {
  queue: Queue;
  q?: string;
  page: number;
  pageSize: number;
}

async function unitsFor(
  db: Kysely<Database>,
  principal: Principal,
  roles: readonly Role[],
): Promise<number[]> {
  const grants = principal.grants.filter((grant) => roles.includes(grant.role) && grant.unitId !== null);
  const direct = grants.map((grant) => grant.unitId!);
  const subtrees = await subtreeIds(
    db,
    grants.filter((grant) => grant.includeSubtree).map((grant) => grant.unitId!),
  );
  return [...new Set([...direct, ...subtrees])];
}

type Where = (eb: ExpressionBuilder<Database, 'dossiers'>) => Expression<SqlBool>;

export async function listQueue(db: Kysely<Database>, principal: Principal, query: QueueQuery) {
  if (principal.kind !== 'officer')
    throw forbidden('Hàng đợi xử lý dành cho cán bộ.', 'Queues are for officers.');
  const admin = isSystemAdmin(principal);
  const receiving = await unitsFor(db, principal, ['receiving_officer']);
  const handling = await unitsFor(db, principal, ['specialist', 'leader']);
  const leading = await unitsFor(db, principal, ['leader']);
  const any = await unitsFor(db, principal, ['receiving_officer', 'specialist', 'leader', 'agency_admin']);
  const none = [0]; // `in ()` is not SQL; no unit has id 0
  const inUnits =
    (column: 'receiving_unit_id' | 'handling_unit_id', units: number[]): Where =>
    (eb) =>
      admin ? sql<SqlBool>`true` : eb(`dossiers.${column}`, 'in', units.length ? units : none);
  const holdsTask =
    (units: number[]): Where =>
    (eb) =>
      eb(
        'dossiers.id',
        'in',
        eb
          .selectFrom('dossier_open_tasks')
          .select('dossier_open_tasks.dossier_id')
          .where('dossier_open_tasks.unit_id', 'in', units.length ? units : none),
      );
  const visible: Where = (eb) =>
    eb.or([inUnits('receiving_unit_id', any)(eb), inUnits('handling_unit_id', any)(eb), holdsTask(any)(eb)]);
  const now = new Date();

  const filters: Record<Queue, Where> = {
    to_receive: (eb) =>
      eb.and([eb('dossiers.status', '=', 'submitted'), inUnits('receiving_unit_id', receiving)(eb)]),
    to_return: (eb) =>
      eb.and([eb('dossiers.status', '=', 'result_ready'), inUnits('receiving_unit_id', receiving)(eb)]),
    to_process: (eb) =>
      eb.and([
        eb('dossiers.status', 'in', ['processing', 'supplement_requested']),
        inUnits('handling_unit_id', handling)(eb),
      ]),
    to_approve: (eb) =>
      eb.and([eb('dossiers.status', '=', 'pending_approval'), inUnits('handling_unit_id', leading)(eb)]),
    tasks: holdsTask(handling),
    due_soon: (eb) =>
      eb.and([
        eb('dossiers.status', 'in', [...CLOCK_RUNNING]),
        eb('dossiers.due_at', '>=', now),
        eb('dossiers.due_at', '<', new Date(now.getTime() + DUE_SOON_MS)),
        visible(eb),
      ]),
    overdue: (eb) =>
      eb.and([eb('dossiers.status', 'in', [...CLOCK_RUNNING]), eb('dossiers.due_at', '<', now), visible(eb)]),
    all: visible,
  };

  let base = db.selectFrom('dossiers').where(filters[query.queue]).where('dossiers.code', 'is not', null);
  if (query.q) {
    const q = query.q.trim();
    base = base.where((eb) =>
      eb.or([
        eb('dossiers.code', 'like', `${q}%`),
        sql<SqlBool>`lower(dossiers.applicant->>'fullName') like ${`%${q.toLowerCase()}%`}`,
      ]),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('procedure_versions as v', 'v.id', 'dossiers.procedure_version_id')
    .innerJoin('units as h', 'h.id', 'dossiers.handling_unit_id')
    .select([
      'dossiers.code',
      'dossiers.procedure_code',
      'v.name as procedure_name',
      'dossiers.applicant',
      'dossiers.channel',
      'dossiers.status',
      'dossiers.submitted_at',
      'dossiers.received_at',
      'dossiers.due_at',
      'h.name as handling_unit',
    ])
    .orderBy(sql`dossiers.due_at asc nulls last`)
    .orderBy('dossiers.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((row) => {
      const status = row.status as DossierStatus;
      return {
        code: row.code!,
        procedureCode: row.procedure_code,
        procedureName: row.procedure_name,
        applicantName: (row.applicant as { fullName?: string }).fullName ?? '',
        channel: row.channel,
        status,
        statusName: STATUS_NAMES[status],
        handlingUnit: row.handling_unit,
        submittedAt: row.submitted_at ? formatVietnamIso(row.submitted_at) : null,
        receivedAt: row.received_at ? formatVietnamIso(row.received_at) : null,
        dueAt: row.due_at ? formatVietnamIso(row.due_at) : null,
        overdue: CLOCK_RUNNING.includes(status) && row.due_at !== null && row.due_at < now,
      };
    }),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
