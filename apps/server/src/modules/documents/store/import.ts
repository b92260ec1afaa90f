/**
 * Bulk rows for the benchmark of the documents (bench/documents.ts): the table's one writer
 * inserts what a set-based SELECT generates, so that a million documents are written in minutes.
 * Not for the platform's own flows, which go through store/history.ts.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/schema';

export async function importDocumentRows(
  trx: Kysely<Database>,
  columns: readonly string[],
  query: RawBuilder<unknown>,
): Promise<void> {
  await sql`insert into documents (${sql.join(columns.map((c) => sql.ref(c)))}) ${query}`.execute(trx);
}
