/**
 * Dossier codes: <receiving agency code>-YYMMDD-NNNN (TT 01/2018 Điều 19), the date being the
 * receipt date in Vietnam time and NNNN the agency's sequence of that day.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { DomainError } from '../../http/errors';
import { vietnamDate } from '../../lib/time';

export function formatDossierCode(agencyCode: string, date: string, number: number): string {
  return `${agencyCode}-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-${String(number).padStart(4, '0')}`;
}

/**
 * Takes the next number inside the caller's transaction. The counter row is locked until that
 * transaction ends, so concurrent submissions queue; a rolled-back submission gives its number
 * back. Hence no duplicates and no gaps, on PostgreSQL and on PGlite alike.
 */
export async function nextDossierCode(trx: Kysely<Database>, agencyCode: string, at: Date): Promise<string> {
  const day = vietnamDate(at);
  const result = await sql<{ last_number: number }>`
    insert into dossier_code_counters (agency_code, day, last_number) values (${agencyCode}, ${day}, 1)
    on conflict (agency_code, day) do update set last_number = dossier_code_counters.last_number + 1
    returning last_number`
    .execute(trx)
    .catch((error: unknown) => {
      // 23514: the 9999-per-day check of the code format.
      if ((error as { code?: string }).code === '23514') throw dailyLimitReached();
      throw error;
    });
  const number = result.rows[0]!.last_number;
  return formatDossierCode(agencyCode, day, number);
}

export function dailyLimitReached(): DomainError {
  return new DomainError({
    code: 'daily_sequence_exhausted',
    status: 503,
    message:
      'Đơn vị đã tiếp nhận đủ 9.999 hồ sơ trong ngày theo định dạng mã hồ sơ; vui lòng liên hệ quản trị hệ thống.',
    messageEn: 'The unit reached 9,999 dossiers today.',
  });
}
