/** The public lookup by code and the applicant's own list. */
import type { Kysely } from 'kysely';
import { STATUS_NAMES, type DossierState } from '@tayninh/domain/dossiers/lifecycle';
import type { Database } from '../../../db/schema';
import { notFound } from '../../../http/errors';
import { formatVietnamIso } from '../../../lib/time';
import type { Principal } from '../../auth';

/** Public lookup by code: status and dates only, no personal data (TT 01/2018, tra cứu). */
export async function publicLookup(db: Kysely<Database>, code: string) {
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('procedure_versions_view as v', 'v.id', 'dossiers.procedure_version_id')
    .innerJoin('units_view as u', 'u.id', 'dossiers.receiving_unit_id')
    .select([
      'dossiers.code',
      'dossiers.status',
      'dossiers.submitted_at',
      'dossiers.received_at',
      'dossiers.due_at',
      'dossiers.completed_at',
      'v.name as procedure_name',
      'u.name as receiving_unit',
    ])
    .where('dossiers.code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const status = row.status as DossierState['status'];
  return {
    code: row.code!,
    procedureName: row.procedure_name,
    receivingUnit: row.receiving_unit,
    status,
    statusName: STATUS_NAMES[status],
    submittedAt: row.submitted_at ? formatVietnamIso(row.submitted_at) : null,
    receivedAt: row.received_at ? formatVietnamIso(row.received_at) : null,
    dueAt: row.due_at ? formatVietnamIso(row.due_at) : null,
    completedAt: row.completed_at ? formatVietnamIso(row.completed_at) : null,
  };
}

export async function listMyDossiers(
  db: Kysely<Database>,
  principal: Principal,
  page: number,
  pageSize: number,
) {
  const base = db
    .selectFrom('dossiers')
    .where('applicant_user_id', '=', principal.userId)
    .where('code', 'is not', null);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('procedure_versions_view as v', 'v.id', 'dossiers.procedure_version_id')
    .select([
      'dossiers.code',
      'dossiers.status',
      'dossiers.submitted_at',
      'dossiers.due_at',
      'v.name as procedure_name',
    ])
    .orderBy('dossiers.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      code: r.code!,
      procedureName: r.procedure_name,
      status: r.status,
      statusName: STATUS_NAMES[r.status as DossierState['status']],
      submittedAt: r.submitted_at ? formatVietnamIso(r.submitted_at) : null,
      dueAt: r.due_at ? formatVietnamIso(r.due_at) : null,
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
