import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import * as graphene from 'graphene-pk11';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeyStoreError } from './errors';
import { Pkcs11KeyStore } from './pkcs11';
import { createSoftHsmToken, type SoftHsmToken } from './testing/softhsm';

let token: SoftHsmToken;
let store: Pkcs11KeyStore;

beforeAll(() => {
  token = createSoftHsmToken();
  store = new Pkcs11KeyStore({ modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin });
});
afterAll(() => {
  store?.close();
  token?.remove();
});

function verifies(spki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  return verify('sha256', data, key, signature);
}

describe('PKCS#11 key store on SoftHSM2', () => {
  it('generates an RSA key on the token whose signatures node:crypto verifies', async () => {
    const info = await store.generateKey('seal-ubnd-tinh', { modulusLength: 2048 });
    expect(info.modulusLength).toBe(2048);
    expect(info.algorithm).toBe('RSASSA-PKCS1-v1_5-SHA256');
    const signer = await store.signer(info.keyId);
    expect(Buffer.from(signer.publicKey)).toEqual(Buffer.from(info.publicKey));
    const data = new TextEncoder().encode('Cây đa, giếng nước, sân đình — Tây Ninh');
    const signature = await signer.sign(data);
    expect(signature.length).toBe(256);
    expect(verifies(info.publicKey, data, signature)).toBe(true);
    const tampered = Uint8Array.from(data);
    tampered[0]! ^= 1;
    expect(verifies(info.publicKey, tampered, signature)).toBe(false);
    expect((await store.listKeys()).map((k) => k.keyId)).toContain(info.keyId);
  });

  it('keeps the private key sensitive and non-extractable, and an export attempt fails', async () => {
    const info = await store.generateKey('no-export', { modulusLength: 2048 });
    expect(await store.keyAttributes(info.keyId)).toEqual({
      sensitive: true,
      extractable: false,
      alwaysSensitive: true,
      neverExtractable: true,
      local: true,
    });

    // An independent client of the token (OpenSC's pkcs11-tool) reports the same flags.
    const args = [
      '--module',
      token.modulePath,
      '--token-label',
      token.tokenLabel,
      '--login',
      '--pin',
      token.pin,
    ];
    const listing = execFileSync(
      'pkcs11-tool',
      [...args, '--list-objects', '--type', 'privkey', '--id', info.keyId],
      {
        env: token.env,
        encoding: 'utf8',
      },
    );
    expect(listing).toMatch(/Access:\s+sensitive, always sensitive, never extractable, local/);

    // Through graphene directly: reading the private exponent and wrapping the key are refused.
    // (The library is already initialised by the store: C_Initialize/C_Finalize are process-wide,
    // so this second handle must not finalize it.)
    const module = graphene.Module.load(token.modulePath, 'export-attempt');
    module.initialize();
    {
      const slots = module.getSlots(true);
      const slot = [...Array(slots.length).keys()]
        .map((i) => slots.items(i))
        .find((s) => s.getToken().label.trim() === token.tokenLabel)!;
      const session = slot.open(graphene.SessionFlag.SERIAL_SESSION | graphene.SessionFlag.RW_SESSION);
      try {
        session.login(token.pin, graphene.UserType.USER);
      } catch (error) {
        if (!String(error).includes('CKR_USER_ALREADY_LOGGED_IN')) throw error;
      }
      const key = session
        .find({ class: graphene.ObjectClass.PRIVATE_KEY, id: Buffer.from(info.keyId, 'hex') })
        .items(0)
        .toType<graphene.PrivateKey>();
      expect(() => key.getAttribute({ privateExponent: null })).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
      const wrapping = session.generateKey(graphene.KeyGenMechanism.AES, {
        class: graphene.ObjectClass.SECRET_KEY,
        token: false,
        valueLen: 32,
        wrap: true,
        extractable: false,
      });
      expect(() => session.wrapKey('AES_KEY_WRAP_PAD', wrapping, key)).toThrow(/CKR_KEY_UNEXTRACTABLE/);
      session.close();
    }
  });

  it('imports a PKCS#8 key as non-extractable and signs with it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const info = await store.importKey('imported-seal', pkcs8);
    expect(Buffer.from(info.publicKey)).toEqual(publicKey.export({ type: 'spki', format: 'der' }));
    const attrs = await store.keyAttributes(info.keyId);
    expect(attrs).toMatchObject({ sensitive: true, extractable: false, local: false });
    const data = new Uint8Array([1, 2, 3]);
    const signature = await (await store.signer(info.keyId)).sign(data);
    expect(verifies(info.publicKey, data, signature)).toBe(true);
  });

  it('refuses duplicate labels, short keys, unknown keys, a wrong PIN and an unknown token', async () => {
    await store.generateKey('dup', { modulusLength: 2048 });
    await expect(store.generateKey('dup', { modulusLength: 2048 })).rejects.toSatisfy((e) =>
      isKeyStoreError(e, 'KEY_EXISTS'),
    );
    await expect(store.generateKey('short', { modulusLength: 1024 })).rejects.toSatisfy((e) =>
      isKeyStoreError(e, 'KEY_IMPORT_INVALID'),
    );
    await expect(store.signer('00ff')).rejects.toSatisfy((e) => isKeyStoreError(e, 'KEY_NOT_FOUND'));
    const keyId = (await store.listKeys())[0]!.keyId;
    await store.deleteKey(keyId);
    await expect(store.signer(keyId)).rejects.toSatisfy((e) => isKeyStoreError(e, 'KEY_NOT_FOUND'));

    expect(
      () => new Pkcs11KeyStore({ modulePath: token.modulePath, tokenLabel: 'nope', pin: token.pin }),
    ).toThrow(expect.objectContaining({ code: 'TOKEN_NOT_FOUND' }));
    const wrongPin = new Pkcs11KeyStore({
      modulePath: token.modulePath,
      tokenLabel: token.tokenLabel,
      pin: '000000',
    });
    try {
      await expect(wrongPin.listKeys()).rejects.toSatisfy(
        (e) => isKeyStoreError(e, 'TOKEN_LOGIN_FAILED') && e.messageVi.includes('mã PIN'),
      );
    } finally {
      wrongPin.close();
    }
  });
});
