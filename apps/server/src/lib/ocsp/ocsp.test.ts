import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDerHandler, TrustProtocolError } from '../tsp/index';
import { createTestPki, type TestPki } from '../tsp/test-pki';
import { checkOcsp, createOcspResponder, ocspRequest, verifyOcspResponse, type OcspResponder } from './index';

const run = promisify(execFile);
let pki: TestPki;
let responder: OcspResponder;
let server: Server;
let url: string;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof TrustProtocolError) return error.code;
    throw error;
  }
}

function listen(s: Server, port = 0): Promise<string> {
  return new Promise((resolve) =>
    s.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`)),
  );
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await listen(probe);
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}

beforeAll(async () => {
  pki = createTestPki();
  responder = createOcspResponder({
    issuer: pki.ca.der,
    signerCertificate: pki.ocsp.der,
    signerKey: await pki.ocsp.privateKey(),
    statusOf: (serial) =>
      serial === pki.revoked.serialHex
        ? { status: 'revoked', revokedAt: pki.revokedAt, reason: 'keyCompromise' }
        : serial === pki.leaf.serialHex
          ? { status: 'good' }
          : { status: 'unknown' },
  });
  server = createServer(nodeDerHandler(responder));
  url = await listen(server);
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  pki?.cleanup();
});

describe('our OCSP responder', () => {
  it('answers openssl ocsp: good for the leaf, revoked with its reason for the revoked one', async () => {
    const ask = (cert: string) =>
      run(
        'openssl',
        ['ocsp', '-issuer', 'ca.pem', '-cert', cert, '-url', url, '-CAfile', 'root.pem', '-resp_text'],
        {
          cwd: pki.dir,
        },
      );
    const good = await ask('leaf.pem');
    expect(good.stdout).toMatch(/leaf\.pem: good/);
    expect(good.stderr).toMatch(/Response verify OK/);
    const revoked = await ask('revoked.pem');
    expect(revoked.stdout).toMatch(/revoked\.pem: revoked/);
    expect(revoked.stdout).toMatch(/Reason: keyCompromise/);
    expect(revoked.stderr).toMatch(/Response verify OK/);
  });

  it('is checked by our client, nonce and signature included', async () => {
    const options = { trustAnchors: [pki.root.der], maxAgeSeconds: 600 };
    const good = await checkOcsp(url, pki.leaf.der, pki.ca.der, options);
    expect(good.status).toBe('good');
    expect(good.nextUpdate!.getTime() - good.thisUpdate.getTime()).toBe(3_600_000);
    const revoked = await checkOcsp(url, pki.revoked.der, pki.ca.der, options);
    expect(revoked).toMatchObject({ status: 'revoked', reason: 'keyCompromise', revokedAt: pki.revokedAt });
  });

  it('answers malformed requests with malformedRequest, unknown serials with unknown', async () => {
    const bad = await responder.respond(new Uint8Array([0x30, 0x03, 1, 2, 3]));
    expect(
      await codeOf(verifyOcspResponse(bad, pki.leaf.der, pki.ca.der, { trustAnchors: [pki.root.der] })),
    ).toBe('ocsp_error');
    // The CA certificate asked about with the root as issuer: another issuer than the responder's.
    const other = await responder.respond(ocspRequest(pki.ca.der, pki.root.der));
    const result = await verifyOcspResponse(other, pki.ca.der, pki.root.der, {
      trustAnchors: [pki.root.der],
    }).catch((e: TrustProtocolError) => e.code);
    expect(result).toBe('wrong_issuer'); // the delegated signer was not issued by the root
    const unknown = await checkOcsp(url, pki.tsa.der, pki.ca.der, { trustAnchors: [pki.root.der] });
    expect(unknown.status).toBe('unknown'); // statusOf knows only the two leaves
  });
});

describe('OCSP over GET (RFC 6960 A.1)', () => {
  it('answers a base64 request in the path', async () => {
    const request = ocspRequest(pki.revoked.der, pki.ca.der, { nonce: false });
    const answer = await fetch(url + encodeURIComponent(Buffer.from(request).toString('base64')));
    expect(answer.headers.get('content-type')).toBe('application/ocsp-response');
    const der = new Uint8Array(await answer.arrayBuffer());
    const result = await verifyOcspResponse(der, pki.revoked.der, pki.ca.der, {
      trustAnchors: [pki.root.der],
    });
    expect(result.status).toBe('revoked');
    const put = await fetch(url, { method: 'PUT', body: Buffer.from(request) });
    expect(put.status).toBe(405);
  });
});

describe('our OCSP client refuses', () => {
  it('a tampered response, a different nonce, a stale or too old answer, an untrusted issuer', async () => {
    const request = ocspRequest(pki.leaf.der, pki.ca.der, { nonce: new Uint8Array(16).fill(7) });
    const response = await responder.respond(request);
    const nonceHex = '0410' + '07'.repeat(16);
    const ok = await verifyOcspResponse(response, pki.leaf.der, pki.ca.der, {
      trustAnchors: [pki.root.der],
      nonceHex,
    });
    expect(ok.status).toBe('good');
    const tampered = Uint8Array.from(response);
    const at = Buffer.from(response).indexOf(Buffer.from('07'.repeat(16), 'hex'));
    tampered[at] = 8;
    const anchors = { trustAnchors: [pki.root.der] };
    expect(await codeOf(verifyOcspResponse(tampered, pki.leaf.der, pki.ca.der, anchors))).toBe(
      'bad_signature',
    );
    expect(
      await codeOf(
        verifyOcspResponse(response, pki.leaf.der, pki.ca.der, {
          ...anchors,
          nonceHex: '0410' + '00'.repeat(16),
        }),
      ),
    ).toBe('nonce_mismatch');
    const later = new Date(Date.now() + 2 * 3_600_000);
    expect(
      await codeOf(verifyOcspResponse(response, pki.leaf.der, pki.ca.der, { ...anchors, now: later })),
    ).toBe('stale');
    const soon = new Date(Date.now() + 30 * 60_000);
    expect(
      await codeOf(
        verifyOcspResponse(response, pki.leaf.der, pki.ca.der, { ...anchors, now: soon, maxAgeSeconds: 60 }),
      ),
    ).toBe('stale');
    expect(
      await codeOf(verifyOcspResponse(response, pki.leaf.der, pki.ca.der, { trustAnchors: [pki.leaf.der] })),
    ).toBe('untrusted');
    expect(await codeOf(verifyOcspResponse(response, pki.leaf.der, pki.root.der, anchors))).toBe(
      'wrong_issuer',
    );
  });

  it('a response signed by a certificate without the OCSPSigning usage', async () => {
    const impostor = createOcspResponder({
      issuer: pki.ca.der,
      signerCertificate: pki.leaf.der,
      signerKey: await pki.leaf.privateKey(),
      statusOf: () => ({ status: 'good' }),
    });
    const response = await impostor.respond(ocspRequest(pki.revoked.der, pki.ca.der, { nonce: false }));
    expect(
      await codeOf(
        verifyOcspResponse(response, pki.revoked.der, pki.ca.der, { trustAnchors: [pki.root.der] }),
      ),
    ).toBe('wrong_issuer');
  });
});

describe('our OCSP client against openssl ocsp as responder', () => {
  let child: ChildProcess;
  let opensslUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    opensslUrl = `http://127.0.0.1:${port}/`;
    // openssl ocsp -port binds every interface (it has no host option); acceptable in a test.
    child = spawn(
      'openssl',
      [
        'ocsp',
        '-index',
        pki.indexPath,
        '-port',
        String(port),
        '-rsigner',
        'ocsp.pem',
        '-rkey',
        'ocsp.key',
        '-CA',
        'ca.pem',
        '-nmin',
        '60',
      ],
      { cwd: pki.dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('openssl ocsp did not start')), 10_000);
      const ready = (chunk: Buffer) => {
        if (/waiting for OCSP client connections/i.test(chunk.toString())) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', ready);
      child.stderr!.on('data', ready);
    });
  });
  afterAll(() => {
    child?.kill();
  });

  it('reads good and revoked answers, with nonce, from an independent responder', async () => {
    const options = { trustAnchors: [pki.root.der], maxAgeSeconds: 600 };
    const good = await checkOcsp(opensslUrl, pki.leaf.der, pki.ca.der, options);
    expect(good.status).toBe('good');
    const revoked = await checkOcsp(opensslUrl, pki.revoked.der, pki.ca.der, options);
    expect(revoked).toMatchObject({ status: 'revoked', reason: 'keyCompromise', revokedAt: pki.revokedAt });
  });
});
