/**
 * Who gives and who receives the dossier at a hand-over, as the process control slip (Mẫu 05)
 * names them: the one-stop shop, an agency (its unit, and the officer when known), the applicant.
 */
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import type { ControlHistoryEntry, ControlInput, ControlParty } from './process-control-model';

const APPLICANT_UNIT = 'Tổ chức, cá nhân';

/** What the handling agency does to a dossier it was given: the first of these names who received it. */
export const HANDLING_ACTS: readonly DossierAction['type'][] = [
  'assigned',
  'forwarded',
  'supplement_requested',
  'sent_for_approval',
  'approved',
  'rejected',
  'payment_requested',
  'apologised',
  'stopped',
];

/** The parties of the hand-overs of one dossier, named from its units and the people who acted. */
export function partiesOf(input: ControlInput) {
  const { history } = input;
  const userName = (id: number | null | undefined) =>
    id === null || id === undefined ? null : (input.userNames.get(id) ?? null);
  const unitName = (id: number | null | undefined, fallback: string) =>
    id === null || id === undefined ? fallback : (input.unitNames.get(id) ?? fallback);

  const sameUnit = input.receivingUnit.id === input.handlingUnit.id;
  const oneStop = (person: string | null): ControlParty => ({
    unitId: input.receivingUnit.id,
    unit: sameUnit ? `Bộ phận Một cửa - ${input.receivingUnit.name}` : input.receivingUnit.name,
    person,
  });
  const agency = (person: string | null, unitId: number | null = input.handlingUnit.id): ControlParty => ({
    unitId,
    unit: unitName(unitId, input.handlingUnit.name),
    person,
  });
  const applicant: ControlParty = { unitId: null, unit: APPLICANT_UNIT, person: input.applicantName };
  const actorOf = (entry: ControlHistoryEntry) => userName(entry.actorUserId);

  /** The first later entry of these types whose actor acted for `unitId`; its actor's name. */
  const nextActor = (index: number, types: readonly DossierAction['type'][], unitId: number | null) => {
    const found = history
      .slice(index + 1)
      .find(
        (entry) => types.includes(entry.action.type) && (unitId === null || entry.actorUnitId === unitId),
      );
    return found ? actorOf(found) : null;
  };

  return { userName, oneStop, agency, applicant, actorOf, nextActor };
}
