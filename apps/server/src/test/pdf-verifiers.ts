/**
 * Test support: the independent verifiers of the documents' signatures — pdfsig with an NSS
 * database that trusts the demo root, and openssl cms over each signature's byte ranges.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { extractSignatures } from '../lib/pades';

/** Writes the platform's trust anchors to dir/root.pem and an NSS database trusting them. */
export async function trustDemoRoot(app: FastifyInstance, dir: string): Promise<void> {
  const root = await app.inject({ method: 'GET', url: '/api/trust/anchors.pem' });
  writeFileSync(join(dir, 'root.pem'), root.body);
  const nss = `sql:${join(dir, 'nss')}`;
  mkdirSync(join(dir, 'nss'), { recursive: true });
  execFileSync('certutil', ['-N', '-d', nss, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', nss, '-n', 'demo-root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')]);
}

/** pdfsig's report of a PDF (the trust of dir's NSS database). */
export function pdfsig(dir: string, pdf: Uint8Array, name = 'document.pdf'): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return spawnSync('pdfsig', ['-nssdir', `sql:${join(dir, 'nss')}`, file], { encoding: 'utf8' }).stdout;
}

/** openssl cms -verify of every signature of the PDF against dir/root.pem: its stderr each. */
export function opensslVerify(dir: string, pdf: Uint8Array): string[] {
  return extractSignatures(pdf).map((signature) => {
    writeFileSync(join(dir, 'sig.der'), signature.cms);
    writeFileSync(join(dir, 'content.bin'), signature.content);
    return spawnSync(
      'openssl',
      [
        ...['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der')],
        ...['-content', join(dir, 'content.bin'), '-CAfile', join(dir, 'root.pem')],
        ...['-purpose', 'any', '-out', '/dev/null'],
      ],
      { encoding: 'utf8' },
    ).stderr;
  });
}
