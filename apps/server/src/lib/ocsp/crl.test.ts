import type { webcrypto } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustProtocolError } from '../tsp/index';
import { createTestPki, type TestPki } from '../tsp/test-pki';
import {
  buildCrl,
  checkCrl,
  fetchCrl,
  parseCrl,
  REASONS,
  type CrlEntry,
  type RevocationReason,
} from './index';

let pki: TestPki;
let caKey: webcrypto.CryptoKey;
let crlDer: Uint8Array;
const hour = 3_600_000;
const thisUpdate = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);

function codeOf(action: () => unknown): string {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (error instanceof TrustProtocolError) return error.code;
    throw error;
  }
}

beforeAll(async () => {
  pki = createTestPki();
  caKey = await pki.ca.privateKey();
  crlDer = await buildCrl({
    issuer: pki.ca.der,
    issuerKey: caKey,
    revoked: [{ serialHex: pki.revoked.serialHex, revokedAt: pki.revokedAt, reason: 'keyCompromise' }],
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + 24 * hour),
    crlNumber: 7,
  });
  writeFileSync(join(pki.dir, 'crl.der'), crlDer);
  pki.openssl(['crl', '-inform', 'DER', '-in', 'crl.der', '-out', 'crl.pem']);
  writeFileSync(
    join(pki.dir, 'cas.pem'),
    readFileSync(pki.root.certPath, 'utf8') + readFileSync(pki.ca.certPath, 'utf8'),
  );
}, 60_000);
afterAll(() => pki?.cleanup());

describe('buildCrl', () => {
  it('makes a CRL that openssl crl and openssl verify -crl_check accept', () => {
    const out = pki.openssl(['crl', '-inform', 'DER', '-in', 'crl.der', '-CAfile', 'cas.pem', '-noout']);
    expect(out).toMatch(/verify OK/);
    const text = pki.openssl(['crl', '-inform', 'DER', '-in', 'crl.der', '-noout', '-text']);
    expect(text).toMatch(/X509v3 CRL Number:\s+7/);
    expect(text).toMatch(/Serial Number: 1002[\s\S]*Key Compromise/);
    expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
    const verify = (cert: string) =>
      pki.openssl([
        'verify',
        '-crl_check',
        '-CAfile',
        'root.pem',
        '-untrusted',
        'ca.pem',
        '-CRLfile',
        'crl.pem',
        cert,
      ]);
    expect(verify('leaf.pem')).toMatch(/leaf\.pem: OK/);
    expect(() => verify('revoked.pem')).toThrow(/certificate revoked/);
  });

  it('round-trips its entries through parseCrl', async () => {
    const reasons = REASONS.filter((r) => r !== 'unused' && r !== 'unspecified') as RevocationReason[];
    const entry = fc.record({
      serialHex: fc.bigInt({ min: 1n, max: (1n << 150n) - 1n }).map((n) => n.toString(16)),
      revokedAt: fc.integer({ min: 0, max: 2_000_000_000 }).map((s) => new Date(s * 1000)),
      reason: fc.constantFrom(...reasons),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(entry, { selector: (e) => e.serialHex, maxLength: 5 }),
        async (revoked: CrlEntry[]) => {
          const der = await buildCrl({
            issuer: pki.ca.der,
            issuerKey: caKey,
            revoked,
            thisUpdate,
            nextUpdate: thisUpdate,
            crlNumber: 3n,
          });
          const parsed = parseCrl(der);
          expect(parsed.crlNumber).toBe(3n);
          expect(parsed.entries).toEqual(revoked);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('checkCrl', () => {
  it('reads good and revoked from our CRL and from one made by openssl ca -gencrl', () => {
    expect(checkCrl(crlDer, pki.leaf.der, pki.ca.der).status).toBe('good');
    expect(checkCrl(crlDer, pki.revoked.der, pki.ca.der)).toMatchObject({
      status: 'revoked',
      revokedAt: pki.revokedAt,
      reason: 'keyCompromise',
      thisUpdate,
    });
    writeFileSync(join(pki.dir, 'crlnumber'), '10\n');
    writeFileSync(
      join(pki.dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = demo',
        '[demo]',
        `database = ${pki.indexPath}`,
        `crlnumber = ${join(pki.dir, 'crlnumber')}`,
        'default_md = sha256',
        'default_crl_days = 1',
        '',
      ].join('\n'),
    );
    pki.openssl([
      'ca',
      '-gencrl',
      '-config',
      'ca.cnf',
      '-keyfile',
      'ca.key',
      '-cert',
      'ca.pem',
      '-out',
      'ossl-crl.pem',
    ]);
    pki.openssl(['crl', '-in', 'ossl-crl.pem', '-outform', 'DER', '-out', 'ossl-crl.der']);
    const ossl = new Uint8Array(readFileSync(join(pki.dir, 'ossl-crl.der')));
    expect(parseCrl(ossl).crlNumber).toBe(16n);
    expect(checkCrl(ossl, pki.leaf.der, pki.ca.der, { maxAgeSeconds: 600 }).status).toBe('good');
    expect(checkCrl(ossl, pki.revoked.der, pki.ca.der)).toMatchObject({
      status: 'revoked',
      reason: 'keyCompromise',
    });
  });

  it('refuses a tampered CRL, a wrong signer, the wrong issuer and stale CRLs', async () => {
    const tampered = Uint8Array.from(crlDer);
    const at = Buffer.from(crlDer).indexOf(Buffer.from([0x02, 0x02, 0x10, 0x02])); // the revoked serial
    tampered[at + 3] = 0x03;
    expect(codeOf(() => checkCrl(tampered, pki.leaf.der, pki.ca.der))).toBe('bad_signature');
    const forged = await buildCrl({
      issuer: pki.ca.der,
      issuerKey: await pki.leaf.privateKey(),
      revoked: [],
      thisUpdate,
      nextUpdate: new Date(thisUpdate.getTime() + hour),
      crlNumber: 8,
    });
    expect(codeOf(() => checkCrl(forged, pki.revoked.der, pki.ca.der))).toBe('bad_signature');
    const rootCrl = await buildCrl({
      issuer: pki.root.der,
      issuerKey: await pki.root.privateKey(),
      revoked: [],
      thisUpdate,
      nextUpdate: new Date(thisUpdate.getTime() + hour),
      crlNumber: 1,
    });
    expect(codeOf(() => checkCrl(rootCrl, pki.revoked.der, pki.ca.der))).toBe('wrong_issuer');
    expect(codeOf(() => checkCrl(rootCrl, pki.revoked.der, pki.root.der))).toBe('wrong_issuer');
    const tomorrow = new Date(Date.now() + 25 * hour);
    expect(codeOf(() => checkCrl(crlDer, pki.leaf.der, pki.ca.der, { now: tomorrow }))).toBe('stale');
    const later = new Date(Date.now() + 2 * hour);
    expect(
      codeOf(() => checkCrl(crlDer, pki.leaf.der, pki.ca.der, { now: later, maxAgeSeconds: 3600 })),
    ).toBe('stale');
    expect(codeOf(() => checkCrl(new Uint8Array([1, 2]), pki.leaf.der, pki.ca.der))).toBe('malformed');
  });
});

describe('fetchCrl', () => {
  it('fetches DER and PEM CRLs over HTTP', async () => {
    const pem = readFileSync(join(pki.dir, 'crl.pem'));
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      res.end(req.url === '/crl.pem' ? pem : Buffer.from(crlDer));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(Buffer.from(await fetchCrl(`${base}/crl.der`)).equals(Buffer.from(crlDer))).toBe(true);
      expect(Buffer.from(await fetchCrl(`${base}/crl.pem`)).equals(Buffer.from(crlDer))).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
