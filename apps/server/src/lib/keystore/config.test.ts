import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyStoreConfigFromEnv, openKeyStore } from './config';
import { InMemoryEncryptedKeyRepository } from './software';

const kek = randomBytes(32).toString('base64');

describe('key store configuration from the environment', () => {
  it('chooses the backend', () => {
    expect(keyStoreConfigFromEnv({ TRUST_KEK: kek })).toEqual({
      backend: 'software',
      kek: new Uint8Array(Buffer.from(kek, 'base64')),
    });
    expect(
      keyStoreConfigFromEnv({
        PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
        PKCS11_TOKEN_LABEL: 'seal',
        PKCS11_PIN: ' 1234',
      }),
    ).toEqual({
      backend: 'pkcs11',
      pkcs11: { modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'seal', pin: ' 1234' },
    });
    expect(
      keyStoreConfigFromEnv({
        TRUST_KEYSTORE: 'pkcs11',
        PKCS11_MODULE: '/m.so',
        PKCS11_SLOT: '2',
        PKCS11_PIN: '1',
      }),
    ).toEqual({
      backend: 'pkcs11',
      pkcs11: { modulePath: '/m.so', slotIndex: 2, pin: '1' },
    });
  });

  it('refuses incomplete or wrong settings with typed errors', () => {
    const code = (env: Record<string, string>) => {
      try {
        keyStoreConfigFromEnv(env);
        return 'OK';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(code({})).toBe('KEK_INVALID');
    expect(code({ TRUST_KEK: randomBytes(16).toString('base64') })).toBe('KEK_INVALID');
    expect(code({ TRUST_KEYSTORE: 'hsm' })).toBe('CONFIG_INVALID');
    expect(code({ TRUST_KEYSTORE: 'pkcs11', PKCS11_TOKEN_LABEL: 'x', PKCS11_PIN: '1' })).toBe(
      'CONFIG_INVALID',
    );
    expect(code({ PKCS11_MODULE: '/m.so', PKCS11_TOKEN_LABEL: 'x' })).toBe('CONFIG_INVALID');
    expect(code({ PKCS11_MODULE: '/m.so', PKCS11_PIN: '1' })).toBe('CONFIG_INVALID');
    expect(code({ PKCS11_MODULE: '/m.so', PKCS11_PIN: '1', PKCS11_SLOT: 'first' })).toBe('CONFIG_INVALID');
  });

  it('opens the software store from its configuration', async () => {
    const store = openKeyStore(keyStoreConfigFromEnv({ TRUST_KEK: kek }), {
      repository: new InMemoryEncryptedKeyRepository(),
    });
    expect(store.kind).toBe('software');
    expect(await store.listKeys()).toEqual([]);
  });
});
