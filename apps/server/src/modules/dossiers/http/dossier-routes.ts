/**
 * Dossiers: submission, the applicant's list, the officers' queues, one dossier (its events, its
 * possible assignees, its detail) and the actions on it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/context';
import { requirePrincipal } from '../../../http/access';
import { mailBaseUrl } from '../../../http/public-origin';
import { pageOf, problemResponses } from '../../../http/schemas';
import { calendarOf } from '../../calendar';
import { catalogueOf } from '../../procedures';
import {
  CodeParams,
  DOSSIER_TAGS,
  DossierSchema,
  IdempotencyHeaders,
  PageOnlyQuery,
} from '../contracts/common';
import { DossierEventsSchema, MyDossierItem, SubmitDossierBody } from '../contracts/dossiers';
import {
  ActionBody,
  AssigneesSchema,
  QueueCountsSchema,
  QueuePageSchema,
  QueueQuery,
} from '../contracts/processing';
import { dossierAssignees, dossierEvents } from '../officer-reads';
import { listQueue, queueCounts } from '../queues';
import { submissionChannel } from '../submission-channel';
import { submissionLimits } from '../submission-quota';
import { actOnDossier } from '../use-cases/act';
import { describeDossier } from '../use-cases/describe';
import { listMyDossiers } from '../use-cases/lookup';
import { submitDossier } from '../use-cases/submit';

export const dossierResourceRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db, config }) => {
  const calendar = calendarOf(db);
  const catalogue = catalogueOf(db);

  app.post(
    '/api/dossiers',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary:
          'Nộp hồ sơ (công dân: trực tuyến; cán bộ một cửa: tại quầy hoặc bưu chính). Header Idempotency-Key chống nộp trùng.',
        headers: IdempotencyHeaders,
        body: SubmitDossierBody,
        response: { 201: DossierSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { code, loaded } = await submitDossier(
        db,
        catalogue,
        principal,
        {
          ...request.body,
          channel: submissionChannel(principal, request.body.channel),
          idempotencyKey: request.headers['idempotency-key'],
        },
        submissionLimits(config),
      );
      return reply.status(201).send(await describeDossier(db, principal, code, false, loaded));
    },
  );

  app.get(
    '/api/dossiers/mine',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary: 'Hồ sơ của tôi (người nộp)',
        querystring: PageOnlyQuery,
        response: { 200: pageOf(MyDossierItem), ...problemResponses },
      },
    },
    async (request) =>
      listMyDossiers(db, requirePrincipal(request), request.query.page ?? 1, request.query.pageSize ?? 20),
  );

  app.get(
    '/api/dossiers',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary:
          'Hàng đợi của cán bộ: chờ tiếp nhận, đang xử lý, chờ phê duyệt, liên thông, chờ trả, sắp đến hạn, quá hạn; lọc và sắp xếp phía máy chủ',
        querystring: QueueQuery,
        response: { 200: QueuePageSchema, ...problemResponses },
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
        tags: DOSSIER_TAGS,
        summary: 'Số hồ sơ trong từng hàng đợi của cán bộ đang đăng nhập',
        response: { 200: QueueCountsSchema, ...problemResponses },
      },
    },
    async (request) => queueCounts(db, calendar, requirePrincipal(request)),
  );

  app.get(
    '/api/dossiers/:code/events',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary:
          'Các sự kiện đã ghi của hồ sơ (dữ liệu gốc của lịch sử), để giao diện tính trạng thái bằng cùng quy tắc với máy chủ',
        params: CodeParams,
        response: { 200: DossierEventsSchema, ...problemResponses },
      },
    },
    async (request) => dossierEvents(db, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/dossiers/:code/assignees',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary: 'Các chuyên viên của cơ quan giải quyết có thể được phân công xử lý hồ sơ',
        params: CodeParams,
        response: { 200: AssigneesSchema, ...problemResponses },
      },
    },
    async (request) => dossierAssignees(db, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/dossiers/:code',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
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
        tags: DOSSIER_TAGS,
        summary:
          'Thao tác trên hồ sơ: accept, request-supplement, supplement, refuse, assign, forward, complete-task, send-for-approval, approve, reject, request-payment, confirm-payment, apologize, return-result, withdraw, stop, rate. Header Idempotency-Key chống thực hiện trùng.',
        params: CodeParams,
        headers: IdempotencyHeaders,
        body: ActionBody,
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
        mailBaseUrl(config),
      );
      return describeDossier(db, principal, request.params.code, true);
    },
  );
};
