/**
 * Builds the application from its modules. main.ts and the tests both use it, so tests exercise
 * exactly what runs in production.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { resolve } from 'node:path';
import type { Config } from './config';
import type { FileStore } from './lib/file-store';
import { openFileStore } from './lib/s3-file-store';
import { maskError, maskPersonalText, maskUrl } from './lib/mask';
import type { DatabaseKind } from './db/database';
import type { Database } from './db/schema';
import { registerAccessControl } from './http/access';
import { frameworkErrorHandler, registerProblemHandlers } from './http/problem';
import { ProblemSchema } from './http/schemas';
import { registerTextRule } from './http/text-rule';
import { registerValidators } from './http/validation';
import { registerWeb, sendWebPage, wantsWebPage, webBuildPresent } from './http/web';
import { MODULES } from './modules';
import type { Platform } from './platform/context';
import { openCounters, rateLimitStore } from './platform/counters';

export const DOCS_PREFIX = '/api/docs';

/**
 * Personal data and secrets never reach a log line (Nghị định 13/2023/NĐ-CP). Requests are
 * logged without headers or bodies and with masked query values (maskUrl); errors with masked
 * messages only (maskError); free-text messages have phone, identity numbers and e-mail
 * addresses masked. These paths are a second line of defence should an object be logged whole.
 */
const LOG_REDACT = [
  // Any object carrying request headers, e.g. @fastify/multipart's trace of its busboy options
  // (requests themselves are logged through the `req` serializer below, which has no headers).
  'headers.authorization',
  'headers.cookie',
  'headers["x-csrf-token"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-csrf-token"]',
  // Top-level fields only: a wildcard path costs several microseconds on every log line.
  'body',
  'password',
  'token',
  'csrfToken',
  'identityNumber',
  'phone',
  'email',
  'fullName',
  'formData',
];

/** Where log lines go: standard output in production, a capture in the tests. */
export interface LogStream {
  write(line: string): void;
}

export function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: LOG_REDACT, censor: '[đã ẩn]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: maskUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
      err: (error: unknown) => maskError(error),
    },
    hooks: {
      // Free-text messages (e.g. an SMTP server's answer quoting the recipient) are masked too.
      logMethod(args, method) {
        const masked = args.map((arg: unknown) => (typeof arg === 'string' ? maskPersonalText(arg) : arg));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
    ...(stream ? { stream } : {}),
  };
}

/**
 * Errors the router raises (a URL that is not valid percent-encoding) are answered before any
 * hook runs, so helmet never sees them. They are always problem documents that load nothing:
 * the strictest policy fits.
 */
const FRAMEWORK_ERROR_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-resource-policy': 'same-origin',
};

export async function buildApp(input: {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Config;
  /** The file store (main.ts shares one with the jobs); else the configuration's. */
  files?: FileStore;
  logger?: boolean;
  /** Where log lines go (tests capture them); standard output when absent. */
  logStream?: LogStream;
}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: input.logger === false ? false : loggerOptions(input.config.logLevel, input.logStream),
    // One line per request, written when it is answered (below), instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: input.config.bodyLimitBytes,
    trustProxy: input.config.trustProxy,
    ajv: { customOptions: { allErrors: true } },
    frameworkErrors: (error, request, reply) => {
      void reply.headers(FRAMEWORK_ERROR_HEADERS);
      frameworkErrorHandler(error, request, reply);
    },
    // Query strings must not be parsed into nested objects or arrays behind our back.
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
      'request completed',
    );
  });

  const platform: Platform = {
    db: input.db,
    dbKind: input.dbKind,
    config: input.config,
    files: input.files ?? openFileStore({ ...input.config, filesDir: resolve(input.config.filesDir) }),
  };

  const webDir = webBuildPresent(input.config.webDir) ? input.config.webDir : null;
  registerValidators(app);
  registerTextRule(app);
  registerProblemHandlers(app, {
    notFound: (request, reply) => (webDir && wantsWebPage(request) ? sendWebPage(reply) : null),
  });
  app.addSchema(ProblemSchema);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        // Only behind TLS: on plain-HTTP installs it would break every asset request.
        upgradeInsecureRequests: input.config.cookieSecure ? [] : null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  // After the cookie parser, so the session cookie is readable; before any route is declared.
  registerAccessControl(app, { db: input.db, config: input.config, publicPrefixes: [DOCS_PREFIX, '/*'] });
  // Request rate limits shared by every instance (Redis with REDIS_URL, else the database); a
  // Redis outage lets requests through (the sign-in throttle in the database still holds).
  const counters = openCounters(input.db, input.config.redisUrl);
  app.addHook('onClose', () => counters.close());
  await app.register(rateLimit, {
    global: false,
    store: rateLimitStore(counters),
    skipOnError: counters.kind === 'redis',
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Nền tảng Chính quyền điện tử tỉnh Tây Ninh — API',
        description:
          'API của Cổng dịch vụ công và Hệ thống một cửa điện tử. Lỗi trả về theo RFC 9457 (application/problem+json), thông điệp tiếng Việt trong `detail`, tiếng Anh trong `detail_en`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tn_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  app.get(
    '/api/health/live',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Hệ thống'],
        summary: 'Tiến trình còn sống (không truy vấn cơ sở dữ liệu); mốc so sánh của benchmark',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Hệ thống'],
        summary: 'Tình trạng dịch vụ và cơ sở dữ liệu',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.String(), time: Type.String() }),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(input.db);
      return { status: 'ok' as const, database: input.dbKind, time: new Date().toISOString() };
    },
  );

  for (const module of MODULES)
    for (const routes of module.routes ?? []) await app.register(routes, platform);
  if (webDir) await registerWeb(app, webDir);
  else app.log.warn(`web app build not found in ${String(input.config.webDir)}; serving the API only`);
  return app;
}
