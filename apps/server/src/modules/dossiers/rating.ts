/**
 * The applicant's evaluation of a returned dossier (TT 01/2018 Điều 13–15). Indicators 3, 4 and 7
 * are answered by the applicant; indicator 1 (time) is computed from the dossier. Officials are
 * classified on indicators 1, 2, 3, 4, 7 (max 10): ≥ 5 completes the task fully.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { conflict, forbidden, notFound } from '../../http/errors';
import { vietnamDate } from '../../lib/time';
import { recordAudit } from '../audit/audit';
import type { Principal } from '../auth/permissions';
import { loadDossier } from './repo';

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

export async function rateDossier(
  db: Kysely<Database>,
  principal: Principal,
  code: string,
  input: RatingInput,
) {
  const { row, state } = await loadDossier(db, code);
  if (row.applicant_user_id !== principal.userId) {
    if (principal.kind === 'citizen') throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
    throw forbidden('Chỉ người nộp hồ sơ được đánh giá.', 'Only the applicant may evaluate.');
  }
  if (state.status !== 'returned' || !state.completedAt || !state.originalDueAt) {
    throw conflict(
      'not_returned',
      'Chỉ đánh giá được hồ sơ đã trả kết quả.',
      'Only returned dossiers can be evaluated.',
    );
  }
  const time = timeScore(new Date(state.completedAt), new Date(state.originalDueAt));
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('dossier_ratings')
      .select('dossier_id')
      .where('dossier_id', '=', row.id)
      .executeTakeFirst();
    if (exists)
      throw conflict(
        'already_rated',
        'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.',
        'Already evaluated.',
      );
    const rating = await trx
      .insertInto('dossier_ratings')
      .values({
        dossier_id: row.id,
        rated_by: principal.userId,
        time_score: time,
        contacts_score: input.contacts,
        bodies_score: input.bodies,
        attitude_score: input.attitude,
        satisfaction: input.satisfaction,
        comment: input.comment?.trim() || null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      { userId: principal.userId, label: principal.username, ip: null },
      { action: 'dossier.rate', entityType: 'dossier', entityId: code, after: { time, ...input } },
    );
    const total = rating.time_score + rating.contacts_score + rating.bodies_score + rating.attitude_score;
    return {
      timeScore: rating.time_score,
      contactsScore: rating.contacts_score,
      bodiesScore: rating.bodies_score,
      attitudeScore: rating.attitude_score,
      satisfaction: rating.satisfaction,
      total,
      ratedAt: rating.rated_at.toISOString(),
    };
  });
}
