/**
 * Units of the administrative tree. The tree is data: the 2019 three-tier structure and the
 * two-tier structure in force since 1/7/2025 coexist through validity dates, and a closed unit
 * keeps its history and points to its successors.
 */
import { invalidateUnitPaths } from './tree';
import { StringEnum, Nullable } from '../../http/schemas';
import { Type, type Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database, Tier, UnitKind } from '../../db/schema';
import { conflict, fieldError, invalid, notFound } from '../../http/errors';
import { foldVietnamese } from '../../lib/vietnamese';
import { vietnamDate } from '../../lib/time';
import { recordAudit, type Actor } from '../audit';
import { AGENCY_CODE_PATTERN } from '@tayninh/domain/org/codes';
import { unitPath } from './tree';

export const UNIT_KINDS = [
  'province',
  'district',
  'commune',
  'department',
  'service_centre',
  'office',
] as const;
export const TIERS = ['province', 'district', 'commune'] as const;

export const UnitRef = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  agencyCode: Nullable(Type.String()),
});

export const UnitSchema = Type.Object({
  id: Type.Integer(),
  agencyCode: Nullable(Type.String()),
  agencyCodeConfirmed: Type.Boolean(),
  adminAreaCode: Nullable(Type.String()),
  name: Type.String(),
  kind: StringEnum(UNIT_KINDS),
  tier: StringEnum(TIERS),
  parentId: Nullable(Type.Integer()),
  validFrom: Type.String({ format: 'date' }),
  validUntil: Nullable(Type.String({ format: 'date' })),
});
export type UnitOut = Static<typeof UnitSchema>;

export function unitOut(row: {
  id: number;
  agency_code: string | null;
  agency_code_confirmed: boolean;
  admin_area_code: string | null;
  name: string;
  kind: UnitKind;
  tier: Tier;
  parent_id: number | null;
  valid_from: string;
  valid_until: string | null;
}): UnitOut {
  return {
    id: row.id,
    agencyCode: row.agency_code,
    agencyCodeConfirmed: row.agency_code_confirmed,
    adminAreaCode: row.admin_area_code,
    name: row.name,
    kind: row.kind,
    tier: row.tier,
    parentId: row.parent_id,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
  };
}

export async function getUnit(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('đơn vị', 'Unit');
  return row;
}

function openAt(row: { valid_from: string; valid_until: string | null }, date: string): boolean {
  return row.valid_from <= date && (row.valid_until === null || row.valid_until > date);
}

/** Units that preceded (`predecessor`) or succeeded (`successor`) a unit, with the succession's terms. */
async function linkedUnits(db: Kysely<Database>, id: number, side: 'predecessor' | 'successor') {
  const [linked, self] =
    side === 'predecessor'
      ? (['unit_successions.predecessor_id', 'unit_successions.successor_id'] as const)
      : (['unit_successions.successor_id', 'unit_successions.predecessor_id'] as const);
  return db
    .selectFrom('unit_successions')
    .innerJoin('units', 'units.id', linked)
    .select([
      'units.id',
      'units.name',
      'units.agency_code',
      'unit_successions.effective_date',
      'unit_successions.whole',
      'unit_successions.legal_basis',
    ])
    .where(self, '=', id)
    .orderBy('units.name')
    .execute();
}

export async function unitDetail(db: Kysely<Database>, id: number) {
  const row = await getUnit(db, id);
  const predecessors = await linkedUnits(db, id, 'predecessor');
  const successors = await linkedUnits(db, id, 'successor');
  const path = await unitPath(db, id);
  const ancestors =
    path.length > 1
      ? await db
          .selectFrom('units')
          .select(['id', 'name', 'agency_code'])
          .where('id', 'in', path.slice(0, -1))
          .execute()
      : [];
  const succession = (rows: typeof predecessors) =>
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      agencyCode: r.agency_code,
      effectiveDate: r.effective_date,
      whole: r.whole,
      legalBasis: r.legal_basis,
    }));
  return {
    ...unitOut(row),
    ancestors: path.slice(0, -1).map((ancestorId) => {
      const a = ancestors.find((x) => x.id === ancestorId)!;
      return { id: a.id, name: a.name, agencyCode: a.agency_code };
    }),
    predecessors: succession(predecessors),
    successors: succession(successors),
  };
}

export const CreateUnitBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: StringEnum(UNIT_KINDS),
    tier: StringEnum(TIERS),
    parentId: Nullable(Type.Integer({ minimum: 1 })),
    agencyCode: Type.Optional(Nullable(Type.String({ pattern: AGENCY_CODE_PATTERN }))),
    agencyCodeConfirmed: Type.Optional(Type.Boolean()),
    adminAreaCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{2,5}$' }))),
    validFrom: Type.String({ format: 'date' }),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CreateUnitInput = Static<typeof CreateUnitBody>;

async function assertCodeFree(db: Kysely<Database>, code: string | null | undefined, exceptId?: number) {
  if (!code) return;
  let query = db
    .selectFrom('units')
    .select('id')
    .where('agency_code', '=', code)
    .where('valid_until', 'is', null);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) {
    throw conflict(
      'agency_code_taken',
      `Mã định danh ${code} đang được một đơn vị khác sử dụng.`,
      `Agency code ${code} is already used by an open unit.`,
    );
  }
}

async function assertParentOpen(db: Kysely<Database>, parentId: number | null, date: string) {
  if (parentId === null) return;
  const parent = await db.selectFrom('units').selectAll().where('id', '=', parentId).executeTakeFirst();
  if (!parent)
    throw invalid([
      fieldError('/parentId', 'not_found', 'Đơn vị cấp trên không tồn tại.', 'Parent unit not found.'),
    ]);
  if (!openAt(parent, date)) {
    throw invalid([
      fieldError(
        '/parentId',
        'closed',
        `Đơn vị cấp trên không hoạt động vào ngày ${date}.`,
        `Parent unit is not open on ${date}.`,
      ),
    ]);
  }
}

export async function createUnit(db: Kysely<Database>, actor: Actor, input: CreateUnitInput) {
  return db.transaction().execute(async (trx) => {
    await assertParentOpen(trx, input.parentId, input.validFrom);
    await assertCodeFree(trx, input.agencyCode);
    const row = await trx
      .insertInto('units')
      .values({
        name: input.name.trim(),
        kind: input.kind,
        tier: input.tier,
        parent_id: input.parentId,
        agency_code: input.agencyCode ?? null,
        agency_code_confirmed: input.agencyCodeConfirmed ?? false,
        admin_area_code: input.adminAreaCode ?? null,
        valid_from: input.validFrom,
        search_text: foldVietnamese(input.name),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'unit.create',
      entityType: 'unit',
      entityId: row.id,
      reason: input.reason ?? null,
      after: unitOut(row),
    });
    return unitOut(row);
  });
}

export const UpdateUnitBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    agencyCode: Type.Optional(Nullable(Type.String({ pattern: AGENCY_CODE_PATTERN }))),
    agencyCodeConfirmed: Type.Optional(Type.Boolean()),
    adminAreaCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{2,5}$' }))),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false, minProperties: 2 },
);

export async function updateUnit(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: Static<typeof UpdateUnitBody>,
) {
  const updated = await db.transaction().execute(async (trx) => {
    const before = await getUnit(trx, id);
    if (before.valid_until !== null) {
      throw conflict(
        'unit_closed',
        'Đơn vị đã giải thể/sáp nhập; không thể sửa.',
        'The unit is closed and cannot be changed.',
      );
    }
    if (input.parentId !== undefined && input.parentId !== null) {
      if ((await unitPath(trx, input.parentId)).includes(id)) {
        throw invalid([
          fieldError(
            '/parentId',
            'cycle',
            'Không thể đặt đơn vị cấp dưới làm đơn vị cấp trên.',
            'A unit cannot be moved under its own subtree.',
          ),
        ]);
      }
      await assertParentOpen(trx, input.parentId, vietnamDate(new Date()));
    }
    if (input.agencyCode !== undefined) await assertCodeFree(trx, input.agencyCode, id);
    const row = await trx
      .updateTable('units')
      .set({
        ...(input.name !== undefined
          ? { name: input.name.trim(), search_text: foldVietnamese(input.name) }
          : {}),
        ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
        ...(input.agencyCode !== undefined ? { agency_code: input.agencyCode } : {}),
        ...(input.agencyCodeConfirmed !== undefined
          ? { agency_code_confirmed: input.agencyCodeConfirmed }
          : {}),
        ...(input.adminAreaCode !== undefined ? { admin_area_code: input.adminAreaCode } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'unit.update',
      entityType: 'unit',
      entityId: id,
      reason: input.reason,
      before: unitOut(before),
      after: unitOut(row),
    });
    return unitOut(row);
  });
  // A new parent changes the paths that authorise access to dossiers.
  if (input.parentId !== undefined) invalidateUnitPaths(db);
  return updated;
}

export const CloseUnitBody = Type.Object(
  {
    closedOn: Type.String({ format: 'date', description: 'First day the unit no longer exists' }),
    successors: Type.Array(
      Type.Object(
        { unitId: Type.Integer({ minimum: 1 }), whole: Type.Boolean() },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    legalBasis: Type.String({ minLength: 1, maxLength: 300 }),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

/** Closes a unit (merger, dissolution) and records who took it over. */
export async function closeUnit(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: Static<typeof CloseUnitBody>,
) {
  return db.transaction().execute(async (trx) => {
    const before = await getUnit(trx, id);
    if (before.valid_until !== null) {
      throw conflict('unit_closed', 'Đơn vị này đã được đóng trước đó.', 'The unit is already closed.');
    }
    if (input.closedOn <= before.valid_from) {
      throw invalid([
        fieldError(
          '/closedOn',
          'before_start',
          'Ngày kết thúc phải sau ngày thành lập đơn vị.',
          'Closing date must be after the unit started.',
        ),
      ]);
    }
    const openChildren = await trx
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', input.closedOn)]))
      .executeTakeFirstOrThrow();
    if (Number(openChildren.n) > 0) {
      throw conflict(
        'unit_has_open_children',
        `Đơn vị còn ${openChildren.n} đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc đóng các đơn vị đó trước.`,
        `The unit still has ${openChildren.n} open sub-units.`,
      );
    }
    for (const [index, successor] of input.successors.entries()) {
      const row = await trx
        .selectFrom('units')
        .selectAll()
        .where('id', '=', successor.unitId)
        .executeTakeFirst();
      if (!row || row.id === id || !openAt(row, input.closedOn)) {
        throw invalid([
          fieldError(
            `/successors/${index}/unitId`,
            'invalid_successor',
            'Đơn vị kế thừa không tồn tại hoặc không hoạt động vào ngày đóng.',
            'Successor does not exist or is not open on the closing date.',
          ),
        ]);
      }
      await trx
        .insertInto('unit_successions')
        .values({
          predecessor_id: id,
          successor_id: successor.unitId,
          effective_date: input.closedOn,
          whole: successor.whole,
          legal_basis: input.legalBasis,
        })
        .execute();
    }
    const row = await trx
      .updateTable('units')
      .set({ valid_until: input.closedOn, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'unit.close',
      entityType: 'unit',
      entityId: id,
      reason: input.reason,
      before: unitOut(before),
      after: { ...unitOut(row), successors: input.successors, legalBasis: input.legalBasis },
    });
    return unitOut(row);
  });
}
