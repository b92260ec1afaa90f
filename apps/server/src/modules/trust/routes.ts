import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { actorOf } from '../../http/access';
import { notFound } from '../../http/errors';
import { Nullable, PageQuery, pageOf, problemResponses, StringEnum } from '../../http/schemas';
import { toPem } from './certificates';
import { importAnchor, listCertificates, registerCertificate } from './commands';

const tags = ['Chứng thư số'];
/** ASCII only (a header value): the demo material has no legal value. */
export const DEMO_HEADER = ['x-trust-demo', 'DEMO - khong co gia tri phap ly (no legal value)'] as const;

const CertificateText = Type.String({
  minLength: 1,
  maxLength: 64_000,
  description: 'Chứng thư X.509: PEM, hoặc DER mã hóa base64',
});
const CertificateSchema = Type.Object({
  id: Type.Integer(),
  purpose: StringEnum(['signing', 'seal', 'timestamping', 'ocsp'] as const),
  userId: Nullable(Type.Integer()),
  unitId: Nullable(Type.Integer()),
  subject: Type.String(),
  issuer: Type.String(),
  serial: Type.String(),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time' }),
  keyUsage: Type.Array(Type.String()),
  extendedKeyUsage: Type.Array(Type.String()),
  fingerprintSha256: Type.String(),
  source: StringEnum(['imported', 'demo'] as const),
  createdAt: Type.String({ format: 'date-time' }),
});
const AnchorSchema = Type.Object({
  id: Type.Integer(),
  subject: Type.String(),
  serial: Type.String(),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time' }),
  fingerprintSha256: Type.String(),
});

export const trustRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db, config }) => {
  app.get(
    '/api/trust/anchors.pem',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Các gốc tin cậy đang dùng (PEM); trên bản cài nhúng mặc định: CA gốc DEMO',
        response: { 200: Type.String({ description: 'Chứng thư PEM nối tiếp nhau' }), ...problemResponses },
      },
    },
    async (_request, reply) => {
      const rows = await db.selectFrom('trust_anchors').select('der').orderBy('id').execute();
      return reply
        .type('application/x-pem-file; charset=utf-8')
        .header('content-disposition', 'inline; filename="anchors.pem"')
        .send(rows.map((row) => toPem(row.der)).join(''));
    },
  );

  app.get(
    '/api/trust/demo/crl',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh sách chứng thư bị thu hồi của CA cấp DEMO (DER; chỉ khi đang dùng PKI mẫu)',
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'CRL, DER' }),
          ...problemResponses,
        },
      },
    },
    async (_request, reply) => {
      const issuing = await db
        .selectFrom('trust_intermediates')
        .select('subject')
        .where('source', '=', 'demo')
        .executeTakeFirst();
      const crl = issuing
        ? await db
            .selectFrom('trust_crls')
            .select('der')
            .where('source', '=', 'demo')
            .where('issuer', '=', issuing.subject)
            .orderBy('this_update', 'desc')
            .executeTakeFirst()
        : undefined;
      if (!crl) throw notFound('danh sách thu hồi của PKI mẫu', 'The demo CRL');
      return reply
        .type('application/pkix-crl')
        .header(DEMO_HEADER[0], DEMO_HEADER[1])
        .header('content-disposition', 'attachment; filename="demo-issuing.crl"')
        .send(Buffer.from(crl.der));
    },
  );

  app.get(
    '/api/trust/certificates',
    {
      config: { access: { permission: 'trust.manage' } },
      schema: {
        tags,
        summary: 'Chứng thư số đã đăng ký của cán bộ và cơ quan (lọc theo người dùng, đơn vị)',
        querystring: Type.Object(
          {
            userId: Type.Optional(Type.Integer({ minimum: 1 })),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            purpose: Type.Optional(StringEnum(['signing', 'seal', 'timestamping', 'ocsp'] as const)),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(CertificateSchema), ...problemResponses },
      },
    },
    async (request) =>
      listCertificates(db, {
        ...request.query,
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 20,
      }),
  );

  app.post(
    '/api/trust/anchors',
    {
      config: { access: { permission: 'trust.manage' } },
      schema: {
        tags,
        summary:
          'Nhập một gốc tin cậy (CA gốc tự ký, PEM hoặc DER base64), ví dụ CA gốc của Ban Cơ yếu Chính phủ',
        body: Type.Object({ certificate: CertificateText }, { additionalProperties: false }),
        response: { 201: AnchorSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const anchor = await importAnchor(db, actorOf(request), request.body.certificate);
      return reply.status(201).send({
        id: anchor.id,
        subject: anchor.subject,
        serial: anchor.serial,
        notBefore: anchor.notBefore.toISOString(),
        notAfter: anchor.notAfter.toISOString(),
        fingerprintSha256: anchor.fingerprint,
      });
    },
  );

  app.post(
    '/api/trust/certificates',
    {
      config: { access: { permission: 'trust.manage' } },
      schema: {
        tags,
        summary:
          'Đăng ký chứng thư ký số của cán bộ (signing) hoặc con dấu của cơ quan (seal), sau khi kiểm tra chuỗi',
        description:
          'Từ chối (422) chứng thư hết hạn, chưa có hiệu lực, sai mục đích sử dụng khóa, không có chuỗi tới gốc tin cậy, hoặc đã bị thu hồi; mã lỗi nói rõ lý do.',
        body: Type.Object(
          {
            purpose: StringEnum(['signing', 'seal'] as const),
            userId: Type.Optional(Type.Integer({ minimum: 1 })),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            certificate: CertificateText,
            intermediates: Type.Optional(Type.Array(CertificateText, { maxItems: 8 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.Integer() }), ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await registerCertificate(db, actorOf(request), request.body, new Date(), config.trustRevocation),
        ),
  );
};
