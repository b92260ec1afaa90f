import { spawnSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID, sha256 } from './cms-attributes';
import { signCms, verifyCms } from './cms';
import { isKeyStoreError } from './errors';
import { Pkcs11KeyStore } from './pkcs11';
import { InMemoryEncryptedKeyRepository, SoftwareKeyStore } from './software';
import { createOpensslCa, type OpensslCa } from './testing/openssl-ca';
import { createSoftHsmToken, type SoftHsmToken } from './testing/softhsm';
import type { Signer } from './types';

let ca: OpensslCa;
let token: SoftHsmToken;
let hsm: Pkcs11KeyStore;
let tokenSigner: Signer;
let tokenCert: Uint8Array;
let softSigner: Signer;
let softCert: Uint8Array;

beforeAll(async () => {
  ca = createOpensslCa();
  token = createSoftHsmToken('tayninh-cms');
  hsm = new Pkcs11KeyStore({ modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin });
  const sealKey = await hsm.generateKey('Dấu UBND tỉnh Tây Ninh', { modulusLength: 2048 });
  tokenSigner = await hsm.signer(sealKey.keyId);
  tokenCert = ca.issue(sealKey.publicKey, 'UBND tỉnh Tây Ninh (token)');
  const soft = new SoftwareKeyStore(randomBytes(32), new InMemoryEncryptedKeyRepository());
  const softKey = await soft.generateKey('Sở Xây dựng', { modulusLength: 2048 });
  softSigner = await soft.signer(softKey.keyId);
  softCert = ca.issue(softKey.publicKey, 'Sở Xây dựng (software)');
});
afterAll(() => {
  hsm?.close();
  token?.remove();
  ca?.remove();
});

let fileNo = 0;
function opensslVerify(
  signature: Uint8Array,
  content?: Uint8Array,
  extra: string[] = [],
  caFile = ca.rootPem,
) {
  fileNo++;
  const sig = join(ca.dir, `sig${fileNo}.der`);
  writeFileSync(sig, signature);
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-CAfile', caFile, '-in', sig, ...extra];
  if (content) {
    const data = join(ca.dir, `data${fileNo}.bin`);
    writeFileSync(data, content);
    args.push('-content', data);
  }
  const run = spawnSync('openssl', args);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString() };
}

function opensslPrint(signature: Uint8Array): string {
  const sig = join(ca.dir, `print${++fileNo}.der`);
  writeFileSync(sig, signature);
  return spawnSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sig]).stdout.toString();
}

const content = new TextEncoder().encode('{"treeSize":42,"rootHash":"ab…"} — Quyết định số 12/QĐ-UBND');

describe('CMS SignedData over a key store signer', () => {
  it('signs with the token key; openssl cms -verify accepts it and prints the encapsulated content', async () => {
    const der = await signCms({
      content,
      detached: false,
      signer: tokenSigner,
      certificate: tokenCert,
      chain: [ca.issuingDer],
    });
    const result = opensslVerify(der);
    expect(result.stderr).toContain('CMS Verification successful');
    expect(result.status).toBe(0);
    expect(Buffer.from(result.stdout)).toEqual(Buffer.from(content));

    const printed = opensslPrint(der);
    for (const attr of ['contentType', 'messageDigest', 'signingTime', 'id-smime-aa-signingCertificateV2']) {
      expect(printed).toContain(attr);
    }
    expect(printed).toContain('sha256');
    expect(printed).not.toMatch(/sha1/i);

    const verified = await verifyCms(der, { trustAnchors: [ca.rootDer] });
    expect(Buffer.from(verified.signerCertificate)).toEqual(Buffer.from(tokenCert));
    expect(verified.detached).toBe(false);
    expect(Buffer.from(verified.content)).toEqual(Buffer.from(content));
    expect(verified.eContentType).toBe(OID.data);
    expect(Buffer.from(verified.signedAttributes.messageDigest)).toEqual(Buffer.from(sha256(content)));
    expect(Buffer.from(verified.signedAttributes.signingCertificateHash!)).toEqual(
      Buffer.from(sha256(tokenCert)),
    );
    expect(Math.abs(verified.signedAttributes.signingTime!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(verified.certificatePath.length).toBe(3);
  });

  it('makes detached signatures that verify only with the right content', async () => {
    for (const [signer, certificate] of [
      [tokenSigner, tokenCert],
      [softSigner, softCert],
    ] as const) {
      const der = await signCms({ content, detached: true, signer, certificate, chain: [ca.issuingDer] });
      expect(opensslPrint(der)).toMatch(/eContent: <ABSENT>/);
      const ok = opensslVerify(der, content);
      expect(ok.stderr).toContain('CMS Verification successful');
      expect(ok.status).toBe(0);
      const tampered = Uint8Array.from(content);
      tampered[3]! ^= 1;
      const bad = opensslVerify(der, tampered);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(/digest failure|Verification failure/i);

      const verified = await verifyCms(der, { content, trustAnchors: [ca.rootDer] });
      expect(Buffer.from(verified.signerCertificate)).toEqual(Buffer.from(certificate));
      await expect(verifyCms(der, { content: tampered, trustAnchors: [ca.rootDer] })).rejects.toSatisfy((e) =>
        isKeyStoreError(e, 'CMS_SIGNATURE_INVALID'),
      );
      await expect(verifyCms(der, { trustAnchors: [ca.rootDer] })).rejects.toSatisfy((e) =>
        isKeyStoreError(e, 'CMS_CONTENT_MISSING'),
      );
    }
  });

  it('refuses a flipped signature byte, an untrusted root, an expired signer and a foreign certificate', async () => {
    const der = await signCms({
      content,
      detached: false,
      signer: softSigner,
      certificate: softCert,
      chain: [ca.issuingDer],
    });
    // The signature value ends the structure (no unsigned attributes follow it).
    const flipped = Uint8Array.from(der);
    flipped[flipped.length - 10]! ^= 0x01;
    expect(opensslVerify(flipped).status).not.toBe(0);
    await expect(verifyCms(flipped, { trustAnchors: [ca.rootDer] })).rejects.toSatisfy((e) =>
      isKeyStoreError(e, 'CMS_SIGNATURE_INVALID'),
    );

    const otherCa = createOpensslCa();
    try {
      await expect(verifyCms(der, { trustAnchors: [otherCa.rootDer] })).rejects.toSatisfy(
        (e) => isKeyStoreError(e, 'CMS_SIGNER_UNTRUSTED') && e.messageVi.includes('tin cậy'),
      );
    } finally {
      otherCa.remove();
    }
    const later = new Date(Date.now() + 40 * 86_400_000);
    await expect(verifyCms(der, { trustAnchors: [ca.rootDer], at: later })).rejects.toSatisfy((e) =>
      isKeyStoreError(e, 'CMS_SIGNER_UNTRUSTED'),
    );
    await expect(
      signCms({ content, detached: false, signer: tokenSigner, certificate: softCert }),
    ).rejects.toSatisfy((e) => isKeyStoreError(e, 'CMS_SIGNING_CERTIFICATE_MISMATCH'));
    await expect(
      verifyCms(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), { trustAnchors: [] }),
    ).rejects.toSatisfy((e) => isKeyStoreError(e, 'CMS_MALFORMED'));
  });

  it('carries another content type with SignedData version 3, and the chain can come from the verifier', async () => {
    const treeHead = '1.3.6.1.4.1.99999.13.1'; // an example content type of a private arc
    const der = await signCms({
      content,
      detached: false,
      signer: tokenSigner,
      certificate: tokenCert,
      contentType: treeHead,
    });
    expect(opensslPrint(der)).toMatch(/version: 3/);
    const withChain = opensslVerify(der);
    expect(withChain.status).not.toBe(0); // the issuing CA is neither embedded nor given
    // OpenSSL 3.0's cms -verify ignores -certfile: the verifier's chain goes into the CA bundle.
    const bundle = join(ca.dir, 'root-and-issuing.pem');
    writeFileSync(bundle, readFileSync(ca.rootPem, 'utf8') + new X509Certificate(ca.issuingDer).toString());
    const given = opensslVerify(der, undefined, [], bundle);
    expect(given.stderr).toContain('CMS Verification successful');
    expect(Buffer.from(given.stdout)).toEqual(Buffer.from(content));
    await expect(verifyCms(der, { trustAnchors: [ca.rootDer] })).rejects.toSatisfy((e) =>
      isKeyStoreError(e, 'CMS_SIGNER_UNTRUSTED'),
    );
    const verified = await verifyCms(der, { trustAnchors: [ca.rootDer], intermediates: [ca.issuingDer] });
    expect(verified.eContentType).toBe(treeHead);
  });
});
