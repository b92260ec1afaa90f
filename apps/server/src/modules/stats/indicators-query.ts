/** SQL of the plan's indicators: the catalogue in scope of a unit, and rating sums. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { IsoDate } from '../../lib/time';
import type { RatingSums } from './indicators';

/**
 * Procedures in force on `date` that a unit's subtree carries out: those its units handle, and
 * those published for a level (commune, district, province) without a single handling agency
 * when the subtree holds a unit of that level open on that date.
 */
export async function proceduresInScope(db: Kysely<Database>, unitIds: number[], date: IsoDate) {
  const result = await sql<{ online_class: string | null; online_level: number | null }>`
    with levels as (
      select array_agg(distinct kind::text) as kinds from units_view
      where id = any(${unitIds}::bigint[]) and kind in ('commune', 'district', 'province')
        and valid_from <= ${date}::date and (valid_until is null or valid_until > ${date}::date)
    )
    select s.online_class, s.online_level from procedure_search_view s, levels
    where s.effective_from <= ${date}::date and (s.effective_until is null or s.effective_until > ${date}::date)
      and (s.handling_unit_id = any(${unitIds}::bigint[])
           or (s.handling_unit_id is null and s.levels && coalesce(levels.kinds, '{}'::text[])))`.execute(db);
  return result.rows.map((row) => ({ onlineClass: row.online_class, onlineLevel: row.online_level }));
}

const SUMS = sql`count(*)::int as ratings, sum(r.time_score)::int as time, sum(r.contacts_score)::int as contacts,
  sum(r.bodies_score)::int as bodies, sum(r.attitude_score)::int as attitude,
  (count(*) filter (where r.satisfaction = 'rat-hai-long'))::int as "verySatisfied",
  (count(*) filter (where r.satisfaction = 'hai-long'))::int as satisfied,
  (count(*) filter (where r.satisfaction = 'khong-hai-long'))::int as dissatisfied`;

/** Rating sums per handling unit, for the evaluations given in [start, end). */
export async function ratingsByUnit(db: Kysely<Database>, unitIds: number[], start: Date, end: Date) {
  const result = await sql<{ unit_id: number; unit_name: string } & RatingSums>`
    select d.handling_unit_id as unit_id, u.name as unit_name, ${SUMS}
    from dossier_ratings_view r join dossiers_view d on d.id = r.dossier_id join units_view u on u.id = d.handling_unit_id
    where d.handling_unit_id = any(${unitIds}::bigint[]) and r.rated_at >= ${start} and r.rated_at < ${end}
    group by d.handling_unit_id, u.name`.execute(db);
  return result.rows;
}

/**
 * Rating sums per official: the specialist who handled the dossier (its assignee) and the
 * officer who received it (who recorded the acceptance), TT 01/2018 Điều 14.
 */
export async function ratingsByOfficial(db: Kysely<Database>, unitIds: number[], start: Date, end: Date) {
  const result = await sql<
    { user_id: number; full_name: string; role: 'handling' | 'receiving' } & RatingSums
  >`
    with rated as (
      select r.*, d.assignee_id,
        (select a.actor_user_id from dossier_actions_view a where a.dossier_id = d.id and a.type = 'accepted'
         order by a.seq desc limit 1) as receiver_id
      from dossier_ratings_view r join dossiers_view d on d.id = r.dossier_id
      where d.handling_unit_id = any(${unitIds}::bigint[]) and r.rated_at >= ${start} and r.rated_at < ${end}
    ),
    sums as (
      select 'handling' as role, assignee_id as user_id, ${SUMS} from rated r where assignee_id is not null group by assignee_id
      union all
      select 'receiving', receiver_id, ${SUMS} from rated r where receiver_id is not null group by receiver_id
    )
    select s.*, u.full_name from sums s join users_view u on u.id = s.user_id`.execute(db);
  return result.rows;
}
