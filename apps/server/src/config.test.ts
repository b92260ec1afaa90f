/** The trust and evidence settings as the environment gives them, and their refusals. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('trust and evidence settings', () => {
  it('defaults to the demo seal, the demo TSA, online revocation within an hour, no token', () => {
    const config = loadConfig({});
    expect(config.evidence).toEqual({
      sealIntervalMs: 2000,
      sealKeyLabel: 'demo-seal-000.00.00.H53',
      tsaUrl: null,
      tsaPolicy: null,
    });
    expect(config.trustRevocation).toEqual({ maxAgeSeconds: 3600, online: true, timeoutMs: 5000 });
    expect(config.pkcs11).toBeNull();
    expect(config.trustKek).toBeNull();
  });

  it('reads a real TSA, offline revocation and a PKCS#11 token', () => {
    const config = loadConfig({
      TSA_URL: 'https://tsa.ca.gov.vn/tsa/',
      TSA_POLICY: '1.2.3.4',
      TRUST_REVOCATION_ONLINE: 'false',
      TRUST_REVOCATION_MAX_AGE_SECONDS: '600',
      PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
      PKCS11_TOKEN_LABEL: 'tayninh',
      PKCS11_PIN: '1234 56',
      EVIDENCE_SEAL_KEY: 'seal-ubnd-tinh',
    });
    expect(config.evidence).toMatchObject({
      tsaUrl: 'https://tsa.ca.gov.vn/tsa',
      tsaPolicy: '1.2.3.4',
      sealKeyLabel: 'seal-ubnd-tinh',
    });
    expect(config.trustRevocation).toMatchObject({ online: false, maxAgeSeconds: 600 });
    expect(config.pkcs11).toEqual({
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
      tokenLabel: 'tayninh',
      pin: '1234 56',
    });
  });

  it('refuses what it cannot use, naming the variable', () => {
    expect(() => loadConfig({ TSA_URL: 'ftp://tsa' })).toThrow(/TSA_URL/);
    expect(() => loadConfig({ TRUST_REVOCATION_ONLINE: 'maybe' })).toThrow(/TRUST_REVOCATION_ONLINE/);
    expect(() => loadConfig({ EVIDENCE_SEAL_INTERVAL_MS: '10' })).toThrow(/EVIDENCE_SEAL_INTERVAL_MS/);
    expect(() =>
      loadConfig({ PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so', PKCS11_TOKEN_LABEL: 't' }),
    ).toThrow(/PKCS11_PIN/);
  });
});
