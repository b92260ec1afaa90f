/**
 * Corrections of a dossier's row outside its history: for test fixtures that need a state no
 * action gives (a dossier moved to another agency, a submission dated a year ago) and for data
 * repairs. Never used by the use cases, which change a dossier only by an action.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Projection } from './history';

export type DossierCorrection = Partial<Projection> & {
  handling_unit_id?: number;
  receiving_unit_id?: number;
  submitted_at?: Date;
  /** Keys removed from the applicant's details (e.g. 'address'). */
  applicantWithout?: string;
};

export async function correctDossier(
  db: Kysely<Database>,
  where: { code: string } | { id: number },
  correction: DossierCorrection,
): Promise<void> {
  const { applicantWithout, ...columns } = correction;
  const query = db.updateTable('dossiers').set({
    ...columns,
    ...(applicantWithout ? { applicant: sql<string>`applicant - ${applicantWithout}::text` } : {}),
    updated_at: new Date(),
  });
  await ('code' in where ? query.where('code', '=', where.code) : query.where('id', '=', where.id)).execute();
}
