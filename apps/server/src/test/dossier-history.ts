/**
 * Test helper: writes a dossier with a given history, at given moments, straight into the
 * database — what the action API would have written had these things happened on those days.
 * Tests of what is derived from a history (process control slip, register) need past dates and
 * exact times, which the API (acting "now") cannot give. The history is checked by the same
 * lifecycle fold as the API's.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { importDossiers } from '../modules/dossiers';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { versionInForce } from '../modules/procedures';
import { vietnamDate } from '../lib/time';
import type { Principal } from '../modules/auth';
import { activeGrants } from '../modules/auth';
import { PERMIT, permitForm } from './dossier-fixtures';

/**
 * Who did it: a demo username, and the unit they acted for — 'receiving' or 'handling' (the
 * dossier's units), another agency's code, or null (the applicant).
 */
export type HistoryStep = [DossierAction, string | null, string | null];

export interface SeededDossier {
  procedureCode?: string;
  channel?: 'online' | 'counter' | 'post';
  applicant?: { fullName: string; address?: string | null; phone?: string | null };
  /** Username of the citizen applying online (their dossier), if any. */
  applicantUsername?: string;
  history: HistoryStep[];
}

/** The id of the unit in force with this agency code. */
export async function unitByCode(db: Kysely<Database>, agencyCode: string): Promise<number> {
  const unit = await db
    .selectFrom('units_view')
    .select('id')
    .where('agency_code', '=', agencyCode)
    .where('valid_until', 'is', null)
    .executeTakeFirstOrThrow();
  return unit.id;
}

/** Writes the dossier and its history; returns its code. */
export async function seedDossier(db: Kysely<Database>, input: SeededDossier): Promise<string> {
  const actions = input.history.map(([action]) => ({ ...action, at: new Date(action.at).toISOString() }));
  const submittedAt = new Date(actions[0]!.at);
  const version = await versionInForce(db, input.procedureCode ?? PERMIT, vietnamDate(submittedAt));
  if (!version) throw new Error('no version in force');
  const receivingCode = '000.02.01.H53';
  const receivingUnitId = await unitByCode(db, receivingCode);
  const handlingUnitId = version.handling_unit_id ?? receivingUnitId;
  const usernames = [
    ...new Set([input.applicantUsername, ...input.history.map(([, user]) => user)].filter(Boolean)),
  ] as string[];
  const users = usernames.length
    ? await db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute()
    : [];
  const userId = (username: string | null | undefined) =>
    username ? (users.find((u) => u.username === username)?.id ?? null) : null;
  const unitOf = async (unit: HistoryStep[2]) =>
    unit === null
      ? null
      : unit === 'receiving'
        ? receivingUnitId
        : unit === 'handling'
          ? handlingUnitId
          : unitByCode(db, unit);
  const actorUnits = await Promise.all(input.history.map(([, , unit]) => unitOf(unit)));
  const applicant = input.applicant ?? { fullName: permitForm.applicant.fullName, address: 'Tây Ninh' };
  const [written] = await importDossiers(db, [
    {
      code: { agencyCode: receivingCode },
      versionId: version.version_id,
      procedureCode: version.code,
      receivingUnitId,
      handlingUnitId,
      applicantUserId: userId(input.applicantUsername),
      applicant,
      channel: input.channel ?? 'online',
      formData: permitForm,
      submittedAt,
      createdBy: userId(input.history[0]![1]) ?? userId(input.applicantUsername)!,
      actions: actions.map((action, index) => ({
        action,
        actor: { userId: userId(input.history[index]![1]), unitId: actorUnits[index]! },
        reason: 'reason' in action ? action.reason : null,
      })),
    },
  ]);
  return written!.code;
}

/** The principal of a demo account, as the access layer would build it. */
export async function principalOf(db: Kysely<Database>, username: string): Promise<Principal> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: user.username,
    fullName: user.full_name,
    kind: user.kind,
    primaryUnitId: user.primary_unit_id,
    grants: await activeGrants(db, user.id),
    via: 'session',
  };
}
