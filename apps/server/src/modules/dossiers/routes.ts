import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../app';
import { requirePrincipal } from '../../http/access';
import { Nullable, PageQuery, pageOf, problemResponses, StringEnum } from '../../http/schemas';
import { PROCEDURE_CODE_PATTERN } from '../procedures/model';
import { DOSSIER_ACTION_TYPES, DOSSIER_STATUSES } from '@tayninh/domain/dossiers/lifecycle';
import { DOSSIER_COMMANDS } from '@tayninh/domain/dossiers/commands';
import {
  actOnDossier,
  allowedActionsFor,
  describeDossier,
  dossierHistory,
  listMyDossiers,
  publicLookup,
  submitDossier,
} from './service';
import { CHANNELS, listQueue, QUEUE_SORTS, queueCounts, QUEUES } from './queues';
import { dossierAssignees, dossierEvents } from './officer-reads';
import multipart from '@fastify/multipart';
import { DateString, IdParams } from '../../http/schemas';
import { DomainError } from '../../http/errors';
import { ATTACHMENT_PURPOSES } from '../../db/schema';
import { addAttachment, MAX_FILE_BYTES, openAttachment } from './attachments';
import { renderSlip, SLIP_KINDS, type SlipKind } from './slips/slips';
import { SATISFACTION } from './rating';
import { processControl, ProcessControlSchema } from './process-control-query';
import { createDraft, describeDraft, discardDraft, listDrafts, submitDraft, updateDraft } from './drafts';

/** RFC 8187 ext-value: encodeURIComponent leaves ' ( ) * as they are, which the grammar excludes. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const DOSSIER_CODE_PATTERN = '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}$';
const CodeParams = Type.Object(
  { code: Type.String({ pattern: DOSSIER_CODE_PATTERN }) },
  { additionalProperties: false },
);
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }),
  ),
});
const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String(), agencyCode: Nullable(Type.String()) });
const ApplicantSchema = Type.Object(
  {
    fullName: Type.String({ minLength: 1, maxLength: 100 }),
    identityNumber: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{12}$' }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^(\\+84|0)[0-9]{9,10}$' }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
const HistoryItem = Type.Object({
  seq: Type.Integer(),
  type: Type.String({ description: 'Sự kiện đã ghi (accepted, forwarded, …)' }),
  label: Type.String({ description: 'Tên sự kiện bằng tiếng Việt' }),
  at: Type.String(),
  actor: Nullable(Type.String()),
  actorUnit: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  dueAt: Type.Optional(Type.String()),
  newDueAt: Type.Optional(Type.String()),
});
const AttachmentPurposeSchema = StringEnum(ATTACHMENT_PURPOSES, {
  description:
    'Mục đích của tệp: document (thành phần hồ sơ hoặc tệp làm việc), supplement (tệp bổ sung khi được yêu cầu), result (kết quả giải quyết điện tử)',
});
const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  purpose: AttachmentPurposeSchema,
  documentCode: Nullable(Type.String()),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
});
/** Attachment types a browser shows itself (opened inline in a new tab). */
const INLINE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const ScoreSchema = Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)]);
const DossierSchema = Type.Object({
  code: Type.String(),
  procedureCode: Type.String(),
  procedureVersionId: Type.Integer(),
  status: StringEnum(DOSSIER_STATUSES),
  statusName: Type.String(),
  channel: Type.String(),
  receivingUnit: UnitRef,
  handlingUnit: UnitRef,
  applicant: ApplicantSchema,
  formData: Type.Record(Type.String(), Type.Unknown()),
  submittedAt: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  originalDueAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  allowedActions: Type.Array(Type.String()),
  attachments: Type.Array(AttachmentSchema),
  rating: Nullable(
    Type.Object({
      timeScore: Type.Integer(),
      contactsScore: Type.Integer(),
      bodiesScore: Type.Integer(),
      attitudeScore: Type.Integer(),
      satisfaction: Type.String(),
      comment: Nullable(Type.String()),
      total: Type.Integer(),
      ratedAt: Type.String(),
    }),
  ),
  history: Type.Array(HistoryItem),
});

export const dossierRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (
  app,
  { db, calendar, files, config, catalogue },
) => {
  const tags = ['Hồ sơ (Một cửa)'];
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1 } });

  /** The one file of a multipart upload, as a buffer (the size limit is enforced while reading). */
  async function readUpload(request: FastifyRequest) {
    if (!request.isMultipart()) {
      throw new DomainError({
        code: 'multipart_expected',
        status: 415,
        message: 'Hãy gửi tệp dưới dạng multipart/form-data.',
        messageEn: 'Send the file as multipart/form-data.',
      });
    }
    try {
      const part = await request.file();
      if (!part)
        throw new DomainError({
          code: 'file_missing',
          status: 400,
          message: 'Chưa có tệp đính kèm trong yêu cầu.',
          messageEn: 'No file in the request.',
        });
      return { fileName: part.filename, content: await part.toBuffer() };
    } catch (error) {
      // The multipart parser rejects a broken body (no boundary, truncated, bad part headers) with
      // plain errors that carry no status, which would be answered 500; they are the client's.
      if (error instanceof DomainError || (error as { statusCode?: number }).statusCode) throw error;
      throw new DomainError({
        code: 'malformed_multipart',
        status: 400,
        message: 'Nội dung multipart/form-data bị hỏng hoặc không đầy đủ.',
        messageEn: 'The multipart/form-data body is malformed or incomplete.',
      });
    }
  }

  async function sendAttachment(reply: FastifyReply, opened: Awaited<ReturnType<typeof openAttachment>>) {
    const { attachment, stream } = opened;
    // PDF and images open in the browser's viewer; office documents are downloaded. The type was
    // detected from the bytes at upload, and nosniff keeps the browser to it.
    const disposition = INLINE_TYPES.has(attachment.mediaType) ? 'inline' : 'attachment';
    return reply
      .type(attachment.mediaType)
      .header('content-disposition', `${disposition}; filename*=UTF-8''${rfc5987(attachment.fileName)}`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(stream);
  }

  const DocumentQuery = Type.Object(
    { documentCode: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,30}$' })) },
    { additionalProperties: false },
  );
  /**
   * On a submitted dossier the upload also says what the file is for. Like documentCode it is a
   * query parameter: the multipart body carries the file and nothing else.
   */
  const DossierUploadQuery = Type.Object(
    {
      documentCode: DocumentQuery.properties.documentCode,
      purpose: Type.Optional(AttachmentPurposeSchema),
    },
    { additionalProperties: false },
  );
  // 201: stored; 200: the same upload again (same Idempotency-Key, or same file for the same document).
  const uploadResponses = {
    201: AttachmentSchema,
    200: { ...AttachmentSchema, description: 'Tệp này đã được đính kèm (gửi lại cùng khoá hoặc cùng tệp)' },
    ...problemResponses,
  };
  const uploadSummary =
    'Đính kèm một tệp (PDF, JPEG, PNG, DOCX, XLSX; tối đa 10 MB) cho một thành phần hồ sơ';

  app.post(
    '/api/dossiers/:code/attachments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
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
        tags,
        summary: 'Tải tệp đính kèm (chỉ người được xem hồ sơ)',
        params: Type.Object(
          { code: CodeParams.properties.code, id: IdParams.properties.id },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) =>
      sendAttachment(
        reply,
        await openAttachment(db, files, requirePrincipal(request), request.params.code, request.params.id),
      ),
  );

  // Drafts (hồ sơ nháp): save and resume an online submission.
  const draftTags = ['Hồ sơ nháp (nộp trực tuyến)'];
  const DraftSchema = Type.Object({
    id: Type.Integer(),
    status: Type.String(),
    procedureCode: Type.String(),
    procedureName: Type.String(),
    unitId: Nullable(Type.Integer()),
    formData: Type.Record(Type.String(), Type.Unknown()),
    attachments: Type.Array(AttachmentSchema),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  });
  const FormData = Type.Record(Type.String(), Type.Unknown(), { maxProperties: 200 });

  app.post(
    '/api/drafts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: draftTags,
        summary: 'Tạo hồ sơ nháp cho một thủ tục có dịch vụ công trực tuyến',
        body: Type.Object(
          {
            procedureCode: Type.String({ pattern: PROCEDURE_CODE_PATTERN }),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            formData: Type.Optional(FormData),
          },
          { additionalProperties: false },
        ),
        response: { 201: DraftSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await createDraft(db, catalogue, principal, request.body);
      return reply.status(201).send(await describeDraft(db, principal, id));
    },
  );

  app.get(
    '/api/drafts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: draftTags,
        summary: 'Các hồ sơ nháp của tôi, mới sửa trước',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: {
          200: pageOf(
            Type.Object({
              id: Type.Integer(),
              procedureCode: Type.String(),
              procedureName: Type.String(),
              createdAt: Type.String(),
              updatedAt: Type.String(),
            }),
          ),
          ...problemResponses,
        },
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
        tags: draftTags,
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
        tags: draftTags,
        summary: 'Lưu hồ sơ nháp (tờ khai có thể chưa đầy đủ; chỉ kiểm tra khi nộp)',
        params: IdParams,
        body: Type.Object(
          { unitId: Type.Optional(Type.Integer({ minimum: 1 })), formData: FormData },
          { additionalProperties: false },
        ),
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
        tags: draftTags,
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
        tags: draftTags,
        summary:
          'Nộp hồ sơ nháp: kiểm tra tờ khai, cấp mã hồ sơ. Nộp lại cùng một bản nháp trả về cùng hồ sơ.',
        params: IdParams,
        response: { 201: DossierSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const code = await submitDraft(db, catalogue, principal, request.params.id);
      return reply.status(201).send(await describeDossier(db, principal, code));
    },
  );

  app.post(
    '/api/drafts/:id/attachments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: draftTags,
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
        tags: draftTags,
        summary: 'Tải tệp đính kèm của hồ sơ nháp',
        params: Type.Object(
          { id: IdParams.properties.id, attachmentId: IdParams.properties.id },
          { additionalProperties: false },
        ),
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

  app.post(
    '/api/dossiers',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Nộp hồ sơ (công dân: trực tuyến; cán bộ một cửa: tại quầy hoặc bưu chính). Header Idempotency-Key chống nộp trùng.',
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            procedureCode: Type.String({ pattern: PROCEDURE_CODE_PATTERN }),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            channel: StringEnum(['online', 'counter', 'post'] as const),
            formData: Type.Record(Type.String(), Type.Unknown()),
            applicant: Type.Optional(ApplicantSchema),
          },
          { additionalProperties: false },
        ),
        response: { 201: DossierSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const code = await submitDossier(db, catalogue, principal, {
        ...request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(201).send(await describeDossier(db, principal, code));
    },
  );

  app.get(
    '/api/dossiers/mine',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Hồ sơ của tôi (người nộp)',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: {
          200: pageOf(
            Type.Object({
              code: Type.String(),
              procedureName: Type.String(),
              status: Type.String(),
              statusName: Type.String(),
              submittedAt: Nullable(Type.String()),
              dueAt: Nullable(Type.String()),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listMyDossiers(db, requirePrincipal(request), request.query.page ?? 1, request.query.pageSize ?? 20),
  );

  const QueueItem = Type.Object({
    code: Type.String(),
    procedureCode: Type.String(),
    procedureName: Type.String(),
    applicantName: Type.String(),
    channel: Type.String(),
    status: StringEnum(DOSSIER_STATUSES),
    statusName: Type.String(),
    handlingUnit: Type.String(),
    submittedAt: Nullable(Type.String()),
    receivedAt: Nullable(Type.String()),
    dueAt: Nullable(Type.String()),
    overdue: Type.Boolean(),
    remainingWorkingMinutes: Nullable(
      Type.Integer({
        description:
          'Thời gian làm việc còn lại đến hạn (phút; âm: đã quá hạn), theo lịch làm việc; null khi không tính thời hạn',
      }),
    ),
  });

  app.get(
    '/api/dossiers',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Hàng đợi của cán bộ: chờ tiếp nhận, đang xử lý, chờ phê duyệt, liên thông, chờ trả, sắp đến hạn, quá hạn; lọc và sắp xếp phía máy chủ',
        querystring: Type.Object(
          {
            queue: StringEnum(QUEUES, { default: 'all' }),
            q: Type.Optional(Type.String({ maxLength: 100, description: 'Đầu mã hồ sơ hoặc tên người nộp' })),
            procedureCode: Type.Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN })),
            channel: Type.Optional(StringEnum(CHANNELS)),
            status: Type.Optional(StringEnum(DOSSIER_STATUSES)),
            receivedFrom: Type.Optional(DateString),
            receivedTo: Type.Optional(DateString),
            sort: Type.Optional(StringEnum(QUEUE_SORTS, { default: 'dueAt' })),
            order: Type.Optional(StringEnum(['asc', 'desc'] as const, { default: 'asc' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(QueueItem),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            workingMinutesPerDay: Type.Integer({ description: 'Số phút làm việc của một ngày làm việc' }),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      return listQueue(db, calendar, requirePrincipal(request), {
        ...Object.fromEntries(
          Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
        ),
        queue: request.query.queue,
        page: page ?? 1,
        pageSize: pageSize ?? 20,
      });
    },
  );

  app.get(
    '/api/dossiers/queue-counts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Số hồ sơ trong từng hàng đợi của cán bộ đang đăng nhập',
        response: {
          200: Type.Object(
            Object.fromEntries(QUEUES.map((queue) => [queue, Type.Integer()])) as {
              [K in (typeof QUEUES)[number]]: ReturnType<typeof Type.Integer>;
            },
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => queueCounts(db, calendar, requirePrincipal(request)),
  );

  app.get(
    '/api/dossiers/:code/events',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Các sự kiện đã ghi của hồ sơ (dữ liệu gốc của lịch sử), để giao diện tính trạng thái bằng cùng quy tắc với máy chủ',
        params: CodeParams,
        response: {
          200: Type.Object({
            code: Type.String(),
            events: Type.Array(
              Type.Object(
                { type: StringEnum(DOSSIER_ACTION_TYPES), at: Type.String() },
                { additionalProperties: true },
              ),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => dossierEvents(db, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/dossiers/:code/assignees',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Các chuyên viên của cơ quan giải quyết có thể được phân công xử lý hồ sơ',
        params: CodeParams,
        response: {
          200: Type.Object({
            unitId: Type.Integer(),
            assigneeId: Nullable(Type.Integer()),
            items: Type.Array(
              Type.Object({ id: Type.Integer(), fullName: Type.String(), username: Type.String() }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => dossierAssignees(db, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/dossiers/:code',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Chi tiết hồ sơ, lịch sử xử lý và các thao tác được phép',
        params: CodeParams,
        response: { 200: DossierSchema, ...problemResponses },
      },
    },
    async (request) => describeDossier(db, requirePrincipal(request), request.params.code),
  );

  app.post(
    '/api/dossiers/:code/actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Thao tác trên hồ sơ: accept, request-supplement, supplement, refuse, assign, forward, complete-task, send-for-approval, approve, reject, request-payment, confirm-payment, apologize, return-result, withdraw, stop, rate. Header Idempotency-Key chống thực hiện trùng.',
        params: CodeParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            type: StringEnum(DOSSIER_COMMANDS),
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
            items: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 50 }),
            ),
            dueAt: Type.Optional(Type.String({ format: 'date-time' })),
            assigneeId: Type.Optional(Type.Integer({ minimum: 1 })),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            task: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
            taskId: Type.Optional(Type.String({ format: 'uuid' })),
            amountVnd: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_000 })),
            newDueAt: Type.Optional(Type.String({ format: 'date-time' })),
            method: Type.Optional(StringEnum(['counter', 'post', 'online'] as const)),
            rating: Type.Optional(
              Type.Object(
                {
                  contacts: ScoreSchema,
                  bodies: ScoreSchema,
                  attitude: ScoreSchema,
                  satisfaction: StringEnum(SATISFACTION),
                  comment: Type.Optional(Type.String({ maxLength: 2000 })),
                },
                {
                  additionalProperties: false,
                  description: 'Phiếu đánh giá (TT 01/2018), cho thao tác rate',
                },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: DossierSchema, ...problemResponses },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await actOnDossier(
        db,
        calendar,
        principal,
        request.params.code,
        { ...request.body, idempotencyKey: request.headers['idempotency-key'] },
        config.publicBaseUrl,
      );
      return describeDossier(db, principal, request.params.code, true);
    },
  );

  app.get(
    '/api/dossiers/:code/slips/:file',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Phiếu theo TT 01/2018 dạng PDF: receipt.pdf (Mẫu 01, giấy tiếp nhận và hẹn trả kết quả), supplement.pdf (Mẫu 02), refusal.pdf (Mẫu 03), apology.pdf (Mẫu 04), control.pdf (Mẫu 05, phiếu kiểm soát quá trình giải quyết)',
        params: Type.Object(
          {
            code: CodeParams.properties.code,
            file: Type.String({ pattern: `^(${SLIP_KINDS.join('|')})\\.pdf$` }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const kind = request.params.file.replace(/\.pdf$/, '') as SlipKind;
      const pdf = await renderSlip(
        db,
        requirePrincipal(request),
        request.params.code,
        kind,
        config.publicBaseUrl,
        calendar,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${kind}-${request.params.code}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );

  app.get(
    '/api/dossiers/:code/process-control',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Quá trình giải quyết (Mẫu 05): các lần giao, nhận hồ sơ và kết quả từng bước trước/đúng/quá hạn',
        params: CodeParams,
        response: { 200: ProcessControlSchema, ...problemResponses },
      },
    },
    async (request) => processControl(db, calendar, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/dossiers/:code/history',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Lịch sử xử lý hồ sơ (chỉ ghi thêm, không sửa): ai, khi nào, làm gì, vì sao',
        params: CodeParams,
        response: {
          200: Type.Object({
            code: Type.String(),
            status: StringEnum(DOSSIER_STATUSES),
            statusName: Type.String(),
            items: Type.Array(HistoryItem),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => dossierHistory(db, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/dossiers/:code/allowed-actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Các thao tác người dùng được thực hiện lúc này, kèm các trường cần nhập',
        params: CodeParams,
        response: {
          200: Type.Object({
            code: Type.String(),
            status: StringEnum(DOSSIER_STATUSES),
            statusName: Type.String(),
            actions: Type.Array(
              Type.Object({
                type: StringEnum(DOSSIER_COMMANDS),
                label: Type.String(),
                labelEn: Type.String(),
                required: Type.Array(Type.String()),
                optional: Type.Array(Type.String()),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => allowedActionsFor(db, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/public/dossiers/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Tra cứu tình trạng hồ sơ theo mã (không cần đăng nhập; không có thông tin cá nhân)',
        params: CodeParams,
        response: {
          200: Type.Object({
            code: Type.String(),
            procedureName: Type.String(),
            receivingUnit: Type.String(),
            status: Type.String(),
            statusName: Type.String(),
            submittedAt: Nullable(Type.String()),
            receivedAt: Nullable(Type.String()),
            dueAt: Nullable(Type.String()),
            completedAt: Nullable(Type.String()),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => publicLookup(db, request.params.code),
  );
};
