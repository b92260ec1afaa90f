/**
 * The history as its applicant reads it: the officers' internal notes taken out (the rule is
 * `@tayninh/domain/dossiers/notes`). Officers of the dossier's units, and an agency holding a
 * task, read everything. Applied wherever the history leaves the server for the applicant: the
 * dossier and its history, the recorded events, the process control slip (Mẫu 05) as JSON and PDF.
 */
import type { Principal } from '../auth';
import { noteVisibleToApplicant, withoutInternalText } from '@tayninh/domain/dossiers/notes';
import { canView, type DossierScope } from './policy';
import type { ActionRow } from './repo';

/** Whether the principal sees this dossier only as its applicant (not through an officer's role). */
export function seesAsApplicantOnly(principal: Principal, scope: DossierScope): boolean {
  return !canView(principal, { ...scope, applicantUserId: null });
}

/** The entries with every text the applicant may not read taken out. */
export function applicantHistory(actions: readonly ActionRow[], applicantUserId: number | null): ActionRow[] {
  return actions.map((entry) => {
    const own = applicantUserId !== null && entry.actor_user_id === applicantUserId;
    if (noteVisibleToApplicant(entry.payload, own)) return entry;
    return { ...entry, reason: null, payload: withoutInternalText(entry.payload) };
  });
}

/** The history this principal may read. */
export function historyFor(
  principal: Principal,
  scope: DossierScope,
  actions: readonly ActionRow[],
  applicantUserId: number | null,
): readonly ActionRow[] {
  return seesAsApplicantOnly(principal, scope) ? applicantHistory(actions, applicantUserId) : actions;
}
