/** Receipt (tiếp nhận): the appointment is computed from the published time, or set by the officer. */
import { appointmentOnAccept } from '../appointment';
import type { CommandContext, Decision } from './command';

export async function accept({ db, calendar, row, now, at, input }: CommandContext): Promise<Decision> {
  return {
    actorUnit: row.receiving_unit_id,
    action: { type: 'accepted', at, dueAt: await appointmentOnAccept(db, calendar, row, now, input.dueAt) },
  };
}
