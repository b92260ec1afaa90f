/** Reading a dossier: as its viewer sees it, and its history, with the names of units and people. */
import { sql, type Kysely } from 'kysely';
import { allowedCommands, commandEvent, EVENT_NAMES } from '@tayninh/domain/dossiers/commands';
import { STATUS_NAMES } from '@tayninh/domain/dossiers/lifecycle';
import { noteVisibleToApplicant } from '@tayninh/domain/dossiers/notes';
import type { Database } from '../../../db/schema';
import { notFound } from '../../../http/errors';
import { formatVietnamIso } from '../../../lib/time';
import type { Principal } from '../../auth';
import type { Applicant } from '../applicant';
import { historyFor, seesAsApplicantOnly } from '../applicant-view';
import { listAttachments } from '../attachments';
import { declarationOut } from '../declaration';
import { canView, mayAct, maySeeResult } from '../policy';
import { findRating } from '../rating';
import { loadDossier, scopeOf, type ActionRow, type LoadedDossier } from '../repo';

/**
 * The dossier as the principal sees it. `afterOwnAction`: the answer to an action the principal
 * just took, shown even when that action ended their access (an agency completing its task).
 */
export async function describeDossier(
  db: Kysely<Database>,
  principal: Principal,
  code: string,
  afterOwnAction = false,
  /** The dossier as the write that just made it returned it: not read back. */
  known?: LoadedDossier,
) {
  const { row, actions: recorded, state, attachments: none } = known ?? (await loadDossier(db, code));
  const scope = await scopeOf(db, row, state);
  if (!afterOwnAction && !canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const actions = historyFor(principal, scope, recorded, row.applicant_user_id);
  const named = await names(
    db,
    [row.receiving_unit_id, row.handling_unit_id, ...actions.map((a) => a.actor_unit_id)],
    actions.map((a) => a.actor_user_id),
  );
  const unit = (id: number) => {
    const found = named.units.get(id)!;
    return { id, name: found.name, agencyCode: found.agencyCode };
  };
  const attachments = none ?? (await listAttachments(db, row.id));
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
    ...(await declarationOut(db, row, attachments)),
    allowedActions: allowedCommands(state).filter((command) =>
      mayAct(principal, scope, commandEvent(command, state)),
    ),
    attachments: attachments.filter(
      (file) => file.purpose !== 'result' || maySeeResult(principal, scope, state.status),
    ),
    rating: state.rated ? await findRating(db, row.id) : null,
    history: historyOf(actions, named, row.applicant_user_id, seesAsApplicantOnly(principal, scope)),
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
    select 'unit' as kind, id, name, agency_code from units_view where id = any(${ids(unitIds)}::bigint[])
    union all
    select 'user', id, full_name, null from users_view where id = any(${ids(userIds)}::bigint[])`.execute(db);
  const out: Names = { units: new Map(), users: new Map() };
  for (const r of result.rows) {
    if (r.kind === 'unit') out.units.set(Number(r.id), { name: r.name, agencyCode: r.agency_code });
    else out.users.set(Number(r.id), r.name);
  }
  return out;
}

/**
 * The history as shown to people: each event with its Vietnamese name, actor and unit, and
 * whether the applicant reads its text. The applicant is not shown an inter-agency task's
 * deadline as if it were their appointment.
 */
function historyOf(
  actions: readonly ActionRow[],
  named: Names,
  applicantUserId: number | null,
  forApplicant: boolean,
) {
  return actions.map((a) => {
    const payload = a.payload;
    const own = applicantUserId !== null && a.actor_user_id === applicantUserId;
    return {
      seq: a.seq,
      type: payload.type,
      label: EVENT_NAMES[payload.type],
      at: formatVietnamIso(a.at),
      actor: a.actor_user_id === null ? null : (named.users.get(a.actor_user_id) ?? null),
      actorUnit: a.actor_unit_id === null ? null : (named.units.get(a.actor_unit_id)?.name ?? null),
      reason: a.reason,
      noteForApplicant: noteVisibleToApplicant(payload, own),
      ...('dueAt' in payload && !(forApplicant && payload.type === 'forwarded')
        ? { dueAt: formatVietnamIso(new Date(payload.dueAt)) }
        : {}),
      ...('newDueAt' in payload && payload.newDueAt
        ? { newDueAt: formatVietnamIso(new Date(payload.newDueAt)) }
        : {}),
    };
  });
}

/** GET /history: the dossier's full history, for those who may see it. */
export async function dossierHistory(db: Kysely<Database>, principal: Principal, code: string) {
  const { row, actions: recorded, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const actions = historyFor(principal, scope, recorded, row.applicant_user_id);
  const named = await names(
    db,
    actions.map((a) => a.actor_unit_id),
    actions.map((a) => a.actor_user_id),
  );
  return {
    code,
    status: state.status,
    statusName: STATUS_NAMES[state.status],
    items: historyOf(actions, named, row.applicant_user_id, seesAsApplicantOnly(principal, scope)),
  };
}
