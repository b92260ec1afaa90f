/**
 * Demo data: Tây Ninh's units, demo accounts, official holiday schedules and the sample catalogue.
 * Runs once, in one transaction; on the embedded database at first start, on a server only via
 * `npm run seed`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { SYSTEM_ACTOR } from '../../modules/audit';
import { publishProcedures } from '../../modules/procedures';
import { seedCalendar } from './calendar';
import { demoProcedures } from './procedures';
import { seedUnits } from './units';
import { communeId, DEMO_COMMUNES, seedUsers } from './users';
import { seedDocumentSettings } from './documents';

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('units_view').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function seedDemo(
  db: Kysely<Database>,
  options: {
    password: string;
    /** false: leave out what needs migration 0023 (the văn thư and the agencies' document settings), for the migration tests of older schemas. */
    documents?: boolean;
  },
): Promise<void> {
  const documents = options.documents ?? true;
  await db.transaction().execute(async (trx) => {
    const units = await seedUnits(trx);
    await seedUsers(trx, units, options.password, { clerks: documents });
    if (documents) await seedDocumentSettings(trx, units, await communeId(trx, DEMO_COMMUNES.tanNinh));
    await seedCalendar(trx);
  });
  const records = demoProcedures().map((record, index) => ({ location: `/procedures/${index}`, record }));
  await publishProcedures(db, SYSTEM_ACTOR, records, 'upsert');
}
