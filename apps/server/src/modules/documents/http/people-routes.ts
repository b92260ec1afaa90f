/**
 * GET /api/documents/officials: the officials a drafter or a leader names on a document — the
 * leaders of the issuing agency who may sign (the signer of a draft), the leaders and specialists
 * of a unit a document is directed or assigned to. For officials only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../../platform/context';
import { requirePrincipal } from '../../../http/access';
import { forbidden } from '../../../http/errors';
import { problemResponses, StringEnum } from '../../../http/schemas';
import { officialsIn } from '../../org';
import { agencyOf } from '../store/settings';
import { DOCUMENT_TAGS } from './contracts';

const ROLES = ['leader', 'specialist', 'clerk'] as const;

const OfficialsQuery = Type.Object(
  {
    unitId: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1, description: 'Đơn vị; mặc định: cơ quan của mình' }),
    ),
    role: Type.Optional(StringEnum(ROLES, { description: 'Vai trò; mặc định: lãnh đạo và chuyên viên' })),
  },
  { additionalProperties: false },
);

const OfficialsSchema = Type.Object({
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Array(
    Type.Object({
      userId: Type.Integer(),
      fullName: Type.String(),
      role: Type.String(),
      unitId: Type.Integer(),
      unitName: Type.String(),
    }),
  ),
});

export const documentPeopleRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db }) => {
  app.get(
    '/api/documents/officials',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary:
          'Cán bộ của một đơn vị theo vai trò (người ký của cơ quan ban hành, người được giao xử lý văn bản)',
        querystring: OfficialsQuery,
        response: { 200: OfficialsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'officer')
        throw forbidden('Chỉ cán bộ, công chức xem danh sách này.', 'Officials only.');
      const own = principal.primaryUnitId;
      const unitId =
        request.query.unitId ?? (own === null ? null : ((await agencyOf(db, own))?.unitId ?? own));
      const roles = request.query.role ? [request.query.role] : (['leader', 'specialist'] as const);
      return { unitId, items: unitId === null ? [] : await officialsIn(db, [unitId], roles) };
    },
  );
};
