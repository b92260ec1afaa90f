/** Files of a submitted dossier: upload (documents, supplements, the electronic result) and download. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/context';
import { requirePrincipal } from '../../../http/access';
import { addAttachment, openAttachment } from '../attachments';
import {
  DossierAttachmentParams,
  DossierUploadQuery,
  uploadResponses,
  uploadSummary,
} from '../contracts/attachments';
import { CodeParams, DOSSIER_TAGS, IdempotencyHeaders } from '../contracts/common';
import { readUpload, sendAttachment } from './uploads';

export const attachmentRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db, files }) => {
  app.post(
    '/api/dossiers/:code/attachments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary: uploadSummary,
        description:
          'purpose=result: tệp kết quả điện tử, chỉ cán bộ cơ quan tiếp nhận hoặc cơ quan giải quyết, khi hồ sơ đã có kết quả và chưa trả. purpose=supplement: tệp bổ sung, khi hồ sơ đang chờ bổ sung (mặc định cho tệp người nộp gửi lúc đó). Mặc định: document.',
        consumes: ['multipart/form-data'],
        params: CodeParams,
        querystring: DossierUploadQuery,
        headers: IdempotencyHeaders,
        response: uploadResponses,
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request);
      const idempotencyKey = request.headers['idempotency-key'];
      const { attachment, created } = await addAttachment(
        db,
        files,
        requirePrincipal(request),
        request.params.code,
        {
          ...upload,
          ...(request.query.documentCode ? { documentCode: request.query.documentCode } : {}),
          ...(request.query.purpose ? { purpose: request.query.purpose } : {}),
          ...(idempotencyKey ? { idempotencyKey } : {}),
        },
      );
      return reply.status(created ? 201 : 200).send(attachment);
    },
  );

  app.get(
    '/api/dossiers/:code/attachments/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary: 'Tải tệp đính kèm (chỉ người được xem hồ sơ)',
        params: DossierAttachmentParams,
      },
    },
    async (request, reply) =>
      sendAttachment(
        reply,
        await openAttachment(db, files, requirePrincipal(request), request.params.code, request.params.id),
      ),
  );
};
