/**
 * Sign-in throttling as pure rules (OWASP Authentication Cheat Sheet, "Login Throttling" and
 * "Account Lockout": a lock-out that anyone can trigger is a denial of service; an exponential
 * delay slows guessing without handing out a lock).
 *
 * Failed sign-ins are counted twice: per (user name, client address), and per user name over all
 * addresses. After `freeFailures` failures from one address, that address waits before its next
 * attempt: 1 s, then twice as long after each further failure, up to `maxDelayMs`. After
 * `accountFreeFailures` failures over all addresses, every address that has never signed in to
 * that account successfully waits the same way — guessing from many addresses is slowed too —
 * while the addresses the owner signs in from are not: an attacker elsewhere cannot keep the
 * owner out. A success resets both counts. Counts of an address fall back to zero after a quiet
 * day. Nothing here reads the users table, so an unknown user name is throttled like a real one.
 *
 * An attempt is counted before its password is checked (and forgiven if it was right), so that
 * parallel requests cannot all slip in before the first failure is written.
 */

/** The whole account, over all client addresses (a value no client address can have). */
export const ANY_ADDRESS = '*';

/** A day without failures from an address wipes its count. */
export const QUIET_MS = 24 * 3_600_000;

export interface ThrottlePolicy {
  /** Failures from one address to one account before that address must wait. */
  freeFailures: number;
  /** Failures over all addresses before addresses that never signed in to the account must wait. */
  accountFreeFailures: number;
  /** The longest wait. */
  maxDelayMs: number;
}

export interface ThrottleState {
  /** Consecutive failures (forgotten after QUIET_MS without one). */
  failures: number;
  lastFailureAt: Date | null;
  /** No attempt before this moment (when the rule applies). */
  blockedUntil: Date | null;
  /** Failures since the last success, however old (what the owner is told after signing in). */
  failuresSinceSuccess: number;
  /** Last successful sign-in from this address (for an address row: the address is known). */
  lastSuccessAt: Date | null;
}

export const EMPTY_STATE: ThrottleState = {
  failures: 0,
  lastFailureAt: null,
  blockedUntil: null,
  failuresSinceSuccess: 0,
  lastSuccessAt: null,
};

/** The wait after `failures` consecutive failures: none below the threshold, then 1 s doubling. */
export function delayAfter(failures: number, freeFailures: number, maxDelayMs: number): number {
  if (failures < freeFailures) return 0;
  const exponent = Math.min(failures - freeFailures, 40); // 2^40 s is far past any maximum
  return Math.min(maxDelayMs, 1000 * 2 ** exponent);
}

export type Claim = { allowed: true; next: ThrottleState } | { allowed: false; retryAfterMs: number };

/**
 * One attempt against one counter. Refused while the counter's wait runs (when `enforce`);
 * otherwise counted as a failure in advance, with the wait that follows it.
 */
export function claimAttempt(
  state: ThrottleState,
  now: Date,
  freeFailures: number,
  maxDelayMs: number,
  enforce: boolean,
): Claim {
  if (enforce && state.blockedUntil && state.blockedUntil > now)
    return { allowed: false, retryAfterMs: state.blockedUntil.getTime() - now.getTime() };
  const quiet = state.lastFailureAt === null || now.getTime() - state.lastFailureAt.getTime() > QUIET_MS;
  const failures = (quiet ? 0 : state.failures) + 1;
  const delay = delayAfter(failures, freeFailures, maxDelayMs);
  return {
    allowed: true,
    next: {
      failures,
      lastFailureAt: now,
      blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null,
      failuresSinceSuccess: state.failuresSinceSuccess + 1,
      lastSuccessAt: state.lastSuccessAt,
    },
  };
}

export type SignInGate =
  | { allowed: true; address: ThrottleState; account: ThrottleState }
  | { allowed: false; retryAfterMs: number; reason: 'address' | 'account' };

/**
 * An attempt against both counters: the address's always applies; the account's only to an
 * address that has never signed in to it successfully.
 */
export function gateSignIn(
  address: ThrottleState,
  account: ThrottleState,
  now: Date,
  policy: ThrottlePolicy,
): SignInGate {
  const fromAddress = claimAttempt(address, now, policy.freeFailures, policy.maxDelayMs, true);
  if (!fromAddress.allowed) return { ...fromAddress, reason: 'address' };
  const known = address.lastSuccessAt !== null;
  const overall = claimAttempt(account, now, policy.accountFreeFailures, policy.maxDelayMs, !known);
  if (!overall.allowed) return { ...overall, reason: 'account' };
  return { allowed: true, address: fromAddress.next, account: overall.next };
}

/** After a right password: nothing owed, and the address is known to the account. */
export function afterSuccess(state: ThrottleState, now: Date): ThrottleState {
  return {
    failures: 0,
    lastFailureAt: state.lastFailureAt,
    blockedUntil: null,
    failuresSinceSuccess: 0,
    lastSuccessAt: now,
  };
}

/**
 * The key of a client address: IPv6 addresses by their /64 prefix (one subscriber's network,
 * whose other addresses cost an attacker nothing), IPv4-mapped IPv6 as IPv4.
 */
export function addressKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
