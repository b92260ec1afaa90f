/**
 * Key store on a PKCS#11 token (SoftHSM2 in tests; a real HSM or USB token in production), through
 * graphene-pk11. Keys are generated or imported on the token as sensitive and non-extractable
 * private objects; there is no export. Signing is CKM_SHA256_RSA_PKCS on the token.
 *
 * Sessions: every operation opens its own session, logs in, works and closes it, all synchronously
 * in one turn of the event loop, so no two operations share a session or interleave (PKCS#11 login
 * state is per application and token: an "already logged in" answer is expected and ignored). A
 * signature therefore blocks the event loop for the token's signing time (about a millisecond for
 * RSA-3072 on SoftHSM2); the platform signs a checkpoint every few seconds, not every request.
 *
 * Configuration comes from the caller (the trust module reads PKCS11_MODULE, PKCS11_TOKEN_LABEL or
 * PKCS11_SLOT, PKCS11_PIN; see docs/TRUST-KEYSTORE.md).
 */
import { randomBytes } from 'node:crypto';
import * as graphene from 'graphene-pk11';
import * as pkijs from 'pkijs';
import { KeyStoreError } from './errors';
import { checkModulusLength, modulusLengthOf, parseRsaPkcs8, rsaSpki } from './rsa';
import {
  DEFAULT_MODULUS_LENGTH,
  type GenerateKeyOptions,
  type KeyInfo,
  type KeyStore,
  type Signer,
} from './types';

export interface Pkcs11Config {
  /** Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  modulePath: string;
  /** Token label (preferred) or slot index among the slots with a token. */
  tokenLabel?: string;
  slotIndex?: number;
  /** User PIN. */
  pin: string;
}

/** Access flags of a private key as the token reports them. */
export interface Pkcs11KeyAttributes {
  sensitive: boolean;
  extractable: boolean;
  alwaysSensitive: boolean;
  neverExtractable: boolean;
  /** Generated on the token (CKA_LOCAL), as opposed to imported. */
  local: boolean;
}

// C_Initialize and C_Finalize are process-wide for a library: one handle per module path,
// finalised when the last store using it closes.
interface LoadedModule {
  module: graphene.Module;
  users: number;
}
const loaded = new Map<string, LoadedModule>();

function acquireModule(path: string): graphene.Module {
  const existing = loaded.get(path);
  if (existing) {
    existing.users++;
    return existing.module;
  }
  let module: graphene.Module;
  try {
    module = graphene.Module.load(path, 'keystore');
    module.initialize();
  } catch (cause) {
    throw new KeyStoreError('TOKEN_NOT_FOUND', `Cannot load the PKCS#11 module ${path}`, { cause });
  }
  loaded.set(path, { module, users: 1 });
  return module;
}

function releaseModule(path: string): void {
  const entry = loaded.get(path);
  if (!entry) return;
  entry.users--;
  if (entry.users === 0) {
    loaded.delete(path);
    entry.module.finalize();
  }
}

function pkcs11Code(error: unknown): string {
  return error instanceof Error ? error.message.split(':')[0]!.trim() : '';
}

export class Pkcs11KeyStore implements KeyStore {
  readonly kind = 'pkcs11' as const;
  private readonly module: graphene.Module;
  private closed = false;

  constructor(private readonly config: Pkcs11Config) {
    if (config.tokenLabel === undefined && config.slotIndex === undefined) {
      throw new KeyStoreError('TOKEN_NOT_FOUND', 'Give PKCS#11 a token label or a slot index');
    }
    this.module = acquireModule(config.modulePath);
    try {
      this.slot(); // fail at start, not at the first signature, when the token is missing
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Releases the module (finalised when its last store closes). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    releaseModule(this.config.modulePath);
  }

  async listKeys(): Promise<KeyInfo[]> {
    return this.withSession((session) => {
      const keys: KeyInfo[] = [];
      const found = session.find({ class: graphene.ObjectClass.PRIVATE_KEY, keyType: graphene.KeyType.RSA });
      for (let i = 0; i < found.length; i++) {
        const { id, label } = found.items(i).getAttribute({ id: null, label: null }) as {
          id: Buffer;
          label: string;
        };
        keys.push(this.info(session, id, label));
      }
      return keys.sort((a, b) => a.label.localeCompare(b.label) || a.keyId.localeCompare(b.keyId));
    });
  }

  async signer(keyId: string): Promise<Signer> {
    const info = this.withSession((session) => {
      const key = this.privateKey(session, keyId);
      const { label } = key.getAttribute({ label: null }) as { label: string };
      return this.info(session, Buffer.from(keyId, 'hex'), label);
    });
    return {
      keyId,
      algorithm: info.algorithm,
      publicKey: info.publicKey,
      sign: async (data) =>
        this.withSession((session) => {
          const key = this.privateKey(session, keyId);
          const signature = session.createSign('SHA256_RSA_PKCS', key).once(Buffer.from(data));
          return new Uint8Array(signature);
        }),
    };
  }

  async generateKey(label: string, options: GenerateKeyOptions = {}): Promise<KeyInfo> {
    const modulusLength = options.modulusLength ?? DEFAULT_MODULUS_LENGTH;
    checkModulusLength(modulusLength);
    return this.withSession((session) => {
      this.assertLabelFree(session, label);
      const id = randomBytes(16);
      session.generateKeyPair(
        graphene.KeyGenMechanism.RSA,
        {
          ...this.publicTemplate(label, id),
          modulusBits: modulusLength,
          publicExponent: Buffer.from([1, 0, 1]),
        },
        this.privateTemplate(label, id),
      );
      return this.info(session, id, label);
    });
  }

  async importKey(label: string, pkcs8: Uint8Array): Promise<KeyInfo> {
    const { components } = parseRsaPkcs8(pkcs8);
    return this.withSession((session) => {
      this.assertLabelFree(session, label);
      const id = randomBytes(16);
      session.create({
        ...this.publicTemplate(label, id),
        class: graphene.ObjectClass.PUBLIC_KEY,
        keyType: graphene.KeyType.RSA,
        modulus: components.modulus,
        publicExponent: components.publicExponent,
      });
      session.create({
        ...this.privateTemplate(label, id),
        class: graphene.ObjectClass.PRIVATE_KEY,
        keyType: graphene.KeyType.RSA,
        ...components,
      });
      return this.info(session, id, label);
    });
  }

  /** The token's access flags of a private key: what an audit of "keys never leave the token" reads. */
  async keyAttributes(keyId: string): Promise<Pkcs11KeyAttributes> {
    return this.withSession((session) => {
      const attrs = this.privateKey(session, keyId).getAttribute({
        sensitive: null,
        extractable: null,
        alwaysSensitive: null,
        neverExtractable: null,
        local: null,
      }) as Pkcs11KeyAttributes;
      return { ...attrs };
    });
  }

  /**
   * Stores the X.509 certificate (DER) of a key on the token, as a CA's token carries it: a
   * public certificate object with the key's CKA_ID and label, replacing an earlier one.
   */
  async storeCertificate(keyId: string, der: Uint8Array): Promise<void> {
    this.withSession((session) => {
      const key = this.privateKey(session, keyId);
      const { label } = key.getAttribute({ label: null }) as { label: string };
      const id = Buffer.from(keyId, 'hex');
      let subject: Buffer;
      try {
        const parsed = pkijs.Certificate.fromBER(Buffer.from(der));
        subject = Buffer.from(parsed.subject.toSchema().toBER(false));
      } catch (cause) {
        throw new KeyStoreError('CMS_MALFORMED', 'The certificate is not DER X.509', { cause });
      }
      session.destroy({ class: graphene.ObjectClass.CERTIFICATE, id });
      session.create({
        subject,
        class: graphene.ObjectClass.CERTIFICATE,
        certType: graphene.CertificateType.X_509,
        token: true,
        private: false,
        label,
        id,
        value: Buffer.from(der),
      });
    });
  }

  /** The certificate (DER) stored with a key, or null when the token has none for it. */
  async certificate(keyId: string): Promise<Uint8Array | null> {
    return this.withSession((session) => {
      this.privateKey(session, keyId);
      const found = session.find({ class: graphene.ObjectClass.CERTIFICATE, id: Buffer.from(keyId, 'hex') });
      if (found.length === 0) return null;
      const { value } = found.items(0).getAttribute({ value: null }) as { value: Buffer };
      return new Uint8Array(value);
    });
  }

  /** Destroys both halves of a key pair (rotation, tests). */
  async deleteKey(keyId: string): Promise<void> {
    this.withSession((session) => {
      this.privateKey(session, keyId);
      session.destroy({ id: Buffer.from(keyId, 'hex') });
    });
  }

  private publicTemplate(label: string, id: Buffer): graphene.ITemplate {
    return { token: true, private: false, label, id, verify: true, encrypt: false, wrap: false };
  }

  private privateTemplate(label: string, id: Buffer): graphene.ITemplate {
    return {
      token: true,
      private: true,
      label,
      id,
      sign: true,
      decrypt: false,
      unwrap: false,
      sensitive: true,
      extractable: false,
    };
  }

  private assertLabelFree(session: graphene.Session, label: string): void {
    if (session.find({ class: graphene.ObjectClass.PRIVATE_KEY, label }).length > 0) {
      throw new KeyStoreError('KEY_EXISTS', `A key labelled "${label}" already exists on the token`);
    }
  }

  private privateKey(session: graphene.Session, keyId: string): graphene.Key {
    if (!/^[0-9a-f]+$/.test(keyId) || keyId.length % 2 !== 0) {
      throw new KeyStoreError('KEY_NOT_FOUND', `No key ${keyId} on the token`);
    }
    const found = session.find({ class: graphene.ObjectClass.PRIVATE_KEY, id: Buffer.from(keyId, 'hex') });
    if (found.length !== 1) throw new KeyStoreError('KEY_NOT_FOUND', `No key ${keyId} on the token`);
    return found.items(0).toType<graphene.Key>();
  }

  private info(session: graphene.Session, id: Buffer, label: string): KeyInfo {
    const found = session.find({ class: graphene.ObjectClass.PUBLIC_KEY, id });
    if (found.length !== 1) {
      throw new KeyStoreError(
        'TOKEN_ERROR',
        `The public half of key ${id.toString('hex')} is missing on the token`,
      );
    }
    const { modulus, publicExponent } = found
      .items(0)
      .getAttribute({ modulus: null, publicExponent: null }) as {
      modulus: Buffer;
      publicExponent: Buffer;
    };
    const publicKey = rsaSpki(modulus, publicExponent);
    return {
      keyId: id.toString('hex'),
      label,
      algorithm: 'RSASSA-PKCS1-v1_5-SHA256',
      publicKey,
      modulusLength: modulusLengthOf(publicKey),
    };
  }

  private slot(): graphene.Slot {
    const slots = this.module.getSlots(true);
    if (this.config.tokenLabel !== undefined) {
      for (let i = 0; i < slots.length; i++) {
        const slot = slots.items(i);
        if (slot.getToken().label.trim() === this.config.tokenLabel) return slot;
      }
      throw new KeyStoreError('TOKEN_NOT_FOUND', `No PKCS#11 token labelled "${this.config.tokenLabel}"`);
    }
    const index = this.config.slotIndex ?? 0;
    if (index < 0 || index >= slots.length) {
      throw new KeyStoreError('TOKEN_NOT_FOUND', `No PKCS#11 slot with a token at index ${index}`);
    }
    return slots.items(index);
  }

  private withSession<T>(work: (session: graphene.Session) => T): T {
    if (this.closed) throw new KeyStoreError('TOKEN_ERROR', 'The PKCS#11 key store is closed');
    let session: graphene.Session;
    try {
      session = this.slot().open(graphene.SessionFlag.SERIAL_SESSION | graphene.SessionFlag.RW_SESSION);
    } catch (cause) {
      if (cause instanceof KeyStoreError) throw cause;
      throw new KeyStoreError('TOKEN_ERROR', 'Cannot open a session on the PKCS#11 token', { cause });
    }
    try {
      try {
        session.login(this.config.pin, graphene.UserType.USER);
      } catch (cause) {
        const code = pkcs11Code(cause);
        if (code !== 'CKR_USER_ALREADY_LOGGED_IN') {
          throw new KeyStoreError('TOKEN_LOGIN_FAILED', `PKCS#11 login failed (${code || 'unknown error'})`, {
            cause,
          });
        }
      }
      try {
        return work(session);
      } catch (cause) {
        if (cause instanceof KeyStoreError) throw cause;
        throw new KeyStoreError('TOKEN_ERROR', `PKCS#11 operation failed (${pkcs11Code(cause)})`, { cause });
      }
    } finally {
      session.close();
    }
  }
}
