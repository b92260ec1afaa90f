/**
 * The sign-in throttle's rows (`login_throttle`, one per user name and client address, and one per
 * user name for all addresses) and the errors it answers. The rules are in ./throttle.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Config } from '../../config';
import type { Database, LoginThrottleTable } from '../../db/schema';
import { DomainError } from '../../http/errors';
import {
  afterSuccess,
  ANY_ADDRESS,
  EMPTY_STATE,
  gateSignIn,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle';

export function throttlePolicy(config: Config): ThrottlePolicy {
  return {
    freeFailures: config.loginMaxFailures,
    accountFreeFailures: config.loginAccountMaxFailures,
    maxDelayMs: config.loginMaxDelayMinutes * 60_000,
  };
}

function stateOf(row: Selectable<LoginThrottleTable> | undefined): ThrottleState {
  if (!row) return EMPTY_STATE;
  return {
    failures: row.failures,
    lastFailureAt: row.last_failure_at,
    blockedUntil: row.blocked_until,
    failuresSinceSuccess: row.failures_since_success,
    lastSuccessAt: row.last_success_at,
  };
}

function columnsOf(state: ThrottleState) {
  return {
    failures: state.failures,
    last_failure_at: state.lastFailureAt,
    blocked_until: state.blockedUntil,
    failures_since_success: state.failuresSinceSuccess,
    last_success_at: state.lastSuccessAt,
  };
}

/** "30 giây", "4 phút": how long to wait, in words. */
function wait(ms: number): [string, string] {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return [`${seconds} giây`, `${seconds} seconds`];
  const minutes = Math.ceil(seconds / 60);
  return [`${minutes} phút`, `${minutes} minute${minutes === 1 ? '' : 's'}`];
}

function throttled(retryAfterMs: number, reason: 'address' | 'account'): DomainError {
  const [vi, en] = wait(retryAfterMs);
  return new DomainError({
    code: 'sign_in_throttled',
    status: 429,
    title: ['Vui lòng chờ rồi thử lại', 'Please wait and try again'],
    message:
      reason === 'address'
        ? `Đã đăng nhập sai nhiều lần vào tài khoản này từ nơi bạn đang dùng. Để bảo vệ tài khoản, vui lòng chờ ${vi} rồi thử lại. Tài khoản không bị khóa.`
        : `Tài khoản này vừa bị thử đăng nhập sai nhiều lần. Để bảo vệ tài khoản, lần đăng nhập từ một nơi chưa từng đăng nhập vào tài khoản này phải chờ ${vi}; từ nơi bạn vẫn thường đăng nhập thì không phải chờ. Tài khoản không bị khóa.`,
    messageEn:
      reason === 'address'
        ? `Too many failed sign-ins to this account from where you are. To protect it, wait ${en} and try again. The account is not locked.`
        : `Someone has just failed to sign in to this account many times. To protect it, a sign-in from a place that never signed in to it waits ${en}; from where you usually sign in there is no wait. The account is not locked.`,
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  });
}

const queues = new Map<string, Promise<void>>();

/**
 * Runs the sign-in attempts of one (user name, address) one after the other in this process, so
 * that each is counted knowing how the previous one ended: a script signing in twenty times at
 * once with the right password is not taken for a burst of guesses, and a burst of guesses gets
 * exactly the threshold. (Across several server processes the count in advance still bounds it.)
 */
export async function oneAttemptAtATime<T>(key: string, attempt: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  let release = () => {};
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  queues.set(key, tail);
  await previous;
  try {
    return await attempt();
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/**
 * Counts one attempt (as a failure, until the password proves right) or refuses it with 429.
 * Returns the account's counter as it was before this attempt (what the owner is told).
 */
export async function claimSignInAttempt(
  db: Kysely<Database>,
  policy: ThrottlePolicy,
  username: string,
  address: string,
  now: Date,
): Promise<ThrottleState> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_throttle')
      .values(
        [address, ANY_ADDRESS].map((client_address) => ({
          username,
          client_address,
          ...columnsOf(EMPTY_STATE),
        })),
      )
      .onConflict((oc) => oc.columns(['username', 'client_address']).doNothing())
      .execute();
    const rows = await trx
      .selectFrom('login_throttle')
      .selectAll()
      .where('username', '=', username)
      .where('client_address', 'in', [address, ANY_ADDRESS])
      .orderBy('client_address')
      .forUpdate()
      .execute();
    const before = {
      address: stateOf(rows.find((row) => row.client_address === address)),
      account: stateOf(rows.find((row) => row.client_address === ANY_ADDRESS)),
    };
    const gate = gateSignIn(before.address, before.account, now, policy);
    if (!gate.allowed) throw throttled(gate.retryAfterMs, gate.reason);
    for (const [clientAddress, state] of [
      [address, gate.address],
      [ANY_ADDRESS, gate.account],
    ] as const)
      await trx
        .updateTable('login_throttle')
        .set(columnsOf(state))
        .where('username', '=', username)
        .where('client_address', '=', clientAddress)
        .execute();
    return before.account;
  });
}

/** A right password: both counters forgiven, the address known to the account from now on. */
export async function recordSignInSuccess(
  db: Kysely<Database>,
  username: string,
  address: string,
  now: Date,
): Promise<void> {
  const rows = await db
    .selectFrom('login_throttle')
    .selectAll()
    .where('username', '=', username)
    .where('client_address', 'in', [address, ANY_ADDRESS])
    .execute();
  for (const row of rows)
    await db
      .updateTable('login_throttle')
      .set(columnsOf(afterSuccess(stateOf(row), now)))
      .where('username', '=', username)
      .where('client_address', '=', row.client_address)
      .execute();
}
