import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AGENCY_CODE_BODY } from '@tayninh/domain/org/codes';
import type { Platform } from '../../platform/context';
import { requirePrincipal } from '../../http/access';
import { DateString, problemResponses } from '../../http/schemas';
import { renderRegister } from './register';

/** GET /api/registers/dossiers.pdf — Sổ theo dõi hồ sơ (Mẫu 06) of a one-stop shop for a period. */
export const dossierRegisterRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db }) => {
  app.get(
    '/api/registers/dossiers.pdf',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Hồ sơ (Một cửa)'],
        summary:
          'Sổ theo dõi hồ sơ (Mẫu 06, TT 01/2018) của Bộ phận Một cửa một đơn vị trong một kỳ (tối đa 01 năm), PDF khổ A4 ngang',
        produces: ['application/pdf'],
        querystring: Type.Object(
          {
            unit: Type.String({
              pattern: `^([0-9]{1,10}|${AGENCY_CODE_BODY})$`,
              description: 'Mã định danh (000.02.01.H53) hoặc số hiệu của đơn vị tiếp nhận',
            }),
            from: DateString,
            to: DateString,
          },
          { additionalProperties: false },
        ),
        response: problemResponses,
      },
    },
    async (request, reply) => {
      const { unit, from, to } = request.query;
      const pdf = await renderRegister(db, requirePrincipal(request), { unitCode: unit, from, to });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="so-theo-doi-ho-so-${from}-${to}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
};
