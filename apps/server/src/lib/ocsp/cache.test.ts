import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustProtocolError } from '../tsp/index';
import { nodeDerHandler } from '../tsp/index';
import { createTestPki, type TestPki } from '../tsp/test-pki';
import {
  buildCrl,
  cachedCheckCrl,
  cachedCheckOcsp,
  createOcspResponder,
  MemoryRevocationCache,
  reuseUntil,
  type OcspResult,
} from './index';

let pki: TestPki;
let server: Server;
let base: string;
let ocspHits = 0;
let crlHits = 0;
let crlDer: Uint8Array;
const minute = 60_000;

beforeAll(async () => {
  pki = createTestPki();
  const responder = createOcspResponder({
    issuer: pki.ca.der,
    signerCertificate: pki.ocsp.der,
    signerKey: await pki.ocsp.privateKey(),
    statusOf: () => ({ status: 'good' }),
  });
  const ocsp = nodeDerHandler(responder);
  const thisUpdate = new Date(Math.floor(Date.now() / 1000) * 1000);
  crlDer = await buildCrl({
    issuer: pki.ca.der,
    issuerKey: await pki.ca.privateKey(),
    revoked: [],
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + 60 * minute),
    crlNumber: 1,
  });
  server = createServer((req, res) => {
    if (req.url === '/crl') {
      crlHits++;
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      res.end(Buffer.from(crlDer));
      return;
    }
    ocspHits++;
    ocsp(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  pki?.cleanup();
});

describe('reuseUntil', () => {
  it('is the earlier of nextUpdate and thisUpdate + max age', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
        (t, next, maxAge) => {
          const answer = {
            status: 'good' as const,
            thisUpdate: new Date(t),
            ...(next !== undefined ? { nextUpdate: new Date(t + next) } : {}),
          };
          const until = reuseUntil(answer, maxAge);
          const bounds = [
            next !== undefined ? t + next : Infinity,
            maxAge !== undefined ? t + maxAge * 1000 : Infinity,
          ];
          const expected = Math.min(...bounds);
          expect(until?.getTime() ?? Infinity).toBe(expected);
        },
      ),
    );
  });
});

describe('MemoryRevocationCache', () => {
  it('drops entries past their time and the oldest when full', () => {
    let now = 1_000_000;
    const cache = new MemoryRevocationCache<string>({ maxEntries: 2, clock: () => new Date(now) });
    cache.put('a', 'A', new Date(now + 10));
    cache.put('b', 'B', new Date(now + 100));
    cache.put('expired', 'X', new Date(now));
    expect(cache.get('expired')).toBeUndefined();
    cache.put('c', 'C', new Date(now + 100));
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.value).toBe('B');
    now += 100;
    expect(cache.get('b')).toBeUndefined();
  });
});

describe('cached revocation checks', () => {
  it('reuse an OCSP answer within the max age and ask again after it', async () => {
    const cache = new MemoryRevocationCache<OcspResult>();
    const options = { trustAnchors: [pki.root.der], maxAgeSeconds: 60 };
    const before = ocspHits;
    const first = await cachedCheckOcsp(cache, `${base}/ocsp`, pki.leaf.der, pki.ca.der, options);
    const second = await cachedCheckOcsp(cache, `${base}/ocsp`, pki.leaf.der, pki.ca.der, options);
    expect(second).toBe(first);
    expect(ocspHits - before).toBe(1);
    const later = new Date(Date.now() + 2 * minute);
    const third = await cachedCheckOcsp(cache, `${base}/ocsp`, pki.leaf.der, pki.ca.der, {
      ...options,
      now: later,
    });
    expect(third).not.toBe(first);
    expect(ocspHits - before).toBe(2);
    await cachedCheckOcsp(cache, `${base}/ocsp`, pki.revoked.der, pki.ca.der, options);
    expect(ocspHits - before).toBe(3); // another certificate, another key
  });

  it('reuse a CRL answer until nextUpdate comes before the max age', async () => {
    const cache = new MemoryRevocationCache();
    const options = { maxAgeSeconds: 86_400 };
    const before = crlHits;
    expect((await cachedCheckCrl(cache, `${base}/crl`, pki.leaf.der, pki.ca.der, options)).status).toBe(
      'good',
    );
    expect((await cachedCheckCrl(cache, `${base}/crl`, pki.leaf.der, pki.ca.der, options)).status).toBe(
      'good',
    );
    expect(crlHits - before).toBe(1);
    const afterNextUpdate = new Date(Date.now() + 66 * minute);
    const stale = await cachedCheckCrl(cache, `${base}/crl`, pki.leaf.der, pki.ca.der, {
      ...options,
      now: afterNextUpdate,
    }).catch((e: TrustProtocolError) => e.code);
    expect(stale).toBe('stale');
    expect(crlHits - before).toBe(2);
  });
});
