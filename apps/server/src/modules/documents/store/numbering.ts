/**
 * Numbers of official documents (NĐ 30/2020 Điều 15, 22): per agency, calendar year and series,
 * from 01 on 1 January, never repeated, never skipped.
 *
 * `takeNumber` runs inside the caller's transaction, which also writes what the number is for
 * (the numbered document, its registration). The series' counter row stays locked until that
 * transaction ends: concurrent takers of the same series queue there, and a rolled-back one gives
 * its number back — on PostgreSQL and on PGlite alike. Every number taken is also a row of
 * document_numbers (append-only): `used` by a document, or `cancelled` with a reason. A number
 * the văn thư gave out of the system and that will not be used (a spoilt paper form, a number
 * held for a document that was then not issued) is recorded as cancelled, so that the register
 * shows it and nobody is given it again.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { vietnamDate } from '../../../lib/time';

export interface NumberRequest {
  unitId: number;
  series: string;
  at: Date;
  takenBy: number;
}

/** The Vietnam calendar year of an instant (numbers restart on 1 January, Vietnam time). */
export function numberingYear(at: Date): number {
  return Number(vietnamDate(at).slice(0, 4));
}

/** Advances the series' counter (locking it to the transaction's end): the number taken. */
async function advance(
  trx: Kysely<Database>,
  request: NumberRequest,
): Promise<{ year: number; number: number }> {
  const year = numberingYear(request.at);
  const result = await sql<{ last_number: number }>`
    insert into document_number_counters (unit_id, year, series, last_number)
    values (${request.unitId}, ${year}, ${request.series}, 1)
    on conflict (unit_id, year, series) do update set last_number = document_number_counters.last_number + 1
    returning last_number`.execute(trx);
  return { year, number: Number(result.rows[0]!.last_number) };
}

async function recordNumber(
  trx: Kysely<Database>,
  request: NumberRequest,
  taken: { year: number; number: number },
  use:
    | { document_id: number; state: 'used'; reason: null }
    | { document_id: null; state: 'cancelled'; reason: string },
) {
  await trx
    .insertInto('document_numbers')
    .values({
      unit_id: request.unitId,
      year: taken.year,
      series: request.series,
      number: taken.number,
      ...use,
      taken_by: request.takenBy,
      taken_at: request.at,
    })
    .execute();
}

/** Takes the next number of the series and records what it went to (a document, or cancelled). */
async function take(
  trx: Kysely<Database>,
  request: NumberRequest,
  use:
    | { document_id: number; state: 'used'; reason: null }
    | { document_id: null; state: 'cancelled'; reason: string },
): Promise<{ year: number; number: number }> {
  const taken = await advance(trx, request);
  await recordNumber(trx, request, taken, use);
  return taken;
}

/**
 * The next number of the series for a document written once its number is known (a register
 * entry carried over from the previous software): `write` inserts it and returns its id.
 */
export async function takeNumberFor(
  trx: Kysely<Database>,
  request: NumberRequest,
  write: (taken: { year: number; number: number }) => Promise<number>,
): Promise<{ year: number; number: number; documentId: number }> {
  const taken = await advance(trx, request);
  const documentId = await write(taken);
  await recordNumber(trx, request, taken, { document_id: documentId, state: 'used', reason: null });
  return { ...taken, documentId };
}

/** The next number of the series, given to `documentId`; inside the caller's transaction. */
export function takeNumber(
  trx: Kysely<Database>,
  request: NumberRequest & { documentId: number },
): Promise<{ year: number; number: number }> {
  return take(trx, request, { document_id: request.documentId, state: 'used', reason: null });
}

/** The next number of the series recorded as cancelled, with the reason; never given again. */
export function cancelNextNumber(
  trx: Kysely<Database>,
  request: NumberRequest & { reason: string },
): Promise<{ year: number; number: number }> {
  return take(trx, request, { document_id: null, state: 'cancelled', reason: request.reason });
}

/** Every number of a series in a year, in order: what the register shows beside the documents. */
export async function numbersOf(
  db: Kysely<Database>,
  unitId: number,
  year: number,
  series: string,
): Promise<
  Array<{ number: number; documentId: number | null; state: 'used' | 'cancelled'; reason: string | null }>
> {
  const rows = await db
    .selectFrom('document_numbers')
    .select(['number', 'document_id', 'state', 'reason'])
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .where('series', '=', series)
    .orderBy('number')
    .execute();
  return rows.map((row) => ({
    number: Number(row.number),
    documentId: row.document_id === null ? null : Number(row.document_id),
    state: row.state,
    reason: row.reason,
  }));
}
