import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../../app';
import type { Database } from '../../db/schema';
import { requirePrincipal } from '../../http/access';
import { fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { Nullable, problemResponses, StringEnum } from '../../http/schemas';
import type { IsoDate } from '../../lib/time';
import { isSystemAdmin, type Principal } from '../auth/permissions';
import { subtreeIds, unitPath } from '../org/tree';
import { report06Workbook } from './excel';
import {
  addSums,
  dossierIndicators,
  EMPTY_SUMS,
  evaluateOfficial,
  evaluateUnit,
  OFFICIAL_CLASSES,
  ONLINE_CLASSES,
  onlineServiceBreakdown,
  UNIT_CLASSES,
} from './indicators';
import { proceduresInScope, ratingsByOfficial, ratingsByUnit } from './indicators-query';
import { addRows, brokenInvariants, EMPTY_ROW, periodBounds, type Report06Row } from './report-06';
import { report06 } from './report-query';

const RowSchema = Type.Object({
  received: Type.Integer(),
  receivedOnline: Type.Integer(),
  receivedCounterOrPost: Type.Integer(),
  carriedOver: Type.Integer(),
  resolved: Type.Integer(),
  resolvedEarly: Type.Integer(),
  resolvedOnTime: Type.Integer(),
  resolvedLate: Type.Integer(),
  inProgress: Type.Integer(),
  inProgressWithinTime: Type.Integer(),
  inProgressOverdue: Type.Integer(),
  withdrawnOrStopped: Type.Integer(),
});

const UnitSchema = Type.Object({ id: Type.Integer(), name: Type.String(), agencyCode: Type.String() });

const UnitPeriodQuery = Type.Object(
  {
    unit: Type.String({
      pattern: '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$',
      description: 'Mã định danh đơn vị',
    }),
    from: Type.String({ format: 'date', description: 'Ngày đầu kỳ (YYYY-MM-DD)' }),
    to: Type.String({ format: 'date', description: 'Ngày cuối kỳ (YYYY-MM-DD)' }),
  },
  { additionalProperties: false },
);

const REPORT_ROLES = ['leader', 'agency_admin', 'receiving_officer', 'specialist'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The unit of a statistics request, after checking the period and the principal's access. */
async function reportUnit(
  db: Kysely<Database>,
  principal: Principal,
  query: { unit: string; from: string; to: string },
) {
  if (query.from > query.to)
    throw invalid([
      fieldError(
        '/to',
        'before_from',
        'Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.',
        'to must not be before from.',
      ),
    ]);
  const unit = await db
    .selectFrom('units')
    .select(['id', 'name', 'agency_code'])
    .where('agency_code', '=', query.unit)
    .orderBy('valid_until', 'desc')
    .executeTakeFirst();
  if (!unit) throw notFound(`đơn vị ${query.unit}`, `Unit ${query.unit}`);
  const path = await unitPath(db, unit.id);
  const allowed =
    isSystemAdmin(principal) ||
    principal.grants.some(
      (grant) =>
        REPORT_ROLES.includes(grant.role) &&
        grant.unitId !== null &&
        (grant.unitId === unit.id || (grant.includeSubtree && path.includes(grant.unitId))),
    );
  if (!allowed)
    throw forbidden(
      'Bạn chỉ xem được báo cáo của đơn vị mình.',
      'You may only see reports of your own units.',
    );
  return { id: unit.id, name: unit.name, agencyCode: unit.agency_code! };
}

const KIND_ORDER: Record<string, number> = {
  province: 0,
  office: 1,
  service_centre: 2,
  department: 3,
  district: 4,
  commune: 5,
};

/**
 * The rows of the form: one per direct subordinate unit (its whole subtree summed) that existed
 * during the period or has figures in it, and the unit itself when it handles dossiers too
 * (or has no subordinate units).
 */
async function childUnitRows(
  db: Kysely<Database>,
  unit: { id: number; name: string; agencyCode: string },
  from: IsoDate,
  to: IsoDate,
  rows: Array<{ unit_id: number } & Report06Row>,
) {
  const children = await db
    .selectFrom('units')
    .select(['id', 'name', 'agency_code', 'kind', 'valid_from', 'valid_until'])
    .where('parent_id', '=', unit.id)
    .execute();
  const below = await sql<{ id: number; child_id: number }>`
    with recursive down (id, child_id, depth) as (
      select id, id, 1 from units where parent_id = ${unit.id}
      union all
      select u.id, down.child_id, down.depth + 1 from units u join down on u.parent_id = down.id
      where down.depth < 50
    )
    select id, child_id from down`.execute(db);
  const childOf = new Map(below.rows.map((row) => [row.id, row.child_id]));
  const sums = new Map<number, Report06Row>();
  for (const { unit_id, unit_name: _name, ...row } of rows as Array<
    { unit_id: number; unit_name?: string } & Report06Row
  >) {
    const key = unit_id === unit.id ? unit.id : (childOf.get(unit_id) ?? unit.id);
    sums.set(key, addRows(sums.get(key) ?? EMPTY_ROW, row));
  }
  const collator = new Intl.Collator('vi');
  const listed = children
    .filter(
      (child) =>
        sums.has(child.id) ||
        (child.valid_from <= to && (child.valid_until === null || child.valid_until > from)),
    )
    .sort(
      (a, b) =>
        (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
        collator.compare(a.name, b.name) ||
        a.id - b.id,
    )
    .map((child) => ({
      unitId: child.id,
      unitName: child.name,
      agencyCode: child.agency_code,
      self: false,
      ...(sums.get(child.id) ?? EMPTY_ROW),
    }));
  if (sums.has(unit.id) || children.length === 0)
    listed.unshift({
      unitId: unit.id,
      unitName: unit.name,
      agencyCode: unit.agencyCode,
      self: true,
      ...(sums.get(unit.id) ?? EMPTY_ROW),
    });
  return listed;
}

async function fullReport(
  db: Kysely<Database>,
  principal: Principal,
  query: { unit: string; from: string; to: string },
) {
  const unit = await reportUnit(db, principal, query);
  const { from, to } = query;
  const rows = await report06(db, await subtreeIds(db, [unit.id]), from, to);
  const total = rows.reduce<Report06Row>(
    (sum, { unit_id: _id, unit_name: _name, ...row }) => addRows(sum, row),
    EMPTY_ROW,
  );
  if (brokenInvariants(total).length > 0)
    throw new Error(`Biểu 06 invariants broken: ${brokenInvariants(total).join(', ')}`);
  return {
    unit,
    from,
    to,
    rows: rows.map(({ unit_id, unit_name, ...row }) => ({ unitId: unit_id, unitName: unit_name, ...row })),
    childUnits: await childUnitRows(db, unit, from, to, rows),
    total,
  };
}

const DossierIndicatorsSchema = Type.Object({
  received: Type.Integer({ description: 'Hồ sơ tiếp nhận trong kỳ (cột 4 + 5 của Biểu 06)' }),
  receivedOnline: Type.Integer(),
  onlineShare: Nullable(Type.Number({ description: 'Tỷ lệ hồ sơ trực tuyến (0–1)' })),
  resolved: Type.Integer(),
  resolvedOnTime: Type.Integer({ description: 'Giải quyết trước hạn và đúng hạn' }),
  onTimeRate: Nullable(Type.Number({ description: 'Tỷ lệ giải quyết đúng hạn (0–1)' })),
});

function evaluationSchema<T extends readonly string[]>(classes: T) {
  return Type.Object({
    ratings: Type.Integer({ description: 'Số lượt đánh giá' }),
    indicators: Type.Object({
      time: Nullable(Type.Number({ description: 'Chỉ số 1: thời gian giải quyết' })),
      contacts: Nullable(Type.Number({ description: 'Chỉ số 3: số lần liên hệ' })),
      bodies: Nullable(Type.Number({ description: 'Chỉ số 4: số cơ quan phải liên hệ' })),
      attitude: Nullable(Type.Number({ description: 'Chỉ số 7: thái độ của cán bộ' })),
    }),
    score: Nullable(Type.Number()),
    maxScore: Type.Number(),
    scaledScore: Nullable(Type.Number()),
    fullScale: Type.Number(),
    classification: Nullable(StringEnum(classes)),
    classificationName: Nullable(Type.String()),
    satisfaction: Type.Object({
      verySatisfied: Type.Integer(),
      satisfied: Type.Integer(),
      dissatisfied: Type.Integer(),
    }),
    satisfiedShare: Nullable(Type.Number()),
  });
}

export const statsRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/stats/report',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Thống kê'],
        summary:
          'Biểu 06/VPCP/KSTT: tình hình, kết quả giải quyết TTHC của một đơn vị và các đơn vị trực thuộc trong kỳ',
        querystring: UnitPeriodQuery,
        response: {
          200: Type.Object({
            unit: UnitSchema,
            from: Type.String(),
            to: Type.String(),
            rows: Type.Array(
              Type.Intersect([Type.Object({ unitId: Type.Integer(), unitName: Type.String() }), RowSchema]),
              { description: 'Một dòng cho mỗi cơ quan giải quyết hồ sơ trong cây đơn vị' },
            ),
            childUnits: Type.Array(
              Type.Intersect([
                Type.Object({
                  unitId: Type.Integer(),
                  unitName: Type.String(),
                  agencyCode: Nullable(Type.String()),
                  self: Type.Boolean({ description: 'Dòng của chính đơn vị báo cáo' }),
                }),
                RowSchema,
              ]),
              { description: 'Các dòng của biểu: mỗi đơn vị trực thuộc (cộng cả cây), và chính đơn vị' },
            ),
            total: RowSchema,
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => fullReport(db, requirePrincipal(request), request.query),
  );

  app.get(
    '/api/stats/report.xlsx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Thống kê'],
        summary: 'Biểu 06/VPCP/KSTT dạng Excel: mỗi đơn vị trực thuộc một dòng và dòng tổng cộng',
        querystring: UnitPeriodQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'Tệp .xlsx' }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const report = await fullReport(db, requirePrincipal(request), request.query);
      const buffer = await report06Workbook({
        unit: report.unit,
        from: report.from,
        to: report.to,
        rows: report.childUnits,
        total: report.total,
      });
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="bieu-06-${report.unit.agencyCode}-${report.from}-${report.to}.xlsx"`,
        )
        .header('cache-control', 'private, no-store')
        .send(buffer);
    },
  );

  app.get(
    '/api/stats/indicators',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Thống kê'],
        summary:
          'Chỉ số của Kế hoạch: dịch vụ công trực tuyến theo mức độ, tỷ lệ hồ sơ trực tuyến, tỷ lệ đúng hạn, đánh giá hài lòng theo cơ quan và cán bộ',
        querystring: UnitPeriodQuery,
        response: {
          200: Type.Object({
            unit: UnitSchema,
            from: Type.String(),
            to: Type.String(),
            procedures: Type.Object({
              asOf: Type.String({ description: 'Danh mục thủ tục có hiệu lực vào ngày này (ngày cuối kỳ)' }),
              total: Type.Integer(),
              byClass: Type.Array(
                Type.Object({
                  code: StringEnum(ONLINE_CLASSES),
                  name: Type.String(),
                  count: Type.Integer(),
                  share: Nullable(Type.Number()),
                }),
              ),
              byLevel: Type.Array(
                Type.Object({
                  level: Nullable(Type.Integer()),
                  name: Type.String(),
                  count: Type.Integer(),
                  share: Nullable(Type.Number()),
                }),
              ),
            }),
            dossiers: Type.Object({
              total: DossierIndicatorsSchema,
              byAgency: Type.Array(
                Type.Intersect([
                  Type.Object({ unitId: Type.Integer(), unitName: Type.String() }),
                  DossierIndicatorsSchema,
                ]),
              ),
            }),
            satisfaction: Type.Object({
              total: evaluationSchema(UNIT_CLASSES),
              byAgency: Type.Array(
                Type.Intersect([
                  Type.Object({ unitId: Type.Integer(), unitName: Type.String() }),
                  evaluationSchema(UNIT_CLASSES),
                ]),
              ),
              byOfficial: Type.Array(
                Type.Intersect([
                  Type.Object({
                    userId: Type.Integer(),
                    fullName: Type.String(),
                    role: StringEnum(['handling', 'receiving'] as const, {
                      description: 'handling: chuyên viên thụ lý; receiving: cán bộ tiếp nhận',
                    }),
                  }),
                  evaluationSchema(OFFICIAL_CLASSES),
                ]),
              ),
            }),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const unit = await reportUnit(db, requirePrincipal(request), request.query);
      const { from, to } = request.query;
      const { start, end } = periodBounds(from, to);
      const unitIds = await subtreeIds(db, [unit.id]);
      const rows = await report06(db, unitIds, from, to);
      const total = rows.reduce<Report06Row>(
        (sum, { unit_id: _id, unit_name: _name, ...row }) => addRows(sum, row),
        EMPTY_ROW,
      );
      const byUnit = await ratingsByUnit(db, unitIds, start, end);
      const byOfficial = await ratingsByOfficial(db, unitIds, start, end);
      const collator = new Intl.Collator('vi');
      return {
        unit,
        from,
        to,
        procedures: { asOf: to, ...onlineServiceBreakdown(await proceduresInScope(db, unitIds, to)) },
        dossiers: {
          total: dossierIndicators(total),
          byAgency: rows.map((row) => ({
            unitId: row.unit_id,
            unitName: row.unit_name,
            ...dossierIndicators(row),
          })),
        },
        satisfaction: {
          total: evaluateUnit(byUnit.reduce((sum, row) => addSums(sum, row), EMPTY_SUMS)),
          byAgency: byUnit
            .sort((a, b) => collator.compare(a.unit_name, b.unit_name))
            .map((row) => ({ unitId: row.unit_id, unitName: row.unit_name, ...evaluateUnit(row) })),
          byOfficial: byOfficial
            .sort((a, b) => collator.compare(a.full_name, b.full_name) || a.role.localeCompare(b.role))
            .map((row) => ({
              userId: row.user_id,
              fullName: row.full_name,
              role: row.role,
              ...evaluateOfficial(row),
            })),
        },
      };
    },
  );
};
