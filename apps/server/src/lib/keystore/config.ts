/**
 * Which key store the environment asks for. The library never reads process.env itself: the
 * trust module passes its environment here and builds the store from the answer.
 *
 *   TRUST_KEYSTORE      pkcs11 | software; default pkcs11 when PKCS11_MODULE is set, else software
 *   PKCS11_MODULE       path of the PKCS#11 library (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so)
 *   PKCS11_TOKEN_LABEL  label of the token holding the keys (preferred), or
 *   PKCS11_SLOT         index of the slot among those with a token
 *   PKCS11_PIN          user PIN of the token
 *   TRUST_KEK           key-encryption key of the software store: 32 random bytes, base64
 *                       (`openssl rand -base64 32`)
 */
import { KeyStoreError } from './errors';
import { Pkcs11KeyStore, type Pkcs11Config } from './pkcs11';
import { parseKek } from './sealed-key';
import { SoftwareKeyStore, type EncryptedKeyRepository } from './software';

export type KeyStoreConfig =
  { backend: 'pkcs11'; pkcs11: Pkcs11Config } | { backend: 'software'; kek: Uint8Array };

export function keyStoreConfigFromEnv(env: Record<string, string | undefined>): KeyStoreConfig {
  const value = (name: string) => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  const backend = value('TRUST_KEYSTORE') ?? (value('PKCS11_MODULE') ? 'pkcs11' : 'software');
  if (backend === 'software') return { backend, kek: parseKek(value('TRUST_KEK')) };
  if (backend !== 'pkcs11') {
    throw new KeyStoreError('CONFIG_INVALID', `TRUST_KEYSTORE must be pkcs11 or software, not "${backend}"`);
  }
  const modulePath = value('PKCS11_MODULE');
  const pin = env.PKCS11_PIN; // a PIN is taken as given, spaces included
  const tokenLabel = value('PKCS11_TOKEN_LABEL');
  const slot = value('PKCS11_SLOT');
  if (!modulePath)
    throw new KeyStoreError('CONFIG_INVALID', 'PKCS11_MODULE is required with TRUST_KEYSTORE=pkcs11');
  if (!pin) throw new KeyStoreError('CONFIG_INVALID', 'PKCS11_PIN is required with TRUST_KEYSTORE=pkcs11');
  if (tokenLabel === undefined && slot === undefined) {
    throw new KeyStoreError(
      'CONFIG_INVALID',
      'Set PKCS11_TOKEN_LABEL (or PKCS11_SLOT) with TRUST_KEYSTORE=pkcs11',
    );
  }
  if (slot !== undefined && !/^\d+$/.test(slot)) {
    throw new KeyStoreError('CONFIG_INVALID', `PKCS11_SLOT must be a slot index, not "${slot}"`);
  }
  return {
    backend,
    pkcs11: {
      modulePath,
      pin,
      ...(tokenLabel !== undefined ? { tokenLabel } : { slotIndex: Number(slot) }),
    },
  };
}

/**
 * Opens the configured store. The software backend needs the repository of encrypted keys (the
 * trust module's table); the PKCS#11 one loads the module and finds the token now, so a wrong
 * setting stops the start-up instead of the first signature.
 */
export function openKeyStore(
  config: KeyStoreConfig,
  options: { repository: EncryptedKeyRepository },
): Pkcs11KeyStore | SoftwareKeyStore {
  return config.backend === 'pkcs11'
    ? new Pkcs11KeyStore(config.pkcs11)
    : new SoftwareKeyStore(config.kek, options.repository);
}
