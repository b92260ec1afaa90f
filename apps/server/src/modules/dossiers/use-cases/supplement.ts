/**
 * Supplements during appraisal: requested within 3 working days of receipt, one notice listing
 * everything (NĐ 61/2018 Điều 19.4); once provided, the appointment restarts or resumes as the
 * procedure says (rules/deadlines.ts). Before receipt, `supplemented` just sends the dossier
 * back to the reception queue.
 */
import { versionContent } from '../version-content';
import { conflict } from '../../../http/errors';
import { appointmentOnAccept } from '../appointment';
import { dueAfterSupplement, maySupplementAt, supplementClockOf } from '../rules/deadlines';
import type { CommandContext, Decision } from './command';

export async function requestSupplement({
  calendar,
  state,
  now,
  at,
  input,
}: CommandContext): Promise<Decision> {
  const receivedAt = state.receivedAt ? new Date(state.receivedAt) : null;
  if (!maySupplementAt(receivedAt, now, await calendar.load()))
    throw conflict(
      'supplement_too_late',
      'Đã quá 03 ngày làm việc kể từ ngày tiếp nhận; không được yêu cầu bổ sung hồ sơ (NĐ 61/2018, Điều 19).',
      'More than 3 working days since receipt.',
    );
  return { action: { type: 'supplement_requested', at, items: input.items ?? [] } };
}

export async function provideSupplement(context: CommandContext): Promise<Decision> {
  const { db, calendar, row, state, now, at, actor } = context;
  let newDueAt: string | undefined;
  if (state.status === 'supplement_requested' && state.supplementRequestedAt && state.dueAt) {
    const version = await versionContent(db, row.procedure_version_id);
    const requestedAt = new Date(state.supplementRequestedAt);
    const dueAt = new Date(state.dueAt);
    const clock = supplementClockOf(version.deadline_policy);
    // Restarted: the appointment from now, computed exactly as at receipt.
    const restarted = clock === 'restart' ? await appointmentOnAccept(db, calendar, row, now, undefined) : '';
    newDueAt = dueAfterSupplement(
      clock,
      { requestedAt, dueAt, providedAt: now },
      () => new Date(restarted),
    ).toISOString();
  }
  return {
    ...(actor.kind !== 'citizen' ? { actorUnit: row.receiving_unit_id } : { actorUnit: null }),
    action: { type: 'supplemented', at, ...(newDueAt ? { newDueAt } : {}) },
  };
}
