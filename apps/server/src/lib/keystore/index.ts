/**
 * The key store library (issue #13 §1): signing keys that never leave their store, behind one
 * interface with two backends — a PKCS#11 token (HSM, USB token; SoftHSM2 in tests) and software
 * keys encrypted at rest under a key-encryption key — and CMS SignedData over a store's signer.
 * No tables, no routes: the trust module wires it. See docs/TRUST-KEYSTORE.md.
 */
export * from './types';
export * from './errors';
export { Pkcs11KeyStore, type Pkcs11Config, type Pkcs11KeyAttributes } from './pkcs11';
export {
  parseKek,
  kekId,
  sealPrivateKey,
  openPrivateKey,
  KEK_LENGTH,
  type EncryptedKeyRecord,
  type SealInput,
} from './sealed-key';
export {
  cryptoKeySigner,
  SoftwareKeyStore,
  InMemoryEncryptedKeyRepository,
  type EncryptedKeyRepository,
} from './software';
export { signCms, verifyCms, type SignCmsInput, type VerifyCmsOptions, type VerifiedCms } from './cms';
export { OID as CMS_OID, type SignedAttributesInfo } from './cms-attributes';
export { keyStoreConfigFromEnv, openKeyStore, type KeyStoreConfig } from './config';
