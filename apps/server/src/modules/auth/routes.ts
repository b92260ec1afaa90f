import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePrincipal } from '../../http/access';
import { IdParams, problemResponses, Nullable } from '../../http/schemas';
import type { AppDeps } from '../../app';
import { describeUser, UserSchema } from '../org/users';
import type { FastifyReply } from 'fastify';
import { registerCitizen } from './register';
import {
  createApiToken,
  listApiTokens,
  login,
  logout,
  revokeApiToken,
  SESSION_COOKIE,
  type LoginResult,
} from './service';

const TokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});

function tokenOut(row: {
  id: number;
  name: string;
  token_prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

const SignedInSchema = Type.Object({
  user: UserSchema,
  csrfToken: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const authRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const { db, config } = deps;

  /** The session cookie and the answer of a sign-in (login or registration). */
  async function signedIn(reply: FastifyReply, result: LoginResult) {
    void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      path: '/',
      expires: result.expiresAt,
    });
    return {
      user: await describeUser(db, result.principal.userId),
      csrfToken: result.csrfToken,
      expiresAt: result.expiresAt.toISOString(),
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['Xác thực'],
        summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: SignedInSchema,
          ...problemResponses,
          429: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      const result = await login(db, config, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        ...(request.cookies[SESSION_COOKIE] ? { previousSession: request.cookies[SESSION_COOKIE] } : {}),
      });
      return signedIn(reply, result);
    },
  );

  app.post(
    '/api/auth/register',
    {
      config: {
        access: 'public',
        rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['Xác thực'],
        summary:
          'Đăng ký tài khoản công dân (mật khẩu ≥ 8 ký tự có chữ và số; số di động Việt Nam; căn cước 12 số) và đăng nhập',
        body: Type.Object(
          {
            fullName: Type.String({ maxLength: 200 }),
            username: Type.String({ maxLength: 100 }),
            password: Type.String({ maxLength: 300 }),
            email: Type.String({ maxLength: 300 }),
            phone: Type.String({ maxLength: 30 }),
            identityNumber: Type.String({ maxLength: 30 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: SignedInSchema, ...problemResponses, 429: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      const result = await registerCitizen(db, config, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        ...(request.cookies[SESSION_COOKIE] ? { previousSession: request.cookies[SESSION_COOKIE] } : {}),
      });
      void reply.status(201);
      return signedIn(reply, result);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Xác thực'],
        summary: 'Đăng xuất (kết thúc phiên)',
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await logout(db, requirePrincipal(request), actorOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Xác thực'],
        summary: 'Người dùng đang đăng nhập',
        response: { 200: UserSchema, ...problemResponses },
      },
    },
    async (request) => describeUser(db, requirePrincipal(request).userId),
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Xác thực'],
        summary: 'Mã truy cập API của tôi',
        response: { 200: Type.Array(TokenSchema), ...problemResponses },
      },
    },
    async (request) => (await listApiTokens(db, requirePrincipal(request).userId)).map(tokenOut),
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Xác thực'],
        summary: 'Tạo mã truy cập API (chỉ hiển thị một lần)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Intersect([TokenSchema, Type.Object({ token: Type.String() })]),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const expiresAt = request.body.expiresInDays
        ? new Date(Date.now() + request.body.expiresInDays * 86_400_000)
        : null;
      const { token, row } = await createApiToken(db, requirePrincipal(request), actorOf(request), {
        name: request.body.name,
        expiresAt,
      });
      return reply.status(201).send({ ...tokenOut(row), token });
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Xác thực'],
        summary: 'Thu hồi mã truy cập API',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(db, requirePrincipal(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
