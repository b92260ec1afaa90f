import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { actorOf, requirePrincipal } from '../../http/access';
import { IdParams, PageQuery, pageOf, problemResponses, StringEnum, Nullable } from '../../http/schemas';
import {
  closeUnit,
  CloseUnitBody,
  createUnit,
  CreateUnitBody,
  UNIT_KINDS,
  unitDetail,
  UnitSchema,
  updateUnit,
  UpdateUnitBody,
} from './units';
import { inForceOf, listUnits, unitTree } from './in-force';
import { grantRole, revokeRole } from './role-grants';
import { manageableUnitIds } from './user-access';
import { createUser, updateUser } from './user-commands';
import { CreateUserBody, GrantRoleBody, UpdateUserBody, UserSchema } from './user-contracts';
import { describeUser, listUsers } from './user-queries';
import { forbidden } from '../../http/errors';

const Succession = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  agencyCode: Nullable(Type.String()),
  effectiveDate: Type.String(),
  whole: Type.Boolean(),
  legalBasis: Type.String(),
});
const UnitDetail = Type.Intersect([
  UnitSchema,
  Type.Object({
    ancestors: Type.Array(
      Type.Object({
        id: Type.Integer(),
        name: Type.String(),
        agencyCode: Nullable(Type.String()),
      }),
    ),
    predecessors: Type.Array(Succession),
    successors: Type.Array(Succession),
  }),
]);
/** The tree is at most province → district → commune → office deep; five levels cover it. */
function treeLevel(depth: number): ReturnType<typeof Type.Object> {
  const children = depth === 0 ? Type.Array(Type.Never(), { maxItems: 0 }) : Type.Array(treeLevel(depth - 1));
  return Type.Object({ ...UnitSchema.properties, children });
}
const UnitNode = treeLevel(5);

/** The day or period a list of units is about (in-force.ts). */
const InForceQuery = {
  at: Type.Optional(
    Type.String({
      format: 'date',
      description: 'Đơn vị hoạt động vào ngày này (YYYY-MM-DD); mặc định hôm nay',
    }),
  ),
  from: Type.Optional(
    Type.String({
      format: 'date',
      description: 'Cùng với to: đơn vị hoạt động vào ít nhất một ngày của kỳ [from, to]',
    }),
  ),
  to: Type.Optional(Type.String({ format: 'date', description: 'Ngày cuối kỳ (YYYY-MM-DD), cùng với from' })),
};

export const orgRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, { db }) => {
  const tags = ['Đơn vị và người dùng'];

  app.get(
    '/api/units',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh sách đơn vị hành chính, cơ quan đang hoạt động (vào một ngày hoặc trong một kỳ)',
        description:
          'Đơn vị hoạt động vào ngày D khi valid_from ≤ D < valid_until. Mặc định: hôm nay. includeClosed=true: mọi đơn vị, kể cả đã giải thể, sáp nhập.',
        querystring: Type.Object(
          {
            ...InForceQuery,
            parentId: Type.Optional(Type.Integer({ minimum: 1 })),
            kind: Type.Optional(StringEnum(UNIT_KINDS)),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            includeClosed: Type.Optional(Type.Boolean()),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(UnitSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { at, from, to, ...filters } = request.query;
      return listUnits(db, {
        ...filters,
        days: inForceOf({ at, from, to }),
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 20,
      });
    },
  );

  app.get(
    '/api/units/tree',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Cây đơn vị đang hoạt động vào một ngày hoặc trong một kỳ (mặc định: hôm nay)',
        querystring: Type.Object(InForceQuery, { additionalProperties: false }),
        response: { 200: Type.Array(UnitNode), ...problemResponses },
      },
    },
    async (request) => unitTree(db, inForceOf(request.query)),
  );

  app.get(
    '/api/units/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Chi tiết đơn vị, đơn vị tiền thân và kế thừa',
        params: IdParams,
        response: { 200: UnitDetail, ...problemResponses },
      },
    },
    async (request) => unitDetail(db, request.params.id),
  );

  app.post(
    '/api/admin/units',
    {
      config: { access: { permission: 'units.manage' } },
      schema: {
        tags,
        summary: 'Thêm đơn vị',
        body: CreateUnitBody,
        response: { 201: UnitSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createUnit(db, actorOf(request), request.body)),
  );

  app.patch(
    '/api/admin/units/:id',
    {
      config: { access: { permission: 'units.manage' } },
      schema: {
        tags,
        summary: 'Sửa đơn vị (tên, mã, đơn vị cấp trên)',
        params: IdParams,
        body: UpdateUnitBody,
        response: { 200: UnitSchema, ...problemResponses },
      },
    },
    async (request) => updateUnit(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/units/:id/close',
    {
      config: { access: { permission: 'units.manage' } },
      schema: {
        tags,
        summary: 'Giải thể / sáp nhập đơn vị, ghi đơn vị kế thừa',
        params: IdParams,
        body: CloseUnitBody,
        response: { 200: UnitSchema, ...problemResponses },
      },
    },
    async (request) => closeUnit(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/admin/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Danh sách người dùng (trong phạm vi quản lý)',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            kind: Type.Optional(Type.Union([Type.Literal('citizen'), Type.Literal('officer')])),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(UserSchema), ...problemResponses },
      },
    },
    async (request) =>
      listUsers(db, requirePrincipal(request), {
        ...request.query,
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 20,
      }),
  );

  app.get(
    '/api/admin/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Chi tiết người dùng',
        params: IdParams,
        response: { 200: UserSchema, ...problemResponses },
      },
    },
    async (request) => {
      const user = await describeUser(db, request.params.id);
      const scope = await manageableUnitIds(db, requirePrincipal(request));
      if (scope !== null && (user.primaryUnit === null || !scope.includes(user.primaryUnit.id)))
        throw forbidden();
      return user;
    },
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Tạo tài khoản',
        body: CreateUserBody,
        response: { 201: UserSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(db, requirePrincipal(request), actorOf(request), request.body)),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Sửa tài khoản, khóa/mở, đặt lại mật khẩu',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserSchema, ...problemResponses },
      },
    },
    async (request) =>
      updateUser(db, requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/users/:id/roles',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Giao vai trò tại một đơn vị',
        params: IdParams,
        body: GrantRoleBody,
        response: { 200: UserSchema, ...problemResponses },
      },
    },
    async (request) =>
      grantRole(db, requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/role-grants/:id/revoke',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        summary: 'Thu hồi vai trò',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: UserSchema, ...problemResponses },
      },
    },
    async (request) =>
      revokeRole(db, requirePrincipal(request), actorOf(request), request.params.id, request.body.reason),
  );
};
