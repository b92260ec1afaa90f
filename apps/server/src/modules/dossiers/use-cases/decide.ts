/** The decision: the specialist sends the draft result for approval; the leader approves or rejects. */
import { needReason, type CommandContext, type Decision } from './command';

export function sendForApproval({ at }: CommandContext): Decision {
  return { action: { type: 'sent_for_approval', at } };
}

export function approve({ at }: CommandContext): Decision {
  return { action: { type: 'approved', at } };
}

export function reject(context: CommandContext): Decision {
  return { action: { type: 'rejected', at: context.at, reason: needReason(context) } };
}
