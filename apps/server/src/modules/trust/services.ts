/**
 * What the other modules sign and timestamp with: the platform's seal (an agency seal key the
 * platform holds, with its certificate and chain) and a time-stamping authority.
 *
 * - The seal: the key of the given label in trust_keys (encrypted under TRUST_KEK), with the
 *   registered certificate of the same fingerprint and the intermediates that chain it. On the
 *   demo PKI the default is the seal of UBND tỉnh Tây Ninh. (Keys on a PKCS#11 token are the key
 *   store's: lib/keystore; docs/TRUST-KEYSTORE.md.)
 * - Time: TSA_URL when set (a real TSA, RFC 3161 over HTTP); otherwise the demo TSA of the demo
 *   PKI, called in-process — the same responder that answers POST /api/trust/demo/tsa. Every
 *   token is verified on receipt (imprint, policy, the TSA's path to a trust anchor).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { cryptoKeySigner, type KeyStore, type Signer } from '../../lib/keystore';
import {
  createTsaResponder,
  readTimestampResponse,
  requestTimestamp,
  timestampRequest,
  verifyTimestampToken,
  type TsaResponder,
} from '../../lib/tsp';
import { x509, bytes, type CryptoKey } from './engine';
import { encryptedKeyProtector, loadKey } from './keys';
import { anchorCertificates, intermediateCertificates } from './registry';

/**
 * Policy OID of the demo TSA's tokens: under 2.999, the arc ITU-T X.660 sets aside for examples
 * — the demo has no policy of a real TSA and must not pretend to.
 */
export const DEMO_TSA_POLICY = '2.999.3161.1';
export const DEMO_TSA_LABEL = 'demo-tsa';
/** The seal the evidence log signs with on the demo PKI: UBND tỉnh Tây Ninh (000.00.00.H53). */
export const DEFAULT_SEAL_LABEL = 'demo-seal-000.00.00.H53';

export interface PlatformSeal {
  signer: Signer;
  /** DER of the seal certificate. */
  certificate: Uint8Array;
  /** DER of the intermediates above it (the root left out). */
  chain: Uint8Array[];
  fingerprint: string;
  subject: string;
}

async function certificateOf(db: Kysely<Database>, fingerprint: string): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('trust_certificates')
    .select('der')
    .where('fingerprint_sha256', '=', fingerprint)
    .executeTakeFirst();
  return row?.der ?? null;
}

/** The intermediates above `certificate`, issuer by issuer (the root left out). */
async function chainOf(db: Kysely<Database>, certificate: x509.X509Certificate): Promise<Uint8Array[]> {
  const intermediates = await intermediateCertificates(db);
  const chain: Uint8Array[] = [];
  let issuer = certificate.issuer;
  for (let depth = 0; depth < 8; depth++) {
    const next = intermediates.find((candidate) => candidate.subject === issuer);
    if (!next) break;
    chain.push(new Uint8Array(next.rawData));
    if (next.subject === next.issuer) break;
    issuer = next.issuer;
  }
  return chain;
}

/** A key the platform holds, with its registered certificate (DER); null when either is missing. */
export async function heldKeyWithCertificate(
  db: Kysely<Database>,
  kek: Uint8Array,
  label: string,
): Promise<{ key: CryptoKey; fingerprint: string; der: Uint8Array } | null> {
  const held = await loadKey(db, encryptedKeyProtector(kek), label);
  if (!held) return null;
  const der = await certificateOf(db, held.certificateFingerprint);
  return der ? { key: held.key, fingerprint: held.certificateFingerprint, der } : null;
}

/** The seal key of `label` with its certificate; null when the platform holds no such key. */
export async function openPlatformSeal(
  db: Kysely<Database>,
  kek: Uint8Array,
  label = DEFAULT_SEAL_LABEL,
): Promise<PlatformSeal | null> {
  const held = await heldKeyWithCertificate(db, kek, label);
  return held ? sealOf(db, held.key, held.fingerprint, held.der) : null;
}

/** A signer of an unlocked key, with its certificate (DER) and the chain above it. */
export async function sealOf(
  db: Kysely<Database>,
  key: CryptoKey,
  fingerprint: string,
  der: Uint8Array,
): Promise<PlatformSeal> {
  const certificate = new x509.X509Certificate(bytes(der));
  return {
    signer: cryptoKeySigner(fingerprint, key, new Uint8Array(certificate.publicKey.rawData)),
    certificate: der,
    chain: await chainOf(db, certificate),
    fingerprint,
    subject: certificate.subject,
  };
}

/**
 * The seal key of `label` on a key store (a PKCS#11 token: the key never leaves it), with the
 * registered seal certificate of the same public key; null when either is missing.
 */
export async function openTokenSeal(
  db: Kysely<Database>,
  store: KeyStore,
  label: string,
): Promise<PlatformSeal | null> {
  const key = (await store.listKeys()).find((k) => k.label === label);
  if (!key) return null;
  const rows = await db
    .selectFrom('trust_certificates')
    .select(['der', 'fingerprint_sha256'])
    .where('purpose', '=', 'seal')
    .execute();
  const spki = Buffer.from(key.publicKey);
  const row = rows.find((r) =>
    spki.equals(Buffer.from(new x509.X509Certificate(bytes(r.der)).publicKey.rawData)),
  );
  if (!row) return null;
  const certificate = new x509.X509Certificate(bytes(row.der));
  return {
    signer: await store.signer(key.keyId),
    certificate: row.der,
    chain: await chainOf(db, certificate),
    fingerprint: row.fingerprint_sha256,
    subject: certificate.subject,
  };
}

/** The demo TSA of the demo PKI (its key and certificate); null without the demo PKI. */
export async function openDemoTsa(db: Kysely<Database>, kek: Uint8Array): Promise<TsaResponder | null> {
  const held = await heldKeyWithCertificate(db, kek, DEMO_TSA_LABEL);
  if (!held) return null;
  return createTsaResponder({
    certificate: held.der,
    privateKey: held.key,
    chain: await chainOf(db, new x509.X509Certificate(bytes(held.der))),
    policy: DEMO_TSA_POLICY,
  });
}

export interface Timestamper {
  /** Where the tokens come from, for logs: the TSA's URL or "demo". */
  readonly source: string;
  /** A verified RFC 3161 token (DER ContentInfo) over a SHA-256 digest, and its genTime. */
  timestamp(digest: Uint8Array): Promise<{ token: Uint8Array; genTime: Date }>;
}

const derList = (certificates: x509.X509Certificate[]) => certificates.map((c) => new Uint8Array(c.rawData));

/**
 * TSA_URL's TSA, or the demo one when no URL is given; null when neither is available (no URL
 * and no demo PKI). `policy` is required of a real TSA's tokens when given (TSA_POLICY).
 */
export async function openTimestamper(
  db: Kysely<Database>,
  options: { kek: Uint8Array | null; tsaUrl: string | null; policy?: string | null },
): Promise<Timestamper | null> {
  // Read once: the timestamper may be called inside a transaction of the caller's (the sealing
  // job's), and on the embedded database a second query would wait for that one connection.
  const trustAnchors = derList(await anchorCertificates(db));
  const intermediates = derList(await intermediateCertificates(db));
  const verify = async (token: Uint8Array, digest: Uint8Array, policy: string | undefined) => {
    const verified = await verifyTimestampToken(token, {
      digest,
      trustAnchors,
      intermediates,
      ...(policy ? { policy } : {}),
    });
    return { token, genTime: verified.genTime };
  };
  if (options.tsaUrl) {
    const url = options.tsaUrl;
    const policy = options.policy ?? undefined;
    return {
      source: url,
      timestamp: async (digest) => {
        const reply = await requestTimestamp(url, digest, policy ? { policy } : {});
        return verify(reply.tokenDer, digest, policy);
      },
    };
  }
  if (!options.kek) return null;
  const tsa = await openDemoTsa(db, options.kek);
  if (!tsa) return null;
  return {
    source: 'demo',
    timestamp: async (digest) => {
      const response = await tsa.respond(timestampRequest(digest));
      const reply = readTimestampResponse(response, digest);
      return verify(reply.tokenDer, digest, DEMO_TSA_POLICY);
    },
  };
}
