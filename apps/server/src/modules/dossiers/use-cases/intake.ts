/** Before receipt: the one-stop shop asks to complete the file, or refuses it (with a reason). */
import { needReason, type CommandContext, type Decision } from './command';

export function requestIntakeSupplement({ row, at, input }: CommandContext): Decision {
  return {
    actorUnit: row.receiving_unit_id,
    action: { type: 'intake_supplement_requested', at, items: input.items ?? [] },
  };
}

export function refuseIntake(context: CommandContext): Decision {
  return {
    actorUnit: context.row.receiving_unit_id,
    action: { type: 'intake_refused', at: context.at, reason: needReason(context) },
  };
}
