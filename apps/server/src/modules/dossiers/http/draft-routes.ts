/** Drafts (hồ sơ nháp): save and resume an online submission, its files, and submit it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../../platform/context';
import { requirePrincipal } from '../../../http/access';
import { IdParams, pageOf, problemResponses } from '../../../http/schemas';
import { catalogueOf } from '../../procedures';
import { addAttachment, openAttachment } from '../attachments';
import {
  DocumentQuery,
  DraftAttachmentParams,
  uploadResponses,
  uploadSummary,
} from '../contracts/attachments';
import { DossierSchema, IdempotencyHeaders, PageOnlyQuery } from '../contracts/common';
import {
  CreateDraftBody,
  DRAFT_TAGS,
  DraftListItem,
  DraftSchema,
  UpdateDraftBody,
} from '../contracts/drafts';
import { createDraft, describeDraft, discardDraft, listDrafts, submitDraft, updateDraft } from '../drafts';
import { submissionLimits } from '../submission-quota';
import { describeDossier } from '../use-cases/describe';
import { readUpload, sendAttachment } from './uploads';

export const draftRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db, files, config }) => {
  const catalogue = catalogueOf(db);

  app.post(
    '/api/drafts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DRAFT_TAGS,
        summary: 'Tạo hồ sơ nháp cho một thủ tục có dịch vụ công trực tuyến',
        body: CreateDraftBody,
        response: { 201: DraftSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await createDraft(db, catalogue, principal, request.body, submissionLimits(config));
      return reply.status(201).send(await describeDraft(db, principal, id));
    },
  );

  app.get(
    '/api/drafts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DRAFT_TAGS,
        summary: 'Các hồ sơ nháp của tôi, mới sửa trước',
        querystring: PageOnlyQuery,
        response: { 200: pageOf(DraftListItem), ...problemResponses },
      },
    },
    async (request) =>
      listDrafts(db, requirePrincipal(request), request.query.page ?? 1, request.query.pageSize ?? 20),
  );

  app.get(
    '/api/drafts/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DRAFT_TAGS,
        summary: 'Mở lại hồ sơ nháp',
        params: IdParams,
        response: { 200: DraftSchema, ...problemResponses },
      },
    },
    async (request) => describeDraft(db, requirePrincipal(request), request.params.id),
  );

  app.put(
    '/api/drafts/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DRAFT_TAGS,
        summary: 'Lưu hồ sơ nháp (tờ khai có thể chưa đầy đủ; chỉ kiểm tra khi nộp)',
        params: IdParams,
        body: UpdateDraftBody,
        response: { 200: DraftSchema, ...problemResponses },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await updateDraft(db, catalogue, principal, request.params.id, request.body);
      return describeDraft(db, principal, request.params.id);
    },
  );

  app.delete(
    '/api/drafts/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DRAFT_TAGS,
        summary: 'Hủy hồ sơ nháp',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await discardDraft(db, requirePrincipal(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/drafts/:id/submit',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DRAFT_TAGS,
        summary:
          'Nộp hồ sơ nháp: kiểm tra tờ khai, cấp mã hồ sơ. Nộp lại cùng một bản nháp trả về cùng hồ sơ.',
        params: IdParams,
        response: { 201: DossierSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const code = await submitDraft(db, catalogue, principal, request.params.id, submissionLimits(config));
      return reply.status(201).send(await describeDossier(db, principal, code));
    },
  );

  app.post(
    '/api/drafts/:id/attachments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DRAFT_TAGS,
        summary: uploadSummary,
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: DocumentQuery,
        headers: IdempotencyHeaders,
        response: uploadResponses,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const upload = await readUpload(request);
      const idempotencyKey = request.headers['idempotency-key'];
      const { attachment, created } = await addAttachment(
        db,
        files,
        principal,
        { draftId: request.params.id },
        {
          ...upload,
          ...(request.query.documentCode ? { documentCode: request.query.documentCode } : {}),
          ...(idempotencyKey ? { idempotencyKey } : {}),
        },
      );
      return reply.status(created ? 201 : 200).send(attachment);
    },
  );

  app.get(
    '/api/drafts/:id/attachments/:attachmentId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DRAFT_TAGS,
        summary: 'Tải tệp đính kèm của hồ sơ nháp',
        params: DraftAttachmentParams,
      },
    },
    async (request, reply) =>
      sendAttachment(
        reply,
        await openAttachment(
          db,
          files,
          requirePrincipal(request),
          { draftId: request.params.id },
          request.params.attachmentId,
        ),
      ),
  );
};
