import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressKey,
  afterSuccess,
  claimAttempt,
  delayAfter,
  EMPTY_STATE,
  gateSignIn,
  QUIET_MS,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle';

const policy: ThrottlePolicy = { freeFailures: 5, accountFreeFailures: 20, maxDelayMs: 15 * 60_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 5, 1, 0, 0) + seconds * 1000);

/** Attempts one after the other, each as soon as allowed; returns the state and when each ran. */
function guessAsFastAsAllowed(attempts: number, state: ThrottleState = EMPTY_STATE) {
  let now = at(0);
  const times: number[] = [];
  for (let i = 0; i < attempts; i += 1) {
    const claim = claimAttempt(state, now, policy.freeFailures, policy.maxDelayMs, true);
    if (!claim.allowed) {
      now = new Date(now.getTime() + claim.retryAfterMs);
      i -= 1;
      continue;
    }
    state = claim.next;
    times.push((now.getTime() - at(0).getTime()) / 1000);
  }
  return { state, times };
}

describe('sign-in throttle (rules)', () => {
  it('waits nothing below the threshold, then 1 s doubling, never more than the maximum', () => {
    expect([0, 4, 5, 6, 7, 14, 15, 60].map((n) => delayAfter(n, 5, 900_000))).toEqual([
      0, 0, 1000, 2000, 4000, 512_000, 900_000, 900_000,
    ]);
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 50 }), (failures, free) => {
        const delay = delayAfter(failures, free, policy.maxDelayMs);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
        expect(delayAfter(failures + 1, free, policy.maxDelayMs)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });

  it('slows one address to a few guesses an hour but never locks it', () => {
    const { times } = guessAsFastAsAllowed(40);
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    const lastHour = times.filter((t) => t > times.at(-1)! - 3600).length;
    expect(lastHour).toBeLessThanOrEqual(5);
    // A day holds about 100 guesses from one address, instead of millions.
    expect(guessAsFastAsAllowed(120).times.at(-1)!).toBeGreaterThan(86_400);
  });

  it('counts an attempt before its password is checked, so a burst passes the threshold by none', () => {
    let state = EMPTY_STATE;
    let allowed = 0;
    for (let i = 0; i < 50; i += 1) {
      const claim = claimAttempt(state, at(0), policy.freeFailures, policy.maxDelayMs, true);
      if (claim.allowed) {
        allowed += 1;
        state = claim.next;
      }
    }
    expect(allowed).toBe(policy.freeFailures);
  });

  it('forgets an address’s failures after a quiet day, but not the count the owner is told', () => {
    const { state } = guessAsFastAsAllowed(7);
    const later = new Date(state.lastFailureAt!.getTime() + QUIET_MS + 1);
    const claim = claimAttempt(state, later, policy.freeFailures, policy.maxDelayMs, true);
    expect(claim).toMatchObject({ allowed: true, next: { failures: 1, failuresSinceSuccess: 8 } });
  });

  it('slows unknown addresses once the account as a whole was guessed at, never a known one', () => {
    let account = EMPTY_STATE;
    // 20 addresses, each under its own threshold.
    for (let i = 0; i < policy.accountFreeFailures; i += 1) {
      const gate = gateSignIn(EMPTY_STATE, account, at(i), policy);
      expect(gate.allowed).toBe(true);
      if (gate.allowed) account = gate.account;
    }
    // Half a second after the 20th failure (which is followed by a 1 s wait).
    const soon = new Date(at(19).getTime() + 500);
    const stranger = gateSignIn(EMPTY_STATE, account, soon, policy);
    expect(stranger).toMatchObject({ allowed: false, reason: 'account', retryAfterMs: 500 });
    const known = afterSuccess(EMPTY_STATE, at(-86_400));
    expect(gateSignIn(known, account, soon, policy).allowed).toBe(true);
  });

  it('forgives everything at a success and remembers the address', () => {
    const { state } = guessAsFastAsAllowed(9);
    expect(afterSuccess(state, at(99))).toMatchObject({
      failures: 0,
      blockedUntil: null,
      failuresSinceSuccess: 0,
      lastSuccessAt: at(99),
    });
  });

  it('keys IPv6 addresses by their /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:db8:abcd:12::99')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
