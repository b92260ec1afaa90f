/** Where a dossier goes: its receiving and handling units. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { conflict, fieldError, invalid } from '../../../http/errors';
import type { CatalogueIndex } from '../../procedures';

export interface Routing {
  receivingUnitId: number;
  receivingAgencyCode: string;
  handlingUnitId: number;
}

export async function openUnit(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('units_view')
    .selectAll()
    .where('id', '=', id)
    .where('valid_until', 'is', null)
    .executeTakeFirst();
}

/**
 * Where a dossier goes: a provincial procedure is received by the provincial public administration
 * service centre and handled by its department; a commune procedure by the chosen commune.
 */
export async function route(
  db: Kysely<Database>,
  catalogue: CatalogueIndex,
  version: { handling_unit_id: number | null; levels: string[] },
  unitId: number | undefined,
): Promise<Routing> {
  if (version.handling_unit_id !== null) {
    const centre = await catalogue.cached('province-service-centre', (db) =>
      db
        .selectFrom('units_view')
        .select(['id', 'agency_code'])
        .where('kind', '=', 'service_centre')
        .where('tier', '=', 'province')
        .where('valid_until', 'is', null)
        .orderBy('id')
        .executeTakeFirst(),
    );
    const receiving = centre ?? (await openUnit(db, version.handling_unit_id));
    if (!receiving?.agency_code)
      throw conflict(
        'no_receiving_unit',
        'Chưa cấu hình Bộ phận Một cửa tiếp nhận thủ tục này.',
        'No receiving unit configured.',
      );
    return {
      receivingUnitId: receiving.id,
      receivingAgencyCode: receiving.agency_code,
      handlingUnitId: version.handling_unit_id,
    };
  }
  if (unitId === undefined) {
    throw invalid([
      fieldError(
        '/unitId',
        'required',
        'Hãy chọn Ủy ban nhân dân cấp xã nơi nộp hồ sơ.',
        'Choose the commune to submit to.',
      ),
    ]);
  }
  const unit = await openUnit(db, unitId);
  if (!unit || unit.kind !== 'commune' || !unit.agency_code) {
    throw invalid([
      fieldError(
        '/unitId',
        'not_commune',
        'Đơn vị được chọn không phải Ủy ban nhân dân cấp xã đang hoạt động.',
        'Not an open commune.',
      ),
    ]);
  }
  return { receivingUnitId: unit.id, receivingAgencyCode: unit.agency_code, handlingUnitId: unit.id };
}
