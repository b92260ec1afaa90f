import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { openTwoInstances, type TwoInstances } from '../test/shared-database';
import { DatabaseCounters, RedisCounters, type SharedCounters } from './counters';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether something listens at the Redis address (this machine runs one; CI may not). */
function redisListening(): Promise<boolean> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function countsInWindows(counters: SharedCounters, key: string) {
  const first = await counters.hit(key, 300);
  const second = await counters.hit(key, 300);
  await sleep(350);
  const afterWindow = await counters.hit(key, 300);
  return { first, second, afterWindow };
}

describe('shared counters', () => {
  let two: TwoInstances;
  beforeAll(async () => {
    two = await openTwoInstances();
  });
  afterAll(async () => two.close());

  it('database: counts hits of every instance in one window, and starts again after it', async () => {
    const a = new DatabaseCounters(two.a.db);
    const b = new DatabaseCounters(two.b.db);
    await a.hit('test:shared', 60_000);
    const fromB = await b.hit('test:shared', 60_000);
    expect(fromB.count).toBe(2);
    expect(fromB.ttlMs).toBeGreaterThan(55_000);
    const parallel = await Promise.all(Array.from({ length: 10 }, () => b.hit('test:parallel', 60_000)));
    expect(parallel.map((hit) => hit.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const { first, second, afterWindow } = await countsInWindows(a, 'test:window');
    expect([first.count, second.count, afterWindow.count]).toEqual([1, 2, 1]);
  });

  it('Redis (REDIS_URL): the same, between two connections', async (context) => {
    if (!(await redisListening())) return context.skip(`no Redis at ${REDIS_URL}`);
    const a = new RedisCounters(REDIS_URL, `tn-test-${process.pid}-${Date.now()}:`);
    const b = new RedisCounters(REDIS_URL, (a as unknown as { prefix: string }).prefix);
    try {
      await a.hit('shared', 60_000);
      const fromB = await b.hit('shared', 60_000);
      expect(fromB.count).toBe(2);
      expect(fromB.ttlMs).toBeGreaterThan(55_000);
      const { first, second, afterWindow } = await countsInWindows(b, 'window');
      expect([first.count, second.count, afterWindow.count]).toEqual([1, 2, 1]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('the sign-in rate limit holds across two server instances (database, then Redis)', async () => {
    const withRedis = await redisListening();
    for (const redisUrl of withRedis ? [undefined, REDIS_URL] : [undefined]) {
      // Each instance alone would allow 3 a minute; together they must too.
      const config = { ...loadConfig({}), webDir: null, loginRatePerMinute: 3, redisUrl };
      const apps = [
        await buildApp({ db: two.a.db, dbKind: two.a.kind, config, logger: false }),
        await buildApp({ db: two.b.db, dbKind: two.b.kind, config, logger: false }),
      ];
      // A client address of its own per round (Redis keeps its counters for the minute).
      const remoteAddress = `203.0.113.${1 + Math.floor(Math.random() * 254)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await apps[i % 2]!.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'khong-co', password: 'sai-mat-khau' },
          remoteAddress,
        });
        statuses.push(response.statusCode);
      }
      for (const app of apps) await app.close();
      expect(statuses.filter((status) => status === 429)).toHaveLength(3);
      expect(statuses.slice(0, 3).every((status) => status !== 429)).toBe(true);
    }
  });
});
