import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../../app';
import type { Database } from '../../db/schema';
import { requirePrincipal } from '../../http/access';
import { fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { Nullable, problemResponses, StringEnum } from '../../http/schemas';
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
import { monthlyFlows, report06 } from './report-query';
import { childUnitRows } from './child-units';
import { monthFigures, publicPeriod, publicStatsCache } from './public';

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

const PublicFiguresSchema = {
  received: Type.Integer({ description: 'Hồ sơ tiếp nhận trong kỳ (cột 4 + 5 của Biểu 06)' }),
  receivedOnline: Type.Integer({ description: 'Trong đó tiếp nhận trực tuyến (cột 4)' }),
  resolved: Type.Integer({ description: 'Hồ sơ đã giải quyết trong kỳ (cột 7)' }),
  resolvedOnTime: Type.Integer({ description: 'Giải quyết trước hạn và đúng hạn (cột 8 + 9)' }),
  resolvedLate: Type.Integer({ description: 'Giải quyết quá hạn (cột 10)' }),
  onTimeRate: Nullable(
    Type.Number({ description: 'Tỷ lệ giải quyết đúng hạn (0–1); null khi chưa giải quyết hồ sơ nào' }),
  ),
  onlineShare: Nullable(Type.Number({ description: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến (0–1)' })),
};
const PublicRowSchema = {
  ...PublicFiguresSchema,
  inProgress: Type.Integer({ description: 'Đang giải quyết cuối kỳ (cột 11)' }),
  inProgressOverdue: Type.Integer({ description: 'Trong đó quá hạn (cột 13)' }),
  withdrawnOrStopped: Type.Integer({ description: 'Rút hoặc dừng xử lý trong kỳ (cột 14)' }),
};

const PublicStatsQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({ maxLength: 10, description: 'Ngày đầu kỳ (YYYY-MM-DD); mặc định 01/01 năm nay' }),
    ),
    to: Type.Optional(
      Type.String({
        maxLength: 10,
        description:
          'Ngày cuối kỳ (YYYY-MM-DD); mặc định hôm nay; một ngày sau hôm nay được tính đến hôm nay',
      }),
    ),
  },
  { additionalProperties: false },
);

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7)) +
  1;

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
  const cachedPublicStats = publicStatsCache(db);

  app.get(
    '/api/public/stats',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Thống kê'],
        summary:
          'Thống kê công khai: tình hình giải quyết hồ sơ của toàn tỉnh, từng sở, ngành và xã, phường trong kỳ, và theo tháng (không có thông tin cá nhân)',
        description:
          'Cùng số liệu với Biểu 06/VPCP/KSTT của UBND tỉnh (mỗi đơn vị trực thuộc một dòng, cộng cả cây). Kỳ tối đa 3 năm; số liệu được lưu đệm 1 phút.',
        querystring: PublicStatsQuery,
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            province: Nullable(Type.Object({ name: Type.String(), agencyCode: Type.String() })),
            total: Type.Object(PublicRowSchema),
            agencies: Type.Array(
              Type.Object({
                unitId: Type.Integer(),
                name: Type.String(),
                agencyCode: Nullable(Type.String()),
                level: StringEnum(['province', 'local'] as const, {
                  description:
                    'province: sở, ban, ngành và cơ quan cấp tỉnh; local: xã, phường (và huyện trước 01/7/2025)',
                }),
                ...PublicRowSchema,
              }),
              { description: 'Các đơn vị trực thuộc UBND tỉnh có hồ sơ trong kỳ' },
            ),
            months: Type.Array(
              Type.Object({
                month: Type.String({ description: 'YYYY-MM' }),
                ...PublicFiguresSchema,
              }),
              { description: 'Mỗi tháng của kỳ (tháng đầu và cuối tính trong kỳ)' },
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { from, to } = publicPeriod(request.query);
      const stats = await cachedPublicStats(from, to);
      void reply.header('cache-control', 'public, max-age=60');
      return stats;
    },
  );
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
    '/api/stats/trend',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Thống kê'],
        summary:
          'Diễn biến theo tháng của một đơn vị (cả cây trực thuộc): tiếp nhận, giải quyết, đúng hạn, quá hạn (cùng cách đếm với Biểu 06)',
        querystring: UnitPeriodQuery,
        response: {
          200: Type.Object({
            unit: UnitSchema,
            from: Type.String(),
            to: Type.String(),
            months: Type.Array(
              Type.Object({ month: Type.String({ description: 'YYYY-MM' }), ...PublicFiguresSchema }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const unit = await reportUnit(db, requirePrincipal(request), request.query);
      const { from, to } = request.query;
      if (monthsBetween(from, to) > 60)
        throw invalid([
          fieldError('/to', 'period_too_long', 'Kỳ báo cáo theo tháng dài tối đa 5 năm.', 'At most 5 years.'),
        ]);
      const months = await monthlyFlows(db, await subtreeIds(db, [unit.id]), from, to);
      return { unit, from, to, months: months.map(monthFigures) };
    },
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
