/**
 * Work queues of the one-stop shop and the agencies: what each officer has to receive, process,
 * approve, return, or holds as an inter-agency task, and what is due soon or overdue. Only
 * dossiers of the officer's own units (and subtrees, where granted) are ever listed.
 *
 * Filters and sorting run in the database (the sort key comes from an allow-list, never from the
 * request as SQL), so a page costs the same over thousands of dossiers. Each item carries the
 * working time left before its appointment, counted with the working calendar (holidays, weekends,
 * office hours), not the wall clock.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { Type } from 'typebox';
import { Nullable, StringEnum } from '../../http/schemas';
import type { Database, Role } from '../../db/schema';
import { forbidden } from '../../http/errors';
import { addDays, formatVietnamIso, vietnamInstant, type IsoDate } from '../../lib/time';
import { isSystemAdmin, type Principal } from '../auth';
import { subtreeIds } from '../org';
import type { CalendarService } from '../calendar';
import { computeDueDate, minutesPerWorkingDay, workingMinutesBetween } from '../calendar';
import { DOSSIER_STATUSES, STATUS_NAMES, type DossierStatus } from '@tayninh/domain/dossiers/lifecycle';
import { CHANNELS } from '@tayninh/domain/dossiers/documents';
import { grantedUnits } from '@tayninh/domain/org/grants';
export { CHANNELS };

export const QUEUES = [
  'to_receive',
  'to_process',
  'to_approve',
  'tasks',
  'tasks_returned',
  'to_return',
  'due_soon',
  'overdue',
  'all',
] as const;
export type Queue = (typeof QUEUES)[number];

/** Sort keys a client may ask for, and the columns they stand for (the allow-list). */
export const QUEUE_SORTS = ['dueAt', 'receivedAt', 'submittedAt', 'code'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
const SORT_COLUMNS = {
  dueAt: 'dossiers.due_at',
  receivedAt: 'dossiers.received_at',
  submittedAt: 'dossiers.submitted_at',
  code: 'dossiers.code',
} as const satisfies Record<QueueSort, string>;

/** One dossier of a queue (GET /api/dossiers). */
export const QueueItemSchema = Type.Object({
  code: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  applicantName: Type.String(),
  channel: Type.String(),
  status: StringEnum(DOSSIER_STATUSES),
  statusName: Type.String(),
  handlingUnit: Type.String(),
  submittedAt: Nullable(Type.String({ description: 'Thời điểm nộp hồ sơ' })),
  receivedAt: Nullable(
    Type.String({ description: 'Thời điểm tiếp nhận; null khi hồ sơ chưa được tiếp nhận' }),
  ),
  dueAt: Nullable(Type.String({ description: 'Hẹn trả kết quả của hồ sơ' })),
  overdue: Type.Boolean(),
  remainingWorkingMinutes: Nullable(
    Type.Integer({
      description:
        'Thời gian làm việc còn lại đến hạn (phút; âm: đã quá hạn), theo lịch làm việc; null khi không tính thời hạn',
    }),
  ),
  task: Nullable(
    Type.Object(
      {
        dueAt: Type.String({ description: 'Thời hạn của nhiệm vụ liên thông' }),
        overdue: Type.Boolean(),
        remainingWorkingMinutes: Nullable(Type.Integer()),
      },
      {
        description:
          'Hàng đợi tasks: nhiệm vụ liên thông mà đơn vị của cán bộ đang giữ (sớm nhất nếu có nhiều); null ở các hàng đợi khác',
      },
    ),
  ),
});

/** Statuses during which the agency's clock runs (waiting for the applicant or for payment does not count). */
export const CLOCK_RUNNING: readonly DossierStatus[] = ['processing', 'pending_approval'];
/** "Due soon": the appointment falls within this many working days. */
export const DUE_SOON_WORKING_DAYS = 2;

export interface QueueQuery {
  queue: Queue;
  /** The start of a dossier code, or part of the applicant's name. */
  q?: string;
  procedureCode?: string;
  channel?: (typeof CHANNELS)[number];
  status?: DossierStatus;
  /** Received on or after / on or before these days (Vietnam time), inclusive. */
  receivedFrom?: IsoDate;
  receivedTo?: IsoDate;
  sort?: QueueSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The units where the principal holds one of `roles`: the granted units and their subtrees. */
async function unitsFor(
  db: Kysely<Database>,
  principal: Principal,
  roles: readonly Role[],
): Promise<number[]> {
  const { units, subtrees } = grantedUnits(principal.grants, roles);
  return [...new Set([...units, ...(await subtreeIds(db, subtrees))])];
}

type Where = (eb: ExpressionBuilder<Database, 'dossiers'>) => Expression<SqlBool>;

/** The filter of every queue for this officer (and the instant it was computed for). */
async function queueFilters(db: Kysely<Database>, calendar: CalendarService, principal: Principal) {
  if (principal.kind !== 'officer')
    throw forbidden('Hàng đợi xử lý dành cho cán bộ.', 'Queues are for officers.');
  const admin = isSystemAdmin(principal);
  // The system administrator sees every unit: no need to expand its grants' subtrees.
  const units = (roles: readonly Role[]) => (admin ? Promise.resolve([]) : unitsFor(db, principal, roles));
  const receiving = await units(['receiving_officer']);
  const handling = await units(['specialist', 'leader']);
  const leading = await units(['leader']);
  const any = await units(['receiving_officer', 'specialist', 'leader', 'agency_admin']);
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
  const { calendar: working, hours } = await calendar.load();
  const soon = computeDueDate(
    now,
    (DUE_SOON_WORKING_DAYS * minutesPerWorkingDay(hours)) / 60,
    'working-hours',
    working,
    hours,
  ).dueAt;

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
    // Came back from another agency: the handling unit's dossiers whose latest history entry is
    // an inter-agency task reported done (until the handling unit acts on it again).
    tasks_returned: (eb) =>
      eb.and([
        eb('dossiers.status', '=', 'processing'),
        inUnits('handling_unit_id', handling)(eb),
        eb.exists(
          eb
            .selectFrom('dossier_actions as last')
            .select('last.id')
            .whereRef('last.dossier_id', '=', 'dossiers.id')
            .whereRef('last.seq', '=', 'dossiers.action_count')
            .where('last.type', '=', 'task_completed'),
        ),
      ]),
    due_soon: (eb) =>
      eb.and([
        eb('dossiers.status', 'in', [...CLOCK_RUNNING]),
        eb('dossiers.due_at', '>=', now),
        eb('dossiers.due_at', '<=', soon),
        visible(eb),
      ]),
    overdue: (eb) =>
      eb.and([eb('dossiers.status', 'in', [...CLOCK_RUNNING]), eb('dossiers.due_at', '<', now), visible(eb)]),
    all: visible,
  };
  /**
   * The due date of the inter-agency task this officer's units hold on the dossier (the earliest,
   * if several): what the `tasks` queue is about, rather than the dossier's own appointment.
   */
  const taskDueAt = admin
    ? sql<Date | null>`(select min(t.due_at) from dossier_open_tasks t where t.dossier_id = dossiers.id)`
    : sql<Date | null>`(select min(t.due_at) from dossier_open_tasks t
        where t.dossier_id = dossiers.id and t.unit_id = any(${handling.length ? handling : none}::bigint[]))`;
  return { filters, now, working, hours, taskDueAt };
}

/** `like` pattern text with its wildcards taken literally. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Working minutes left before `dueAt` (negative: working minutes past it), or null when the
 * agency's clock is not running (before receipt, waiting for the applicant or a payment, done).
 */
export function remainingWorkingMinutes(
  status: DossierStatus,
  dueAt: Date | null,
  now: Date,
  working: Awaited<ReturnType<CalendarService['load']>>['calendar'],
  hours: Awaited<ReturnType<CalendarService['load']>>['hours'],
): number | null {
  if (!dueAt || !CLOCK_RUNNING.includes(status)) return null;
  const minutes =
    dueAt > now
      ? workingMinutesBetween(now, dueAt, working, hours)
      : -workingMinutesBetween(dueAt, now, working, hours);
  return Math.round(minutes);
}

export async function listQueue(
  db: Kysely<Database>,
  calendar: CalendarService,
  principal: Principal,
  query: QueueQuery,
) {
  const { filters, now, working, hours, taskDueAt } = await queueFilters(db, calendar, principal);
  const tasksQueue = query.queue === 'tasks';
  let base = db.selectFrom('dossiers').where(filters[query.queue]).where('dossiers.code', 'is not', null);
  const q = query.q?.trim();
  if (q) {
    base = base.where((eb) =>
      eb.or([
        sql<SqlBool>`dossiers.code like ${`${likeEscape(q.toUpperCase())}%`}`,
        sql<SqlBool>`lower(dossiers.applicant->>'fullName') like ${`%${likeEscape(q.toLowerCase())}%`}`,
      ]),
    );
  }
  if (query.procedureCode) base = base.where('dossiers.procedure_code', '=', query.procedureCode);
  if (query.channel) base = base.where('dossiers.channel', '=', query.channel);
  if (query.status) base = base.where('dossiers.status', '=', query.status);
  if (query.receivedFrom)
    base = base.where('dossiers.received_at', '>=', vietnamInstant(query.receivedFrom, 0));
  if (query.receivedTo)
    base = base.where('dossiers.received_at', '<', vietnamInstant(addDays(query.receivedTo, 1), 0));

  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const sort = query.sort ?? 'dueAt';
  // In the tasks queue the deadline that matters is the task's.
  const column = tasksQueue && sort === 'dueAt' ? 'task_due_at' : SORT_COLUMNS[sort];
  const direction = query.order === 'desc' ? sql`desc` : sql`asc`;
  const rows = await base
    .innerJoin('procedure_versions_view as v', 'v.id', 'dossiers.procedure_version_id')
    .innerJoin('units_view as h', 'h.id', 'dossiers.handling_unit_id')
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
      (tasksQueue ? taskDueAt : sql<Date | null>`null::timestamptz`).as('task_due_at'),
    ])
    .orderBy(sql`${sql.ref(column)} ${direction} nulls last`)
    .orderBy('dossiers.id', query.order === 'desc' ? 'desc' : 'asc')
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
        remainingWorkingMinutes: remainingWorkingMinutes(status, row.due_at, now, working, hours),
        task: row.task_due_at
          ? {
              dueAt: formatVietnamIso(row.task_due_at),
              overdue: CLOCK_RUNNING.includes(status) && row.task_due_at < now,
              remainingWorkingMinutes: remainingWorkingMinutes(status, row.task_due_at, now, working, hours),
            }
          : null,
      };
    }),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
    /** Length of one working day in minutes, to turn `remainingWorkingMinutes` into days. */
    workingMinutesPerDay: minutesPerWorkingDay(hours),
  };
}

/** How many dossiers wait in each queue for this officer. */
export async function queueCounts(
  db: Kysely<Database>,
  calendar: CalendarService,
  principal: Principal,
): Promise<Record<Queue, number>> {
  const { filters } = await queueFilters(db, calendar, principal);
  const counts = await Promise.all(
    QUEUES.map(async (queue) => {
      const { n } = await db
        .selectFrom('dossiers')
        .where(filters[queue])
        .where('dossiers.code', 'is not', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return [queue, Number(n)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<Queue, number>;
}
