/** The applicant's rating of a returned dossier (dossier_ratings), one per dossier. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ratingRow } from '../rating';

export type RatingValues = ReturnType<typeof ratingRow>;

function ratingColumns(dossierId: number, ratedBy: number, row: RatingValues, ratedAt?: Date) {
  const { total: _total, ...values } = row;
  return { dossier_id: dossierId, rated_by: ratedBy, ...(ratedAt ? { rated_at: ratedAt } : {}), ...values };
}

export async function insertRating(
  trx: Kysely<Database>,
  dossierId: number,
  ratedBy: number,
  row: RatingValues,
  ratedAt?: Date,
) {
  await trx
    .insertInto('dossier_ratings')
    .values(ratingColumns(dossierId, ratedBy, row, ratedAt))
    .execute();
}

/** Many ratings at once (the bulk import), a few thousand per statement. */
export async function insertRatings(
  trx: Kysely<Database>,
  ratings: ReadonlyArray<{ dossierId: number; ratedBy: number; ratedAt?: Date; values: RatingValues }>,
) {
  for (let i = 0; i < ratings.length; i += 2000)
    await trx
      .insertInto('dossier_ratings')
      .values(
        ratings.slice(i, i + 2000).map((r) => ratingColumns(r.dossierId, r.ratedBy, r.values, r.ratedAt)),
      )
      .execute();
}
