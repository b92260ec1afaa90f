/** The trust routes over HTTP, on the seeded test database with the demo PKI added. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPki } from '../../db/seed/pki';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { toPem } from './certificates';
import { generateDemoPki } from './demo-pki';
import { crypto, RSA_ALGORITHM, x509 } from './engine';
import { encryptedKeyProtector, loadKey } from './keys';

const run = promisify(execFile);
const KEK = Buffer.alloc(32, 3);
const DAY = 86_400_000;

let ctx: TestContext;
let admin: Session;
let dir: string;
let issuingCert: x509.X509Certificate;
let issuingKey: Awaited<ReturnType<typeof loadKey>>;

/** A certificate from the demo issuing CA (its key read back from the key store). */
async function fromDemoCa(days: { from: number; to: number }, usage = x509.KeyUsageFlags.digitalSignature) {
  const keys = await crypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: `1${Date.now().toString(16)}`,
    subject: 'CN=Phạm Quốc Bảo, O=Sở Xây dựng',
    issuer: issuingCert.subjectName,
    notBefore: new Date(Date.now() + days.from * DAY),
    notAfter: new Date(Date.now() + days.to * DAY),
    signingAlgorithm: RSA_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: issuingKey!.key,
    extensions: [new x509.KeyUsagesExtension(usage, true)],
  });
  return certificate.toString('pem');
}

const userId = async (username: string) =>
  (
    await ctx.handle.db
      .selectFrom('users_view')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  ctx = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'tn-trust-http-'));
  await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: KEK.toString('base64') }, embedded: null });
  admin = await login(ctx.app, 'admin');
  const issuing = await ctx.handle.db
    .selectFrom('trust_intermediates')
    .select('der')
    .executeTakeFirstOrThrow();
  issuingCert = new x509.X509Certificate(issuing.der);
  issuingKey = await loadKey(ctx.handle.db, encryptedKeyProtector(KEK), 'demo-issuing');
}, 60_000);
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('public trust routes', () => {
  it('publish the demo root as anchors.pem, which openssl uses to verify a demo certificate', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/trust/anchors.pem' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-pem-file/);
    expect(response.body.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    writeFileSync(join(dir, 'anchors.pem'), response.body);
    writeFileSync(join(dir, 'issuing.pem'), toPem(new Uint8Array(issuingCert.rawData)));
    const seal = await ctx.handle.db
      .selectFrom('trust_certificates')
      .select('der')
      .where('purpose', '=', 'seal')
      .executeTakeFirstOrThrow();
    writeFileSync(join(dir, 'seal.pem'), toPem(seal.der));
    const { stdout } = await run('openssl', [
      'verify',
      '-CAfile',
      join(dir, 'anchors.pem'),
      '-untrusted',
      join(dir, 'issuing.pem'),
      join(dir, 'seal.pem'),
    ]);
    expect(stdout).toContain('seal.pem: OK');
  });

  it('serve the demo CRL (DER, marked as demo), which lists the revoked certificate', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/trust/demo/crl' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pkix-crl');
    expect(response.headers['x-trust-demo']).toMatch(/^DEMO/);
    const crl = new x509.X509Crl(response.rawPayload);
    const revoked = await ctx.handle.db
      .selectFrom('trust_certificates')
      .select('serial')
      .where('subject', 'like', '%đã thu hồi%')
      .executeTakeFirstOrThrow();
    expect(crl.entries.map((entry) => entry.serialNumber.toLowerCase())).toEqual([revoked.serial]);
  });
});

describe('the certificate registry (system administrator)', () => {
  it('lists with pagination and filters by user and unit; others are refused', async () => {
    const all = await as(ctx.app, admin)({ method: 'GET', url: '/api/trust/certificates?pageSize=4' });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 10, page: 1, pageSize: 4 });
    expect(all.json().items).toHaveLength(4);
    const lanhdao = await userId('lanhdao');
    const own = await as(ctx.app, admin)({ method: 'GET', url: `/api/trust/certificates?userId=${lanhdao}` });
    expect(
      own.json().items.map((item: { purpose: string; userId: number }) => [item.purpose, item.userId]),
    ).toEqual([
      ['signing', lanhdao],
      ['signing', lanhdao],
    ]);
    const seals = await as(ctx.app, admin)({ method: 'GET', url: '/api/trust/certificates?purpose=seal' });
    const unitId = seals.json().items[1].unitId as number;
    const byUnit = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: `/api/trust/certificates?unitId=${unitId}` });
    expect(byUnit.json().total).toBe(1);
    const leader = await login(ctx.app, 'lanhdao');
    const refused = await as(ctx.app, leader)({ method: 'GET', url: '/api/trust/certificates' });
    expect(problem(refused).status).toBe(403);
  });

  it('registers a valid signing certificate of an official, audited', async () => {
    const id = await userId('chuyenvien.xd');
    const response = await as(
      ctx.app,
      admin,
    )({
      method: 'POST',
      url: '/api/trust/certificates',
      payload: { purpose: 'signing', userId: id, certificate: await fromDemoCa({ from: -1, to: 365 }) },
    });
    expect(response.statusCode).toBe(201);
    const audit = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['actor_label', 'entity_id'])
      .where('action', '=', 'trust.certificate_registered')
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(String(response.json().id));
  });

  it('refuses, saying why in Vietnamese: expired, not yet valid, wrong usage, unknown issuer, revoked', async () => {
    const id = await userId('chuyenvien.xd');
    const other = await generateDemoPki({
      people: [{ username: 'x', fullName: 'Người lạ', unitName: 'Nơi khác' }],
      agencies: [],
    });
    const revoked = await ctx.handle.db
      .selectFrom('trust_certificates')
      .select('der')
      .where('subject', 'like', '%đã thu hồi%')
      .executeTakeFirstOrThrow();
    const cases: Array<[string, string, RegExp]> = [
      [await fromDemoCa({ from: -30, to: -1 }), 'certificate_expired', /đã hết hạn/],
      [await fromDemoCa({ from: 3, to: 30 }), 'certificate_not_yet_valid', /chưa có hiệu lực/],
      [
        await fromDemoCa({ from: -1, to: 30 }, x509.KeyUsageFlags.keyEncipherment),
        'wrong_key_usage',
        /Sai mục đích sử dụng khóa/,
      ],
      [other.leaves[0]!.certificate.toString('pem'), 'untrusted_issuer', /gốc tin cậy/],
      [Buffer.from(revoked.der).toString('base64'), 'certificate_revoked', /đã bị thu hồi/],
      ['không phải chứng thư', 'validation_failed', /Không đọc được chứng thư số/],
    ];
    for (const [certificate, code, message] of cases) {
      const response = await as(
        ctx.app,
        admin,
      )({
        method: 'POST',
        url: '/api/trust/certificates',
        payload: { purpose: 'signing', userId: id, certificate },
      });
      const body = problem(response);
      expect({ code: body.code, status: body.status, detail: message.test(body.detail) }).toEqual({
        code,
        status: 422,
        detail: true,
      });
    }
    const ownerless = await as(
      ctx.app,
      admin,
    )({
      method: 'POST',
      url: '/api/trust/certificates',
      payload: { purpose: 'seal', certificate: await fromDemoCa({ from: -1, to: 30 }) },
    });
    expect(problem(ownerless).errors?.[0]?.code).toBe('owner_required');
  });
});

describe('importing a trust anchor', () => {
  const selfSigned = async (options: { ca: boolean; days: { from: number; to: number } }) => {
    const keys = await crypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=Thử nghiệm gốc, O=Kiểm thử',
      notBefore: new Date(Date.now() + options.days.from * DAY),
      notAfter: new Date(Date.now() + options.days.to * DAY),
      signingAlgorithm: RSA_ALGORITHM,
      keys,
      extensions: [new x509.BasicConstraintsExtension(options.ca, undefined, true)],
    });
    return certificate;
  };

  it('imports a self-signed CA (PEM or DER), audited, and publishes it; a second import conflicts', async () => {
    const root = await selfSigned({ ca: true, days: { from: -1, to: 3650 } });
    const response = await as(
      ctx.app,
      admin,
    )({
      method: 'POST',
      url: '/api/trust/anchors',
      payload: { certificate: Buffer.from(root.rawData).toString('base64') },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().subject).toBe(root.subject);
    const pem = await ctx.app.inject({ method: 'GET', url: '/api/trust/anchors.pem' });
    expect(pem.body.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const again = await as(
      ctx.app,
      admin,
    )({ method: 'POST', url: '/api/trust/anchors', payload: { certificate: root.toString('pem') } });
    expect(problem(again)).toMatchObject({ status: 409, code: 'certificate_exists' });
    const audit = await ctx.handle.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'trust.anchor_imported')
      .execute();
    expect(audit.map((row) => row.entity_id)).toEqual([String(response.json().id)]);
  });

  it('refuses a certificate that is not a CA, an expired root and one not yet valid, in Vietnamese', async () => {
    const leaf = await ctx.handle.db.selectFrom('trust_certificates').select('der').executeTakeFirstOrThrow();
    const cases: Array<[string, string, RegExp]> = [
      [toPem(leaf.der), 'anchor_not_ca', /không phải của một tổ chức chứng thực/],
      [
        (await selfSigned({ ca: false, days: { from: -1, to: 30 } })).toString('pem'),
        'anchor_not_ca',
        /không phải/,
      ],
      [
        (await selfSigned({ ca: true, days: { from: -30, to: -2 } })).toString('pem'),
        'certificate_expired',
        /đã hết hạn/,
      ],
      [
        (await selfSigned({ ca: true, days: { from: 2, to: 30 } })).toString('pem'),
        'certificate_not_yet_valid',
        /chưa có hiệu lực/,
      ],
      [toPem(new Uint8Array(issuingCert.rawData)), 'anchor_not_self_signed', /tự ký/],
    ];
    for (const [certificate, code, message] of cases) {
      const response = await as(
        ctx.app,
        admin,
      )({ method: 'POST', url: '/api/trust/anchors', payload: { certificate } });
      const body = problem(response);
      expect({ code: body.code, status: body.status, detail: message.test(body.detail) }).toEqual({
        code,
        status: 422,
        detail: true,
      });
    }
  });
});
