/**
 * Revocation from every source, answers kept as evidence: a certificate naming the demo OCSP
 * responder (served over HTTP by this test's server) is checked online, its signed response
 * stored and reused while fresh; a certificate without an OCSP address falls back to the held CRL
 * (the revoked demo certificate is refused); an unreachable responder is not fatal.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoPki } from '../../db/seed/pki';
import { startTestApp, type TestContext } from '../../test/harness';
import { bytes, crypto, RSA_ALGORITHM, x509, type CryptoKey } from './engine';
import { encryptedKeyProtector, loadKey } from './keys';
import { pathOptionsOf } from './registry';
import { insertCertificate } from './registry';
import { describeCertificate } from './certificates';
import { validatePath } from './validate';

const KEK = Buffer.alloc(32, 23).toString('base64');
let ctx: TestContext;
let base: string;
let issuer: x509.X509Certificate;
let issuerKey: CryptoKey;
let lanhdao: number;

async function issue(serial: string, ocspUrl: string | null) {
  const keys = await crypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: `CN=Nguyễn Thị Thu ${serial}, O=DEMO — không có giá trị pháp lý`,
    issuer: issuer.subjectName,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 30 * 86_400_000),
    signingAlgorithm: RSA_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: issuerKey,
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      ...(ocspUrl ? [new x509.AuthorityInfoAccessExtension({ ocsp: [ocspUrl] })] : []),
    ],
  });
  // Registered, so that the demo responder knows it.
  await insertCertificate(
    ctx.handle.db,
    describeCertificate(certificate),
    { purpose: 'signing', userId: lanhdao, unitId: null },
    'imported',
    null,
  );
  return certificate;
}

beforeAll(async () => {
  ctx = await startTestApp({ trustKek: KEK });
  await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
  base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  lanhdao = (
    await ctx.handle.db
      .selectFrom('users_view')
      .select('id')
      .where('username', '=', 'lanhdao')
      .executeTakeFirstOrThrow()
  ).id;
  const row = await ctx.handle.db.selectFrom('trust_intermediates').select('der').executeTakeFirstOrThrow();
  issuer = new x509.X509Certificate(bytes(row.der));
  issuerKey = (await loadKey(
    ctx.handle.db,
    encryptedKeyProtector(Buffer.from(KEK, 'base64')),
    'demo-issuing',
  ))!.key;
}, 120_000);
afterAll(async () => ctx?.close());

it('asks the OCSP responder once, keeps its signed answer, and reuses it while fresh', async () => {
  const certificate = await issue('0c5901', `${base}/api/trust/demo/ocsp`);
  const first = await validatePath(certificate, await pathOptionsOf(ctx.handle.db, 'signing'));
  expect(first).toMatchObject({ ok: true, revocation: 'checked' });
  // Each answer received is stored: the rows count the questions asked.
  const asked = async () =>
    (await ctx.handle.db.selectFrom('trust_revocation_checks').select('id').execute()).length;
  expect(await asked()).toBe(1);
  const stored = await ctx.handle.db.selectFrom('trust_revocation_checks').selectAll().execute();
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ source: 'ocsp', status: 'good', url: `${base}/api/trust/demo/ocsp` });
  expect(stored[0]!.response_der!.length).toBeGreaterThan(100);
  await validatePath(certificate, await pathOptionsOf(ctx.handle.db, 'signing'));
  expect(await asked()).toBe(1);
  // A maximum age of 0: asked again, and kept again.
  await validatePath(
    certificate,
    await pathOptionsOf(ctx.handle.db, 'signing', new Date(), [], {
      maxAgeSeconds: 0,
      online: true,
      timeoutMs: 5000,
    }),
  );
  expect(await asked()).toBe(2);
});

it('falls back to the held CRL: the revoked demo certificate is refused', async () => {
  const revoked = await ctx.handle.db
    .selectFrom('trust_certificates')
    .select('der')
    .where('subject', 'like', '%thu hồi%')
    .executeTakeFirstOrThrow();
  const result = await validatePath(revoked.der, await pathOptionsOf(ctx.handle.db, 'signing'));
  expect(result).toMatchObject({ ok: false, code: 'certificate_revoked' });
});

it('survives an unreachable responder, and says unknown only when nothing answers', async () => {
  const certificate = await issue('0c5902', 'http://127.0.0.1:9/ocsp');
  const options = await pathOptionsOf(ctx.handle.db, 'signing', new Date(), [], {
    maxAgeSeconds: 3600,
    online: true,
    timeoutMs: 1000,
  });
  // The issuing CA's CRL (held) still covers it: good.
  expect(await validatePath(certificate, options)).toMatchObject({ ok: true });
});
