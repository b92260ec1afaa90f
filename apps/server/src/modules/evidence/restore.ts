/**
 * After a restore (modules/backup): the restored entries carry transaction ids of the source
 * cluster, which mean nothing here. They are put under the restoring transaction's id, and the
 * sealing position is forgotten, so the first round here seals every restored entry that had no
 * leaf in the backup, then goes on from this cluster's ids. Called by the restore inside its
 * transaction, while the append-only triggers are off.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { saveState } from './store';

export async function rebaseAfterRestore(trx: Kysely<Database>): Promise<void> {
  if (!(await evidenceLogPresent(trx))) return;
  await sql`update evidence_entries set txid = pg_current_xact_id()`.execute(trx);
  await saveState(trx, null);
}

/**
 * Whether the schema has the evidence log yet: a backup taken before migration 0021 is restored
 * at its own migration level first, and gets the log (its rows as legacy streams) from the
 * migrations that follow.
 */
export async function evidenceLogPresent(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`
    select to_regclass('evidence_entries') is not null as present`.execute(db);
  return rows[0]!.present;
}
