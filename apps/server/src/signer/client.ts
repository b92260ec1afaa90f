/**
 * The signer program's side of the external-signing flow (docs/SIGNER.md): on the official's
 * machine, with their token (PKCS#11), against the platform's API. The private key never leaves
 * the token; the platform never sees it, only the certificate and the CMS made with it.
 *
 *   prepare-signature (certificate)  →  digest of the PDF's byte ranges
 *   CMS SignedData over that digest, signed on the token (PAdES: no signing-time attribute)
 *   attach-signature (CMS)           →  the platform timestamps, embeds, verifies and records it
 */
import { padesCms } from '../lib/pades';
import type { Pkcs11KeyStore } from '../lib/keystore';

export type SignerAuth = { token: string } | { username: string; password: string };

/** A small API client: a bearer token, or a sign-in session with its CSRF header. */
export class PlatformClient {
  private headers: Record<string, string> = {};

  constructor(private readonly baseUrl: string) {}

  async authenticate(auth: SignerAuth): Promise<void> {
    if ('token' in auth) {
      this.headers = { authorization: `Bearer ${auth.token}` };
      return;
    }
    const response = await fetch(new URL('/api/auth/login', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: auth.username, password: auth.password }),
    });
    if (response.status !== 200) throw new SignerError(`Đăng nhập không được`, await problemOf(response));
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tn_session='));
    const body = (await response.json()) as { csrfToken: string };
    this.headers = { cookie: cookie!.split(';')[0]!, 'x-csrf-token': body.csrfToken };
  }

  /** A JSON call; T names the fields the caller reads of the answer. */
  async call<T>(method: 'GET' | 'POST', path: string, json?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { ...this.headers, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    if (!response.ok)
      throw new SignerError(`${method} ${path}: ${response.status}`, await problemOf(response));
    return (await response.json()) as T;
  }
}

export class SignerError extends Error {
  constructor(
    what: string,
    readonly detail: string,
  ) {
    super(detail ? `${what}: ${detail}` : what);
  }
}

async function problemOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { detail?: string; code?: string };
    return [problem.detail, problem.code && `(${problem.code})`].filter(Boolean).join(' ');
  } catch {
    return text.slice(0, 200);
  }
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export interface SignRequest {
  client: PlatformClient;
  documentId: number;
  store: Pkcs11KeyStore;
  keyId: string;
  /** The certificate (DER); by default the one stored with the key on the token. */
  certificate?: Uint8Array;
  log?: (line: string) => void;
}

/** Signs one document as its competent person with the token's key; returns its new status. */
export async function signWithToken(request: SignRequest): Promise<{ status: string }> {
  const log = request.log ?? (() => {});
  const { client, documentId } = request;
  const document = await client.call<{ subject?: string }>('GET', `/api/documents/${documentId}`);
  log(`Văn bản ${documentId}: ${document.subject ?? ''}`);
  const certificate = request.certificate ?? (await request.store.certificate(request.keyId));
  if (!certificate)
    throw new SignerError(
      'Không có chứng thư số',
      'thiết bị không lưu chứng thư của khóa này; dùng --certificate',
    );
  const signer = await request.store.signer(request.keyId);
  const answer = await client.call<{
    preparedSignature: { preparationId: number; digest: string; digestHex: string; chain: string[] };
  }>('POST', `/api/documents/${documentId}/actions`, {
    type: 'prepare-signature',
    certificate: base64(certificate),
  });
  const prepared = answer.preparedSignature;
  log(`Giá trị băm SHA-256 cần ký: ${prepared.digestHex}`);
  const cms = await padesCms({
    contentDigest: new Uint8Array(Buffer.from(prepared.digest, 'base64')),
    signer,
    certificate,
    chain: prepared.chain.map((der) => new Uint8Array(Buffer.from(der, 'base64'))),
  });
  const signed = await client.call<{ status: string; statusName?: string }>(
    'POST',
    `/api/documents/${documentId}/actions`,
    {
      type: 'attach-signature',
      preparationId: prepared.preparationId,
      signature: base64(cms),
    },
  );
  log(`Đã ký số; trạng thái: ${signed.statusName ?? signed.status}`);
  return { status: signed.status };
}

/**
 * Demo only: a key pair made on the token, certified by the demo CA of the platform (no legal
 * value) and registered as the official's signing certificate; the certificate is stored on the
 * token beside the key, as a CA's token carries it.
 */
export async function enrollDemoToken(request: {
  client: PlatformClient;
  store: Pkcs11KeyStore;
  label: string;
  log?: (line: string) => void;
}): Promise<{ keyId: string; certificatePem: string }> {
  const key = await request.store.generateKey(request.label, { modulusLength: 2048 });
  const issued = await request.client.call<{ id: number; certificate: string }>(
    'POST',
    '/api/trust/demo/signing-certificates',
    { publicKey: base64(key.publicKey) },
  );
  const der = Buffer.from(
    issued.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''),
    'base64',
  );
  await request.store.storeCertificate(key.keyId, new Uint8Array(der));
  request.log?.(
    `Khóa ${key.keyId} ("${request.label}") trên thiết bị; chứng thư mẫu số ${issued.id} đã đăng ký.`,
  );
  return { keyId: key.keyId, certificatePem: issued.certificate };
}
