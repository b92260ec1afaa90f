/**
 * `npm run bench:signing` (and the first half of `npm run bench:documents`): the competent
 * person's PAdES signature of an official document — placeholder, CMS with the signing
 * certificate, the signature timestamp from the TSA (in process, as the demo TSA answers), the
 * incremental update — and its verification (every signature's CMS, byte range, certificate path
 * and timestamp), for a 1-page and a 50-page PDF, with a key the platform holds (WebCrypto, as the
 * software key store decrypts it) and a key on a PKCS#11 token (SoftHSM2). Each beside the bare
 * RSA-2048 signature of the same key measured in the same run (the direct call): the ratio is
 * what the PDF and the CMS cost on top of the key.
 *
 * The PKI is made by OpenSSL in a temporary directory (root → CA → signer, TSA); the token's key
 * is generated on the token and certified by the same CA (openssl x509 -force_pubkey).
 * BENCH_RUNS (default 20).
 */
import { createPublicKey, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@cantoo/fontkit';
import { cryptoKeySigner, Pkcs11KeyStore, type Signer } from '../apps/server/src/lib/keystore';
import { createSoftHsmToken } from '../apps/server/src/lib/keystore/testing/softhsm';
import {
  addSignatureTimestamp,
  padesCms,
  pdfLib,
  signerAppearance,
  signPdf,
  verifyPdf,
  type PlaceholderOptions,
  type TimestampDigest,
} from '../apps/server/src/lib/pades';
import { notoSerifBytes } from '../apps/server/src/lib/pdf';
import { createTsaResponder, readTimestampResponse, timestampRequest } from '../apps/server/src/lib/tsp';
import { createTestPki } from '../apps/server/src/lib/tsp/test-pki';
import { measure, printTimings, type Timing } from './lib';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const RECT = { x: 340, y: 200, width: 150, height: 60 };

/** A document of `pages` A4 pages of Vietnamese text in the embedded Noto Serif, as composed ones are. */
async function documentPdf(pages: number): Promise<Uint8Array> {
  const doc = await pdfLib.PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(notoSerifBytes().regular, { subset: true });
  const line =
    'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý kiến trúc trên địa bàn tỉnh Tây Ninh.';
  for (let p = 0; p < pages; p += 1) {
    const page = doc.addPage([595.28, 841.89]);
    for (let l = 0; l < 40; l += 1) page.drawText(line, { x: 56, y: 780 - l * 18, size: 11, font });
  }
  return doc.save();
}

const options = (): PlaceholderOptions => ({
  fieldName: 'ky-so-nguoi-co-tham-quyen',
  signingTime: new Date(),
  reason: 'Người có thẩm quyền ký',
  location: 'Tây Ninh',
  name: 'Huỳnh Minh Tâm',
  widget: {
    page: -1,
    rect: RECT,
    draw: (pen) =>
      signerAppearance(pen, RECT, { fullName: 'Huỳnh Minh Tâm', signedAtText: '08/12/2026 10:15:22' }),
  },
});

async function signingBench() {
  const pki = createTestPki();
  const token = createSoftHsmToken('bench-signing');
  const store = new Pkcs11KeyStore({
    modulePath: token.modulePath,
    tokenLabel: token.tokenLabel,
    pin: token.pin,
  });
  try {
    const spkiOf = (der: Uint8Array) =>
      new Uint8Array(new X509Certificate(Buffer.from(der)).publicKey.export({ type: 'spki', format: 'der' }));
    const held: Signer = cryptoKeySigner('held', await pki.leaf.privateKey(), spkiOf(pki.leaf.der));
    // The token's key, certified by the test CA for its public key.
    const info = await store.generateKey('bench-lanhdao', { modulusLength: 2048 });
    const onToken = await store.signer(info.keyId);
    const pubPath = join(pki.dir, 'token.pub.pem');
    writeFileSync(
      pubPath,
      createPublicKey({ key: Buffer.from(info.publicKey), format: 'der', type: 'spki' }).export({
        type: 'spki',
        format: 'pem',
      }),
    );
    pki.openssl([
      'req',
      '-new',
      '-key',
      pki.leaf.keyPath,
      '-subj',
      '/CN=Token signer/O=Bench',
      '-out',
      'token.csr',
    ]);
    pki.openssl([
      'x509',
      '-req',
      '-in',
      'token.csr',
      '-CA',
      pki.ca.certPath,
      '-CAkey',
      pki.ca.keyPath,
      '-CAcreateserial',
      '-force_pubkey',
      pubPath,
      '-days',
      '30',
      '-outform',
      'DER',
      '-out',
      'token.der',
    ]);
    const tokenCertificate = new X509Certificate(
      Buffer.from(pki.openssl(['x509', '-inform', 'DER', '-in', 'token.der']), 'utf8'),
    ).raw;

    const tsa = createTsaResponder({
      certificate: pki.tsa.der,
      privateKey: await pki.tsa.privateKey(),
      chain: [pki.ca.der],
      policy: '2.999.1',
    });
    const timestamp: TimestampDigest = async (digest) => {
      const reply = readTimestampResponse(await tsa.respond(timestampRequest(digest)), digest);
      return { token: reply.tokenDer, genTime: new Date() };
    };
    const pdfs = { 1: await documentPdf(1), 50: await documentPdf(50) };
    const keys = [
      { name: 'held key (WebCrypto)', signer: held, certificate: pki.leaf.der },
      { name: 'SoftHSM2 (PKCS#11)', signer: onToken, certificate: new Uint8Array(tokenCertificate) },
    ];
    const sign = (key: (typeof keys)[number], pdf: Uint8Array) =>
      signPdf(pdf, options(), async (digest) =>
        addSignatureTimestamp(
          await padesCms({
            contentDigest: digest,
            signer: key.signer,
            certificate: key.certificate,
            chain: [pki.ca.der],
          }),
          timestamp,
        ),
      );
    const verify = async (pdf: Uint8Array) => {
      const checks = await verifyPdf(pdf, { trustAnchors: [pki.root.der], requireTimestamp: true });
      if (checks.length !== 1 || !checks[0]!.ok)
        throw new Error(`verification failed: ${checks[0]?.problem?.message}`);
    };

    console.log(
      `\nSigning official documents — PAdES-B-T (CMS, timestamp), RSA-2048; PDFs of 1 page (${kb(pdfs[1])}) and 50 pages (${kb(pdfs[50])})`,
    );
    const digest = new Uint8Array(32).fill(7);
    const timings: Timing[] = [];
    for (const key of keys) {
      timings.push(
        await measure(
          `baseline: bare RSA signature, ${key.name}`,
          RUNS,
          async () => void (await key.signer.sign(digest)),
        ),
      );
      for (const pages of [1, 50] as const) {
        const signed = await sign(key, pdfs[pages]);
        await verify(signed);
        timings.push(
          await measure(
            `sign, ${pages} page${pages > 1 ? 's' : ''}, ${key.name}`,
            RUNS,
            async () => void (await sign(key, pdfs[pages])),
          ),
        );
        timings.push(
          await measure(`verify, ${pages} page${pages > 1 ? 's' : ''}, ${key.name}`, RUNS, () =>
            verify(signed),
          ),
        );
        timings.push(
          await measure(`sign + verify, ${pages} page${pages > 1 ? 's' : ''}, ${key.name}`, RUNS, async () =>
            verify(await sign(key, pdfs[pages])),
          ),
        );
      }
    }
    // Each key's scenarios against its own bare signature.
    for (const key of keys) {
      const own = timings.filter((t) => t.name.endsWith(key.name));
      printTimings(own, RUNS);
      for (const t of own.slice(1).filter((t) => t.name.startsWith('sign + verify')))
        console.log(`${t.name}: ${(1000 / t.p50).toFixed(1)} documents per second, one at a time`);
    }
  } finally {
    store.close();
    token.remove();
    pki.cleanup();
  }
}

const kb = (bytes: Uint8Array) => `${Math.round(bytes.length / 1024)} KB`;

await signingBench();
