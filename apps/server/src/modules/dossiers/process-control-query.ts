/**
 * The process control (Mẫu 05) of one dossier from the database: its history with the names of
 * the people and units who acted, the internal procedure of the version it was received under,
 * and the working calendar, handed to the pure derivation in process-control.ts. Used by the
 * JSON answer (`processControl`) and the PDF slip (slips.ts).
 */
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/schema';
import { notFound } from '../../http/errors';
import { Nullable, StringEnum } from '../../http/schemas';
import { formatVietnamIso } from '../../lib/time';
import type { Principal } from '../auth';
import type { CalendarService } from '../calendar';
import { defaultSteps, totalBudgetHours, type ProcedureInput } from '../procedures';
import { canView } from './policy';
import { deriveProcessControl } from './process-control';
import { VERDICT_NAMES, VERDICTS, type ControlRow, type ControlStep } from './process-control-model';
import { loadDossier, scopeOf, type ActionRow } from './repo';
import { historyFor } from './applicant-view';

type Loaded = Awaited<ReturnType<typeof loadDossier>>;

export interface ControlContext {
  procedureName: string;
  receivingUnit: { id: number; name: string; parentName: string | null };
  handlingUnit: { id: number; name: string };
  /** Units that received an inter-agency task (cơ quan phối hợp), in order. */
  coordinatingUnits: string[];
  applicantName: string;
  rows: ControlRow[];
}

/** Derives the hand-over rows of a loaded dossier. */
export async function controlOf(
  db: Kysely<Database>,
  calendar: CalendarService,
  { row, actions }: { row: Loaded['row']; actions: readonly ActionRow[] },
): Promise<ControlContext> {
  const history = actions.map((a) => ({
    seq: a.seq,
    action: a.payload,
    actorUserId: a.actor_user_id,
    actorUnitId: a.actor_unit_id,
  }));
  const taskUnitIds = history.flatMap(({ action }) => (action.type === 'forwarded' ? [action.unitId] : []));
  const unitIds = [
    row.receiving_unit_id,
    row.handling_unit_id,
    ...taskUnitIds,
    ...history.flatMap((h) => (h.actorUnitId === null ? [] : [h.actorUnitId])),
  ];
  const userIds = [
    0,
    ...history.flatMap((h) => (h.actorUserId === null ? [] : [h.actorUserId])),
    ...history.flatMap(({ action }) => (action.type === 'assigned' ? [action.assigneeId] : [])),
  ];
  const [version, units, users, loaded] = await Promise.all([
    db
      .selectFrom('procedure_versions_view')
      .select(['name', 'steps', 'channels', 'deadline_policy'])
      .where('id', '=', row.procedure_version_id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('units_view').select(['id', 'name', 'parent_id']).where('id', 'in', unitIds).execute(),
    db.selectFrom('users_view').select(['id', 'full_name']).where('id', 'in', userIds).execute(),
    calendar.load(),
  ]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const receiving = units.find((u) => u.id === row.receiving_unit_id)!;
  const parent = receiving.parent_id
    ? await db
        .selectFrom('units_view')
        .select('name')
        .where('id', '=', receiving.parent_id)
        .executeTakeFirst()
    : undefined;
  let steps = version.steps as unknown as ControlStep[];
  if (!Array.isArray(steps) || steps.length === 0)
    steps = defaultSteps(totalBudgetHours(version.channels as unknown as ProcedureInput['channels']));
  const policy = (version.deadline_policy as { supplementClock?: string }).supplementClock;
  const applicantName = (row.applicant as { fullName?: string }).fullName ?? '';
  const handling = { id: row.handling_unit_id, name: unitNames.get(row.handling_unit_id) ?? '' };
  return {
    procedureName: version.name,
    receivingUnit: { id: receiving.id, name: receiving.name, parentName: parent?.name ?? null },
    handlingUnit: handling,
    coordinatingUnits: [...new Set(taskUnitIds.map((id) => unitNames.get(id) ?? ''))],
    applicantName,
    rows: deriveProcessControl({
      history,
      steps,
      supplementClock: policy === 'pause' ? 'pause' : 'restart',
      receivingUnit: { id: receiving.id, name: receiving.name },
      handlingUnit: handling,
      applicantName,
      unitNames,
      userNames: new Map(users.map((u) => [u.id, u.full_name])),
      calendar: loaded.calendar,
      hours: loaded.hours,
    }),
  };
}

const Party = Type.Object({
  unitId: Nullable(Type.Integer()),
  unit: Type.String({ description: 'Tên cơ quan, đơn vị (hoặc "Tổ chức, cá nhân")' }),
  person: Nullable(Type.String({ description: 'Người giao / người nhận' })),
});

/** Response schema of GET /api/dossiers/:code/process-control. */
export const ProcessControlSchema = Type.Object({
  code: Type.String(),
  procedureName: Type.String(),
  receivingUnit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  handlingUnit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  coordinatingUnits: Type.Array(Type.String()),
  applicantName: Type.String(),
  receivedAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  rows: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      event: Type.String({ description: 'Sự kiện trong lịch sử hồ sơ (accepted, assigned, …)' }),
      at: Type.String({ description: 'Thời gian giao, nhận hồ sơ' }),
      giver: Party,
      receiver: Party,
      step: Nullable(
        Type.Object({
          codes: Type.Array(Type.String()),
          name: Type.String({ description: 'Bước của quy trình nội bộ mà lần giao này kết thúc' }),
        }),
      ),
      deadline: Nullable(Type.String({ description: 'Thời hạn của nhiệm vụ liên thông' })),
      workingMinutes: Nullable(Type.Number({ description: 'Thời gian làm việc đã dùng (phút)' })),
      budgetMinutes: Nullable(Type.Integer({ description: 'Thời gian quy trình cho phép (phút)' })),
      verdict: Nullable(StringEnum(VERDICTS)),
      verdictName: Nullable(Type.String({ description: 'Trước hạn / Đúng hạn / Quá hạn' })),
      note: Nullable(Type.String()),
    }),
  ),
});
export type ProcessControl = Static<typeof ProcessControlSchema>;

/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ as JSON, for whoever may see the dossier (its
 * applicant, the officers of its units, an agency while it holds a task); 404 otherwise.
 */
export async function processControl(
  db: Kysely<Database>,
  calendar: CalendarService,
  principal: Principal,
  code: string,
): Promise<ProcessControl> {
  const loaded = await loadDossier(db, code);
  const scope = await scopeOf(db, loaded.row, loaded.state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const control = await controlOf(db, calendar, {
    row: loaded.row,
    actions: historyFor(principal, scope, loaded.actions, loaded.row.applicant_user_id),
  });
  const iso = (value: string | null) => (value === null ? null : formatVietnamIso(new Date(value)));
  return {
    code,
    procedureName: control.procedureName,
    receivingUnit: { id: control.receivingUnit.id, name: control.receivingUnit.name },
    handlingUnit: control.handlingUnit,
    coordinatingUnits: control.coordinatingUnits,
    applicantName: control.applicantName,
    receivedAt: iso(loaded.state.receivedAt),
    dueAt: iso(loaded.state.dueAt),
    rows: control.rows.map((r) => ({
      ...r,
      at: formatVietnamIso(new Date(r.at)),
      deadline: iso(r.deadline),
      verdictName: r.verdict === null ? null : VERDICT_NAMES[r.verdict],
    })),
  };
}
