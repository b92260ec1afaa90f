/**
 * Biểu 06 over the database: the same rules as `classify` (report-06.ts), as one aggregate query
 * per handling unit of a subtree. Indexes on (handling_unit_id, status, due_at) serve the filter;
 * rollups for very large histories come with the benchmark.
 *
 * Known approximation: "waiting for a supplement" is the dossier's current status, not its
 * status at the end of a past period.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { periodBounds, type Report06Row } from './report-06';

const VN_DATE = (column: string) => sql.raw(`((${column} at time zone 'UTC') + interval '7 hours')::date`);

export async function report06(db: Kysely<Database>, unitIds: number[], from: string, to: string) {
  const { start, end } = periodBounds(from, to);
  if (unitIds.length === 0) return [];
  const fin = sql`(d.completed_at is not null and d.completed_at < ${end})`;
  const resolved = sql`(d.status not in ('withdrawn', 'stopped'))`;
  const result = await sql<{ unit_id: number; unit_name: string } & Record<keyof Report06Row, number>>`
    select d.handling_unit_id as unit_id, u.name as unit_name,
      count(*)::int as "received",
      (count(*) filter (where d.received_at >= ${start} and d.channel = 'online'))::int as "receivedOnline",
      (count(*) filter (where d.received_at >= ${start} and d.channel <> 'online'))::int as "receivedCounterOrPost",
      (count(*) filter (where d.received_at < ${start}))::int as "carriedOver",
      (count(*) filter (where ${fin} and ${resolved}))::int as "resolved",
      (count(*) filter (where ${fin} and ${resolved} and d.completed_at <= d.original_due_at
                         and ${VN_DATE('d.completed_at')} < ${VN_DATE('d.original_due_at')}))::int as "resolvedEarly",
      (count(*) filter (where ${fin} and ${resolved} and d.completed_at <= d.original_due_at
                         and ${VN_DATE('d.completed_at')} = ${VN_DATE('d.original_due_at')}))::int as "resolvedOnTime",
      (count(*) filter (where ${fin} and ${resolved} and d.completed_at > d.original_due_at))::int as "resolvedLate",
      (count(*) filter (where not ${fin}))::int as "inProgress",
      (count(*) filter (where not ${fin} and (d.status = 'supplement_requested' or d.original_due_at >= ${end})))::int as "inProgressWithinTime",
      (count(*) filter (where not ${fin} and not (d.status = 'supplement_requested' or d.original_due_at >= ${end})))::int as "inProgressOverdue",
      (count(*) filter (where ${fin} and not ${resolved}))::int as "withdrawnOrStopped"
    from dossiers d join units u on u.id = d.handling_unit_id
    where d.handling_unit_id = any(${unitIds}::bigint[])
      and d.received_at is not null and d.received_at < ${end}
      and (d.completed_at is null or d.completed_at >= ${start})
    group by d.handling_unit_id, u.name
    order by u.name`.execute(db);
  return result.rows;
}
