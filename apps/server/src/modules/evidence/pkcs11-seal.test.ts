/**
 * The checkpoints signed through a PKCS#11 token (SoftHSM2): the seal key is generated on the
 * token (non-extractable), its certificate issued by the demo issuing CA and registered through
 * the API as the seal of UBND tỉnh; with PKCS11_* configured, the sealing job signs through the
 * token, OpenSSL verifies the checkpoint, and the verifier accepts the seal's path.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { arrayBufferView, ensureCryptoEngines } from '../../lib/webcrypto';
import { Pkcs11KeyStore } from '../../lib/keystore';
import { createSoftHsmToken, type SoftHsmToken } from '../../lib/keystore/testing/softhsm';
import { submitPermit } from '../../test/dossier-fixtures';
import { as, login } from '../../test/harness';
import { encryptedKeyProtector, loadKey } from '../trust';
import { openSealingKit } from './job';
import { sealUntilCaughtUp } from './seal';
import { startEvidenceTestApp, TEST_KEK, type EvidenceTestContext } from './testing';
import { verifyEvidence } from './verify';

const LABEL = 'seal-evidence-ubnd-tinh';
let ctx: EvidenceTestContext;
let token: SoftHsmToken;
let dir: string;

beforeAll(async () => {
  ensureCryptoEngines();
  token = createSoftHsmToken('tayninh-seal');
  ctx = await startEvidenceTestApp();
  dir = mkdtempSync(join(tmpdir(), 'tn-pkcs11-seal-'));
  // The key, on the token.
  const store = new Pkcs11KeyStore({
    modulePath: token.modulePath,
    tokenLabel: token.tokenLabel,
    pin: token.pin,
  });
  const key = await store.generateKey(LABEL, { modulusLength: 2048 });
  store.close();
  // Its certificate, from the demo issuing CA, registered as the province's seal.
  const issuing = await ctx.handle.db
    .selectFrom('trust_intermediates')
    .select('der')
    .executeTakeFirstOrThrow();
  const issuer = new x509.X509Certificate(arrayBufferView(issuing.der));
  const issuerKey = await loadKey(
    ctx.handle.db,
    encryptedKeyProtector(Buffer.from(TEST_KEK, 'base64')),
    'demo-issuing',
  );
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const publicKey = await webcrypto.subtle.importKey(
    'spki',
    arrayBufferView(key.publicKey),
    algorithm,
    true,
    ['verify'],
  );
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: '5e41',
    subject:
      'CN=Ủy ban nhân dân tỉnh Tây Ninh (khóa trên thiết bị — DEMO), O=DEMO — không có giá trị pháp lý, C=VN',
    issuer: issuer.subjectName,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    signingAlgorithm: algorithm,
    publicKey,
    signingKey: issuerKey!.key,
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
    ],
  });
  const unit = await ctx.handle.db
    .selectFrom('units_view')
    .select('id')
    .where('agency_code', '=', '000.00.00.H53')
    .executeTakeFirstOrThrow();
  const admin = await login(ctx.app, 'admin');
  const registered = await as(
    ctx.app,
    admin,
  )({
    method: 'POST',
    url: '/api/trust/certificates',
    payload: { purpose: 'seal', unitId: unit.id, certificate: certificate.toString('pem') },
  });
  expect(registered.statusCode, registered.body).toBe(201);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  token?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('seals through the token; openssl verifies the checkpoint, the verifier accepts the seal', async () => {
  await submitPermit(ctx.app, await login(ctx.app, 'congdan'));
  const opened = await openSealingKit(ctx.handle.db, ctx.handle.kind, {
    ...ctx.config,
    evidence: { ...ctx.config.evidence, sealKeyLabel: LABEL },
    pkcs11: { modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin },
  });
  if (!opened.kit) throw new Error(opened.reason);
  try {
    expect(opened.kit.seal.subject).toContain('khóa trên thiết bị');
    await sealUntilCaughtUp(ctx.handle.db, opened.kit);
  } finally {
    opened.kit.close?.();
  }
  const latest = (await ctx.app.inject({ url: '/api/evidence/checkpoints/latest' })).json<{
    signature: string;
  }>();
  writeFileSync(join(dir, 'anchors.pem'), (await ctx.app.inject({ url: '/api/trust/anchors.pem' })).body);
  writeFileSync(join(dir, 'cp.p7s'), Buffer.from(latest.signature, 'base64'));
  const run = spawnSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'cp.p7s',
      '-CAfile',
      'anchors.pem',
      '-certsout',
      'signer.pem',
    ],
    { cwd: dir },
  );
  expect(run.stderr.toString()).toContain('CMS Verification successful');
  const subject = spawnSync(
    'openssl',
    ['x509', '-in', 'signer.pem', '-noout', '-subject', '-nameopt', 'utf8'],
    { cwd: dir },
  ).stdout.toString();
  expect(subject).toContain('khóa trên thiết bị');
  expect((await verifyEvidence(ctx.handle.db)).problems).toEqual([]);
});

it('says why when the token has no such key', async () => {
  const opened = await openSealingKit(ctx.handle.db, ctx.handle.kind, {
    ...ctx.config,
    evidence: { ...ctx.config.evidence, sealKeyLabel: 'khong-co' },
    pkcs11: { modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin },
  });
  expect(opened).toMatchObject({ kit: null, reason: expect.stringContaining('PKCS#11 token') });
});
