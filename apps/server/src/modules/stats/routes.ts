import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { requirePrincipal } from '../../http/access';
import { fieldError, invalid } from '../../http/errors';
import { problemResponses } from '../../http/schemas';
import {
  IndicatorsSchema,
  PublicStatsQuery,
  PublicStatsSchema,
  ReportSchema,
  TrendSchema,
  UnitPeriodQuery,
} from './contracts';
import { report06Workbook } from './excel';
import { monthFigures, publicPeriod, publicStatsCache } from './public';
import { monthlyFlows } from './report-query';
import { reportScope } from './report-scope';
import { fullReport, indicatorsReport, monthsBetween, reportUnit } from './reports';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const statsRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db }) => {
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
          200: PublicStatsSchema,
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
          200: ReportSchema,
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
          200: TrendSchema,
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
      const months = await monthlyFlows(db, (await reportScope(db, unit.id, from)).unitIds, from, to);
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
          200: IndicatorsSchema,
          ...problemResponses,
        },
      },
    },
    async (request) => indicatorsReport(db, requirePrincipal(request), request.query),
  );
};
