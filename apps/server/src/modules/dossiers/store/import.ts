/**
 * Dossiers written with a history that happened in the past: the demo seed (thousands at once),
 * the test helpers (histories at given moments, which the API acting "now" cannot give) and the
 * benchmarks. The same rows the use cases write — the dossier with its projection, the history,
 * the open tasks, the rating, the day counters — through the same row builders (history.ts), a few
 * thousand rows per statement.
 */
import type { Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import type { Database } from '../../../db/schema';
import { nextDossierCode, raiseCounters } from './codes';
import { actionRow, openTasksAfter, projectionOf, type Actor, type Projection } from './history';
import { insertRatings, type RatingValues } from './ratings';

export interface ImportedAction {
  action: DossierAction;
  actor: Actor;
  reason?: string | null;
}

export interface ImportedDossier {
  /** The code, already numbered (then the counters are raised to it), or the agency to number it now. */
  code: string | { agencyCode: string };
  versionId: number;
  procedureCode: string;
  receivingUnitId: number;
  handlingUnitId: number;
  applicantUserId: number | null;
  applicant: object;
  channel: 'online' | 'counter' | 'post';
  formData?: object;
  createdBy: number;
  submittedAt: Date;
  actions: readonly ImportedAction[];
  /** The sequence number of the first action given (default 1: the history is complete). */
  firstSeq?: number;
  /** The projection; default: the history folded by the shared lifecycle (which checks it). */
  projection?: Projection;
  cases?: readonly string[];
  resultDelivery?: 'counter' | 'post' | 'online' | null;
  resultAddress?: string | null;
  documentsReceived?: readonly string[] | null;
  rating?: { ratedBy: number; ratedAt: Date; values: RatingValues } | null;
  /** Row timestamps as of the history (default: now, as for a row written today). */
  stampedAsOfHistory?: boolean;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes the dossiers (in the caller's transaction, or in one of its own); returns their ids and codes. */
export async function importDossiers(
  db: Kysely<Database>,
  dossiers: readonly ImportedDossier[],
): Promise<Array<{ id: number; code: string }>> {
  if (db.isTransaction) return write(db, dossiers);
  return db.transaction().execute((trx) => write(trx, dossiers));
}

async function write(trx: Kysely<Database>, dossiers: readonly ImportedDossier[]) {
  const codes: string[] = [];
  for (const d of dossiers)
    codes.push(
      typeof d.code === 'string' ? d.code : await nextDossierCode(trx, d.code.agencyCode, d.submittedAt),
    );
  await raiseCounters(
    trx,
    codes.filter((_code, i) => typeof dossiers[i]!.code === 'string'),
  );
  const ids: number[] = [];
  for (const [index, chunk] of chunks(dossiers, 1000).entries()) {
    const rows = await trx
      .insertInto('dossiers')
      .values(
        chunk.map((d, i) => {
          const projection = d.projection ?? projectionOf(foldActions(d.actions.map((a) => a.action)));
          const last = d.actions.at(-1);
          return {
            code: codes[index * 1000 + i]!,
            procedure_version_id: d.versionId,
            procedure_code: d.procedureCode,
            receiving_unit_id: d.receivingUnitId,
            handling_unit_id: d.handlingUnitId,
            applicant_user_id: d.applicantUserId,
            applicant: JSON.stringify(d.applicant),
            channel: d.channel,
            form_data: JSON.stringify(d.formData ?? {}),
            ...projection,
            submitted_at: d.submittedAt,
            created_by: d.createdBy,
            action_count: (d.firstSeq ?? 1) - 1 + d.actions.length,
            ...(d.cases ? { cases: JSON.stringify(d.cases) } : {}),
            ...(d.resultDelivery !== undefined ? { result_delivery: d.resultDelivery } : {}),
            ...(d.resultAddress !== undefined ? { result_address: d.resultAddress } : {}),
            ...(d.documentsReceived ? { documents_received: JSON.stringify(d.documentsReceived) } : {}),
            ...(d.stampedAsOfHistory
              ? { created_at: d.submittedAt, updated_at: last ? new Date(last.action.at) : d.submittedAt }
              : {}),
          };
        }),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((row) => Number(row.id)));
  }
  const actions = dossiers.flatMap((d, i) =>
    d.actions.map((entry, index) =>
      actionRow(ids[i]!, (d.firstSeq ?? 1) + index, entry.action, entry.actor, entry.reason ?? null, null),
    ),
  );
  for (const chunk of chunks(actions, 4000)) await trx.insertInto('dossier_actions').values(chunk).execute();
  const tasks = dossiers.flatMap((d, i) =>
    openTasksAfter(
      ids[i]!,
      d.actions.map((a) => a.action),
    ),
  );
  for (const chunk of chunks(tasks, 4000)) await trx.insertInto('dossier_open_tasks').values(chunk).execute();
  await insertRatings(
    trx,
    dossiers.flatMap((d, i) => (d.rating ? [{ dossierId: ids[i]!, ...d.rating }] : [])),
  );
  return ids.map((id, i) => ({ id, code: codes[i]! }));
}

/**
 * Generated data sets too large to pass through JavaScript (the report benchmark's million
 * dossiers): the rows a query yields, inserted set-based. `columns` name the query's output.
 */
export async function importDossierRows(
  trx: Kysely<Database>,
  table: 'dossiers' | 'dossier_actions',
  columns: readonly string[],
  query: RawBuilder<unknown>,
): Promise<void> {
  const target = table === 'dossiers' ? sql`dossiers` : sql`dossier_actions`;
  await sql`insert into ${target} (${sql.join(columns.map((c) => sql.ref(c)))}) ${query}`.execute(trx);
}
