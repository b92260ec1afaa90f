/**
 * Test support: a certificate authority made by OpenSSL alone (root → issuing CA), which issues a
 * certificate for any public key with `openssl x509 -req -force_pubkey` — a key in a token cannot
 * sign its own CSR here, so the CSR is a throwaway one and OpenSSL replaces its key. Keeping the
 * whole PKI in OpenSSL makes it independent of the code under test (pkijs). Used by tests only.
 */
import { execFileSync } from 'node:child_process';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpensslCa {
  dir: string;
  rootPem: string;
  rootDer: Uint8Array;
  issuingDer: Uint8Array;
  /** Issues a certificate (DER) for an SPKI (DER), valid `days` days from now. */
  issue(spki: Uint8Array, commonName: string, days?: number): Uint8Array;
  remove(): void;
}

const CONFIG = `[req]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[dn]
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[issuing]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export function createOpensslCa(): OpensslCa {
  const dir = mkdtempSync(join(tmpdir(), 'tn-ca-'));
  const file = (name: string) => join(dir, name);
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const der = (pem: string) => new Uint8Array(new X509Certificate(readFileSync(file(pem))).raw);
  writeFileSync(file('openssl.cnf'), CONFIG);
  const cnf = ['-config', file('openssl.cnf')];
  run([
    'req',
    ...cnf,
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'root.key',
    '-out',
    'root.pem',
    '-days',
    '30',
    '-subj',
    '/C=VN/O=DEMO — không có giá trị pháp lý/CN=Tây Ninh Test Root',
    '-extensions',
    'root',
  ]);
  run([
    'req',
    ...cnf,
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'issuing.key',
    '-out',
    'issuing.csr',
    '-subj',
    '/C=VN/O=DEMO — không có giá trị pháp lý/CN=Tây Ninh Test Issuing CA',
  ]);
  run([
    'x509',
    '-req',
    '-in',
    'issuing.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    file('openssl.cnf'),
    '-extensions',
    'issuing',
    '-out',
    'issuing.pem',
  ]);
  run([
    'req',
    ...cnf,
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'throwaway.key',
    '-out',
    'throwaway.csr',
    '-subj',
    '/CN=throwaway',
  ]);
  rmSync(file('throwaway.csr'));
  let serial = 0;
  return {
    dir,
    rootPem: file('root.pem'),
    rootDer: der('root.pem'),
    issuingDer: der('issuing.pem'),
    issue(spki, commonName, days = 30) {
      serial++;
      const pub = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      writeFileSync(file(`leaf${serial}.pub.pem`), pub.export({ type: 'spki', format: 'pem' }));
      // The CSR's subject is the certificate's; its key (the throwaway one) is replaced.
      const subject = `/C=VN/O=DEMO — không có giá trị pháp lý/CN=${commonName}`;
      run(['req', ...cnf, '-new', '-key', 'throwaway.key', '-subj', subject, '-out', `leaf${serial}.csr`]);
      run([
        'x509',
        '-req',
        '-in',
        `leaf${serial}.csr`,
        '-force_pubkey',
        `leaf${serial}.pub.pem`,
        '-CA',
        'issuing.pem',
        '-CAkey',
        'issuing.key',
        '-CAcreateserial',
        '-days',
        String(days),
        '-extfile',
        file('openssl.cnf'),
        '-extensions',
        'leaf',
        '-out',
        `leaf${serial}.pem`,
      ]);
      return der(`leaf${serial}.pem`);
    },
    // KEEP_CA=1 keeps the directory to rerun openssl by hand.
    remove: () => (process.env.KEEP_CA ? undefined : rmSync(dir, { recursive: true, force: true })),
  };
}
