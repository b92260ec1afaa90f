/**
 * Counters shared by every server instance, for limits that must hold across them (the request
 * rate limits of sign-in and registration today; the quotas of the modules to come). A counter
 * counts hits in a fixed window that starts at its first hit:
 * - in Redis when REDIS_URL is set (INCR, and PEXPIRE on the first hit, in one MULTI);
 * - otherwise in the database (`shared_counters`, one upsert per hit: a row lock, no session
 *   state, so it works behind PgBouncer in transaction pooling mode).
 * The submission quotas need no counter: they are counted from the dossiers themselves under a
 * transaction-level lock per account (dossiers/submission-quota.ts), which every instance shares.
 *
 * `rateLimitStore` adapts a counter to @fastify/rate-limit's store interface (app.ts), whose own
 * default store is a map in each process.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface Hit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

export interface SharedCounters {
  readonly kind: 'redis' | 'database';
  hit(key: string, windowMs: number): Promise<Hit>;
  close(): Promise<void>;
}

export class DatabaseCounters implements SharedCounters {
  readonly kind = 'database';
  private hits = 0;

  constructor(private readonly db: Kysely<Database>) {}

  async hit(key: string, windowMs: number): Promise<Hit> {
    const result = await sql<{ count: number; ttl_ms: number }>`
      insert into shared_counters as c (key, count, expires_at)
      values (${key}, 1, clock_timestamp() + ${windowMs} * interval '1 millisecond')
      on conflict (key) do update set
        count = case when c.expires_at <= clock_timestamp() then 1 else c.count + 1 end,
        expires_at = case when c.expires_at <= clock_timestamp()
          then clock_timestamp() + ${windowMs} * interval '1 millisecond' else c.expires_at end
      returning count, greatest(0, extract(epoch from expires_at - clock_timestamp()) * 1000)::float8 as ttl_ms`.execute(
      this.db,
    );
    // Now and then, windows long over are removed (one statement, a few rows).
    if ((this.hits = (this.hits + 1) % 1000) === 0)
      await this.db
        .deleteFrom('shared_counters')
        .where('expires_at', '<', sql<Date>`now() - interval '1 day'`)
        .execute();
    const row = result.rows[0]!;
    return { count: Number(row.count), ttlMs: Math.ceil(Number(row.ttl_ms)) };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export class RedisCounters implements SharedCounters {
  readonly kind = 'redis';
  readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'tn:',
  ) {
    // A limit must answer quickly or not at all: no endless queue while Redis is away.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: true });
    this.redis.on('error', () => {}); // reconnects by itself; each failed hit reports its error
  }

  async hit(key: string, windowMs: number): Promise<Hit> {
    const name = `${this.prefix}${key}`;
    const answers = await this.redis.multi().incr(name).pexpire(name, windowMs, 'NX').pttl(name).exec();
    if (!answers) throw new Error('Redis transaction aborted');
    for (const [error] of answers) if (error) throw error;
    const count = Number(answers[0]![1]);
    const ttl = Number(answers[2]![1]);
    return { count, ttlMs: ttl > 0 ? ttl : windowMs };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis when REDIS_URL is set, else the database. */
export function openCounters(db: Kysely<Database>, redisUrl: string | undefined): SharedCounters {
  return redisUrl ? new RedisCounters(redisUrl) : new DatabaseCounters(db);
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A @fastify/rate-limit store over shared counters: `store: rateLimitStore(counters)`. Each route
 * gets its own counters (the child store keys them by method and route; the plugin passes the
 * route as `routeInfo`, which its types do not declare).
 */
export function rateLimitStore(counters: SharedCounters): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore implements FastifyRateLimitStore {
    constructor(
      private readonly options: { timeWindow?: number | string | undefined } = {},
      private readonly scope = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow?: number): void {
      const windowMs = Number(timeWindow ?? this.options.timeWindow ?? 60_000);
      counters.hit(`rate:${this.scope}:${key}`, windowMs).then(
        (hit) => callback(null, { current: hit.count, ttl: hit.ttlMs }),
        (error: unknown) => callback(error as Error),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
      const scope = `${method} ${route?.url ?? ''}`.trim() || 'route';
      return new SharedRateLimitStore(this.options, scope);
    }
  }
  return SharedRateLimitStore;
}
