/**
 * SQL fragments shared by the rollup (rollup.ts) and the live part of the report
 * (report-query.ts), so both count a dossier exactly as `classify` does (report-06.ts).
 */
import { sql, type RawBuilder } from 'kysely';

/** Vietnam calendar date (UTC+7, no daylight saving) of a timestamptz expression. */
export const vnDate = (expression: RawBuilder<unknown>) =>
  sql`((${expression} at time zone 'UTC') + interval '7 hours')::date`;

const col = (name: string) => sql.ref(name);

/** Resolved (approved or rejected), as opposed to withdrawn or stopped. */
export const RESOLVED = sql`status not in ('withdrawn', 'stopped')`;
/** Resolution against the appointment in force when resolved (`original_due_at` after supplements). */
export const LATE = sql`(original_due_at is null or completed_at > original_due_at)`;
export const EARLY = sql`(completed_at <= original_due_at and ${vnDate(col('completed_at'))} < ${vnDate(col('original_due_at'))})`;
export const ON_TIME = sql`(completed_at <= original_due_at and ${vnDate(col('completed_at'))} = ${vnDate(col('original_due_at'))})`;

/**
 * The history of each dossier of `relevant` as segments `(a, b]` of constant state: waiting for a
 * supplement or not, and the appointment then in force (`due`). A dossier is open for instants T
 * with received_at < T <= completed_at; its state at T is the segment with a < T <= b (b NULL:
 * still open). Boundaries are the supplement requests and provisions of its history after
 * receipt (dossier_actions, partial index `dossier_actions_supplements`); most dossiers have
 * none and are one segment read from the dossier row alone.
 *
 * `relevant` selects `id, unit_id, received_at, completed_at, original_due_at` from dossiers (dossiers_view).
 * `few`: the relevant dossiers are a small part of the table (the open ones): their history is
 * looked up dossier by dossier in the index instead of joining every supplement entry.
 * Returns CTE definitions ending with `seg (id, unit_id, a, b, awaiting, due)`, to follow `with`.
 */
export function segmentsCte(relevant: RawBuilder<unknown>, options: { few?: boolean } = {}) {
  const supplements = options.few
    ? sql`rel cross join lateral (
        select * from dossier_actions_view x
        where x.dossier_id = rel.id and x.type in ('supplement_requested', 'supplemented') offset 0
      ) a`
    : sql`dossier_actions a join rel on rel.id = a.dossier_id`;
  return sql`
    rel as (${relevant}),
    bnd as (
      select a.dossier_id, a.seq, a.at, a.type = 'supplement_requested' as awaiting,
        case when a.type = 'supplemented' then (a.payload ->> 'newDueAt')::timestamptz end as new_due
      from ${supplements}
      where a.type in ('supplement_requested', 'supplemented')
        and a.at > rel.received_at and (rel.completed_at is null or a.at < rel.completed_at)
    ),
    with_history as (select distinct dossier_id from bnd),
    pts as (
      select rel.id, rel.unit_id, rel.received_at as a, 0 as seq, false as awaiting,
        coalesce((select (x.payload ->> 'dueAt')::timestamptz from dossier_actions_view x
                  where x.dossier_id = rel.id and x.type = 'accepted' order by x.seq desc limit 1),
                 rel.original_due_at) as new_due,
        rel.completed_at
      from rel join with_history h on h.dossier_id = rel.id
      union all
      select b.dossier_id, rel.unit_id, b.at, b.seq, b.awaiting, b.new_due, rel.completed_at
      from bnd b join rel on rel.id = b.dossier_id
    ),
    ordered as (
      select pts.*,
        count(new_due) over (partition by id order by seq rows unbounded preceding) as due_group,
        coalesce(lead(a) over (partition by id order by seq), completed_at) as b
      from pts
    ),
    seg as (
      select id, unit_id, a, b, awaiting, max(new_due) over (partition by id, due_group) as due from ordered
      union all
      select rel.id, rel.unit_id, rel.received_at, rel.completed_at, false, rel.original_due_at
      from rel where not exists (select 1 from with_history h where h.dossier_id = rel.id)
    )`;
}
