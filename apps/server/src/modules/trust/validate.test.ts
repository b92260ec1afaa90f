import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate } from './certificates';
import { generateDemoPki, type DemoPki } from './demo-pki';
import { crypto, RSA_ALGORITHM, x509 } from './engine';
import { refusalError } from './reasons';
import { crlRevocationCheck } from './revocation';
import { validatePath, type PathOptions } from './validate';

const DAY = 86_400_000;
let pki: DemoPki;
let options: (at?: Date) => PathOptions;

/** A certificate issued by the demo issuing CA with the given validity and extensions. */
async function issued(
  days: { from: number; to: number },
  extensions: x509.Extension[],
  issuer = pki.issuing,
): Promise<x509.X509Certificate> {
  const keys = await crypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
  return x509.X509CertificateGenerator.create({
    serialNumber: '0a0b0c' + String(Date.now() % 100000),
    subject: 'CN=Thử nghiệm, O=DEMO',
    issuer: issuer.certificate.subjectName,
    notBefore: new Date(Date.now() + days.from * DAY),
    notAfter: new Date(Date.now() + days.to * DAY),
    signingAlgorithm: RSA_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: issuer.privateKey,
    extensions,
  });
}
const signer = () => [
  new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
];

const leafOf = (label: string) => pki.leaves.find((leaf) => leaf.label === label)!.certificate;

beforeAll(async () => {
  pki = await generateDemoPki({
    people: [
      { username: 'lanhdao', fullName: 'Lê Hoàng Phúc', unitName: 'Sở Tư pháp' },
      { username: 'chutich.xa', fullName: 'Nguyễn Thanh Tùng', unitName: 'Ủy ban nhân dân phường Tân Ninh' },
    ],
    agencies: [{ agencyCode: '000.00.16.H53', name: 'Sở Xây dựng' }],
  });
  options = (at = new Date()) => ({
    anchors: [pki.root.certificate],
    intermediates: [pki.issuing.certificate],
    at,
    usage: 'signing',
    isRevoked: crlRevocationCheck([pki.crls.root, pki.crls.issuing]),
  });
}, 60_000);

describe('validatePath', () => {
  it('accepts the demo signing certificate, with its path to the root and revocation checked', async () => {
    const result = await validatePath(leafOf('demo-signing-lanhdao'), options());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.path.map((c) => c.subject)).toEqual([
      leafOf('demo-signing-lanhdao').subject,
      pki.issuing.certificate.subject,
      pki.root.certificate.subject,
    ]);
    expect(result.revocation).toBe('checked');
  });

  it('accepts each purpose only for its own certificate', async () => {
    const expectations: Array<[string, PathOptions['usage'], boolean]> = [
      ['demo-seal-000.00.16.H53', 'seal', true],
      ['demo-tsa', 'timestamping', true],
      ['demo-ocsp', 'ocsp', true],
      ['demo-tsa', 'signing', false],
      ['demo-ocsp', 'timestamping', false],
      ['demo-signing-lanhdao', 'timestamping', false],
      ['demo-signing-lanhdao', 'ocsp', false],
    ];
    for (const [label, usage, ok] of expectations) {
      const result = await validatePath(leafOf(label), { ...options(), usage });
      expect({ label, usage, ok: result.ok, code: result.ok ? null : result.code }).toEqual({
        label,
        usage,
        ok,
        code: ok ? null : 'wrong_key_usage',
      });
    }
  });

  it('refuses a CA certificate as a signer (wrong key usage)', async () => {
    const result = await validatePath(pki.issuing.certificate, options());
    expect(result.ok ? null : result.code).toBe('wrong_key_usage');
  });

  it('refuses an expired and a not-yet-valid certificate, in Vietnamese', async () => {
    const expired = await validatePath(await issued({ from: -30, to: -1 }, signer()), options());
    expect(expired.ok ? null : [expired.code, expired.message]).toEqual([
      'certificate_expired',
      expect.stringMatching(/^Chứng thư số đã hết hạn \(hết hiệu lực từ \d\d:\d\d \d\d\/\d\d\/\d{4}\)\.$/),
    ]);
    const future = await validatePath(await issued({ from: 2, to: 30 }, signer()), options());
    expect(future.ok ? null : [future.code, future.message]).toEqual([
      'certificate_not_yet_valid',
      expect.stringContaining('chưa có hiệu lực'),
    ]);
  });

  it('refuses a certificate whose issuer is not known, and one signed by a stranger under a known name', async () => {
    const other = await generateDemoPki({
      people: [{ username: 'x', fullName: 'Người lạ', unitName: 'Nơi khác' }],
      agencies: [],
    });
    const stranger = await validatePath(other.leaves[0]!.certificate, options());
    expect(stranger.ok ? null : [stranger.code, stranger.message]).toEqual([
      'untrusted_issuer',
      expect.stringContaining('Không có chuỗi chứng thư tới một gốc tin cậy'),
    ]);
    // Same issuer name as the demo's issuing CA (both PKIs use it), another key: the signature fails.
    expect(other.issuing.certificate.subject).toBe(pki.issuing.certificate.subject);
    const noAnchor = await validatePath(leafOf('demo-signing-lanhdao'), { ...options(), anchors: [] });
    expect(noAnchor.ok ? null : noAnchor.code).toBe('untrusted_issuer');
    const noIntermediate = await validatePath(leafOf('demo-signing-lanhdao'), {
      ...options(),
      intermediates: [],
    });
    expect(noIntermediate.ok ? null : noIntermediate.code).toBe('untrusted_issuer');
  });

  it('refuses the revoked demo certificate from its revocation date on, and accepts it before', async () => {
    const result = await validatePath(pki.revoked.certificate, options());
    expect(result.ok ? null : [result.code, result.message]).toEqual([
      'certificate_revoked',
      expect.stringContaining('đã bị thu hồi'),
    ]);
    const before = await validatePath(pki.revoked.certificate, options(new Date(Date.now() - 3_600_000)));
    expect(before.ok).toBe(true);
  });

  it('says the revocation status is unknown without a CRL, and refuses only when asked to', async () => {
    const lenient = await validatePath(leafOf('demo-signing-lanhdao'), {
      ...options(),
      isRevoked: crlRevocationCheck([]),
    });
    expect(lenient.ok && lenient.revocation).toBe('unknown');
    const strict = await validatePath(leafOf('demo-signing-lanhdao'), {
      ...options(),
      isRevoked: crlRevocationCheck([]),
      requireRevocationStatus: true,
    });
    expect(strict.ok ? null : strict.code).toBe('revocation_unknown');
  });

  it('ignores a CRL not signed by the issuer', async () => {
    const other = await generateDemoPki({
      people: [{ username: 'x', fullName: 'X', unitName: 'Y' }],
      agencies: [],
    });
    // The other PKI's issuing CRL has the same issuer name, another signature: not counted.
    const result = await validatePath(leafOf('demo-signing-lanhdao'), {
      ...options(),
      isRevoked: crlRevocationCheck([other.crls.issuing]),
    });
    expect(result.ok && result.revocation).toBe('unknown');
  });

  it('refuses bytes that are not a certificate', async () => {
    const result = await validatePath(new Uint8Array([1, 2, 3]), options());
    expect(result.ok ? null : result.code).toBe('certificate_malformed');
  });

  it('maps a refusal to a 422 problem with the code and both languages', async () => {
    const result = await validatePath(pki.revoked.certificate, options());
    if (result.ok) throw new Error('expected a refusal');
    const error = refusalError(result);
    expect([error.status, error.code, error.message, error.messageEn]).toEqual([
      422,
      'certificate_revoked',
      result.message,
      expect.stringContaining('has been revoked'),
    ]);
  });

  it('accepts exactly inside the validity of every certificate of the path (property)', async () => {
    const leaf = leafOf('demo-signing-chutich.xa');
    const path = [leaf, pki.issuing.certificate, pki.root.certificate].map(describeCertificate);
    const start = Math.max(...path.map((c) => c.notBefore.getTime()));
    const end = Math.min(...path.map((c) => c.notAfter.getTime()));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: start - 400 * DAY, max: end + 400 * DAY }), async (time) => {
        const result = await validatePath(leaf, { ...options(new Date(time)), isRevoked: undefined });
        const inside = time >= start && time <= end;
        expect(result.ok).toBe(inside);
        if (!result.ok)
          expect(result.code).toBe(time < start ? 'certificate_not_yet_valid' : 'certificate_expired');
      }),
      { numRuns: 40, seed: 13 },
    );
  }, 60_000);

  it('refuses a key usage set without digitalSignature or nonRepudiation for every purpose (property)', async () => {
    const encipher = await issued({ from: -1, to: 30 }, [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyEncipherment, true),
    ]);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('signing', 'seal', 'timestamping', 'ocsp' as const), async (usage) => {
        const result = await validatePath(encipher, { ...options(), usage });
        expect(result.ok ? null : result.code).toBe('wrong_key_usage');
      }),
      { numRuns: 8 },
    );
  });
});
