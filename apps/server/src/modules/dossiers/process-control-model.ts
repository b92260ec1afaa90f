/**
 * The model of the process control slip (Mẫu 05): the steps of the internal procedure and the
 * phases that hand-overs close, the rows of the slip, and the verdict written on each row. The
 * derivation of the rows from a dossier's history is process-control.ts.
 */
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import type { OfficeHours, WorkingCalendar } from '../calendar';

export const VERDICTS = ['early', 'on_time', 'late'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_NAMES: Record<Verdict, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

/** A step of the internal procedure (procedure versions' `steps`). */
export interface ControlStep {
  code: string;
  name: string;
  role: 'receiving_officer' | 'specialist' | 'leader';
  /** Working hours allotted. */
  hours: number;
}

export interface ControlHistoryEntry {
  seq: number;
  action: DossierAction;
  actorUserId: number | null;
  actorUnitId: number | null;
}

export interface ControlInput {
  history: readonly ControlHistoryEntry[];
  steps: readonly ControlStep[];
  /** After a supplement during appraisal: the period restarts (default) or resumes. */
  supplementClock: 'restart' | 'pause';
  receivingUnit: { id: number; name: string };
  handlingUnit: { id: number; name: string };
  applicantName: string;
  unitNames: ReadonlyMap<number, string>;
  userNames: ReadonlyMap<number, string>;
  calendar: WorkingCalendar;
  hours: OfficeHours;
}

export interface ControlParty {
  unitId: number | null;
  unit: string;
  person: string | null;
}

export interface ControlRow {
  /** Sequence number of the history entry that is this hand-over. */
  seq: number;
  /** The recorded event (accepted, assigned, forwarded, …). */
  event: DossierAction['type'];
  /** ISO 8601 instant of the hand-over. */
  at: string;
  giver: ControlParty;
  receiver: ControlParty;
  /** Steps of the internal procedure this hand-over closes; null when it closes none. */
  step: { codes: string[]; name: string } | null;
  /** Deadline of an inter-agency task (its completion row is judged against it). */
  deadline: string | null;
  /** Working minutes used by the giver (or spent waiting, on supplement and payment rows). */
  workingMinutes: number | null;
  /** Working minutes allotted; null when nothing is judged on this row. */
  budgetMinutes: number | null;
  verdict: Verdict | null;
  note: string | null;
}

/**
 * The verdict written on the form: used < budget → trước hạn, used = budget → đúng hạn, used >
 * budget → quá hạn. Equality is to the minute: both instants of a measurement are truncated to
 * the minute, as the form prints them ("…giờ…phút"), before the working time between them is
 * counted, so a hand-over in the same minute as the step's deadline is on time, and a minute
 * later is late.
 */
export function verdictOf(usedMinutes: number, budgetMinutes: number): Verdict {
  if (usedMinutes < budgetMinutes) return 'early';
  if (usedMinutes === budgetMinutes) return 'on_time';
  return 'late';
}

export const PHASES = ['reception', 'distribution', 'appraisal', 'approval', 'return'] as const;
export type Phase = (typeof PHASES)[number];
/** The phase index after the last: nothing is measured any more. */
export const DONE = PHASES.length;

/** Groups the steps into the phases closed by hand-overs (see the readings in process-control.ts). */
export function phasesOf(steps: readonly ControlStep[]): Record<Phase, ControlStep[]> {
  const n = steps.length;
  let receptionEnd = 0;
  while (receptionEnd < n && steps[receptionEnd]!.role === 'receiving_officer') receptionEnd += 1;
  let returnStart = n;
  while (returnStart > receptionEnd && steps[returnStart - 1]!.role === 'receiving_officer') returnStart -= 1;
  if (receptionEnd === n && n > 0) {
    // The one-stop shop does everything (TT 01/2018 Điều 6): first step receives, last returns.
    receptionEnd = 1;
    returnStart = Math.max(1, n - 1);
  }
  const middle = steps.slice(receptionEnd, returnStart);
  const firstSpecialist = middle.findIndex((step) => step.role === 'specialist');
  let distribution: ControlStep[] = [];
  let appraisal: ControlStep[] = [];
  let approval: ControlStep[] = [];
  if (firstSpecialist < 0) {
    approval = middle;
  } else {
    const lastSpecialist =
      middle.length - 1 - [...middle].reverse().findIndex((s) => s.role === 'specialist');
    distribution = middle.slice(0, firstSpecialist).every((s) => s.role === 'leader')
      ? middle.slice(0, firstSpecialist)
      : [];
    appraisal = middle.slice(distribution.length, lastSpecialist + 1);
    approval = middle.slice(lastSpecialist + 1);
  }
  return {
    reception: steps.slice(0, receptionEnd),
    distribution,
    appraisal,
    approval,
    return: steps.slice(returnStart),
  };
}

/** Truncates an instant to its minute (the resolution of the form). */
export function minuteOf(iso: string): Date {
  const ms = Date.parse(iso);
  return new Date(ms - (((ms % 60_000) + 60_000) % 60_000));
}

/** "3 giờ 05 phút", "4 giờ", "25 phút": working time as written on the form. */
export function workingTimeWords(minutes: number): string {
  const whole = Math.floor(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} phút`;
  return m === 0 ? `${h} giờ` : `${h} giờ ${String(m).padStart(2, '0')} phút`;
}
