import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePrincipal } from '../../http/access';
import { IdParams, problemResponses, Nullable } from '../../http/schemas';
import type { Platform } from '../../platform/context';
import { describeUser, UserSchema } from '../org';
import type { FastifyReply } from 'fastify';
import { registerCitizen } from './register';
import {
  createApiToken,
  listApiTokens,
  failedSignInsOfSession,
  login,
  logout,
  revokeApiToken,
  SESSION_COOKIE,
  type FailedSignIns,
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

const FailedSignInsSchema = Type.Object(
  {
    count: Type.Integer({ description: 'Số lần đăng nhập sai' }),
    lastAt: Nullable(Type.String({ format: 'date-time', description: 'Lần sai gần nhất' })),
  },
  {
    description:
      'Đăng nhập sai vào tài khoản kể từ lần đăng nhập thành công trước đến lần đăng nhập của phiên này (để người dùng biết có ai thử mật khẩu của mình)',
  },
);

function failedSignInsOut(value: FailedSignIns) {
  return { count: value.count, lastAt: value.lastAt?.toISOString() ?? null };
}

const SignedInSchema = Type.Object({
  user: UserSchema,
  csrfToken: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  failedSignIns: FailedSignInsSchema,
});

export const authRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, deps) => {
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
      failedSignIns: failedSignInsOut(result.failedSignIns),
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
        // Per client address: accounts are what the per-account submission quotas count.
        rateLimit: { max: config.registerRatePerHour, timeWindow: '1 hour' },
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

  // Public: asking who is signed in is not an error when nobody is (a browser asks on every page
  // load, and a 401 there would be a failed request in every anonymous visitor's console).
  app.get(
    '/api/auth/me',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Xác thực'],
        summary:
          'Người dùng đang đăng nhập (200), hoặc 204 khi chưa đăng nhập (không có phiên hoặc phiên đã hết hạn)',
        response: {
          200: Type.Intersect([
            UserSchema,
            Type.Object({
              // null with an API token (no session, no sign-in).
              failedSignIns: Nullable(FailedSignInsSchema),
            }),
          ]),
          204: Type.Null({ description: 'Chưa đăng nhập' }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      if (!request.principal) return reply.status(204).send(null);
      const failedSignIns = await failedSignInsOfSession(db, request.principal);
      return {
        ...(await describeUser(db, request.principal.userId)),
        failedSignIns: failedSignIns && failedSignInsOut(failedSignIns),
      };
    },
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
