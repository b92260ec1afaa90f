/**
 * The agencies' daily numbering (dossier_code_counters).
 *
 * `nextDossierCode` takes the next number inside the caller's transaction. The counter row is
 * locked until that transaction ends, so concurrent submissions queue; a rolled-back submission
 * gives its number back. Hence no duplicates and no gaps, on PostgreSQL and on PGlite alike.
 * `ceiling`: the highest number this submission may take (lower for online submissions, whose
 * last numbers are kept for the counter); `full` is thrown when it is reached.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { formatDossierCode, MAX_DAILY_NUMBER, parseDossierCode } from '@tayninh/domain/dossiers/code';
import type { Database } from '../../../db/schema';
import type { DomainError } from '../../../http/errors';
import { vietnamDate } from '../../../lib/time';
import { dailyLimitReached } from '../codes';

/** 23514: the 9999-per-day CHECK of the counter (the code has four digits). */
export function rethrowDailyLimit(error: unknown): never {
  if ((error as { code?: string }).code === '23514') throw dailyLimitReached();
  throw error;
}

export async function nextDossierCode(
  trx: Kysely<Database>,
  agencyCode: string,
  at: Date,
  ceiling = MAX_DAILY_NUMBER,
  full: () => DomainError = dailyLimitReached,
): Promise<string> {
  const day = vietnamDate(at);
  const result = await sql<{ last_number: number }>`
    insert into dossier_code_counters (agency_code, day, last_number) values (${agencyCode}, ${day}, 1)
    on conflict (agency_code, day) do update set last_number = dossier_code_counters.last_number + 1
      where dossier_code_counters.last_number < ${ceiling}
    returning last_number`
    .execute(trx)
    .catch(rethrowDailyLimit);
  const number = result.rows[0]?.last_number;
  if (number === undefined) throw full();
  return formatDossierCode(agencyCode, day, number);
}

/**
 * Raises the counters to the highest number among `codes` (dossiers numbered outside
 * `nextDossierCode`, in bulk: the demo seed), so that the next submission continues after them.
 */
export async function raiseCounters(trx: Kysely<Database>, codes: readonly string[]): Promise<void> {
  const highest = new Map<string, number>();
  for (const code of codes) {
    const parsed = parseDossierCode(code);
    if (!parsed) throw new Error(`not a dossier code: ${code}`);
    const key = `${parsed.agencyCode}|${parsed.date}`;
    highest.set(key, Math.max(highest.get(key) ?? 0, parsed.number));
  }
  const rows = [...highest].map(([key, last]) => {
    const [agency, day] = key.split('|') as [string, string];
    return { agency_code: agency, day, last_number: last };
  });
  for (let i = 0; i < rows.length; i += 4000)
    await trx
      .insertInto('dossier_code_counters')
      .values(rows.slice(i, i + 4000))
      .onConflict((oc) =>
        oc.columns(['agency_code', 'day']).doUpdateSet({
          last_number: sql`greatest(dossier_code_counters.last_number, excluded.last_number)`,
        }),
      )
      .execute();
}

/**
 * The code in SQL, for codes numbered set-based (the report benchmark): the same format as
 * `formatDossierCode`, from an agency code, a Vietnam-time date and the day's number.
 */
export function dossierCodeSql(
  agencyCode: RawBuilder<unknown>,
  day: RawBuilder<unknown>,
  number: RawBuilder<unknown>,
) {
  return sql<string>`${agencyCode} || '-' || to_char(${day}, 'YYMMDD') || '-' || lpad((${number})::text, 4, '0')`;
}
