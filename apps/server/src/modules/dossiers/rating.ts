/**
 * The applicant's evaluation of a returned dossier (TT 01/2018 Điều 13–15). Indicators 3, 4 and 7
 * are answered by the applicant; indicator 1 (time) is computed from the dossier. Officials are
 * classified on indicators 1, 2, 3, 4, 7 (max 10): ≥ 5 completes the task fully.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { formatVietnamIso, vietnamDate } from '../../lib/time';

export const SATISFACTION = ['rat-hai-long', 'hai-long', 'khong-hai-long'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];
export type Score = 0 | 1 | 2;

/** Indicator 1: resolved before the appointment day 2, on it 1, after it 0 (days in Vietnam time). */
export function timeScore(completedAt: Date, dueAt: Date): Score {
  const done = vietnamDate(completedAt);
  const due = vietnamDate(dueAt);
  return done < due ? 2 : done === due ? 1 : 0;
}

/** Official classification (Điều 15) from an average score out of 10. */
export function classifyOfficial(score: number): string {
  if (score >= 5) return 'Hoàn thành 100% nhiệm vụ';
  if (score >= 3.5) return 'Hoàn thành từ 70% đến dưới 100% nhiệm vụ';
  return 'Hoàn thành dưới 70% nhiệm vụ';
}

export interface RatingInput {
  contacts: Score;
  bodies: Score;
  attitude: Score;
  satisfaction: Satisfaction;
  comment?: string;
}

/** The row of dossier_ratings for a returned dossier, with indicator 1 computed from its dates. */
export function ratingRow(
  state: { completedAt: string | null; originalDueAt: string | null },
  input: RatingInput,
) {
  const time =
    state.completedAt && state.originalDueAt
      ? timeScore(new Date(state.completedAt), new Date(state.originalDueAt))
      : 0;
  return {
    time_score: time,
    contacts_score: input.contacts,
    bodies_score: input.bodies,
    attitude_score: input.attitude,
    satisfaction: input.satisfaction,
    comment: input.comment?.trim() || null,
    total: time + input.contacts + input.bodies + input.attitude,
  };
}

/** The rating of a dossier as shown with it, or null. */
export async function findRating(db: Kysely<Database>, dossierId: number) {
  const rating = await db
    .selectFrom('dossier_ratings')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
  if (!rating) return null;
  return {
    timeScore: rating.time_score,
    contactsScore: rating.contacts_score,
    bodiesScore: rating.bodies_score,
    attitudeScore: rating.attitude_score,
    satisfaction: rating.satisfaction,
    comment: rating.comment,
    total: rating.time_score + rating.contacts_score + rating.bodies_score + rating.attitude_score,
    ratedAt: formatVietnamIso(rating.rated_at),
  };
}
