/**
 * Who reads a register, and the sheet they get: the agency's văn thư and leaders (or those of a
 * unit above it, over its subtree) and the system administrator; the secret books only the văn
 * thư. 404 for an unknown unit, 403 for anyone else.
 */
import type { Kysely } from 'kysely';
import { holdsRoleIn } from '@tayninh/domain/org/grants';
import type { Database } from '../../../db/schema';
import { forbidden, notFound } from '../../../http/errors';
import { isSystemAdmin, type Principal } from '../../auth';
import { unitPath } from '../../org';
import { registerRows, REGISTER_COLUMNS, type RegisterKind } from './query';
import type { RegisterSheet } from './output';

async function findUnit(db: Kysely<Database>, unit: string) {
  const query = db.selectFrom('units_view').select(['id', 'name', 'parent_id']);
  const row = /^[0-9]+$/.test(unit)
    ? Number(unit) <= 2_147_483_647
      ? await query.where('id', '=', Number(unit)).executeTakeFirst()
      : undefined
    : await query.where('agency_code', '=', unit).orderBy('valid_until', 'desc').executeTakeFirst();
  if (!row) throw notFound(`đơn vị ${unit}`, `Unit ${unit}`);
  return row;
}

export async function readRegister(
  db: Kysely<Database>,
  principal: Principal,
  query: { unit: string; register: RegisterKind; from: string; to: string; secret?: boolean },
): Promise<RegisterSheet & { columns: string[] }> {
  const unit = await findUnit(db, query.unit);
  const path = await unitPath(db, unit.id);
  const secret = query.secret ?? false;
  const allowed = secret
    ? holdsRoleIn(principal.grants, ['clerk'], path)
    : isSystemAdmin(principal) || holdsRoleIn(principal.grants, ['clerk', 'leader'], path);
  if (!allowed)
    throw forbidden(
      secret
        ? 'Chỉ văn thư của cơ quan được xem sổ văn bản mật.'
        : 'Chỉ văn thư, lãnh đạo của cơ quan và quản trị hệ thống được xem sổ văn bản.',
      secret
        ? "Only the agency's records clerk may read the secret registers."
        : "Only the agency's records clerks, leaders and the system administrator may read its registers.",
    );
  const parent = unit.parent_id
    ? await db.selectFrom('units_view').select('name').where('id', '=', unit.parent_id).executeTakeFirst()
    : undefined;
  const rows = await registerRows(db, {
    unitId: unit.id,
    register: query.register,
    from: query.from,
    to: query.to,
    secret,
  });
  return {
    register: query.register,
    agency: { name: unit.name, parentName: parent?.name ?? null },
    from: query.from,
    to: query.to,
    secret,
    rows,
    columns: REGISTER_COLUMNS[query.register],
  };
}
