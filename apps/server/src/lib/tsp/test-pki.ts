/**
 * Test fixture shared by the tsp and ocsp tests: a small PKI made by the `openssl` CLI in a
 * temporary directory, so that what our code reads was produced by an independent implementation.
 * Root CA → issuing CA → { TSA (critical EKU timeStamping), OCSP signer (EKU OCSPSigning), a leaf,
 * a revoked leaf }, plus a certificate without the timeStamping EKU (a wrong-usage case), an
 * OpenSSL `index.txt` that marks the revoked leaf, and every key as PKCS#8 for WebCrypto.
 * Not for production: test code only (nothing outside *.test.ts imports it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';

export interface TestEntity {
  name: string;
  certPath: string;
  keyPath: string;
  der: Uint8Array;
  serialHex: string;
  privateKey(): Promise<webcrypto.CryptoKey>;
}

export interface TestPki {
  dir: string;
  root: TestEntity;
  ca: TestEntity;
  tsa: TestEntity;
  /** A TSA-like certificate whose timeStamping EKU is not critical. */
  tsaNonCritical: TestEntity;
  ocsp: TestEntity;
  leaf: TestEntity;
  /** A second leaf (an agency's seal in the PAdES tests). */
  seal: TestEntity;
  revoked: TestEntity;
  /** When the revoked leaf was revoked (whole seconds) and why. */
  revokedAt: Date;
  /** OpenSSL CA database for `openssl ocsp -index`. */
  indexPath: string;
  /** Runs openssl in the fixture's directory; returns stdout+stderr. Throws on a non-zero exit. */
  openssl(args: string[], input?: Uint8Array): string;
  cleanup(): void;
}

const EXTENSIONS = `
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa_noncritical]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = timeStamping
authorityKeyIdentifier = keyid
[ocsp]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
authorityKeyIdentifier = keyid
`;

/** OpenSSL's index.txt time: YYMMDDHHMMSSZ. */
function indexTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'tayninh-test-pki-'));
  const openssl = (args: string[], input?: Uint8Array): string => {
    const result = spawnSync('openssl', args, { cwd: dir, input, encoding: 'buffer' });
    const output = `${result.stdout?.toString('utf8') ?? ''}${result.stderr?.toString('utf8') ?? ''}`;
    if (result.status !== 0)
      throw new Error(`openssl ${args.join(' ')} failed: ${output || String(result.error)}`);
    return output;
  };
  writeFileSync(join(dir, 'ext.cnf'), EXTENSIONS);

  const entity = (
    name: string,
    subject: string,
    serialHex: string,
    ext: string,
    issuer: TestEntity | null,
  ): TestEntity => {
    const keyPath = join(dir, `${name}.key`);
    const certPath = join(dir, `${name}.pem`);
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath]);
    if (issuer) {
      openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-out', join(dir, `${name}.csr`)]);
      openssl([
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        issuer.certPath,
        '-CAkey',
        issuer.keyPath,
        '-set_serial',
        `0x${serialHex}`,
        '-days',
        '365',
        '-sha256',
        '-extfile',
        'ext.cnf',
        '-extensions',
        ext,
        '-out',
        certPath,
      ]);
    } else {
      openssl([
        'req',
        '-x509',
        '-new',
        '-key',
        keyPath,
        '-subj',
        subject,
        '-set_serial',
        `0x${serialHex}`,
        '-days',
        '3650',
        '-sha256',
        '-config',
        'ext.cnf',
        '-extensions',
        ext,
        '-out',
        certPath,
      ]);
    }
    openssl(['x509', '-in', certPath, '-outform', 'DER', '-out', join(dir, `${name}.der`)]);
    const der = new Uint8Array(readFileSync(join(dir, `${name}.der`)));
    return {
      name,
      certPath,
      keyPath,
      der,
      serialHex,
      privateKey: async () => {
        const pkcs8 = readFileSync(keyPath, 'utf8'); // genpkey writes PKCS#8
        const body = pkcs8.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
        return webcrypto.subtle.importKey(
          'pkcs8',
          Buffer.from(body, 'base64'),
          { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
          false,
          ['sign'],
        );
      },
    };
  };

  const root = entity('root', '/C=VN/O=Test/CN=Test Root CA', '01', 'root', null);
  const ca = entity('ca', '/C=VN/O=Test/CN=Test Issuing CA', '02', 'ca', root);
  const tsa = entity('tsa', '/C=VN/O=Test/CN=Test TSA', '0a', 'tsa', ca);
  const tsaNonCritical = entity('tsa2', '/C=VN/O=Test/CN=Test TSA non-critical', '0b', 'tsa_noncritical', ca);
  const ocsp = entity('ocsp', '/C=VN/O=Test/CN=Test OCSP signer', '0c', 'ocsp', ca);
  const leaf = entity('leaf', '/C=VN/O=Test/CN=Nguyen Van A', '1001', 'leaf', ca);
  const seal = entity('seal', '/C=VN/O=Test/CN=So Xay dung', '1003', 'leaf', ca);
  const revoked = entity('revoked', '/C=VN/O=Test/CN=Tran Thi B', '1002', 'leaf', ca);
  openssl(['x509', '-in', 'ca.pem', '-out', 'chain.pem']);

  const revokedAt = new Date(Math.floor(Date.now() / 1000 - 3600) * 1000);
  const expiry = indexTime(new Date(Date.now() + 300 * 86_400_000));
  const indexPath = join(dir, 'index.txt');
  writeFileSync(
    indexPath,
    [
      `V\t${expiry}\t\t1001\tunknown\t/C=VN/O=Test/CN=Nguyen Van A`,
      `R\t${expiry}\t${indexTime(revokedAt)},keyCompromise\t1002\tunknown\t/C=VN/O=Test/CN=Tran Thi B`,
      '',
    ].join('\n'),
  );

  return {
    dir,
    root,
    ca,
    tsa,
    tsaNonCritical,
    ocsp,
    leaf,
    seal,
    revoked,
    revokedAt,
    indexPath,
    openssl,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
