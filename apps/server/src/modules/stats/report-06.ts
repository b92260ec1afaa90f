/**
 * Biểu 06/VPCP/KSTT (TT 01/2020/TT-VPCP): how one dossier counts in the report for a period, as a
 * pure function (one-stop-shop notes §4.5, §5.1). The SQL aggregation over many dossiers must give
 * the same totals; this function is its specification and its test oracle. The row it counts into,
 * its totals and its invariants are the domain's (@tayninh/domain/stats/report-06).
 *
 * Choices where the text is silent, as an official would read it:
 * - "đúng hạn" is judged by day: finished on the appointment day, not later than its time;
 *   "trước hạn" is finished on an earlier day; "quá hạn" after the appointment time.
 * - the appointment given at receipt counts, not one moved by an apology (NĐ 61 Điều 19.9);
 * - dossiers waiting for the applicant's supplement count as within time;
 * - an open dossier is judged by its state at the end of the period (the supplement it was then
 *   waiting for, the appointment then in force), not by its state today, so a closed period's
 *   figures never change afterwards;
 * - a resolved dossier is judged against the appointment in force when it was resolved: the one
 *   given at receipt, or the one set when a supplement restarted or resumed the clock (not one
 *   moved by an apology);
 * - withdrawn and stopped dossiers finished in the period are counted in an extra column, so that
 *   received (3) = resolved (7) + in progress (11) + withdrawn/stopped (14).
 */
import { EMPTY_ROW, type Report06Row } from '@tayninh/domain/stats/report-06';
import { addDays, vietnamDate, vietnamInstant, type IsoDate } from '../../lib/time';

export {
  addRows,
  brokenInvariants,
  EMPTY_ROW,
  totalRow,
  type Report06Row,
} from '@tayninh/domain/stats/report-06';

/** A supplement requested during appraisal (NĐ 61/2018 Điều 19.4). */
export interface SupplementEpisode {
  requestedAt: Date;
  /** When the applicant provided it; null while still waiting. */
  providedAt: Date | null;
  /** Appointment set when it was provided (clock restarted or resumed); null when unchanged. */
  newDueAt: Date | null;
}

export interface ReportDossier {
  channel: 'online' | 'counter' | 'post';
  receivedAt: Date | null;
  /** Appointment given at receipt. */
  originalDueAt: Date | null;
  /** When it was resolved, withdrawn or stopped; null while open. */
  finishedAt: Date | null;
  finish: 'resolved' | 'withdrawn' | 'stopped' | null;
  /** Supplements requested during appraisal, in order (each provided before the next request). */
  supplements: readonly SupplementEpisode[];
}

export function periodBounds(from: IsoDate, to: IsoDate): { start: Date; end: Date } {
  return { start: vietnamInstant(from, 0), end: vietnamInstant(addDays(to, 1), 0) };
}

/**
 * The state of a dossier at `instant`, from the history before it (an action at the very instant
 * is not applied yet): waiting for a supplement or not, and the appointment then in force.
 */
export function stateAt(
  dossier: ReportDossier,
  instant: Date,
): { awaitingSupplement: boolean; dueAt: Date | null } {
  let dueAt = dossier.originalDueAt;
  let awaitingSupplement = false;
  for (const episode of dossier.supplements) {
    if (episode.requestedAt >= instant) break;
    awaitingSupplement = true;
    if (episode.providedAt !== null && episode.providedAt < instant) {
      awaitingSupplement = false;
      if (episode.newDueAt !== null) dueAt = episode.newDueAt;
    }
  }
  return { awaitingSupplement, dueAt };
}

/** The appointment after every supplement: what a resolved dossier is judged against. */
export function finalDueAt(dossier: ReportDossier): Date | null {
  let dueAt = dossier.originalDueAt;
  for (const episode of dossier.supplements)
    if (episode.providedAt !== null && episode.newDueAt !== null) dueAt = episode.newDueAt;
  return dueAt;
}

/** The row of a single dossier (all zeros when it does not belong to the period). */
export function classify(dossier: ReportDossier, from: IsoDate, to: IsoDate): Report06Row {
  const { start, end } = periodBounds(from, to);
  const row = { ...EMPTY_ROW };
  if (!dossier.receivedAt || dossier.receivedAt >= end) return row;
  if (dossier.finishedAt && dossier.finishedAt < start) return row;

  row.received = 1;
  if (dossier.receivedAt < start) row.carriedOver = 1;
  else if (dossier.channel === 'online') row.receivedOnline = 1;
  else row.receivedCounterOrPost = 1;

  const finishedInPeriod = dossier.finishedAt !== null && dossier.finishedAt < end;
  if (finishedInPeriod && dossier.finish !== 'resolved') {
    row.withdrawnOrStopped = 1;
    return row;
  }
  if (finishedInPeriod) {
    row.resolved = 1;
    const due = finalDueAt(dossier);
    const finished = dossier.finishedAt!;
    if (due === null || finished > due) row.resolvedLate = 1;
    else if (vietnamDate(finished) < vietnamDate(due)) row.resolvedEarly = 1;
    else row.resolvedOnTime = 1;
    return row;
  }
  row.inProgress = 1;
  const state = stateAt(dossier, end);
  if (state.awaitingSupplement || (state.dueAt !== null && state.dueAt >= end)) row.inProgressWithinTime = 1;
  else row.inProgressOverdue = 1;
  return row;
}
