/**
 * The registers of Phụ lục IV (sổ đăng ký văn bản đi, đến, sổ theo dõi giải quyết văn bản đến)
 * of an agency for a period: on screen (JSON), as an A4 PDF with every column, as Excel.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AGENCY_CODE_BODY } from '@tayninh/domain/org/codes';
import type { Platform } from '../../../platform/context';
import { requirePrincipal } from '../../../http/access';
import { DateString, problemResponses, StringEnum } from '../../../http/schemas';
import { registerPdf, registerWorkbook } from '../registers/output';
import { readRegister } from '../registers/read';
import { DOCUMENT_TAGS } from './contracts';

const RegisterQuery = Type.Object(
  {
    unit: Type.String({
      pattern: `^([0-9]{1,10}|${AGENCY_CODE_BODY})$`,
      description: 'Mã định danh (000.00.16.H53) hoặc số hiệu của cơ quan',
    }),
    register: StringEnum(['outgoing', 'incoming', 'tracking'] as const, {
      description:
        'outgoing: sổ đăng ký văn bản đi; incoming: sổ đăng ký văn bản đến; tracking: sổ theo dõi giải quyết văn bản đến',
    }),
    from: DateString,
    to: DateString,
    secret: Type.Optional(Type.Boolean({ description: 'Sổ văn bản mật (chỉ văn thư)' })),
  },
  { additionalProperties: false },
);
const summary = 'Sổ văn bản theo Phụ lục IV NĐ 30/2020 của một cơ quan trong một kỳ (tối đa 01 năm)';
const fileName = (q: { register: string; from: string; to: string }) =>
  `so-van-ban-${q.register}-${q.from}-${q.to}`;

export const documentRegisterRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db }) => {
  app.get(
    '/api/registers/documents',
    {
      config: { access: 'authenticated' },
      schema: { tags: DOCUMENT_TAGS, summary, querystring: RegisterQuery, response: problemResponses },
    },
    async (request) => readRegister(db, requirePrincipal(request), request.query),
  );

  app.get(
    '/api/registers/documents.pdf',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: `${summary}, PDF khổ A4 ngang`,
        produces: ['application/pdf'],
        querystring: RegisterQuery,
        response: problemResponses,
      },
    },
    async (request, reply) => {
      const sheet = await readRegister(db, requirePrincipal(request), request.query);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName(request.query)}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(await registerPdf(sheet)));
    },
  );

  app.get(
    '/api/registers/documents.xlsx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: `${summary}, Excel`,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        querystring: RegisterQuery,
        response: problemResponses,
      },
    },
    async (request, reply) => {
      const sheet = await readRegister(db, requirePrincipal(request), request.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName(request.query)}.xlsx"`)
        .header('cache-control', 'private, no-store')
        .send(await registerWorkbook(sheet));
    },
  );
};
