import { createHash, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTimestampingUsage,
  createTsaResponder,
  handleDerRequest,
  integerFromSerialHex,
  nodeDerHandler,
  parseCertificate,
  readTimestampResponse,
  requestTimestamp,
  serialHexOf,
  timestampRequest,
  TrustProtocolError,
  verifyTimestampToken,
  type TsaResponder,
} from './index';
import { essBindsCertificate, signingCertificateV2 } from './ess';
import { nonceInteger } from './request';
import { createTestPki, type TestPki } from './test-pki';

const POLICY = '1.3.6.1.4.1.99999.1.1';
const sha256 = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());

let pki: TestPki;
let responder: TsaResponder;
let fixedTime: Date;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof TrustProtocolError) return error.code;
    throw error;
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
    ),
  );
}

beforeAll(async () => {
  pki = createTestPki();
  fixedTime = new Date(Math.floor(Date.now() / 1000) * 1000);
  responder = createTsaResponder({
    certificate: pki.tsa.der,
    privateKey: await pki.tsa.privateKey(),
    chain: [pki.ca.der],
    policy: POLICY,
    clock: () => fixedTime,
  });
}, 60_000);
afterAll(() => pki?.cleanup());

describe('TSA responder and token verification', () => {
  it('grants a token that openssl ts -verify accepts, and refuses a tampered imprint', async () => {
    const digest = sha256('hồ sơ 000.00.00.H56-261203-0001');
    const response = await responder.respond(timestampRequest(digest));
    writeFileSync(join(pki.dir, 'resp.tsr'), response);
    const hex = Buffer.from(digest).toString('hex');
    const ok = pki.openssl([
      'ts',
      '-verify',
      '-digest',
      hex,
      '-in',
      'resp.tsr',
      '-CAfile',
      'root.pem',
      '-untrusted',
      'tsa.pem',
    ]);
    expect(ok).toContain('Verification: OK');
    const text = pki.openssl(['ts', '-reply', '-in', 'resp.tsr', '-text']);
    expect(text).toContain('Status: Granted');
    expect(text).toContain(`Policy OID: ${POLICY}`);

    const other = Buffer.from(sha256('another document')).toString('hex');
    expect(() =>
      pki.openssl([
        'ts',
        '-verify',
        '-digest',
        other,
        '-in',
        'resp.tsr',
        '-CAfile',
        'root.pem',
        '-untrusted',
        'tsa.pem',
      ]),
    ).toThrow(/message imprint mismatch/);

    const { tokenDer } = readTimestampResponse(response, digest);
    const verified = await verifyTimestampToken(tokenDer, {
      digest,
      trustAnchors: [pki.root.der],
      policy: POLICY,
    });
    expect(verified.genTime.toISOString()).toBe(fixedTime.toISOString());
    expect(verified.policy).toBe(POLICY);
    expect(Buffer.from(verified.tsaCertificate).equals(Buffer.from(pki.tsa.der))).toBe(true);
    expect(verified.serialNumber).toMatch(/^[0-9a-f]{31,32}$/);
    expect(
      await codeOf(verifyTimestampToken(tokenDer, { digest: sha256('x'), trustAnchors: [pki.root.der] })),
    ).toBe('imprint_mismatch');
  });

  it('catches a flipped byte in the signed TSTInfo, a wrong anchor, a wrong policy and a late check time', async () => {
    const digest = sha256('tampering');
    const { tokenDer } = readTimestampResponse(await responder.respond(timestampRequest(digest)), digest);
    const genTimeText = Buffer.from(fixedTime.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z');
    const at = Buffer.from(tokenDer).indexOf(genTimeText);
    expect(at).toBeGreaterThan(0);
    const tampered = Uint8Array.from(tokenDer);
    tampered[at + 3] = tampered[at + 3] === 0x37 ? 0x38 : 0x37; // another year, still a well-formed time
    expect(await codeOf(verifyTimestampToken(tampered, { digest, trustAnchors: [pki.root.der] }))).toBe(
      'bad_signature',
    );
    writeFileSync(join(pki.dir, 'tampered.tst'), tampered);
    const hex = Buffer.from(digest).toString('hex');
    expect(() =>
      pki.openssl([
        'ts',
        '-verify',
        '-token_in',
        '-in',
        'tampered.tst',
        '-digest',
        hex,
        '-CAfile',
        'root.pem',
        '-untrusted',
        'tsa.pem',
      ]),
    ).toThrow(/Verification: FAILED/);

    expect(await codeOf(verifyTimestampToken(tokenDer, { digest, trustAnchors: [pki.leaf.der] }))).toBe(
      'untrusted',
    );
    expect(
      await codeOf(verifyTimestampToken(tokenDer, { digest, trustAnchors: [pki.root.der], policy: '1.2.3' })),
    ).toBe('policy_mismatch');
    const late = new Date(Date.now() + 2 * 365 * 86_400_000);
    expect(
      await codeOf(verifyTimestampToken(tokenDer, { digest, trustAnchors: [pki.root.der], at: late })),
    ).toBe('untrusted');
  });

  it('verifies a token made by openssl ts -reply (an independent TSA)', async () => {
    writeFileSync(
      join(pki.dir, 'tsa.cnf'),
      [
        '[tsa]',
        'default_tsa = tsa_config',
        '[tsa_config]',
        `serial = ${join(pki.dir, 'tsaserial')}`,
        `signer_cert = ${pki.tsa.certPath}`,
        `certs = ${join(pki.dir, 'chain.pem')}`,
        `signer_key = ${pki.tsa.keyPath}`,
        'signer_digest = sha256',
        `default_policy = ${POLICY}`,
        'digests = sha256',
        'ess_cert_id_alg = sha256',
        'accuracy = secs:1',
        'ess_cert_id_chain = no',
        '',
      ].join('\n'),
    );
    writeFileSync(join(pki.dir, 'tsaserial'), '01\n');
    const digest = sha256('made elsewhere');
    writeFileSync(join(pki.dir, 'q.tsq'), timestampRequest(digest));
    pki.openssl(['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', 'q.tsq', '-out', 'ossl.tsr']);
    const response = new Uint8Array(readFileSync(join(pki.dir, 'ossl.tsr')));
    const { tokenDer } = readTimestampResponse(response, digest);
    const verified = await verifyTimestampToken(tokenDer, {
      digest,
      trustAnchors: [pki.root.der],
      policy: POLICY,
    });
    expect(verified.serialNumber).toBe('2'); // the serial file holds the last one issued
  });

  it('rejects bad requests with a PKIFailureInfo', async () => {
    const garbage = await responder.respond(new Uint8Array([1, 2, 3]));
    expect(await codeOf(Promise.resolve().then(() => readTimestampResponse(garbage, sha256('a'))))).toBe(
      'tsa_rejected',
    );
    writeFileSync(join(pki.dir, 'sha1.tsq'), Buffer.alloc(0));
    pki.openssl(['ts', '-query', '-digest', 'a'.repeat(40), '-sha1', '-out', 'sha1.tsq']);
    const sha1 = await responder.respond(new Uint8Array(readFileSync(join(pki.dir, 'sha1.tsq'))));
    writeFileSync(join(pki.dir, 'sha1.tsr'), sha1);
    const text = pki.openssl(['ts', '-reply', '-in', 'sha1.tsr', '-text']);
    expect(text).toContain('Status: Rejected');
    expect(text).toMatch(/unrecognized or unsupported algorithm identifier/);
    const policy = await responder.respond(timestampRequest(sha256('p'), { policy: '1.2.3.4' }));
    expect(() => readTimestampResponse(policy, sha256('p'))).toThrow(/unacceptedPolicy/);
  });

  it('refuses a TSA certificate whose timeStamping usage is not critical, or absent', () => {
    expect(() => checkTimestampingUsage(parseCertificate(pki.tsaNonCritical.der))).toThrow(
      TrustProtocolError,
    );
    expect(() => checkTimestampingUsage(parseCertificate(pki.leaf.der))).toThrow(/critical/);
    expect(() => checkTimestampingUsage(parseCertificate(pki.tsa.der))).not.toThrow();
  });
});

describe('TSA responder with a signing callback, behind Fastify', () => {
  it('signs through a callback (as a PKCS#11 key would) and serves through handleDerRequest', async () => {
    const keyPem = readFileSync(pki.tsa.keyPath, 'utf8');
    let calls = 0;
    const viaCallback = createTsaResponder({
      certificate: pki.tsa.der,
      privateKey: async (data) => {
        calls++;
        return new Uint8Array(sign('sha256', data, keyPem));
      },
      chain: [pki.ca.der],
      policy: POLICY,
    });
    const app = Fastify();
    app.addContentTypeParser('application/timestamp-query', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    app.post('/tsa', async (request, reply) => {
      const answer = await handleDerRequest(viaCallback, {
        method: request.method,
        contentType: request.headers['content-type'],
        body: new Uint8Array(request.body as Buffer),
      });
      return reply.code(answer.status).headers(answer.headers).send(Buffer.from(answer.body));
    });
    try {
      const digest = sha256('qua Fastify');
      const response = await app.inject({
        method: 'POST',
        url: '/tsa',
        headers: { 'content-type': 'application/timestamp-query' },
        payload: Buffer.from(timestampRequest(digest)),
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/timestamp-reply');
      const { tokenDer } = readTimestampResponse(new Uint8Array(response.rawPayload), digest);
      await verifyTimestampToken(tokenDer, { digest, trustAnchors: [pki.root.der] });
      expect(calls).toBe(1);
    } finally {
      await app.close();
    }
  });
});

describe('ESS signing-certificate binding', () => {
  it('names the signing certificate and no other one with the same issuer', () => {
    const tsa = parseCertificate(pki.tsa.der);
    const attribute = signingCertificateV2(tsa);
    expect(essBindsCertificate([attribute], tsa)).toBe(true);
    expect(essBindsCertificate([attribute], parseCertificate(pki.tsaNonCritical.der))).toBe(false);
    expect(essBindsCertificate([], tsa)).toBe(false);
  });
});

describe('TSA over HTTP', () => {
  it('requests a token with a nonce, and reports timeouts and wrong content types', async () => {
    const server = createServer(nodeDerHandler(responder));
    const url = await listen(server);
    const silent = createServer(() => undefined);
    const silentUrl = await listen(silent);
    try {
      const digest = sha256('over http');
      const reply = await requestTimestamp(url, digest);
      const verified = await verifyTimestampToken(reply.tokenDer, { digest, trustAnchors: [pki.root.der] });
      expect(verified.nonceHex).toMatch(/^[0-9a-f]+$/);
      const wrongType = await fetch(url, {
        method: 'POST',
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(wrongType.status).toBe(415);
      expect(await codeOf(requestTimestamp(silentUrl, digest, { timeoutMs: 300 }))).toBe('transport');
      expect(await codeOf(requestTimestamp('http://127.0.0.1:1/', digest))).toBe('transport');
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
      await new Promise((r) => server.close(r));
    }
  });
});

describe('serial numbers', () => {
  it('encodes any nonce as a minimal, positive DER INTEGER (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 9 }), (bytes) => {
        const content = nonceInteger(bytes).valueBlock.valueHexView;
        expect(content.length).toBeGreaterThan(0);
        expect(content[0]! & 0x80).toBe(0);
        if (content.length > 1) expect(content[0] === 0 && (content[1]! & 0x80) === 0).toBe(false);
        const value = (list: Iterable<number>) => [...list].reduce((n, b) => (n << 8n) | BigInt(b), 0n);
        const cleared = Uint8Array.from(bytes.length ? bytes : [0]);
        cleared[0] = cleared[0]! & 0x7f;
        expect(value(content)).toBe(value(cleared));
      }),
    );
    expect([...nonceInteger(Uint8Array.from([0, 1, 2])).valueBlock.valueHexView]).toEqual([1, 2]);
    expect([...nonceInteger(Uint8Array.from([0x80, 0x90])).valueBlock.valueHexView]).toEqual([0, 0x90]);
  });

  it('round-trip between hex and positive DER INTEGERs', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 160n) - 1n }), (n) => {
        const integer = integerFromSerialHex(n.toString(16));
        expect(serialHexOf(integer)).toBe(n.toString(16));
        expect(integer.valueBlock.valueHexView[0]! & 0x80).toBe(0);
      }),
    );
  });
});
