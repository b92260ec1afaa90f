/** Public surface of the procedures module: the catalogue of administrative procedures. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { CatalogueIndex } from './catalogue-index';

export { CatalogueIndex } from './catalogue-index';
export { defaultFormSchema } from './forms';
export { PROCEDURE_CODE_PATTERN, defaultSteps, totalBudgetHours, type ProcedureInput } from './model';
export { versionInForce } from './repo';
export { publishProcedures } from './service';

const indexes = new WeakMap<Kysely<Database>, CatalogueIndex>();

/** The catalogue search index of a database: one per database handle. */
export function catalogueOf(db: Kysely<Database>): CatalogueIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new CatalogueIndex(db)));
  return index;
}

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { proceduresModule } from './module';
