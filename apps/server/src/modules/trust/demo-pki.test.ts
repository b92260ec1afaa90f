/**
 * The demo PKI in the database (seedDemoPki, as on the first embedded start): what it holds, its
 * keys encrypted at rest, and OpenSSL's opinion of it (`openssl verify`, with and without CRL).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { demoPkiNotice, seedDemoPki, type DemoPkiSeeded } from '../../db/seed/pki';
import { openTestDatabase } from '../../test/harness';
import { toPem } from './certificates';
import { crypto, x509 } from './engine';
import { encryptedKeyProtector, KEK_FILE, loadKek, loadKey } from './keys';
import { pathOptionsOf } from './registry';
import { validatePath } from './validate';

const run = promisify(execFile);
const KEK = Buffer.alloc(32, 7).toString('base64');

describe('the demo PKI', () => {
  let handle: DatabaseHandle;
  let dir: string;
  let seeded: DemoPkiSeeded;
  beforeAll(async () => {
    handle = await openTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'tn-pki-'));
    seeded = await seedDemoPki(handle.db, { env: { TRUST_KEK: KEK }, embedded: { dataDir: dir } });
  }, 60_000);
  afterAll(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is made once, with the demo root as the only anchor', async () => {
    expect(seeded).toMatchObject({ created: true, certificates: 10, kek: { origin: 'env' } });
    expect(demoPkiNotice(seeded)[0]).toContain('Đã tạo PKI mẫu (DEMO — không có giá trị pháp lý)');
    const again = await seedDemoPki(handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
    expect(again.created).toBe(false);
    const anchors = await handle.db.selectFrom('trust_anchors').selectAll().execute();
    expect(anchors.map((row) => row.source)).toEqual(['demo']);
    const audit = await handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'trust.demo_pki_created')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('labels every subject as demo material, with the person or agency named', async () => {
    const rows = await handle.db
      .selectFrom('trust_certificates')
      .leftJoin('users_view', 'users_view.id', 'trust_certificates.user_id')
      .leftJoin('units_view', 'units_view.id', 'trust_certificates.unit_id')
      .select(['purpose', 'subject', 'users_view.username', 'units_view.agency_code', 'units_view.name'])
      .orderBy('trust_certificates.id')
      .execute();
    for (const row of rows) {
      expect(row.subject).toContain('O=DEMO — không có giá trị pháp lý');
      expect(row.subject).toMatch(/CN=[^,]*\(DEMO — không có giá trị pháp lý\)/);
    }
    expect(rows.filter((r) => r.purpose === 'signing').map((r) => r.username)).toEqual([
      'lanhdao',
      'lanhdao.xd',
      'chutich.xa',
      'lanhdao.ubnd',
      'lanhdao',
    ]);
    const seals = rows.filter((r) => r.purpose === 'seal');
    expect(seals.map((r) => r.agency_code)).toEqual([
      '000.00.00.H53',
      '000.00.16.H53',
      expect.stringMatching(/H53$/),
    ]);
    expect(seals[2]!.name).toBe('Ủy ban nhân dân phường Tân Ninh');
    expect(seals[0]!.subject).toContain('Ủy ban nhân dân tỉnh Tây Ninh');
    const lanhdao = rows.find((r) => r.username === 'lanhdao')!;
    expect(lanhdao.subject).toContain('Lê Hoàng Phúc');
    expect(rows.map((r) => r.purpose).sort()).toEqual([
      'ocsp',
      'seal',
      'seal',
      'seal',
      'signing',
      'signing',
      'signing',
      'signing',
      'signing',
      'timestamping',
    ]);
  });

  it('keeps the private keys encrypted under the key-encryption key, and signs with them', async () => {
    const keys = await handle.db.selectFrom('trust_keys').selectAll().execute();
    expect(keys).toHaveLength(12);
    for (const row of keys) expect(Buffer.from(row.wrapped).includes(Buffer.from('BEGIN'))).toBe(false);
    const protector = encryptedKeyProtector(Buffer.from(KEK, 'base64'));
    const seal = await loadKey(handle.db, protector, 'demo-seal-000.00.16.H53');
    const certificate = await handle.db
      .selectFrom('trust_certificates')
      .select('der')
      .where('fingerprint_sha256', '=', seal!.certificateFingerprint)
      .executeTakeFirstOrThrow();
    const data = new TextEncoder().encode('Quyết định số 1/QĐ-SXD');
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', seal!.key, data);
    const publicKey = await new x509.X509Certificate(certificate.der).publicKey.export();
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, signature, data)).toBe(true);
    // Another key-encryption key, or a record moved to another label, does not open it.
    await expect(loadKey(handle.db, encryptedKeyProtector(Buffer.alloc(32, 8)), 'demo-tsa')).rejects.toThrow(
      /TRUST_KEK/,
    );
    const tsa = keys.find((row) => row.label === 'demo-tsa')!;
    await expect(
      protector.recover('demo-ocsp', { algorithm: tsa.algorithm, kekId: tsa.kek_id, wrapped: tsa.wrapped }),
    ).rejects.toThrow();
  });

  it('validates the demo certificates from the tables, and refuses the revoked one', async () => {
    const rows = await handle.db
      .selectFrom('trust_certificates')
      .select(['purpose', 'der', 'subject'])
      .execute();
    for (const row of rows) {
      const result = await validatePath(row.der, await pathOptionsOf(handle.db, row.purpose));
      const revoked = row.subject.includes('đã thu hồi');
      expect({ subject: row.subject, code: result.ok ? 'ok' : result.code }).toEqual({
        subject: row.subject,
        code: revoked ? 'certificate_revoked' : 'ok',
      });
    }
  });

  it('is accepted by openssl verify, which refuses the revoked certificate with the CRL', async () => {
    const der = async (table: 'trust_anchors' | 'trust_intermediates') =>
      (await handle.db.selectFrom(table).select('der').executeTakeFirstOrThrow()).der;
    writeFileSync(join(dir, 'anchors.pem'), toPem(await der('trust_anchors')));
    writeFileSync(join(dir, 'issuing.pem'), toPem(await der('trust_intermediates')));
    const crls = await handle.db.selectFrom('trust_crls').select('der').execute();
    writeFileSync(join(dir, 'crls.pem'), crls.map((row) => toPem(row.der, 'X509 CRL')).join(''));
    const certs = await handle.db.selectFrom('trust_certificates').select(['subject', 'der']).execute();
    const good = certs.find((row) => row.subject.includes('Huỳnh Minh Tâm'))!;
    const revoked = certs.find((row) => row.subject.includes('đã thu hồi'))!;
    writeFileSync(join(dir, 'leaf.pem'), toPem(good.der));
    writeFileSync(join(dir, 'revoked.pem'), toPem(revoked.der));
    const verify = (leaf: string, crl: boolean) =>
      run('openssl', [
        'verify',
        '-CAfile',
        join(dir, 'anchors.pem'),
        '-untrusted',
        join(dir, 'issuing.pem'),
        ...(crl ? ['-crl_check_all', '-CRLfile', join(dir, 'crls.pem')] : []),
        join(dir, leaf),
      ]);
    expect((await verify('leaf.pem', false)).stdout).toContain('leaf.pem: OK');
    expect((await verify('leaf.pem', true)).stdout).toContain('leaf.pem: OK');
    expect((await verify('revoked.pem', false)).stdout).toContain('revoked.pem: OK');
    await expect(verify('revoked.pem', true)).rejects.toThrow(/certificate revoked/);
    // -crl_check (the leaf only) with the CRL served at /api/trust/demo/crl, as docs/TRUST-PKI.md says.
    const issuingCrl = crls.find((row) => new x509.X509Crl(row.der).entries.length === 1)!;
    writeFileSync(join(dir, 'demo-crl.pem'), toPem(issuingCrl.der, 'X509 CRL'));
    const leafCheck = (leaf: string) =>
      run('openssl', [
        'verify',
        '-crl_check',
        '-CAfile',
        join(dir, 'anchors.pem'),
        '-untrusted',
        join(dir, 'issuing.pem'),
        '-CRLfile',
        join(dir, 'demo-crl.pem'),
        join(dir, leaf),
      ]);
    expect((await leafCheck('leaf.pem')).stdout).toContain('leaf.pem: OK');
    await expect(leafCheck('revoked.pem')).rejects.toThrow(/certificate revoked/);
  });
});

describe('the key-encryption key', () => {
  it('is TRUST_KEK when set (32 bytes), else a 0600 file in DATA_DIR on the embedded database only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tn-kek-'));
    try {
      expect(() => loadKek({ TRUST_KEK: Buffer.alloc(16).toString('base64') }, null)).toThrow(/TRUST_KEK/);
      expect(() => loadKek({}, null)).toThrow(/TRUST_KEK must be set/);
      const first = loadKek({}, { dataDir: dir });
      expect(first.origin).toBe('generated');
      expect(statSync(join(dir, KEK_FILE)).mode & 0o777).toBe(0o600);
      const second = loadKek({}, { dataDir: dir });
      expect(second.origin).toBe('file');
      expect(Buffer.from(second.kek).equals(Buffer.from(first.kek))).toBe(true);
      expect(loadKek({ TRUST_KEK: KEK }, { dataDir: dir }).origin).toBe('env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
