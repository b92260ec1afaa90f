/**
 * The counts behind the documents indicators, for the agencies `unitIds` and a period. A document
 * carried over from the previous software counts as signed as that software recorded it.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { vietnamDate, type IsoDate } from '../../../lib/time';
import { documentIndicatorsOf, type DocumentCounts } from './rules';

export async function documentIndicators(
  db: Kysely<Database>,
  unitIds: readonly number[],
  from: IsoDate,
  to: IsoDate,
) {
  if (unitIds.length === 0) return documentIndicatorsOf(emptyCounts());
  const ids = [...unitIds];
  const today = vietnamDate(new Date());
  const outgoing = await sql<
    Pick<DocumentCounts, 'issued' | 'issuedElectronic' | 'signedByPerson' | 'signedByAgency'>
  >`
    select count(*)::int as issued,
      (count(*) filter (where d.electronic))::int as "issuedElectronic",
      (count(*) filter (where exists (select 1 from document_signatures s
         where s.document_id = d.id and s.kind = 'person')
         or (d.carried_over->>'personSigned')::boolean))::int as "signedByPerson",
      (count(*) filter (where exists (select 1 from document_signatures s
         where s.document_id = d.id and s.kind = 'agency')
         or (d.carried_over->>'agencySigned')::boolean))::int as "signedByAgency"
    from documents d
    where d.direction = 'outgoing' and d.unit_id = any(${ids}::bigint[]) and d.number is not null
      and d.issued_date >= ${from}::date and d.issued_date <= ${to}::date`.execute(db);
  const incoming = await sql<
    Pick<
      DocumentCounts,
      'registered' | 'registeredElectronic' | 'completed' | 'completedOnTime' | 'openOverdue'
    >
  >`
    with registered as (
      select d.id, d.electronic,
        coalesce((select a.due_date from document_assignees a where a.document_id = d.id and a.role = 'lead'
                  order by a.seq desc limit 1), d.due_date) as due,
        (select min(x.at) from document_actions x where x.document_id = d.id and x.type = 'completed') as done_at
      from documents d
      where d.direction = 'incoming' and d.unit_id = any(${ids}::bigint[]) and d.arrival_number is not null
        and d.arrival_date >= ${from}::date and d.arrival_date <= ${to}::date
    )
    select count(*)::int as registered,
      (count(*) filter (where electronic))::int as "registeredElectronic",
      (count(*) filter (where done_at is not null))::int as completed,
      (count(*) filter (where done_at is not null
         and (due is null or (done_at at time zone 'Asia/Ho_Chi_Minh')::date <= due)))::int as "completedOnTime",
      (count(*) filter (where done_at is null and due < ${today}::date))::int as "openOverdue"
    from registered`.execute(db);
  return documentIndicatorsOf({ ...emptyCounts(), ...outgoing.rows[0], ...incoming.rows[0] });
}

function emptyCounts(): DocumentCounts {
  return {
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
}
