/**
 * The files of a document: the drafter uploads the content (PDF or DOCX, converted) or an
 * attachment, or removes an attachment — each a new draft version; anyone who sees the document
 * downloads any of its files (every version is kept).
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../../platform/context';
import { requirePrincipal } from '../../../http/access';
import { notFound } from '../../../http/errors';
import { problemResponses, StringEnum } from '../../../http/schemas';
import { readUpload } from '../../../http/uploads';
import { MAX_CONTENT_BYTES } from '../content/convert';
import { visibleDocument } from '../load';
import { filesOf, readFileBytes } from '../store/files';
import { removeAttachment, uploadDocumentFile } from '../use-cases/content-files';
import { describeDocument } from '../use-cases/describe';
import { attachScan } from '../use-cases/paper';
import { DOCUMENT_TAGS } from './contracts';

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 });
const UploadQuery = Type.Object(
  {
    purpose: StringEnum(['content', 'attachment', 'scan'] as const, {
      description:
        'content: tệp nội dung (PDF, hoặc DOCX được chuyển sang PDF để ký) thay cho nội dung soạn trên hệ thống; attachment: tệp đính kèm riêng (phụ lục); scan: bản quét (PDF) của văn bản giấy đến, do văn thư tải lên trước khi vào sổ',
    }),
  },
  { additionalProperties: false },
);

export const documentFileRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db, files }) => {
  await app.register(multipart, { limits: { fileSize: MAX_CONTENT_BYTES, files: 1, fields: 0, parts: 1 } });

  app.post(
    '/api/documents/:id/files',
    {
      config: { access: 'authenticated', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: DOCUMENT_TAGS,
        summary:
          'Tải lên tệp nội dung hoặc tệp đính kèm của dự thảo (người soạn thảo), hoặc bản quét văn bản giấy đến (văn thư); tối đa 20 MB',
        description:
          'Tệp nội dung phải có dòng “Số:      /<ký hiệu>”, dòng “…, ngày … tháng … năm …” ở trang đầu và họ tên người ký trên một dòng riêng: số, ngày và chữ ký được đặt vào đó.',
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Id }, { additionalProperties: false }),
        querystring: UploadQuery,
        response: problemResponses,
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const loaded = await visibleDocument(db, principal, request.params.id);
      const upload = await readUpload(request);
      const content = new Uint8Array(upload.content);
      if (request.query.purpose === 'scan')
        await attachScan(db, files, principal, loaded, { fileName: upload.fileName, content });
      else
        await uploadDocumentFile(db, files, principal, loaded, {
          purpose: request.query.purpose,
          fileName: upload.fileName,
          content,
        });
      return describeDocument(db, principal, await visibleDocument(db, principal, request.params.id));
    },
  );

  app.delete(
    '/api/documents/:id/attachments/:position',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Bỏ một tệp đính kèm khỏi dự thảo (một phiên bản mới)',
        params: Type.Object(
          { id: Id, position: Type.Integer({ minimum: 1, maximum: 1000 }) },
          { additionalProperties: false },
        ),
        response: problemResponses,
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const loaded = await visibleDocument(db, principal, request.params.id);
      await removeAttachment(db, principal, loaded, request.params.position);
      return describeDocument(db, principal, await visibleDocument(db, principal, request.params.id));
    },
  );

  app.get(
    '/api/documents/:id/files/:fileId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Tải một tệp của văn bản (mọi phiên bản được giữ)',
        params: Type.Object({ id: Id, fileId: Id }, { additionalProperties: false }),
        produces: ['application/pdf'],
        response: problemResponses,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await visibleDocument(db, principal, request.params.id);
      const file = (await filesOf(db, request.params.id)).find(
        (f) => f.id === request.params.fileId && f.role !== 'prepared',
      );
      if (!file) throw notFound(`tệp ${request.params.fileId}`, `file ${request.params.fileId}`);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `inline; filename="van-ban-${request.params.id}-${file.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-content-sha256', file.sha256)
        .send(Buffer.from(await readFileBytes(files, file.sha256)));
    },
  );
};
