/**
 * Every route declares who may call it in `config.access`:
 *   'public' | 'authenticated' | { permission: Permission }
 * A route without a rule stops the server at start-up. Unit-scoped checks (which agency) happen
 * in the use case, which knows the target unit.
 *
 * Authentication: a bearer API token (`Authorization: Bearer tnk_…`) or the session cookie. A
 * cookie-authenticated request that changes state must echo the session's CSRF token in the
 * `x-csrf-token` header; bearer requests are not exposed to CSRF and need none.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { Actor } from '../modules/audit';
import { hasPermissionAnywhere, type Permission, type Principal } from '../modules/auth';
import { SESSION_COOKIE, resolveApiToken, resolveSession } from '../modules/auth';
import { sha256 } from '../modules/auth';
import { DomainError, forbidden, unauthenticated } from './errors';

export type AccessRule = 'public' | 'authenticated' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class MissingAccessRuleError extends Error {}

export interface AccessOptions {
  db: Kysely<Database>;
  config: Config;
  /** Routes under these prefixes are public by nature (API documentation, static web files). */
  publicPrefixes: string[];
}

export function registerAccessControl(app: FastifyInstance, options: AccessOptions): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (options.publicPrefixes.some((prefix) => url.startsWith(prefix))) {
      route.config = { ...(route.config ?? {}), access: 'public' };
      return;
    }
    const access = route.config?.access;
    if (!access) {
      throw new MissingAccessRuleError(
        `Route ${String(route.method)} ${url} declares no access rule (config.access); refusing to start.`,
      );
    }
    // Anyone may call a public route: one that writes is limited per client address, or a
    // script could flood it (sign-in, registration).
    const methods = ([] as string[]).concat(route.method);
    const writes = methods.some((method) => !SAFE_METHODS.has(method));
    if (access === 'public' && writes && !route.config?.rateLimit) {
      throw new MissingAccessRuleError(
        `Public route ${methods.join(',')} ${url} writes but declares no per-address limit (config.rateLimit); refusing to start.`,
      );
    }
  });

  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config.access;
    if (!rule) return; // 404 handler
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = match?.[1] ? await resolveApiToken(options.db, match[1]) : null;
      if (!principal) {
        throw new DomainError({
          code: 'invalid_token',
          status: 401,
          message: 'Mã truy cập (API token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
          messageEn: 'The API token is invalid, expired or revoked.',
        });
      }
      request.principal = principal;
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const session = await resolveSession(options.db, options.config, cookie);
        if (session) {
          const csrfOk = SAFE_METHODS.has(request.method) || csrfMatches(request, session.csrfTokenHash);
          // On a public route a write without the token simply runs anonymously (e.g. signing in
          // again); anywhere else it is refused, so a forged cross-site request cannot act as the user.
          if (csrfOk) request.principal = session.principal;
          else if (rule !== 'public') throw csrfError();
        }
      }
    }
    if (rule === 'public') return;
    if (!request.principal) throw unauthenticated();
    if (rule === 'authenticated') return;
    if (!hasPermissionAnywhere(request.principal, rule.permission)) throw forbidden();
  });
}

function csrfMatches(request: FastifyRequest, expectedHash: string): boolean {
  const header = request.headers['x-csrf-token'];
  const given = typeof header === 'string' ? Buffer.from(sha256(header)) : null;
  const expected = Buffer.from(expectedHash);
  return given !== null && given.length === expected.length && timingSafeEqual(given, expected);
}

function csrfError(): DomainError {
  return new DomainError({
    code: 'csrf_token_invalid',
    status: 403,
    message: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token). Vui lòng tải lại trang và thử lại.',
    messageEn: 'Missing or wrong x-csrf-token header. Reload the page and try again.',
  });
}

/** The principal of a route that required authentication. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  return { userId: principal?.userId ?? null, label: principal?.username ?? 'anonymous', ip: request.ip };
}
