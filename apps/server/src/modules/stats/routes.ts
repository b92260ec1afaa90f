import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../app';
import { requirePrincipal } from '../../http/access';
import { fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { problemResponses } from '../../http/schemas';
import { isSystemAdmin } from '../auth/permissions';
import { subtreeIds, unitPath } from '../org/tree';
import { addRows, brokenInvariants, EMPTY_ROW, type Report06Row } from './report-06';
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

const REPORT_ROLES = ['leader', 'agency_admin', 'receiving_officer', 'specialist'];

export const statsRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/stats/report',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Thống kê'],
        summary:
          'Biểu 06/VPCP/KSTT: tình hình, kết quả giải quyết TTHC của một đơn vị và các đơn vị trực thuộc trong kỳ',
        querystring: Type.Object(
          {
            unit: Type.String({
              pattern: '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$',
              description: 'Mã định danh đơn vị',
            }),
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            unit: Type.Object({ id: Type.Integer(), name: Type.String(), agencyCode: Type.String() }),
            from: Type.String(),
            to: Type.String(),
            rows: Type.Array(
              Type.Intersect([Type.Object({ unitId: Type.Integer(), unitName: Type.String() }), RowSchema]),
            ),
            total: RowSchema,
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { from, to } = request.query;
      if (from > to)
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
        .where('agency_code', '=', request.query.unit)
        .orderBy('valid_until', 'desc')
        .executeTakeFirst();
      if (!unit) throw notFound(`đơn vị ${request.query.unit}`, `Unit ${request.query.unit}`);
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
      const rows = await report06(db, await subtreeIds(db, [unit.id]), from, to);
      const total = rows.reduce<Report06Row>(
        (sum, { unit_id: _id, unit_name: _name, ...row }) => addRows(sum, row),
        EMPTY_ROW,
      );
      if (brokenInvariants(total).length > 0)
        throw new Error(`Biểu 06 invariants broken: ${brokenInvariants(total).join(', ')}`);
      return {
        unit: { id: unit.id, name: unit.name, agencyCode: unit.agency_code! },
        from,
        to,
        rows: rows.map(({ unit_id, unit_name, ...row }) => ({
          unitId: unit_id,
          unitName: unit_name,
          ...row,
        })),
        total,
      };
    },
  );
};
