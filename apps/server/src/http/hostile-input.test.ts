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

it('answers a NUL or control character in any string of a request with 400, not 500', async () => {
  // PostgreSQL refuses NUL in text: `q=a%00` reached the database and answered 500.
  const officer = await login(ctx.app, 'tiepnhan');
  const citizen = await login(ctx.app, 'congdan');
  for (const [session, url] of [
    [null, '/api/units?q=a%00'],
    [officer, '/api/dossiers?q=a%00'],
    [null, '/api/procedures?q=%00'],
    [null, '/api/units?q=a%07b'],
    [officer, '/api/dossiers/000.00.16.H53-260101-0001%00/history'],
  ] as const) {
    const response = await as(ctx.app, session)({ method: 'GET', url });
    expect(response.statusCode, url).toBe(400);
    expect(problem(response).code).toBe('invalid_character');
  }
  const draft = await as(
    ctx.app,
    citizen,
  )({ method: 'POST', url: '/api/drafts', payload: { procedureCode: '1.013236' } });
  expect(draft.statusCode).toBe(201);
  const { id } = draft.json<{ id: number }>();
  // Deep inside free-form data (stored as jsonb, which refuses \u0000 too).
  const saved = await as(
    ctx.app,
    citizen,
  )({
    method: 'PUT',
    url: `/api/drafts/${id}`,
    payload: { formData: { applicant: { fullName: 'Ánh\u0000' }, 'k\u0000': 1 } },
  });
  expect(saved.statusCode).toBe(400);
  expect(problem(saved).errors?.map((e) => e.field)).toEqual([
    '/formData/applicant/fullName',
    '/formData/k\u0000',
  ]);
  const stored = await as(ctx.app, citizen)({ method: 'GET', url: `/api/drafts/${id}` });
  expect(stored.json().formData).toEqual({});
});

it('answers a date out of 1900–2199, or not a real day, with 400 on every date parameter', async () => {
  // Year 1 in Vietnam time is year 0 in UTC, out of PostgreSQL's range: the reports answered 500.
  const admin = await login(ctx.app, 'admin');
  const unit = '000.00.00.H53';
  for (const date of ['0001-01-01', '9999-12-31', '1899-12-31', '2026-02-30']) {
    for (const url of [
      `/api/stats/report?unit=${unit}&from=${date}&to=2026-01-01`,
      `/api/stats/report.xlsx?unit=${unit}&from=${date}&to=2026-01-01`,
      `/api/stats/indicators?unit=${unit}&from=2025-01-01&to=${date}`,
      `/api/public/stats?from=${date}`,
      `/api/units?at=${date}`,
      `/api/registers/dossiers.pdf?unit=${unit}&from=${date}&to=2026-01-01`,
      `/api/calendar/due-date?from=${date}T08:00:00%2B07:00&amount=1&unit=working-days`,
    ]) {
      const response = await as(ctx.app, admin)({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(problem(response).errors?.[0]?.code).toBe('format');
    }
  }
  // The edges of the range are days like any other.
  const edge = await as(
    ctx.app,
    admin,
  )({ method: 'GET', url: `/api/stats/report?unit=${unit}&from=2199-12-01&to=2199-12-31` });
  expect(edge.statusCode).toBe(200);
});
