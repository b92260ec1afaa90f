/**
 * One-stop use cases. Every change appends an action and updates the projection in one
 * transaction; a request that fails writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { conflict, DomainError, fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { translateAjvError } from '../../http/problem';
import { createFormAjv } from '../../http/validation';
import { formatVietnamIso } from '../../lib/time';
import type { Principal } from '../auth/permissions';
import type { CalendarService } from '../calendar/service';
import { computeDueDate, type DurationUnit } from '../calendar/due-date';
import { unitPath } from '../org/tree';
import type { CatalogueIndex } from '../procedures/catalogue-index';
import { dailyLimitReached, formatDossierCode } from './codes';
import { vietnamDate } from '../../lib/time';
import {
  applyAction,
  foldActions,
  STATUS_NAMES,
  TransitionError,
  type DossierAction,
  type DossierState,
} from '@tayninh/domain/dossiers/lifecycle';
import {
  allowedCommands,
  commandEvent,
  COMMANDS,
  EVENT_NAMES,
  type DossierCommand,
} from '@tayninh/domain/dossiers/commands';
import { findRating, insertRating, ratingRow, type RatingInput } from './rating';
import { actsFor, canView, mayAct, maySeeResult, type DossierScope } from './policy';
import { appendAction, isUniqueViolation, loadDossier, scopeOf, type ActionRow } from './repo';
import { listAttachments } from './attachments';
import { enqueueNotification } from '../notifications/outbox';

const formAjv = createFormAjv();
const compiledForms = new Map<number, ValidateFunction>();

export function validateForm(versionId: number, schema: object, data: unknown) {
  let validate = compiledForms.get(versionId);
  if (!validate) {
    validate = formAjv.compile(schema);
    compiledForms.set(versionId, validate);
  }
  if (!validate(data)) {
    const errors = (validate.errors ?? []).map((error: ErrorObject) => {
      const translated = translateAjvError(error, 'formData');
      return { ...translated, field: `/formData${translated.field === '/formData' ? '' : translated.field}` };
    });
    throw invalid(errors, 'Tờ khai chưa hợp lệ. Vui lòng kiểm tra các trường được nêu.');
  }
}

export interface Applicant {
  fullName: string;
  identityNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface SubmitInput {
  procedureCode: string;
  /** The commune (for commune-level procedures) or agency chosen by the applicant. */
  unitId?: number;
  channel: 'online' | 'counter' | 'post';
  formData: Record<string, unknown>;
  applicant?: Applicant;
  idempotencyKey?: string;
}

interface Routing {
  receivingUnitId: number;
  receivingAgencyCode: string;
  handlingUnitId: number;
}

async function openUnit(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', id)
    .where('valid_until', 'is', null)
    .executeTakeFirst();
}

/**
 * Where a dossier goes: a provincial procedure is received by the provincial public administration
 * service centre and handled by its department; a commune procedure by the chosen commune.
 */
export async function route(
  db: Kysely<Database>,
  catalogue: CatalogueIndex,
  version: { handling_unit_id: number | null; levels: string[] },
  unitId: number | undefined,
): Promise<Routing> {
  if (version.handling_unit_id !== null) {
    const centre = await catalogue.cached('province-service-centre', (db) =>
      db
        .selectFrom('units')
        .select(['id', 'agency_code'])
        .where('kind', '=', 'service_centre')
        .where('tier', '=', 'province')
        .where('valid_until', 'is', null)
        .orderBy('id')
        .executeTakeFirst(),
    );
    const receiving = centre ?? (await openUnit(db, version.handling_unit_id));
    if (!receiving?.agency_code)
      throw conflict(
        'no_receiving_unit',
        'Chưa cấu hình Bộ phận Một cửa tiếp nhận thủ tục này.',
        'No receiving unit configured.',
      );
    return {
      receivingUnitId: receiving.id,
      receivingAgencyCode: receiving.agency_code,
      handlingUnitId: version.handling_unit_id,
    };
  }
  if (unitId === undefined) {
    throw invalid([
      fieldError(
        '/unitId',
        'required',
        'Hãy chọn Ủy ban nhân dân cấp xã nơi nộp hồ sơ.',
        'Choose the commune to submit to.',
      ),
    ]);
  }
  const unit = await openUnit(db, unitId);
  if (!unit || unit.kind !== 'commune' || !unit.agency_code) {
    throw invalid([
      fieldError(
        '/unitId',
        'not_commune',
        'Đơn vị được chọn không phải Ủy ban nhân dân cấp xã đang hoạt động.',
        'Not an open commune.',
      ),
    ]);
  }
  return { receivingUnitId: unit.id, receivingAgencyCode: unit.agency_code, handlingUnitId: unit.id };
}

function projection(state: DossierState) {
  return {
    status: state.status,
    received_at: state.receivedAt,
    due_at: state.dueAt,
    original_due_at: state.originalDueAt,
    completed_at: state.completedAt,
    assignee_id: state.assigneeId,
    updated_at: new Date(),
  };
}

/** Keeps the open-task projection in step with the action just appended. */
async function syncOpenTasks(trx: Kysely<Database>, dossierId: number, action: DossierAction): Promise<void> {
  switch (action.type) {
    case 'forwarded':
      await trx
        .insertInto('dossier_open_tasks')
        .values({
          task_id: action.taskId,
          dossier_id: dossierId,
          unit_id: action.unitId,
          task: action.task,
          due_at: action.dueAt,
          opened_at: action.at,
        })
        .execute();
      return;
    case 'task_completed':
      await trx.deleteFrom('dossier_open_tasks').where('task_id', '=', action.taskId).execute();
      return;
    case 'withdrawn':
    case 'stopped':
      await trx.deleteFrom('dossier_open_tasks').where('dossier_id', '=', dossierId).execute();
      return;
    default:
      return;
  }
}

export async function submitDossier(
  db: Kysely<Database>,
  catalogue: CatalogueIndex,
  principal: Principal,
  input: SubmitInput,
): Promise<string> {
  const previous = async () =>
    input.idempotencyKey
      ? await db
          .selectFrom('dossiers')
          .select('code')
          .where('created_by', '=', principal.userId)
          .where('idempotency_key', '=', input.idempotencyKey)
          .executeTakeFirst()
      : undefined;
  const existing = await previous();
  if (existing?.code) return existing.code;
  const version = await catalogue.versionInForce(input.procedureCode);
  if (!version) throw notFound(`thủ tục ${input.procedureCode}`, `Procedure ${input.procedureCode}`);
  const channels = version.channels as Array<{ channel: string }>;
  if (!channels.some((channel) => channel.channel === input.channel)) {
    throw invalid([
      fieldError(
        '/channel',
        'channel_not_offered',
        'Thủ tục này không tiếp nhận hồ sơ qua kênh đã chọn.',
        'The procedure does not accept this channel.',
      ),
    ]);
  }
  const routing = await route(db, catalogue, version, input.unitId);

  let applicantUserId: number | null = null;
  let applicant: Applicant;
  if (principal.kind === 'citizen') {
    if (input.channel !== 'online')
      throw forbidden('Công dân nộp hồ sơ qua kênh trực tuyến.', 'Citizens submit online.');
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', principal.userId)
      .executeTakeFirstOrThrow();
    const declared = (input.formData.applicant ?? {}) as Record<string, unknown>;
    applicantUserId = user.id;
    applicant = {
      fullName: user.full_name,
      identityNumber: user.identity_number,
      phone: typeof declared.phone === 'string' ? declared.phone : user.phone,
      email: typeof declared.email === 'string' ? declared.email : user.email,
      address: typeof declared.address === 'string' ? declared.address : null,
    };
  } else {
    const scope: DossierScope = {
      applicantUserId: null,
      receivingPath: await unitPath(db, routing.receivingUnitId),
      handlingPath: [],
      taskPaths: [],
    };
    if (!mayAct(principal, scope, 'submitted')) {
      throw forbidden(
        'Chỉ cán bộ Bộ phận Một cửa của đơn vị tiếp nhận được nhập hồ sơ tại quầy.',
        'Only receiving officers of the receiving unit enter counter dossiers.',
      );
    }
    if (input.channel === 'online')
      throw invalid([
        fieldError(
          '/channel',
          'officer_online',
          'Hồ sơ do cán bộ nhập phải là kênh trực tiếp hoặc bưu chính.',
          'Officers enter counter or post dossiers.',
        ),
      ]);
    if (!input.applicant)
      throw invalid([
        fieldError('/applicant', 'required', 'Cần thông tin người nộp hồ sơ.', 'Applicant required.'),
      ]);
    applicant = input.applicant;
  }
  validateForm(version.version_id, version.form_schema, input.formData);

  try {
    return (await insertSubmission(db, principal, input, version, routing, applicant, applicantUserId)).code;
  } catch (error) {
    // The same key sent twice at once: the second insert hits UNIQUE (created_by, idempotency_key)
    // after the first committed; answer with the dossier the first one made.
    if (isUniqueViolation(error)) {
      const winner = await previous();
      if (winner?.code) return winner.code;
    }
    throw error;
  }
}

/**
 * The submission's writes as one statement: take the agency's next daily number, insert the
 * dossier with its code and the first history entry. One round trip, atomic on its own, and the
 * counter row is locked only for that statement and its commit (concurrent submissions to the
 * same agency queue there; see codes.ts for why numbers stay gap-free).
 */
async function insertSubmission(
  db: Kysely<Database>,
  principal: Principal,
  input: SubmitInput,
  version: { version_id: number; code: string },
  routing: Routing,
  applicant: Applicant,
  applicantUserId: number | null,
): Promise<{ id: number; code: string; at: Date }> {
  const now = new Date();
  const day = vietnamDate(now);
  const prefix = formatDossierCode(routing.receivingAgencyCode, day, 0).slice(0, -4);
  const action: DossierAction = { type: 'submitted', at: now.toISOString(), channel: input.channel };
  const state = applyAction(foldActions([]), action);
  const actorUnit = principal.kind === 'officer' ? routing.receivingUnitId : null;
  const result = await sql<{ id: number; code: string }>`
    with counter as (
      insert into dossier_code_counters (agency_code, day, last_number)
      values (${routing.receivingAgencyCode}, ${day}, 1)
      on conflict (agency_code, day) do update set last_number = dossier_code_counters.last_number + 1
      returning last_number
    ), dossier as (
      insert into dossiers (code, procedure_version_id, procedure_code, receiving_unit_id, handling_unit_id,
        applicant_user_id, applicant, channel, form_data, status, submitted_at, created_by,
        idempotency_key, action_count)
      select ${prefix} || lpad(counter.last_number::text, 4, '0'), ${version.version_id}, ${version.code},
        ${routing.receivingUnitId}, ${routing.handlingUnitId}, ${applicantUserId},
        ${JSON.stringify(applicant)}::jsonb, ${input.channel}, ${JSON.stringify(input.formData)}::jsonb,
        ${state.status}, ${now}, ${principal.userId}, ${input.idempotencyKey ?? null}, 1
      from counter
      returning id, code
    ), history as (
      insert into dossier_actions (dossier_id, seq, type, at, actor_user_id, actor_unit_id, reason, payload,
        idempotency_key)
      select dossier.id, 1, ${action.type}, ${now}, ${principal.userId}, ${actorUnit}, null,
        ${JSON.stringify(action)}::jsonb, ${input.idempotencyKey ?? null}
      from dossier
    )
    select id, code from dossier`
    .execute(db)
    .catch((error: unknown) => {
      // 23514: the 9999-per-day check of the counter (the code has four digits).
      if ((error as { code?: string }).code === '23514') throw dailyLimitReached();
      throw error;
    });
  const row = result.rows[0]!;
  return { id: Number(row.id), code: row.code, at: now };
}

export interface ActInput {
  type: DossierCommand;
  reason?: string;
  items?: string[];
  /** Appointment for procedures without a published time (accept), or a task's deadline (forward). */
  dueAt?: string;
  assigneeId?: number;
  unitId?: number;
  task?: string;
  taskId?: string;
  amountVnd?: number;
  newDueAt?: string;
  method?: 'counter' | 'post' | 'online';
  rating?: RatingInput;
  idempotencyKey?: string;
}

async function dueDateFor(
  db: Kysely<Database>,
  calendar: CalendarService,
  versionId: number,
  channel: string,
  receivedAt: Date,
  override: string | undefined,
): Promise<string> {
  const version = await db
    .selectFrom('procedure_versions')
    .select('channels')
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  const channels = version.channels as Array<{
    channel: string;
    duration: { amount: number; unit: DurationUnit } | null;
  }>;
  const duration =
    (channels.find((c) => c.channel === channel) ?? channels.find((c) => c.channel === 'counter'))
      ?.duration ?? null;
  if (!duration) {
    if (!override) {
      throw invalid([
        fieldError(
          '/dueAt',
          'required',
          'Thủ tục chưa công bố thời hạn giải quyết; hãy nhập ngày hẹn trả kết quả.',
          'No published duration: give dueAt.',
        ),
      ]);
    }
    if (new Date(override) <= receivedAt)
      throw invalid([
        fieldError(
          '/dueAt',
          'past',
          'Ngày hẹn trả phải sau thời điểm tiếp nhận.',
          'dueAt must be after receipt.',
        ),
      ]);
    return new Date(override).toISOString();
  }
  const { calendar: working, hours } = await calendar.load();
  return computeDueDate(receivedAt, duration.amount, duration.unit, working, hours).dueAt.toISOString();
}

/**
 * The appointment after a supplement provided during appraisal. The 2018 text restarts the
 * period from zero (default); a procedure may instead pause the clock, adding the time spent
 * waiting for the applicant to the appointment.
 */
async function resumedDueAt(
  db: Kysely<Database>,
  calendar: CalendarService,
  row: { procedure_version_id: number; channel: string },
  requestedAt: string,
  dueAt: string,
  now: Date,
): Promise<string> {
  const version = await db
    .selectFrom('procedure_versions')
    .select('deadline_policy')
    .where('id', '=', row.procedure_version_id)
    .executeTakeFirstOrThrow();
  const policy = (version.deadline_policy as { supplementClock?: string }).supplementClock ?? 'restart';
  if (policy === 'pause')
    return new Date(
      new Date(dueAt).getTime() + (now.getTime() - new Date(requestedAt).getTime()),
    ).toISOString();
  return dueDateFor(db, calendar, row.procedure_version_id, row.channel, now, undefined);
}

export async function actOnDossier(
  db: Kysely<Database>,
  calendar: CalendarService,
  principal: Principal,
  code: string,
  input: ActInput,
  publicBaseUrl = 'http://localhost:3000',
) {
  const { row, actions, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  if (input.idempotencyKey) {
    const repeated = actions.find((a) => a.idempotency_key === input.idempotencyKey);
    if (repeated) return;
  }
  const eventType = commandEvent(input.type, state);
  if (!mayAct(principal, scope, eventType)) {
    throw forbidden(
      'Bạn không có quyền thực hiện thao tác này trên hồ sơ.',
      'You may not take this action on this dossier.',
    );
  }
  const now = new Date();
  const at = now.toISOString();
  let action: DossierAction;
  const reason = input.reason?.trim() ?? '';
  const needReason = () => {
    if (!reason)
      throw invalid([fieldError('/reason', 'required', 'Cần nêu rõ lý do.', 'A reason is required.')]);
    return reason;
  };
  const required = <T>(value: T | undefined, field: string, message: string): T => {
    if (value === undefined || value === null || value === '')
      throw invalid([fieldError(`/${field}`, 'required', message, `${field} is required.`)]);
    return value;
  };
  let actorUnit: number | null = principal.kind === 'citizen' ? null : row.handling_unit_id;
  /** Extra rows written in the same transaction as the action. */
  let alsoWrite: ((trx: Kysely<Database>) => Promise<void>) | null = null;
  switch (eventType) {
    case 'accepted':
      actorUnit = row.receiving_unit_id;
      action = {
        type: 'accepted',
        at,
        dueAt: await dueDateFor(db, calendar, row.procedure_version_id, row.channel, now, input.dueAt),
      };
      break;
    case 'intake_supplement_requested':
      actorUnit = row.receiving_unit_id;
      action = { type: 'intake_supplement_requested', at, items: input.items ?? [] };
      break;
    case 'intake_refused':
      actorUnit = row.receiving_unit_id;
      action = { type: 'intake_refused', at, reason: needReason() };
      break;
    case 'supplemented': {
      if (principal.kind !== 'citizen') actorUnit = row.receiving_unit_id;
      let newDueAt: string | undefined;
      if (state.status === 'supplement_requested' && state.supplementRequestedAt && state.dueAt) {
        newDueAt = await resumedDueAt(db, calendar, row, state.supplementRequestedAt, state.dueAt, now);
      }
      action = { type: 'supplemented', at, ...(newDueAt ? { newDueAt } : {}) };
      break;
    }
    case 'withdrawn':
      action = { type: 'withdrawn', at, reason: needReason() };
      break;
    case 'assigned': {
      const assigneeId = required(input.assigneeId, 'assigneeId', 'Hãy chọn chuyên viên được giao xử lý.');
      const grant = await db
        .selectFrom('role_grants')
        .select('id')
        .where('user_id', '=', assigneeId)
        .where('role', '=', 'specialist')
        .where('unit_id', '=', row.handling_unit_id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!grant)
        throw invalid([
          fieldError(
            '/assigneeId',
            'not_specialist',
            'Người được giao phải là chuyên viên của cơ quan giải quyết hồ sơ.',
            'The assignee must be a specialist of the handling agency.',
          ),
        ]);
      action = { type: 'assigned', at, assigneeId };
      break;
    }
    case 'forwarded': {
      const unitId = required(input.unitId, 'unitId', 'Hãy chọn cơ quan phối hợp.');
      const unit = await openUnit(db, unitId);
      if (!unit || unit.id === row.handling_unit_id) {
        throw invalid([
          fieldError(
            '/unitId',
            'invalid_unit',
            'Cơ quan phối hợp phải là một cơ quan khác đang hoạt động.',
            'Forward to another open unit.',
          ),
        ]);
      }
      const dueAt = required(input.dueAt, 'dueAt', 'Hãy nhập thời hạn cho cơ quan phối hợp.');
      if (new Date(dueAt) <= now)
        throw invalid([
          fieldError('/dueAt', 'past', 'Thời hạn phối hợp phải ở tương lai.', 'dueAt must be in the future.'),
        ]);
      const task = required(input.task?.trim(), 'task', 'Hãy nêu nội dung cần cơ quan phối hợp thực hiện.');
      action = {
        type: 'forwarded',
        at,
        taskId: randomUUID(),
        unitId,
        dueAt: new Date(dueAt).toISOString(),
        task,
      };
      break;
    }
    case 'task_completed': {
      const mine = state.openTasks.filter(
        (task) =>
          scope.taskPaths[state.openTasks.indexOf(task)] &&
          actsFor(principal, scope.taskPaths[state.openTasks.indexOf(task)]!),
      );
      const task = input.taskId ? mine.find((t) => t.taskId === input.taskId) : mine[0];
      if (!task)
        throw forbidden(
          'Đơn vị của bạn không có nhiệm vụ liên thông đang mở trên hồ sơ này.',
          'Your unit holds no open task here.',
        );
      actorUnit = task.unitId;
      action = { type: 'task_completed', at, taskId: task.taskId, ...(reason ? { note: reason } : {}) };
      break;
    }
    case 'supplement_requested': {
      // NĐ 61/2018 Điều 19.4: within 3 working days of receipt, one notice listing everything.
      const { calendar: working, hours } = await calendar.load();
      const limit = computeDueDate(new Date(state.receivedAt ?? at), 3, 'working-days', working, hours).dueAt;
      if (state.receivedAt && now > limit) {
        throw conflict(
          'supplement_too_late',
          'Đã quá 03 ngày làm việc kể từ ngày tiếp nhận; không được yêu cầu bổ sung hồ sơ (NĐ 61/2018, Điều 19).',
          'More than 3 working days since receipt.',
        );
      }
      action = { type: 'supplement_requested', at, items: input.items ?? [] };
      break;
    }
    case 'sent_for_approval':
      action = { type: 'sent_for_approval', at };
      break;
    case 'approved':
      action = { type: 'approved', at };
      break;
    case 'rejected':
      action = { type: 'rejected', at, reason: needReason() };
      break;
    case 'payment_requested':
      action = {
        type: 'payment_requested',
        at,
        amountVnd: required(input.amountVnd, 'amountVnd', 'Hãy nhập số tiền phải nộp (đồng).'),
      };
      break;
    case 'payment_confirmed':
      actorUnit = row.receiving_unit_id;
      action = { type: 'payment_confirmed', at };
      break;
    case 'apologised': {
      const newDueAt = new Date(required(input.newDueAt, 'newDueAt', 'Hãy nhập ngày hẹn trả kết quả mới.'));
      // NĐ 61/2018 Điều 19.9: the apology is sent no later than one working day before the due date.
      const { calendar: working, hours } = await calendar.load();
      const oneDayLater = computeDueDate(now, 1, 'working-days', working, hours).dueAt;
      if (state.dueAt && oneDayLater > new Date(state.dueAt)) {
        throw conflict(
          'apology_too_late',
          'Phiếu xin lỗi và hẹn lại phải gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả kết quả.',
          'The apology must be sent at least one working day before the due date.',
        );
      }
      action = { type: 'apologised', at, reason: needReason(), newDueAt: newDueAt.toISOString() };
      break;
    }
    case 'result_returned':
      actorUnit = row.receiving_unit_id;
      action = {
        type: 'result_returned',
        at,
        method: input.method ?? (row.channel === 'online' ? 'online' : 'counter'),
      };
      break;
    case 'stopped':
      action = { type: 'stopped', at, reason: needReason() };
      break;
    case 'rated': {
      const rating = required(input.rating, 'rating', 'Hãy trả lời các câu hỏi đánh giá.');
      const values = ratingRow(state, rating);
      action = { type: 'rated', at, total: values.total, satisfaction: values.satisfaction };
      alsoWrite = (trx) => insertRating(trx, row.id, principal.userId, values);
      break;
    }
    case 'submitted':
      throw conflict('action_not_allowed', 'Hồ sơ đã được nộp.', 'The dossier was already submitted.');
    case 'attachment_added':
      throw conflict(
        'action_not_allowed',
        'Tệp đính kèm được gửi qua địa chỉ /attachments.',
        'Upload files through /attachments.',
      );
  }
  let next: DossierState;
  try {
    next = applyAction(state, action);
  } catch (error) {
    if (error instanceof TransitionError)
      throw conflict(
        'action_not_allowed',
        error.message,
        `Action ${error.action} is not allowed in status ${error.status}.`,
      );
    throw error;
  }
  try {
    await commitAction(db, row, next, action, principal, actorUnit, reason, input, alsoWrite, publicBaseUrl);
  } catch (error) {
    // The same request retried while the first was in flight: if the first recorded it, done.
    if (input.idempotencyKey && (isUniqueViolation(error) || error instanceof DomainError)) {
      const recorded = await db
        .selectFrom('dossier_actions')
        .select('seq')
        .where('dossier_id', '=', row.id)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirst();
      if (recorded) return;
    }
    throw error;
  }
}

async function commitAction(
  db: Kysely<Database>,
  row: Awaited<ReturnType<typeof loadDossier>>['row'],
  next: DossierState,
  action: DossierAction,
  principal: Principal,
  actorUnit: number | null,
  reason: string,
  input: ActInput,
  alsoWrite: ((trx: Kysely<Database>) => Promise<void>) | null,
  publicBaseUrl: string,
) {
  await db.transaction().execute(async (trx) => {
    // Optimistic concurrency: the history must not have grown since it was read.
    const updated = await trx
      .updateTable('dossiers')
      .set({ ...projection(next), action_count: row.action_count + 1 })
      .where('id', '=', row.id)
      .where('action_count', '=', row.action_count)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw conflict(
        'concurrent_change',
        'Hồ sơ vừa được người khác cập nhật; vui lòng tải lại và thử lại.',
        'The dossier changed meanwhile; reload and retry.',
      );
    }
    await syncOpenTasks(trx, row.id, action);
    if (alsoWrite) await alsoWrite(trx);
    await enqueueNotification(trx, row, row.action_count + 1, action, publicBaseUrl);
    await appendAction(
      trx,
      row.id,
      row.action_count + 1,
      action,
      { userId: principal.userId, unitId: actorUnit },
      reason || (input.items?.join('; ') ?? null),
      input.idempotencyKey ?? null,
    );
  });
}

/**
 * The dossier as the principal sees it. `afterOwnAction`: the answer to an action the principal
 * just took, shown even when that action ended their access (an agency completing its task).
 */
export async function describeDossier(
  db: Kysely<Database>,
  principal: Principal,
  code: string,
  afterOwnAction = false,
) {
  const { row, actions, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!afterOwnAction && !canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const named = await names(
    db,
    [row.receiving_unit_id, row.handling_unit_id, ...actions.map((a) => a.actor_unit_id)],
    actions.map((a) => a.actor_user_id),
  );
  const unit = (id: number) => {
    const found = named.units.get(id)!;
    return { id, name: found.name, agencyCode: found.agencyCode };
  };
  return {
    code: row.code!,
    procedureCode: row.procedure_code,
    procedureVersionId: row.procedure_version_id,
    status: state.status,
    statusName: STATUS_NAMES[state.status],
    channel: row.channel,
    receivingUnit: unit(row.receiving_unit_id),
    handlingUnit: unit(row.handling_unit_id),
    applicant: row.applicant as Applicant,
    formData: row.form_data as Record<string, unknown>,
    submittedAt: row.submitted_at ? formatVietnamIso(row.submitted_at) : null,
    receivedAt: state.receivedAt ? formatVietnamIso(new Date(state.receivedAt)) : null,
    dueAt: state.dueAt ? formatVietnamIso(new Date(state.dueAt)) : null,
    originalDueAt: state.originalDueAt ? formatVietnamIso(new Date(state.originalDueAt)) : null,
    completedAt: state.completedAt ? formatVietnamIso(new Date(state.completedAt)) : null,
    allowedActions: allowedCommands(state).filter((command) =>
      mayAct(principal, scope, commandEvent(command, state)),
    ),
    attachments: (await listAttachments(db, row.id)).filter(
      (file) => file.purpose !== 'result' || maySeeResult(principal, scope, state.status),
    ),
    rating: state.rated ? await findRating(db, row.id) : null,
    history: historyOf(actions, named),
  };
}

interface Names {
  units: Map<number, { name: string; agencyCode: string | null }>;
  users: Map<number, string>;
}

/** Names of units and users, in one round trip. */
async function names(
  db: Kysely<Database>,
  unitIds: ReadonlyArray<number | null>,
  userIds: ReadonlyArray<number | null>,
): Promise<Names> {
  const ids = (list: ReadonlyArray<number | null>) => [...new Set(list.filter((id) => id !== null))];
  const result = await sql<{ kind: 'unit' | 'user'; id: number; name: string; agency_code: string | null }>`
    select 'unit' as kind, id, name, agency_code from units where id = any(${ids(unitIds)}::bigint[])
    union all
    select 'user', id, full_name, null from users where id = any(${ids(userIds)}::bigint[])`.execute(db);
  const out: Names = { units: new Map(), users: new Map() };
  for (const r of result.rows) {
    if (r.kind === 'unit') out.units.set(Number(r.id), { name: r.name, agencyCode: r.agency_code });
    else out.users.set(Number(r.id), r.name);
  }
  return out;
}

/** The history as shown to people: each event with its Vietnamese name, actor and unit. */
function historyOf(actions: readonly ActionRow[], named: Names) {
  return actions.map((a) => {
    const payload = a.payload;
    return {
      seq: a.seq,
      type: payload.type,
      label: EVENT_NAMES[payload.type],
      at: formatVietnamIso(a.at),
      actor: a.actor_user_id === null ? null : (named.users.get(a.actor_user_id) ?? null),
      actorUnit: a.actor_unit_id === null ? null : (named.units.get(a.actor_unit_id)?.name ?? null),
      reason: a.reason,
      ...('dueAt' in payload ? { dueAt: formatVietnamIso(new Date(payload.dueAt)) } : {}),
      ...('newDueAt' in payload && payload.newDueAt
        ? { newDueAt: formatVietnamIso(new Date(payload.newDueAt)) }
        : {}),
    };
  });
}

/** GET /history: the dossier's full history, for those who may see it. */
export async function dossierHistory(db: Kysely<Database>, principal: Principal, code: string) {
  const { row, actions, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const named = await names(
    db,
    actions.map((a) => a.actor_unit_id),
    actions.map((a) => a.actor_user_id),
  );
  return {
    code,
    status: state.status,
    statusName: STATUS_NAMES[state.status],
    items: historyOf(actions, named),
  };
}

/** GET /allowed-actions: what this user may do now, with the fields each command needs. */
export async function allowedActionsFor(db: Kysely<Database>, principal: Principal, code: string) {
  const { row, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  return {
    code,
    status: state.status,
    statusName: STATUS_NAMES[state.status],
    actions: allowedCommands(state)
      .filter((command) => mayAct(principal, scope, commandEvent(command, state)))
      .map((command) => ({ type: command, ...COMMANDS[command] })),
  };
}

/** Public lookup by code: status and dates only, no personal data (TT 01/2018, tra cứu). */
export async function publicLookup(db: Kysely<Database>, code: string) {
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('procedure_versions as v', 'v.id', 'dossiers.procedure_version_id')
    .innerJoin('units as u', 'u.id', 'dossiers.receiving_unit_id')
    .select([
      'dossiers.code',
      'dossiers.status',
      'dossiers.submitted_at',
      'dossiers.received_at',
      'dossiers.due_at',
      'dossiers.completed_at',
      'v.name as procedure_name',
      'u.name as receiving_unit',
    ])
    .where('dossiers.code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const status = row.status as DossierState['status'];
  return {
    code: row.code!,
    procedureName: row.procedure_name,
    receivingUnit: row.receiving_unit,
    status,
    statusName: STATUS_NAMES[status],
    submittedAt: row.submitted_at ? formatVietnamIso(row.submitted_at) : null,
    receivedAt: row.received_at ? formatVietnamIso(row.received_at) : null,
    dueAt: row.due_at ? formatVietnamIso(row.due_at) : null,
    completedAt: row.completed_at ? formatVietnamIso(row.completed_at) : null,
  };
}

export async function listMyDossiers(
  db: Kysely<Database>,
  principal: Principal,
  page: number,
  pageSize: number,
) {
  const base = db
    .selectFrom('dossiers')
    .where('applicant_user_id', '=', principal.userId)
    .where('code', 'is not', null);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('procedure_versions as v', 'v.id', 'dossiers.procedure_version_id')
    .select([
      'dossiers.code',
      'dossiers.status',
      'dossiers.submitted_at',
      'dossiers.due_at',
      'v.name as procedure_name',
    ])
    .orderBy('dossiers.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      code: r.code!,
      procedureName: r.procedure_name,
      status: r.status,
      statusName: STATUS_NAMES[r.status as DossierState['status']],
      submittedAt: r.submitted_at ? formatVietnamIso(r.submitted_at) : null,
      dueAt: r.due_at ? formatVietnamIso(r.due_at) : null,
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
