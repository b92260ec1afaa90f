/** Ending a dossier early: withdrawn by its applicant, or stopped by the handling agency's leader. */
import { needReason, type CommandContext, type Decision } from './command';

export function withdraw(context: CommandContext): Decision {
  return { action: { type: 'withdrawn', at: context.at, reason: needReason(context) } };
}

export function stop(context: CommandContext): Decision {
  return { action: { type: 'stopped', at: context.at, reason: needReason(context) } };
}
