/**
 * A cache of revocation answers, so that a certificate checked a thousand times an hour costs
 * one OCSP request or CRL download: an answer is reused until its nextUpdate or until thisUpdate
 * plus the configured maximum age, whichever comes first. The in-memory cache below serves one
 * process; the trust module gives a database-backed one (values then hold Dates and bytes to
 * serialise: responseDer as bytea/base64, the dates as timestamptz).
 */
import { createHash } from 'node:crypto';
import { parseCertificate, serialHexOf } from '../tsp/index';
import { checkOcsp, type CheckOcspOptions, type OcspResult } from './client';
import type { RevocationAnswer } from './common';
import { checkCrl, fetchCrl } from './crl';

export interface CachedEntry<V> {
  value: V;
  until: Date;
}

export interface RevocationCache<V = RevocationAnswer> {
  get(key: string): CachedEntry<V> | undefined | Promise<CachedEntry<V> | undefined>;
  put(key: string, value: V, until: Date): void | Promise<void>;
}

/** An in-process cache; entries past their `until` are dropped, the oldest go first when full. */
export class MemoryRevocationCache<V = RevocationAnswer> implements RevocationCache<V> {
  private readonly entries = new Map<string, CachedEntry<V>>();

  constructor(private readonly options: { maxEntries?: number; clock?: () => Date } = {}) {}

  get(key: string): CachedEntry<V> | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.until.getTime() <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  put(key: string, value: V, until: Date): void {
    if (until.getTime() <= this.now()) return;
    this.entries.delete(key);
    this.entries.set(key, { value, until });
    const max = this.options.maxEntries ?? 10_000;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private now(): number {
    return (this.options.clock?.() ?? new Date()).getTime();
  }
}

/**
 * Until when an answer may be reused: the earlier of nextUpdate and thisUpdate + maxAgeSeconds;
 * undefined (do not cache) when neither bounds it.
 */
export function reuseUntil(answer: RevocationAnswer, maxAgeSeconds: number | undefined): Date | undefined {
  const bounds = [
    answer.nextUpdate?.getTime(),
    maxAgeSeconds === undefined ? undefined : answer.thisUpdate.getTime() + maxAgeSeconds * 1000,
  ].filter((t): t is number => t !== undefined);
  return bounds.length ? new Date(Math.min(...bounds)) : undefined;
}

/** Cache key of an answer about `certificate` from `source` (the OCSP or CRL URL). */
export function revocationCacheKey(
  kind: 'ocsp' | 'crl',
  source: string,
  certificate: Uint8Array,
  issuer: Uint8Array,
): string {
  const issuerKey = parseCertificate(issuer).subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const issuerId = createHash('sha256').update(issuerKey).digest('hex');
  return `${kind}:${issuerId}:${serialHexOf(parseCertificate(certificate).serialNumber)}:${source}`;
}

async function cached<V extends RevocationAnswer>(
  cache: RevocationCache<V>,
  key: string,
  now: Date,
  maxAgeSeconds: number | undefined,
  fetchAnswer: () => Promise<V>,
): Promise<V> {
  const hit = await cache.get(key);
  const young = (v: V) =>
    maxAgeSeconds === undefined || now.getTime() - v.thisUpdate.getTime() <= maxAgeSeconds * 1000;
  if (hit && hit.until.getTime() > now.getTime() && young(hit.value)) return hit.value;
  const answer = await fetchAnswer();
  const until = reuseUntil(answer, maxAgeSeconds);
  if (until && until.getTime() > now.getTime()) await cache.put(key, answer, until);
  return answer;
}

/** `checkOcsp` through a cache. */
export function cachedCheckOcsp(
  cache: RevocationCache<OcspResult>,
  url: string,
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: CheckOcspOptions,
): Promise<OcspResult> {
  const now = options.now ?? new Date();
  return cached(cache, revocationCacheKey('ocsp', url, certificate, issuer), now, options.maxAgeSeconds, () =>
    checkOcsp(url, certificate, issuer, { ...options, now }),
  );
}

/** `fetchCrl` + `checkCrl` through a cache (the CRL is downloaded only on a miss). */
export function cachedCheckCrl(
  cache: RevocationCache,
  url: string,
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: { now?: Date; maxAgeSeconds?: number; timeoutMs?: number } = {},
): Promise<RevocationAnswer> {
  const now = options.now ?? new Date();
  return cached(
    cache,
    revocationCacheKey('crl', url, certificate, issuer),
    now,
    options.maxAgeSeconds,
    async () => {
      const crl = await fetchCrl(url, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
      return checkCrl(crl, certificate, issuer, {
        now,
        ...(options.maxAgeSeconds !== undefined ? { maxAgeSeconds: options.maxAgeSeconds } : {}),
      });
    },
  );
}
