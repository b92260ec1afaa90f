/**
 * What is on record of a dossier's handling: the slips of TT 01/2018 (PDF), the process control
 * (Mẫu 05), the history, the actions open now, and the public lookup by code.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/context';
import { requirePrincipal } from '../../../http/access';
import { slipBaseUrl } from '../../../http/public-origin';
import { problemResponses } from '../../../http/schemas';
import { calendarOf } from '../../calendar';
import { allowedActionsFor, AllowedActionsSchema } from '../allowed-actions';
import { CodeParams, DOSSIER_TAGS } from '../contracts/common';
import { DossierHistorySchema, PublicDossierSchema, SlipParams } from '../contracts/dossiers';
import { processControl, ProcessControlSchema } from '../process-control-query';
import { renderSlip, type SlipKind } from '../slips/slips';
import { dossierHistory } from '../use-cases/describe';
import { publicLookup } from '../use-cases/lookup';

export const recordRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db, config }) => {
  const calendar = calendarOf(db);

  app.get(
    '/api/dossiers/:code/slips/:file',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary:
          'Phiếu theo TT 01/2018 dạng PDF: receipt.pdf (Mẫu 01, giấy tiếp nhận và hẹn trả kết quả), supplement.pdf (Mẫu 02), refusal.pdf (Mẫu 03), apology.pdf (Mẫu 04), control.pdf (Mẫu 05, phiếu kiểm soát quá trình giải quyết)',
        params: SlipParams,
      },
    },
    async (request, reply) => {
      const kind = request.params.file.replace(/\.pdf$/, '') as SlipKind;
      const pdf = await renderSlip(
        db,
        requirePrincipal(request),
        request.params.code,
        kind,
        slipBaseUrl(config, request),
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
        tags: DOSSIER_TAGS,
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
        tags: DOSSIER_TAGS,
        summary: 'Lịch sử xử lý hồ sơ (chỉ ghi thêm, không sửa): ai, khi nào, làm gì, vì sao',
        params: CodeParams,
        response: { 200: DossierHistorySchema, ...problemResponses },
      },
    },
    async (request) => dossierHistory(db, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/dossiers/:code/allowed-actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: DOSSIER_TAGS,
        summary: 'Các thao tác người dùng được thực hiện lúc này, kèm các trường cần nhập',
        params: CodeParams,
        response: { 200: AllowedActionsSchema, ...problemResponses },
      },
    },
    async (request) => allowedActionsFor(db, calendar, requirePrincipal(request), request.params.code),
  );

  app.get(
    '/api/public/dossiers/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: DOSSIER_TAGS,
        summary: 'Tra cứu tình trạng hồ sơ theo mã (không cần đăng nhập; không có thông tin cá nhân)',
        params: CodeParams,
        response: { 200: PublicDossierSchema, ...problemResponses },
      },
    },
    async (request) => publicLookup(db, request.params.code),
  );
};
