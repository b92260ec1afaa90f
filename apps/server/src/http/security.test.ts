/**
 * Browser-facing security of every kind of answer: the headers (CSP, framing, referrer, MIME
 * sniffing) on JSON, problem documents, file downloads and the web page; and the parts of the
 * cookie session's protection that auth.test.ts does not already show.
 *
 * Already covered in modules/auth/auth.test.ts (not repeated here): HttpOnly + SameSite=Lax
 * session cookie, CSRF header required on a JSON POST (missing or wrong token → 403), lock-out
 * after repeated failed sign-ins (even with the right password, Retry-After), a new session at
 * sign-in that ends the one the browser presented, logout ending the session, and the per-address
 * rate limit on sign-in. This file adds: the Secure flag, CSRF on a multipart upload, on DELETE
 * and on logout, a CSRF token of another session, a session id planted before sign-in, the
 * cookie cleared at logout, and no CORS grant to a foreign origin.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PDF, submitPermit } from '../test/dossier-fixtures';
import {
  as,
  login,
  problem,
  startTestApp,
  TEST_PASSWORD,
  type Session,
  type TestContext,
} from '../test/harness';

const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));
const webBuilt = existsSync(`${WEB_DIST}/index.html`);

/** The headers every answer carries, whatever produced it. */
function expectSecurityHeaders(response: LightMyRequestResponse) {
  // default-src 'self' (helmet, every answer that went through the hooks) or 'none' (answers
  // the router gives before any hook: they load nothing).
  const csp = String(response.headers['content-security-policy']);
  expect(csp).toMatch(/default-src '(self|none)'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/(default|script)-src[^;]*(unsafe-inline|\*|https?:)/);
  expect(['SAMEORIGIN', 'DENY']).toContain(response.headers['x-frame-options']);
  expect(response.headers['referrer-policy']).toBe('same-origin');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(response.headers['x-powered-by']).toBeUndefined();
}

describe('security headers and cookie-session protection', () => {
  let ctx: TestContext;
  let citizen: Session;
  let reception: Session;
  let code: string;

  beforeAll(async () => {
    // Production-like: Secure cookies behind TLS, and the web build when it is there.
    ctx = await startTestApp({ cookieSecure: true, ...(webBuilt ? { webDir: WEB_DIST } : {}) });
    citizen = await login(ctx.app, 'congdan');
    reception = await login(ctx.app, 'tiepnhan');
    code = await submitPermit(ctx.app, citizen);
  });
  afterAll(async () => ctx.close());

  it('sends them on a JSON answer', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expectSecurityHeaders(response);
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "script-src-attr 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ])
      expect(csp).toContain(directive);
    // Behind TLS, plain-HTTP sub-resources are upgraded.
    expect(csp).toContain('upgrade-insecure-requests');
  });

  it('sends them on problem documents, whichever layer refused the request', async () => {
    const notFound = await ctx.app.inject({ method: 'GET', url: '/api/khong-co' });
    const unauthenticated = await ctx.app.inject({ method: 'GET', url: '/api/auth/tokens' });
    const invalid = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '' },
    });
    const badUrl = await ctx.app.inject({ method: 'GET', url: '/api/procedures/%E0%A4%A' });
    for (const [label, response, status] of [
      ['no such route', notFound, 404],
      ['access control', unauthenticated, 401],
      ['schema validation', invalid, 400],
      ['router (bad percent-encoding)', badUrl, 400],
    ] as const) {
      expect(response.statusCode, label).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expectSecurityHeaders(response);
    }
  });

  it('sends them on file downloads, with the exact type and a safe Content-Disposition', async () => {
    // A file name typed by the citizen cannot break out of the header or add a parameter.
    const hostileName = "Đơn x; filename=evil.html <b> (bản sao)*'.pdf";
    const uploaded = await as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: `/api/dossiers/${code}/attachments?documentCode=tp1`,
      ...multipart(hostileName, PDF, 'text/html'),
    });
    expect(uploaded.statusCode).toBe(201);
    const id = uploaded.json<{ id: number }>().id;
    const accepted = await as(
      ctx.app,
      reception,
    )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: { type: 'accept' } });
    expect(accepted.statusCode).toBe(200);
    const slip = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: `/api/dossiers/${code}/slips/receipt.pdf` });
    expect(slip.statusCode).toBe(200);
    expect(slip.headers['content-type']).toBe('application/pdf');
    expect(slip.headers['content-disposition']).toBe(`inline; filename="receipt-${code}.pdf"`);
    expect(slip.headers['cache-control']).toBe('private, no-store');
    expectSecurityHeaders(slip);

    const file = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: `/api/dossiers/${code}/attachments/${id}` });
    expect(file.statusCode).toBe(200);
    // The type detected from the bytes, not the one the uploader claimed.
    expect(file.headers['content-type']).toBe('application/pdf');
    // One parameter, percent-encoded (RFC 6266 / 8187): no quote, space or semicolon survives.
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(/^inline; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    const shownName = decodeURIComponent(disposition.split("''")[1]!);
    expect(shownName).toMatch(/^Đơn x; filename=evil\.html .*\.pdf$/);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expectSecurityHeaders(file);
  });

  it.runIf(webBuilt)('sends them on the web page and its deep links', async () => {
    for (const url of ['/', '/ho-so/000.00.01.H53-261201-0001']) {
      const page = await ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expectSecurityHeaders(page);
      // The page loads its script from the same origin; CSP forbids inline scripts, so none.
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('sets the session cookie Secure, HttpOnly, SameSite=Lax for the whole site, and clears it at logout', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chuyenvien', password: TEST_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === 'tn_session')!;
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    const session = { cookie: `tn_session=${cookie.value}`, csrfToken: response.json().csrfToken, userId: 0 };
    const out = await as(ctx.app, session)({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'tn_session')!;
    expect(cleared.value).toBe('');
    expect(cleared.expires!.getTime()).toBeLessThan(Date.now());
  });

  it('refuses a multipart upload, a DELETE and a logout without the CSRF header, changing nothing', async () => {
    const before = await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${code}` });
    const file = multipart('ban-ve.pdf', PDF, 'application/pdf');
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `/api/dossiers/${code}/attachments?documentCode=tp1`,
      payload: file.payload,
      headers: { ...file.headers, cookie: citizen.cookie },
    });
    expect(upload.statusCode).toBe(403);
    expect(problem(upload).code).toBe('csrf_token_invalid');
    const after = await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${code}` });
    expect(after.json().attachments).toEqual(before.json().attachments);

    const officer = await login(ctx.app, 'lanhdao');
    const created = await as(
      ctx.app,
      officer,
    )({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'Kết nối thử' } });
    const { id, token } = created.json<{ id: number; token: string }>();
    const remove = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${id}`,
      headers: { cookie: officer.cookie },
    });
    expect(remove.statusCode).toBe(403);
    expect(problem(remove).code).toBe('csrf_token_invalid');
    const still = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(still.statusCode).toBe(200);

    // A forged cross-site logout does not end the session either.
    const logout = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: officer.cookie },
    });
    expect(logout.statusCode).toBe(403);
    expect((await as(ctx.app, officer)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('refuses the CSRF token of another session', async () => {
    const other = await login(ctx.app, 'chuyenvien.xd');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: citizen.cookie, 'x-csrf-token': other.csrfToken },
      payload: { name: 'Giả mạo' },
    });
    expect(response.statusCode).toBe(403);
    expect(problem(response).code).toBe('csrf_token_invalid');
  });

  it('never adopts a session id planted before sign-in', async () => {
    const planted = 'ma-phien-do-ke-gian-dat-san-0123456789abcdef';
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `tn_session=${planted}` },
      payload: { username: 'congdan2', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'tn_session')!.value).not.toBe(planted);
    const withPlanted = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `tn_session=${planted}` },
    });
    expect(withPlanted.statusCode).toBe(204); // nobody is signed in with it
  });

  it('grants no cross-origin access to another site', async () => {
    const response = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: '/api/auth/me', headers: { origin: 'https://trang-gia-mao.example' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/api/auth/tokens',
      headers: { origin: 'https://trang-gia-mao.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
