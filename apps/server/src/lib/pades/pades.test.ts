/**
 * PAdES end to end on a PKI made by OpenSSL: a person's signature (B-T, visible, blue) then the
 * agency's (B-T, the red seal over the left third, the number and date stamped in the same
 * update), the validation data (B-LT); checked by our verifier and by two independent ones —
 * poppler's `pdfsig` (against an NSS database trusting the test root) and `openssl cms -verify`
 * over the signed byte ranges — and the external-signer split gives the same bytes as one call.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { webcrypto } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from './pdf-lib';
import { createTestPki, type TestPki } from '../tsp/test-pki';
import { createTsaResponder, readTimestampResponse, timestampRequest } from '../tsp';
import { cryptoKeySigner, type Signer } from '../keystore';
import {
  addSignatureTimestamp,
  addValidationData,
  embedSignature,
  extractSignatures,
  padesCms,
  prepareSignature,
  sealAppearance,
  sealRectFor,
  signerAppearance,
  signPdf,
  stampAppearance,
  verifyPdf,
  type PlaceholderOptions,
  type TimestampDigest,
} from '.';

let pki: TestPki;
let dir: string;
let signer: Signer;
let sealSigner: Signer;
let timestamp: TimestampDigest;

async function signerOf(key: webcrypto.CryptoKey, der: Uint8Array): Promise<Signer> {
  const spki = new X509Certificate(Buffer.from(der)).publicKey.export({ type: 'spki', format: 'der' });
  return cryptoKeySigner('test', key, new Uint8Array(spki));
}

async function blankPdf(pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Trang ${i + 1}`, { x: 50, y: 780 });
  return doc.save({ useObjectStreams: false });
}

const signerRect = { x: 340, y: 200, width: 150, height: 60 };

function personOptions(): PlaceholderOptions {
  return {
    fieldName: 'ky-so-nguoi-co-tham-quyen',
    signingTime: new Date(),
    reason: 'Người có thẩm quyền ký',
    location: 'Tây Ninh',
    name: 'Huỳnh Minh Tâm',
    widget: {
      page: -1,
      rect: signerRect,
      draw: (pen) =>
        signerAppearance(pen, signerRect, {
          fullName: 'Huỳnh Minh Tâm',
          signedAtText: '03/12/2026 10:15:22',
        }),
    },
  };
}

function sealOptions(): PlaceholderOptions {
  const rect = sealRectFor(signerRect);
  return {
    fieldName: 'ky-so-co-quan',
    signingTime: new Date(),
    reason: 'Văn thư ký số của cơ quan, tổ chức',
    widget: {
      page: -1,
      rect,
      draw: (pen) => sealAppearance(pen, rect, { name: 'Sở Xây dựng tỉnh Tây Ninh', place: 'Tây Ninh' }),
    },
    stamps: [
      {
        page: 0,
        rect: { x: 100, y: 760, width: 30, height: 14 },
        draw: (pen) => stampAppearance(pen, { x: 0, y: 0, width: 30, height: 14 }, '15', 13),
      },
    ],
  };
}

async function signAs(pdf: Uint8Array, options: PlaceholderOptions, as: 'person' | 'seal' = 'person') {
  const [key, certificate] = as === 'person' ? [signer, pki.leaf.der] : [sealSigner, pki.seal.der];
  return signPdf(pdf, options, async (digest) =>
    addSignatureTimestamp(
      await padesCms({ contentDigest: digest, signer: key, certificate, chain: [pki.ca.der] }),
      timestamp,
    ),
  );
}

function pdfsig(pdf: Uint8Array): string {
  const file = join(dir, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const result = spawnSync('pdfsig', ['-nssdir', `sql:${join(dir, 'nss')}`, file], { encoding: 'utf8' });
  return result.stdout + result.stderr;
}

beforeAll(async () => {
  pki = createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'pades-'));
  execFileSync('mkdir', ['-p', join(dir, 'nss')]);
  execFileSync('certutil', ['-N', '-d', `sql:${join(dir, 'nss')}`, '--empty-password']);
  execFileSync('certutil', [
    '-A',
    '-d',
    `sql:${join(dir, 'nss')}`,
    '-n',
    'test-root',
    '-t',
    'CT,C,C',
    '-i',
    pki.root.certPath,
  ]);
  signer = await signerOf(await pki.leaf.privateKey(), pki.leaf.der);
  sealSigner = await signerOf(await pki.seal.privateKey(), pki.seal.der);
  const tsa = createTsaResponder({
    certificate: pki.tsa.der,
    privateKey: await pki.tsa.privateKey(),
    chain: [pki.ca.der],
    policy: '2.999.1',
  });
  timestamp = async (digest) => {
    const reply = readTimestampResponse(await tsa.respond(timestampRequest(digest)), digest);
    return { token: reply.tokenDer, genTime: new Date() };
  };
}, 60_000);

afterAll(() => {
  pki?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('PAdES signatures', () => {
  it('two visible B-T signatures and the validation data verify with pdfsig, openssl and our verifier', async () => {
    const once = await signAs(await blankPdf(2), personOptions());
    // Two signatures by the same certificate are not what happens (the person, then the agency),
    // and pdfsig 22.12 cannot judge the certificate of the second of them ("Unknown issue").
    const twice = await signAs(once, sealOptions(), 'seal');
    const final = await addValidationData(twice, {
      certificates: [pki.leaf.der, pki.seal.der, pki.ca.der, pki.root.der, pki.tsa.der],
      ocspResponses: [],
      crls: [],
    });
    // The earlier bytes are kept: each update is appended.
    expect(
      Buffer.from(final.subarray(0, once.length - 1)).equals(Buffer.from(once.subarray(0, once.length - 1))),
    ).toBe(true);

    const ours = await verifyPdf(final, { trustAnchors: [pki.root.der], requireTimestamp: true });
    expect(ours.map((c) => [c.ok, c.coversWholeFile, c.timestamp !== null])).toEqual([
      [true, false, true],
      [true, false, true],
    ]);

    if (process.env.PADES_KEEP) writeFileSync(process.env.PADES_KEEP, final);
    const report = pdfsig(final);
    expect(report.match(/Signature is Valid\./g)?.length).toBe(2);
    expect(report.match(/Certificate is Trusted\./g)?.length).toBe(2);
    expect(report).toContain('ETSI.CAdES.detached');

    for (const signature of extractSignatures(final)) {
      const cms = join(dir, 'sig.der');
      const content = join(dir, 'content.bin');
      writeFileSync(cms, signature.cms);
      writeFileSync(content, signature.content);
      const out = pki.openssl([
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        cms,
        '-content',
        content,
        '-CAfile',
        pki.root.certPath,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      expect(out).toContain('Verification successful');
    }
  }, 60_000);

  it('a changed byte is caught by pdfsig and by our verifier', async () => {
    const signed = await signAs(await blankPdf(), personOptions());
    const tampered = Buffer.from(signed);
    // The binary comment of the header (bytes 9–14): inside the signed range, harmless to a reader.
    tampered[11] = tampered[11]! ^ 0x01;
    const ours = await verifyPdf(tampered, { trustAnchors: [pki.root.der] });
    expect(ours[0]?.ok).toBe(false);
    expect(ours[0]?.problem?.code).toBe('signature_invalid');
    expect(pdfsig(tampered)).toMatch(/Digest Mismatch|Signature is Invalid/);
  }, 30_000);

  it('prepare, sign elsewhere, embed: the same as signing in one call, and verified', async () => {
    const pdf = await blankPdf();
    const options = { ...personOptions(), signingTime: new Date('2026-12-03T03:15:22Z') };
    const { prepared, digest } = await prepareSignature(pdf, options);
    const cms = await padesCms({
      contentDigest: digest,
      signer,
      certificate: pki.leaf.der,
      chain: [pki.ca.der],
    });
    const assembled = await embedSignature(prepared, await addSignatureTimestamp(cms, timestamp));
    const checks = await verifyPdf(assembled, { trustAnchors: [pki.root.der], requireTimestamp: true });
    expect(checks).toHaveLength(1);
    expect(checks[0]?.ok).toBe(true);
    expect(checks[0]?.coversWholeFile).toBe(true);
    expect(pdfsig(assembled)).toContain('Signature is Valid.');
  }, 30_000);

  it('a signature from another certificate than the one claimed does not verify against an unrelated root', async () => {
    const signed = await signAs(await blankPdf(), personOptions());
    const checks = await verifyPdf(signed, { trustAnchors: [pki.tsa.der] });
    expect(checks[0]?.ok).toBe(false);
  }, 30_000);
});
