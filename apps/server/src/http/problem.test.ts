import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../test/harness';
import { registerAccessControl } from './access';
import { loadConfig } from '../config';

describe('errors as problem documents', () => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await startTestApp({ bodyLimitBytes: 4096 });
    admin = await login(ctx.app, 'admin');
  });
  afterAll(async () => ctx.close());

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(response.statusCode).toBe(400);
    expect(problem(response).code).toBe('malformed_json');
  });

  it('lists each invalid field, in Vietnamese, with English beside it', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 5, extra: true },
    });
    expect(response.statusCode).toBe(400);
    const body = problem(response);
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: '/extra',
          code: 'additionalProperties',
          message: 'Trường này không được phép gửi lên.',
        }),
        expect.objectContaining({ field: '/password', code: 'required', message: 'Trường này là bắt buộc.' }),
        expect.objectContaining({ field: '/username', code: 'type' }),
      ]),
    );
    expect(body.detail).toContain('không hợp lệ');
  });

  it('uses English when the client prefers it', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(response.statusCode).toBe(404);
    const body = problem(response);
    expect(body.code).toBe('route_not_found');
    expect(body.detail).toMatch(/^No route/);
  });

  it('rejects oversized bodies with 413 and writes nothing', async () => {
    const big = 'x'.repeat(10_000);
    const response = await as(
      ctx.app,
      admin,
    )({ method: 'POST', url: '/api/admin/units', payload: { name: big } });
    expect(response.statusCode).toBe(413);
    expect(problem(response).code).toBe('payload_too_large');
  });

  it('rejects wrong query types without a 500', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/calendar/holidays?year=abc' });
    expect(response.statusCode).toBe(400);
    expect(problem(response).errors?.[0]?.field).toBe('/year');
  });

  it('refuses to start when a route declares no access rule', async () => {
    const app = Fastify();
    registerAccessControl(app, { db: ctx.handle.db, config: loadConfig({}), publicPrefixes: [] });
    expect(() => app.get('/api/unguarded', async () => 'oops')).toThrow(/declares no access rule/);
  });

  it('refuses to start when a public route that writes has no per-address limit', async () => {
    const app = Fastify();
    registerAccessControl(app, { db: ctx.handle.db, config: loadConfig({}), publicPrefixes: [] });
    expect(() => app.post('/api/open-write', { config: { access: 'public' } }, async () => 'oops')).toThrow(
      /no per-address limit/,
    );
    expect(() =>
      app.post(
        '/api/limited-write',
        { config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } } },
        async () => 'ok',
      ),
    ).not.toThrow();
    expect(() => app.get('/api/open-read', { config: { access: 'public' } }, async () => 'ok')).not.toThrow();
  });
});
