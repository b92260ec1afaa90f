/**
 * Who reads the free text of a history entry: the applicant, or only the officers.
 *
 * Some texts are written to the applicant by law and always reach them: the intake supplement
 * notice and the appraisal supplement request listing what is missing (NĐ 61/2018 Điều 17 and
 * 19.4, Mẫu 02), the refusal at intake (Điều 17, Mẫu 03), the rejection after appraisal with its
 * written reasons (Điều 19.8), the apology with the reason and the new date (Điều 19.9, Mẫu 04)
 * and the notice that processing stopped (thông báo dừng giải quyết). A text the applicant wrote
 * (the withdrawal request, their note on a supplement) is theirs to read.
 *
 * Every other text is the officers' working note — the leader's assignment note, another agency's
 * opinion when it completes an inter-agency task (Điều 19.5–19.7), a remark on approval, the task
 * sent to a coordinating agency — and stays internal unless the officer who writes it chooses to
 * show it to the applicant (the command's `shareNote`, stored as the event's `noteShared`).
 */
import type { DossierAction, DossierActionType } from './lifecycle';

/** Events whose text is addressed to the applicant, with the text that requires it. */
export const ADDRESSED_TO_APPLICANT = {
  intake_supplement_requested: 'NĐ 61/2018 Điều 17; Mẫu 02 TT 01/2018',
  intake_refused: 'NĐ 61/2018 Điều 17; Mẫu 03 TT 01/2018',
  supplement_requested: 'NĐ 61/2018 Điều 19.4; Mẫu 02 TT 01/2018',
  rejected: 'NĐ 61/2018 Điều 19.8 (văn bản nêu rõ lý do)',
  apologised: 'NĐ 61/2018 Điều 19.9; Mẫu 04 TT 01/2018',
  stopped: 'Thông báo dừng giải quyết hồ sơ',
  withdrawn: 'Yêu cầu rút hồ sơ của chính người nộp',
} as const satisfies Partial<Record<DossierActionType, string>>;

/**
 * Events on which an officer may choose to show their note to the applicant: those whose
 * command takes an optional note (`reason`) and records this event (commands.ts).
 */
export const SHAREABLE_NOTE_EVENTS = [
  'supplemented',
  'assigned',
  'task_completed',
  'sent_for_approval',
  'approved',
  'payment_requested',
  'payment_confirmed',
] as const satisfies readonly DossierActionType[];
type ShareableEvent = Extract<DossierAction, { type: (typeof SHAREABLE_NOTE_EVENTS)[number] }>;

export function isAddressedToApplicant(type: DossierActionType): boolean {
  return type in ADDRESSED_TO_APPLICANT;
}

function isShareable(event: DossierAction): event is ShareableEvent {
  return (SHAREABLE_NOTE_EVENTS as readonly string[]).includes(event.type);
}

/**
 * Whether the applicant may read this entry's text. `writtenByApplicant`: the entry was recorded
 * by the applicant's own account.
 */
export function noteVisibleToApplicant(event: DossierAction, writtenByApplicant: boolean): boolean {
  if (writtenByApplicant || isAddressedToApplicant(event.type)) return true;
  return isShareable(event) && event.noteShared === true;
}

/** The event with the officer's choice to show its note recorded; events without that choice unchanged. */
export function withSharedNote(event: DossierAction): DossierAction {
  return isShareable(event) ? { ...event, noteShared: true } : event;
}

/**
 * The event as the applicant may see it when its note is internal: the free text that the event
 * itself carries taken out (another agency's opinion; the task sent to a coordinating agency).
 */
export function withoutInternalText(event: DossierAction): DossierAction {
  switch (event.type) {
    case 'task_completed': {
      const { note: _note, ...rest } = event;
      return rest;
    }
    case 'forwarded':
      return { ...event, task: '' };
    default:
      return event;
  }
}
