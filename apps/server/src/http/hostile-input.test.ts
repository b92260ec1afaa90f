/**
 * Regressions found by the fuzz suite (src/test/fuzz, issue #5): each case is a request that once
 * got an answer other than a problem document, or a 5xx.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type TestContext } from '../test/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

it('answers a URL that is not valid percent-encoded UTF-8 with a 400 problem document', async () => {
  // The router raises FST_ERR_BAD_URL before the error handler; Fastify answered in its own JSON.
  for (const url of ['/api/units/%ED%A0%80', '/api/dossiers/%E0%A4%A/history', '/api/units/%ff']) {
    const response = await ctx.app.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(400);
    const body = problem(response);
    expect(body.code).toBe('bad_url');
    expect(body.detail).toMatch(/Địa chỉ/);
    expect(body.detail_en).toMatch(/URL/);
  }
});

it('answers a broken multipart upload with 400 malformed_multipart, not 500', async () => {
  // The multipart parser's errors (truncated body, missing boundary) carry no status code.
  const citizen = await login(ctx.app, 'congdan');
  const boundary = 'tnBoundary42';
  const part =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="to-khai.pdf"\r\n` +
    'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n';
  const cases: [string, string][] = [
    [`multipart/form-data; boundary=${boundary}`, part], // never closed
    [`multipart/form-data; boundary=${boundary}`, part.slice(0, 40)], // cut inside the headers
    ['multipart/form-data', `${part}--${boundary}--\r\n`], // no boundary parameter
  ];
  for (const [contentType, payload] of cases) {
    const response = await as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: '/api/drafts/1/attachments',
      headers: { 'content-type': contentType },
      payload,
    });
    expect(response.statusCode, `${contentType} ${JSON.stringify(payload)}`).toBeLessThan(500);
    expect(problem(response).detail_en).toBeTruthy();
  }
});

it('answers integers beyond PostgreSQL integer with 400, not 500', async () => {
  // parentId had a minimum and no maximum: 1e400 (Infinity) and 2^31 reached the database.
  for (const value of ['1e400', '2147483648', '99999999999999999999']) {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/units?parentId=${value}` });
    expect(response.statusCode, value).toBe(400);
    expect(problem(response).errors?.[0]?.field).toBe('/parentId');
  }
  const citizen = await login(ctx.app, 'congdan');
  const response = await as(
    ctx.app,
    citizen,
  )({
    method: 'POST',
    url: '/api/drafts',
    payload: { procedureCode: '1.013236', unitId: 2 ** 31 },
  });
  expect(response.statusCode).toBe(400);
  expect(problem(response).errors?.[0]?.field).toBe('/unitId');
});
