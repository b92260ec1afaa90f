/**
 * Signing PINs for the keys the platform holds for officials (issue #14 §2 (a)): "encrypted at
 * rest, unlocked by the signer's PIN". A key with a PIN is encrypted (AES-256-GCM, the label as
 * associated data) under HKDF-SHA256(TRUST_KEK, scrypt(PIN, salt)): a copy of the database with
 * the key-encryption key still needs the PIN, tried at scrypt's cost (N = 2^15, about 0.1 s).
 * The platform answers at most five wrong tries in a row, then locks the key for 15 minutes, as a
 * token locks its PIN; each try is claimed on the key's row before it is made, so parallel tries
 * cannot exceed the limit. Seals, CAs and the timestamping unit carry no PIN: the văn thư's role
 * and the platform's access rules guard them, as an HSM's operator PIN would.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { DomainError, unprocessable } from '../../http/errors';
import { recordAudit, type Actor } from '../audit';
import { crypto, RSA_ALGORITHM, type CryptoKey } from './engine';
import { encryptedKeyProtector, kekIdOf } from './keys';

export const PIN_TRIES = 5;
export const PIN_LOCK_MINUTES = 15;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** 6 to 16 characters, none of them a space; a PIN of one repeated digit is refused. */
export function pinProblem(pin: string): DomainError | null {
  if (!/^\S{6,16}$/u.test(pin))
    return unprocessable(
      'pin_format',
      'Mã PIN ký số gồm 6 đến 16 ký tự, không có dấu cách.',
      'A signing PIN has 6 to 16 characters and no spaces.',
    );
  if (/^(.)\1+$/u.test(pin))
    return unprocessable(
      'pin_weak',
      'Mã PIN không được là một ký tự lặp lại.',
      'A PIN may not be one character repeated.',
    );
  return null;
}

function pinKey(kek: Uint8Array, salt: Uint8Array, pin: string): Buffer {
  const stretched = scryptSync(pin.normalize('NFC'), salt, 32, SCRYPT);
  return Buffer.from(hkdfSync('sha256', kek, stretched, 'tayninh-signing-pin', 32));
}

function seal(key: Buffer, label: string, pkcs8: Buffer): Uint8Array {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const body = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
}

/** The PKCS#8 key, or null when the PIN (or the KEK) is not the one it was sealed under. */
function open(key: Buffer, label: string, wrapped: Uint8Array): Buffer | null {
  const data = Buffer.from(wrapped);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}

/** The record of a key sealed under the KEK and a PIN: what trust_keys stores. */
export async function protectWithPin(kek: Uint8Array, label: string, key: CryptoKey, pin: string) {
  const problem = pinProblem(pin);
  if (problem) throw problem;
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  const salt = new Uint8Array(randomBytes(16));
  try {
    return { wrapped: seal(pinKey(kek, salt, pin), label, pkcs8), salt };
  } finally {
    pkcs8.fill(0);
  }
}

const pinRequired = () =>
  unprocessable('pin_required', 'Cần nhập mã PIN ký số để ký.', 'Your signing PIN is required to sign.');

function locked(until: Date): DomainError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new DomainError({
    code: 'pin_locked',
    status: 429,
    message: `Đã nhập sai mã PIN ${PIN_TRIES} lần liên tiếp: khóa ký số tạm khóa, thử lại sau ${minutes} phút.`,
    messageEn: `The PIN was wrong ${PIN_TRIES} times in a row: the key is locked; try again in ${minutes} minutes.`,
    headers: { 'retry-after': String(minutes * 60) },
  });
}

interface KeyRow {
  label: string;
  wrapped: Uint8Array;
  pin_salt: Uint8Array | null;
}

/**
 * Opens a held key: with the KEK alone when it has no PIN (a PIN given then is ignored), else
 * with the PIN, one claimed try at a time (422 pin_required / pin_wrong, 429 pin_locked).
 */
export async function unlockKey(
  db: Kysely<Database>,
  kek: Uint8Array,
  row: KeyRow,
  pin: string | null,
): Promise<CryptoKey> {
  if (!row.pin_salt) {
    return encryptedKeyProtector(kek).recover(row.label, {
      algorithm: '',
      kekId: kekIdOf(kek),
      wrapped: row.wrapped,
    });
  }
  if (!pin) throw pinRequired();
  const claimed = await db
    .updateTable('trust_keys')
    .set({ pin_attempts: sql`pin_attempts + 1`, pin_locked_until: null })
    .where('label', '=', row.label)
    .where('pin_attempts', '<', PIN_TRIES)
    .where((eb) => eb.or([eb('pin_locked_until', 'is', null), eb('pin_locked_until', '<=', new Date())]))
    .returning(['pin_attempts'])
    .executeTakeFirst();
  if (!claimed) {
    const state = await db
      .selectFrom('trust_keys')
      .select('pin_locked_until')
      .where('label', '=', row.label)
      .executeTakeFirst();
    throw locked(state?.pin_locked_until ?? new Date(Date.now() + 60_000));
  }
  const pkcs8 = open(pinKey(kek, row.pin_salt, pin), row.label, row.wrapped);
  if (!pkcs8) {
    const left = PIN_TRIES - claimed.pin_attempts;
    if (left <= 0) {
      const until = new Date(Date.now() + PIN_LOCK_MINUTES * 60_000);
      await db
        .updateTable('trust_keys')
        .set({ pin_attempts: 0, pin_locked_until: until })
        .where('label', '=', row.label)
        .execute();
      throw locked(until);
    }
    throw unprocessable(
      'pin_wrong',
      `Mã PIN không đúng; còn ${left} lần thử trước khi khóa ký số bị tạm khóa.`,
      `Wrong PIN; ${left} tries left before the key is locked.`,
    );
  }
  await db.updateTable('trust_keys').set({ pin_attempts: 0 }).where('label', '=', row.label).execute();
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, RSA_ALGORITHM, false, ['sign']);
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * Sets or changes the PIN of the official's held signing key `label`: the current PIN (or none,
 * the first time) opens it, the new one seals it again. Audited, without either PIN.
 */
export async function changeKeyPin(
  db: Kysely<Database>,
  kek: Uint8Array,
  actor: Actor,
  label: string,
  change: { currentPin: string | null; newPin: string },
): Promise<void> {
  const problem = pinProblem(change.newPin);
  if (problem) throw problem;
  const row = await db
    .selectFrom('trust_keys')
    .select(['id', 'label', 'wrapped', 'pin_salt'])
    .where('label', '=', label)
    .executeTakeFirstOrThrow();
  const key = await unlockExportable(db, kek, row, change.currentPin);
  const sealed = await protectWithPin(kek, label, key, change.newPin);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('trust_keys')
      .set({ wrapped: sealed.wrapped, pin_salt: sealed.salt, pin_set_at: new Date(), pin_attempts: 0 })
      .where('label', '=', label)
      // The key as it was read: a PIN changed meanwhile by another request wins.
      .where('wrapped', '=', row.wrapped)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new DomainError({
        code: 'pin_changed',
        status: 409,
        message: 'Mã PIN vừa được đổi ở nơi khác; hãy thử lại.',
        messageEn: 'The PIN was just changed elsewhere; try again.',
      });
    await recordAudit(trx, actor, {
      action: row.pin_salt ? 'trust.signing_pin_changed' : 'trust.signing_pin_set',
      entityType: 'trust_key',
      entityId: row.id,
      after: { label },
    });
  });
}

/** As unlockKey, but the key comes out extractable (to be sealed again under a new PIN). */
async function unlockExportable(
  db: Kysely<Database>,
  kek: Uint8Array,
  row: KeyRow,
  pin: string | null,
): Promise<CryptoKey> {
  // Check the PIN through the counted path first, then open an exportable copy.
  await unlockKey(db, kek, row, pin);
  const pkcs8 = row.pin_salt
    ? open(pinKey(kek, row.pin_salt, pin!), row.label, row.wrapped)
    : open(Buffer.from(kek), row.label, row.wrapped);
  if (!pkcs8) throw new Error(`trust key ${row.label} did not open twice the same way`);
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, RSA_ALGORITHM, true, ['sign']);
  } finally {
    pkcs8.fill(0);
  }
}
