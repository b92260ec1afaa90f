/**
 * The signer program (chương trình ký số trên máy của người ký), for an official's PKCS#11 token:
 *
 *   npm run signer -- keys        --module <libpkcs11.so> --token <label>
 *   npm run signer -- enroll-demo --url <platform> --user <username> --module … --token … [--label …]
 *   npm run signer -- sign        --url <platform> --user <username> --document <id> --module … --token …
 *                                 [--key <CKA_ID hex>] [--certificate <file.pem>]
 *
 * Secrets come from the environment or a prompt, never from the command line (it shows in `ps`):
 * SIGNER_PIN (the token's user PIN), SIGNER_PASSWORD (the platform account's) or SIGNER_TOKEN
 * (an API token, instead of --user and the password). docs/SIGNER.md walks through it with SoftHSM2.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Pkcs11KeyStore } from '../lib/keystore';
import { enrollDemoToken, PlatformClient, signWithToken, SignerError, type SignerAuth } from './client';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    user: { type: 'string' },
    document: { type: 'string' },
    module: { type: 'string', default: '/usr/lib/softhsm/libsofthsm2.so' },
    token: { type: 'string' },
    key: { type: 'string' },
    label: { type: 'string', default: 'ky-so-ca-nhan' },
    certificate: { type: 'string' },
  },
});

async function secret(variable: string, question: string): Promise<string> {
  const value = process.env[variable];
  if (value) return value;
  if (!process.stdin.isTTY) throw new SignerError(`Thiếu ${variable}`, `đặt biến môi trường ${variable}`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

function openToken(pin: string): Pkcs11KeyStore {
  if (!values.token) throw new SignerError('Thiếu --token', 'nhãn của thiết bị ký số (token label)');
  return new Pkcs11KeyStore({ modulePath: values.module, tokenLabel: values.token, pin });
}

async function platform(): Promise<PlatformClient> {
  const client = new PlatformClient(values.url);
  const auth: SignerAuth = process.env.SIGNER_TOKEN
    ? { token: process.env.SIGNER_TOKEN }
    : {
        username: values.user ?? (await secret('SIGNER_USER', 'Tên đăng nhập: ')),
        password: await secret('SIGNER_PASSWORD', 'Mật khẩu: '),
      };
  await client.authenticate(auth);
  return client;
}

function pemToDer(path: string): Uint8Array {
  const text = readFileSync(path, 'utf8');
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

async function main(): Promise<void> {
  const command = positionals[0];
  const log = (line: string) => console.log(line);
  if (!command || !['keys', 'enroll-demo', 'sign'].includes(command)) {
    console.error('Cách dùng: npm run signer -- keys | enroll-demo | sign  (docs/SIGNER.md)');
    process.exitCode = 2;
    return;
  }
  const store = openToken(await secret('SIGNER_PIN', 'Mã PIN của thiết bị ký số: '));
  try {
    if (command === 'keys') {
      for (const key of await store.listKeys())
        log(
          `${key.keyId}  ${key.label}  RSA ${key.modulusLength}${(await store.certificate(key.keyId)) ? '  (có chứng thư)' : ''}`,
        );
      return;
    }
    const client = await platform();
    if (command === 'enroll-demo') {
      await enrollDemoToken({ client, store, label: values.label, log });
      return;
    }
    const documentId = Number(values.document);
    if (!Number.isInteger(documentId) || documentId < 1)
      throw new SignerError('Thiếu --document', 'số định danh văn bản');
    const keys = await store.listKeys();
    const keyId = values.key ?? (keys.length === 1 ? keys[0]!.keyId : undefined);
    if (!keyId)
      throw new SignerError('Chọn khóa', `thiết bị có ${keys.length} khóa; dùng --key (xem lệnh keys)`);
    await signWithToken({
      client,
      documentId,
      store,
      keyId,
      ...(values.certificate ? { certificate: pemToDer(values.certificate) } : {}),
      log,
    });
  } finally {
    store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
