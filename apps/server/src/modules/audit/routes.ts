import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { PageQuery, pageOf, problemResponses, Nullable } from '../../http/schemas';

const AuditEventSchema = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorUserId: Nullable(Type.Integer()),
  actorLabel: Type.String(),
  ipAddress: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  reason: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const auditRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db }) => {
  app.get(
    '/api/admin/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['Nhật ký'],
        summary: 'Nhật ký thay đổi (mới nhất trước)',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 50 })),
            entityId: Type.Optional(Type.String({ maxLength: 100 })),
            action: Type.Optional(Type.String({ maxLength: 100 })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(AuditEventSchema), ...problemResponses },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      let base = db.selectFrom('audit_events');
      if (request.query.entityType) base = base.where('entity_type', '=', request.query.entityType);
      if (request.query.entityId) base = base.where('entity_id', '=', request.query.entityId);
      if (request.query.action) base = base.where('action', '=', request.query.action);
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          occurredAt: row.occurred_at.toISOString(),
          actorUserId: row.actor_user_id,
          actorLabel: row.actor_label,
          ipAddress: row.ip_address,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          reason: row.reason,
          before: row.before,
          after: row.after,
        })),
        total: Number(total),
        page,
        pageSize,
      };
    },
  );
};
