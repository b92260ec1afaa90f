import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { catalogueOf } from './index';
import { actorOf } from '../../http/access';
import { DomainError, fieldError, invalid } from '../../http/errors';
import { PageQuery, pageOf, problemResponses, StringEnum } from '../../http/schemas';
import { vietnamDate } from '../../lib/time';
import { exportWorkbook, importWorkbook } from './excel';
import { LEVELS, ONLINE_CLASSES, ProcedureInputSchema } from './model';
import { popularCounter } from './popular';
import { asReadBy } from './readers';
import { allInForce } from './repo';
import {
  ALL,
  CodeParams,
  DryRunQuery,
  IMPORT_LIMIT,
  OutcomeSchema,
  PopularSchema,
  ProcedureWriteBody,
  SummarySchema,
  XLSX,
  summarise,
} from './route-contracts';
import {
  getProcedure,
  listVersions,
  procedureOut,
  ProcedureSchema,
  publishProcedures,
  search,
  toInput,
} from './service';

export const procedureRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db }) => {
  const catalogue = catalogueOf(db);
  const tags = ['Thủ tục hành chính'];

  // Any successful write here changes the catalogue: the search index of this instance is
  // refreshed before the answer leaves, so the writer sees the change in the next search.
  app.addHook('onSend', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 300) catalogue.markStale();
  });

  const submissionCounts = popularCounter(db);

  app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/procedures',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Tìm kiếm thủ tục (không phân biệt dấu, hoa thường), lọc theo lĩnh vực, cơ quan, cấp, mức độ',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            field: Type.Optional(Type.String({ maxLength: 80 })),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            level: Type.Optional(StringEnum(LEVELS)),
            onlineLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            onlineClass: Type.Optional(StringEnum(ONLINE_CLASSES)),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(SummarySchema), ...problemResponses },
      },
    },
    async (request) =>
      search(catalogue, {
        ...request.query,
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 20,
      }),
  );

  app.get(
    '/api/procedure-fields',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh sách lĩnh vực và số thủ tục đang hiệu lực',
        response: {
          200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer() })),
          ...problemResponses,
        },
      },
    },
    async () => {
      const today = vietnamDate(new Date());
      const rows = await db
        .selectFrom('procedure_fields as f')
        .leftJoin('procedure_versions as v', (join) =>
          join
            .onRef('v.field_code', '=', 'f.code')
            .on('v.effective_from', '<=', today)
            .on((eb) => eb.or([eb('v.effective_until', 'is', null), eb('v.effective_until', '>', today)])),
        )
        .select(['f.code', 'f.name', (eb) => eb.fn.count<number>('v.id').as('count')])
        .groupBy(['f.code', 'f.name'])
        .orderBy('f.name')
        .execute();
      return rows.map((row) => ({ code: row.code, name: row.name, count: Number(row.count) }));
    },
  );

  app.get(
    '/api/procedures/popular',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Thủ tục được sử dụng nhiều nhất: số hồ sơ đã nộp trong 365 ngày qua; khi chưa đủ, bổ sung theo thứ tự danh mục',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 8 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(PopularSchema), ...problemResponses },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 8;
      const [counts, catalogueOrder] = await Promise.all([submissionCounts(), search(catalogue, ALL)]);
      const ranked = catalogueOrder.items
        .map((item, index) => ({ ...item, submissions: counts.get(item.code) ?? 0, index }))
        .sort((a, b) => b.submissions - a.submissions || a.index - b.index)
        .slice(0, limit);
      return ranked.map(({ index: _index, ...item }) => item);
    },
  );

  app.get(
    '/api/procedure-agencies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Cơ quan chủ trì giải quyết và số thủ tục đang hiệu lực của mỗi cơ quan (thủ tục cấp xã: lọc theo level=commune)',
        response: {
          200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), count: Type.Integer() })),
          ...problemResponses,
        },
      },
    },
    async () => {
      const { items } = await search(catalogue, ALL);
      const agencies = new Map<number, { id: number; name: string; count: number }>();
      for (const item of items) {
        if (!item.handlingUnit) continue;
        const agency = agencies.get(item.handlingUnit.id) ?? { ...item.handlingUnit, count: 0 };
        agency.count += 1;
        agencies.set(agency.id, agency);
      }
      return [...agencies.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },
  );

  app.get(
    '/api/procedures/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Chi tiết thủ tục (phiên bản có hiệu lực, hoặc tại một ngày)',
        params: CodeParams,
        querystring: Type.Object(
          { at: Type.Optional(Type.String({ format: 'date' })) },
          { additionalProperties: false },
        ),
        response: { 200: ProcedureSchema, ...problemResponses },
      },
    },
    async (request) =>
      asReadBy(await getProcedure(db, request.params.code, request.query.at), request.principal),
  );

  app.get(
    '/api/procedures/:code/versions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Các phiên bản của thủ tục (mới nhất trước)',
        params: CodeParams,
        response: { 200: Type.Array(ProcedureSchema), ...problemResponses },
      },
    },
    async (request) =>
      (await listVersions(db, request.params.code)).map((version) => asReadBy(version, request.principal)),
  );

  app.get(
    '/api/catalogue/export.json',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Xuất danh mục thủ tục đang hiệu lực (JSON, nhập lại được)',
        response: { 200: Type.Array(Type.Unknown()) },
      },
    },
    async (request, reply) => {
      const rows = await allInForce(db, vietnamDate(new Date()));
      void reply.header('content-disposition', 'attachment; filename="danh-muc-thu-tuc.json"');
      return rows.map((row) => toInput(asReadBy(procedureOut(row), request.principal)));
    },
  );

  app.get(
    '/api/catalogue/export.xlsx',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Xuất danh mục thủ tục đang hiệu lực (Excel, nhập lại được)' },
    },
    async (request, reply) => {
      const rows = await allInForce(db, vietnamDate(new Date()));
      const records = rows.map((row) => toInput(asReadBy(procedureOut(row), request.principal)));
      const buffer = await exportWorkbook(records);
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="danh-muc-thu-tuc.xlsx"')
        .send(buffer);
    },
  );

  app.post(
    '/api/admin/procedures',
    {
      config: { access: { permission: 'procedures.manage' } },
      schema: {
        tags,
        summary: 'Thêm thủ tục vào danh mục',
        body: ProcedureWriteBody,
        response: { 201: ProcedureSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...record } = request.body;
      try {
        await publishProcedures(db, actorOf(request), [{ location: '', record }], 'create', { reason });
      } catch (error) {
        if (error instanceof DomainError && error.errors?.some((e) => e.code === 'exists')) {
          throw new DomainError({
            code: 'procedure_exists',
            status: 409,
            message: `Thủ tục ${request.body.code} đã có trong danh mục; hãy cập nhật để tạo phiên bản mới.`,
            messageEn: `Procedure ${request.body.code} exists; update it to create a new version.`,
          });
        }
        throw error;
      }
      return reply.status(201).send(await latestOf(request.body.code));
    },
  );

  app.put(
    '/api/admin/procedures/:code',
    {
      config: { access: { permission: 'procedures.manage' } },
      schema: {
        tags,
        summary: 'Cập nhật thủ tục: tạo phiên bản mới có ngày hiệu lực (không đổi gì thì không tạo)',
        params: CodeParams,
        body: ProcedureWriteBody,
        response: {
          200: Type.Object({ status: Type.String(), procedure: ProcedureSchema }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      if (request.body.code !== request.params.code) {
        throw invalid([
          fieldError(
            '/code',
            'mismatch',
            'Mã thủ tục trong nội dung phải trùng với mã trên đường dẫn.',
            'Body code must match the path.',
          ),
        ]);
      }
      const { reason, ...record } = request.body;
      const [outcome] = await publishProcedures(db, actorOf(request), [{ location: '', record }], 'update', {
        reason,
      });
      return { status: outcome!.status, procedure: await latestOf(request.params.code) };
    },
  );

  app.post(
    '/api/admin/procedures/import',
    {
      config: { access: { permission: 'procedures.manage' } },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags,
        summary: 'Nhập danh mục từ JSON (tất cả hoặc không gì cả; lỗi theo từng dòng)',
        querystring: DryRunQuery,
        body: Type.Array(ProcedureInputSchema, { minItems: 1, maxItems: 5000 }),
        response: { 200: OutcomeSchema, ...problemResponses },
      },
    },
    async (request) => {
      const located = request.body.map((record, index) => ({ location: `/${index}`, record }));
      const dryRun = request.query.dryRun ?? false;
      const reason = request.query.reason;
      return summarise(
        dryRun,
        await publishProcedures(db, actorOf(request), located, 'upsert', { dryRun, reason }),
      );
    },
  );

  app.post(
    '/api/admin/procedures/import.xlsx',
    {
      config: { access: { permission: 'procedures.manage' } },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags,
        summary: 'Nhập danh mục từ Excel (.xlsx, cùng mẫu với tệp xuất)',
        querystring: DryRunQuery,
        consumes: [XLSX],
        response: { 200: OutcomeSchema, ...problemResponses },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new DomainError({
          code: 'unsupported_media_type',
          status: 415,
          message: `Hãy gửi tệp Excel với Content-Type ${XLSX}.`,
          messageEn: `Send the workbook as ${XLSX}.`,
        });
      }
      const located = await importWorkbook(request.body);
      const dryRun = request.query.dryRun ?? false;
      const reason = request.query.reason;
      return summarise(
        dryRun,
        await publishProcedures(db, actorOf(request), located, 'upsert', { dryRun, reason }),
      );
    },
  );

  async function latestOf(code: string) {
    const versions = await listVersions(db, code);
    return versions[0]!;
  }
};
