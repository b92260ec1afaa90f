/** The documents API (issue #14 §5): drafts, one document, its history, its actions, its PDF, the registers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../../platform/context';
import { requirePrincipal } from '../../../http/access';
import { problemResponses } from '../../../http/schemas';
import { historyOf, visibleDocument } from '../load';
import { currentMain, filesOf, readFileBytes } from '../store/files';
import { appendEvents, StaleDocumentError } from '../store/history';
import { actOnDocument } from '../use-cases/act';
import { allowedActions, describeDocument } from '../use-cases/describe';
import { createDraft, reviseDraft } from '../use-cases/draft';
import { listDocuments } from '../use-cases/list';
import { mayActOnDocument } from '../policy';
import { forbidden, notFound } from '../../../http/errors';
import { receivePaper } from '../use-cases/paper';
import { ActionBody, DOCUMENT_TAGS, DocumentParams, DraftBody, ListQuery, PaperBody } from './contracts';

const VIEW_TRACE_WINDOW_MS = 15 * 60_000;

async function tracedRecently(db: Platform['db'], documentId: number, userId: number): Promise<boolean> {
  const recent = await db
    .selectFrom('document_actions')
    .select('seq')
    .where('document_id', '=', documentId)
    .where('actor_user_id', '=', userId)
    .where('at', '>', new Date(Date.now() - VIEW_TRACE_WINDOW_MS))
    .limit(1)
    .executeTakeFirst();
  return recent !== undefined;
}

export const documentRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, platform) => {
  const { db, files } = platform;

  app.post(
    '/api/documents',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Soạn dự thảo văn bản đi (chuyên viên, lãnh đạo của đơn vị soạn thảo)',
        body: DraftBody,
        response: { 201: Type.Unknown(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await createDraft(db, files, principal, request.body);
      return reply
        .status(201)
        .send(await describeDocument(db, principal, await visibleDocument(db, principal, id)));
    },
  );

  app.post(
    '/api/documents/paper',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary:
          'Tiếp nhận văn bản giấy: nhập thông tin văn bản đến (văn thư), rồi tải bản quét trước khi vào sổ',
        description:
          'Văn bản nghi đã tiếp nhận (cùng số, ký hiệu, cơ quan ban hành và năm) bị từ chối 409 duplicate_suspected, kèm danh sách văn bản đó (related), trừ khi confirmDuplicate là true.',
        body: PaperBody,
        response: { 201: Type.Unknown(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await receivePaper(db, principal, request.body);
      return reply
        .status(201)
        .send(await describeDocument(db, principal, await visibleDocument(db, principal, id)));
    },
  );

  app.put(
    '/api/documents/:id/draft',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Sửa dự thảo: một phiên bản mới (người soạn thảo, khi dự thảo đang ở chỗ mình)',
        params: DocumentParams,
        body: DraftBody,
        response: problemResponses,
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const loaded = await visibleDocument(db, principal, request.params.id);
      if (!mayActOnDocument(principal, loaded.scope, 'revised'))
        throw forbidden('Chỉ người soạn thảo sửa dự thảo.', 'Only the drafter revises the draft.');
      await reviseDraft(db, files, principal, loaded, request.body);
      return describeDocument(db, principal, await visibleDocument(db, principal, request.params.id));
    },
  );

  app.get(
    '/api/documents',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Sổ văn bản đi hoặc đến mà người dùng được xem; lọc theo năm, trạng thái, từ khóa',
        querystring: ListQuery,
        response: problemResponses,
      },
    },
    async (request) =>
      listDocuments(db, requirePrincipal(request), {
        ...request.query,
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 20,
      }),
  );

  app.get(
    '/api/documents/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Chi tiết văn bản (việc xem được ghi vào lịch sử)',
        params: DocumentParams,
        response: problemResponses,
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const loaded = await visibleDocument(db, principal, request.params.id);
      // Phụ lục VI: who viewed it is kept — once per reader and quarter of an hour: a reader
      // who just acted on it, or reloads the page, has left their trace already. A concurrent
      // change makes this view entry lose the race harmlessly (the reader still gets the
      // document); a view changes nothing shown.
      if (await tracedRecently(db, request.params.id, principal.userId))
        return describeDocument(db, principal, loaded);
      await db
        .transaction()
        .execute((trx) =>
          appendEvents(trx, request.params.id, loaded, [{ type: 'viewed', at: new Date().toISOString() }], {
            userId: principal.userId,
            unitId: principal.primaryUnitId,
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof StaleDocumentError)) throw error;
        });
      return describeDocument(db, principal, loaded);
    },
  );

  app.get(
    '/api/documents/:id/history',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Lịch sử của văn bản (luồng bằng chứng document:<id>)',
        params: DocumentParams,
        response: problemResponses,
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await visibleDocument(db, principal, request.params.id);
      return historyOf(db, request.params.id);
    },
  );

  app.get(
    '/api/documents/:id/allowed-actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Các thao tác người dùng được thực hiện trên văn bản lúc này',
        params: DocumentParams,
        response: problemResponses,
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const loaded = await visibleDocument(db, principal, request.params.id);
      return { status: loaded.state.status, actions: allowedActions(principal, loaded, loaded.scope) };
    },
  );

  app.post(
    '/api/documents/:id/actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary:
          'Thao tác trên văn bản: submit, approve, return, cancel, sign, prepare-signature, attach-signature, number-and-seal, issue, recall, receive, return-to-sender, register, direct, assign, add-opinion, complete, file, grant-access, revoke-access (văn bản mật)',
        params: DocumentParams,
        body: ActionBody,
        response: problemResponses,
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const result = await actOnDocument(platform, principal, request.params.id, request.body);
      const document = await describeDocument(
        db,
        principal,
        await visibleDocument(db, principal, request.params.id),
      );
      // prepare-signature answers what the signer program signs, beside the document.
      return request.body.type === 'prepare-signature'
        ? { ...document, preparedSignature: result }
        : document;
    },
  );

  app.get(
    '/api/documents/:id/file.pdf',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOCUMENT_TAGS,
        summary: 'Tệp PDF hiện hành của văn bản (đã ký số khi đã ký)',
        params: DocumentParams,
        produces: ['application/pdf'],
        response: problemResponses,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const loaded = await visibleDocument(db, principal, request.params.id);
      const file = currentMain(await filesOf(db, request.params.id), loaded.state.version);
      if (!file) throw notFound('tệp của văn bản', 'document file');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="van-ban-${request.params.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-sha256', file.sha256)
        .send(Buffer.from(await readFileBytes(files, file.sha256)));
    },
  );
};
