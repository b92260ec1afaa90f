/**
 * The plan's indicators for official documents (plan 1694/KH-UBND: "> 95% văn bản đi, đến dưới
 * dạng điện tử; > 70% được ký số"), as a pure rule over counts:
 * - electronic: the documents sent (issued) and received (registered) in the period that travelled
 *   electronically, over all of them — paper ones are the secret documents and the paper arrivals
 *   scanned and registered by hand;
 * - signed by the competent person, and by the agency: over the documents issued in the period
 *   (our reading: the plan's "ký số" counts documents, the share of each signature is given apart);
 * - resolved on time: over the incoming documents of the period completed by now, those completed
 *   no later than their deadline (those without a deadline count as on time); the open ones past
 *   their deadline are given beside it.
 */
import { share } from '@tayninh/domain/stats/report-06';

export interface DocumentCounts {
  issued: number;
  issuedElectronic: number;
  signedByPerson: number;
  signedByAgency: number;
  registered: number;
  registeredElectronic: number;
  completed: number;
  completedOnTime: number;
  openOverdue: number;
}

export const EMPTY_COUNTS: DocumentCounts = {
  issued: 0,
  issuedElectronic: 0,
  signedByPerson: 0,
  signedByAgency: 0,
  registered: 0,
  registeredElectronic: 0,
  completed: 0,
  completedOnTime: 0,
  openOverdue: 0,
};

/** The plan's targets, for the dashboard to colour against. */
export const DOCUMENT_TARGETS = { electronicShare: 0.95, signedShare: 0.7 } as const;

export function documentIndicatorsOf(counts: DocumentCounts) {
  return {
    ...counts,
    electronicShare: share(
      counts.issuedElectronic + counts.registeredElectronic,
      counts.issued + counts.registered,
    ),
    signedByPersonShare: share(counts.signedByPerson, counts.issued),
    signedByAgencyShare: share(counts.signedByAgency, counts.issued),
    onTimeShare: share(counts.completedOnTime, counts.completed),
    targets: DOCUMENT_TARGETS,
  };
}
