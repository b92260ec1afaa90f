/**
 * The demo PKI's TSA and OCSP responder over HTTP, asked and checked by OpenSSL alone: a query
 * made by `openssl ts -query` gets a reply that `openssl ts -verify` accepts with the published
 * anchors; `openssl ocsp` reads "good" for a demo signer's certificate and "revoked" for the
 * revoked one. Without the demo PKI's key-encryption key both are 404.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoPki } from '../../db/seed/pki';
import { startTestApp, type TestContext } from '../../test/harness';
import { toPem } from './certificates';

const KEK = Buffer.alloc(32, 11).toString('base64');
let ctx: TestContext;
let dir: string;

function openssl(args: string[]) {
  const run = spawnSync('openssl', args, { cwd: dir });
  return { status: run.status, out: `${run.stdout.toString()}${run.stderr.toString()}` };
}

beforeAll(async () => {
  ctx = await startTestApp({ trustKek: KEK });
  dir = mkdtempSync(join(tmpdir(), 'tn-trust-demo-'));
  await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
  writeFileSync(join(dir, 'anchors.pem'), (await ctx.app.inject({ url: '/api/trust/anchors.pem' })).body);
  const issuing = await ctx.handle.db
    .selectFrom('trust_intermediates')
    .select('der')
    .executeTakeFirstOrThrow();
  writeFileSync(join(dir, 'issuing.pem'), toPem(issuing.der));
  const ocspSigner = await ctx.handle.db
    .selectFrom('trust_certificates')
    .select('der')
    .where('purpose', '=', 'ocsp')
    .executeTakeFirstOrThrow();
  writeFileSync(join(dir, 'ocsp-signer.pem'), toPem(ocspSigner.der));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('timestamps a query made by openssl, and openssl verifies the reply with the published anchors', async () => {
  writeFileSync(join(dir, 'van-ban.txt'), 'Quyết định số 15/QĐ-SXD');
  expect(openssl(['ts', '-query', '-data', 'van-ban.txt', '-sha256', '-cert', '-out', 'q.tsq']).status).toBe(
    0,
  );
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/trust/demo/tsa',
    headers: { 'content-type': 'application/timestamp-query' },
    payload: readFileSync(join(dir, 'q.tsq')),
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/timestamp-reply');
  expect(response.headers['x-trust-demo']).toMatch(/^DEMO/);
  writeFileSync(join(dir, 'r.tsr'), response.rawPayload);
  const verified = openssl([
    'ts',
    '-verify',
    '-in',
    'r.tsr',
    '-queryfile',
    'q.tsq',
    '-CAfile',
    'anchors.pem',
  ]);
  expect(verified.out).toContain('Verification: OK');
  const garbage = await ctx.app.inject({
    method: 'POST',
    url: '/api/trust/demo/tsa',
    headers: { 'content-type': 'application/timestamp-query' },
    payload: Buffer.from('khong phai yeu cau'),
  });
  expect([200, 400]).toContain(garbage.statusCode);
  expect(garbage.statusCode).not.toBe(500);
});

it('answers OCSP for the demo issuing CA: good for a signer, revoked for the revoked certificate', async () => {
  const certificates = await ctx.handle.db
    .selectFrom('trust_certificates')
    .select(['subject', 'der', 'purpose'])
    .execute();
  const good = certificates.find((c) => c.purpose === 'signing' && !/thu hồi|REVOKED/i.test(c.subject))!;
  const revoked = certificates.find((c) => /thu hồi|REVOKED/i.test(c.subject));
  const status = async (der: Uint8Array, name: string) => {
    writeFileSync(join(dir, `${name}.pem`), toPem(der));
    expect(
      openssl([
        'ocsp',
        '-issuer',
        'issuing.pem',
        '-cert',
        `${name}.pem`,
        '-reqout',
        `${name}.req`,
        '-no_nonce',
      ]).status,
    ).toBe(0);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/trust/demo/ocsp',
      headers: { 'content-type': 'application/ocsp-request' },
      payload: readFileSync(join(dir, `${name}.req`)),
    });
    expect(response.statusCode, response.body).toBe(200);
    writeFileSync(join(dir, `${name}.resp`), response.rawPayload);
    return openssl([
      'ocsp',
      '-respin',
      `${name}.resp`,
      '-issuer',
      'issuing.pem',
      '-cert',
      `${name}.pem`,
      '-CAfile',
      'anchors.pem',
      '-verify_other',
      'ocsp-signer.pem',
    ]).out;
  };
  const goodOut = await status(good.der, 'good');
  expect(goodOut).toContain('Response verify OK');
  expect(goodOut).toMatch(/good\.pem: good/);
  expect(revoked, 'the demo PKI has a revoked certificate').toBeDefined();
  expect(await status(revoked!.der, 'revoked')).toMatch(/revoked\.pem: revoked/);
});

it('is 404 without the demo PKI key', async () => {
  const bare = await startTestApp();
  try {
    const response = await bare.app.inject({
      method: 'POST',
      url: '/api/trust/demo/tsa',
      headers: { 'content-type': 'application/timestamp-query' },
      payload: readFileSync(join(dir, 'q.tsq')),
    });
    expect(response.statusCode).toBe(404);
  } finally {
    await bare.close();
  }
});
