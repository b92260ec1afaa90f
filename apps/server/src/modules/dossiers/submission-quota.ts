/**
 * Submission quotas (issue #11). One citizen account submitted 3,838 dossiers in 21.5 s and could
 * so exhaust an agency's 9,999 daily codes, after which every submission to that agency failed
 * for the rest of the day, counter intake included. Now:
 * - a citizen account submits at most SUBMISSION_QUOTA_PER_HOUR dossiers in any hour and
 *   SUBMISSION_QUOTA_PER_DAY in any 24 hours (sliding windows), and starts at most
 *   DRAFT_QUOTA_PER_DAY drafts and dossiers in 24 hours: 429 with Retry-After beyond;
 * - the last COUNTER_RESERVED_CODES numbers of an agency's day are for counter and post intake
 *   only, so that even many accounts together cannot take the counter's codes: 503 online beyond;
 * - officers are subject to neither.
 * The quota is counted from the `dossiers` table itself (what was submitted, by whom, when), so it
 * holds across restarts and on both databases. The count and the write share one transaction
 * under a lock per account: a burst of parallel requests from one account is served one at a
 * time and cannot pass the limit.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { DomainError } from '../../http/errors';
import type { Principal } from '../auth';
import { MAX_DAILY_NUMBER } from './codes';

export interface SubmissionLimits {
  /** Submissions per account in any 60 minutes; 0 = no limit. */
  perHour: number;
  /** Submissions per account in any 24 hours; 0 = no limit. */
  perDay: number;
  /** Drafts and dossiers an account may start in any 24 hours; 0 = no limit. */
  startsPerDay: number;
  /** The last numbers of an agency's day kept for counter and post intake. */
  counterReserve: number;
}

export function submissionLimits(config: Config): SubmissionLimits {
  return {
    perHour: config.submissionQuotaPerHour,
    perDay: config.submissionQuotaPerDay,
    startsPerDay: config.draftQuotaPerDay,
    counterReserve: config.counterReservedCodes,
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface QuotaExceeded {
  window: 'hour' | 'day';
  limit: number;
  /** When the oldest counted entry leaves the window and one more is allowed. */
  retryAfterMs: number;
}

/**
 * Whether one more is allowed, given the times of the account's recent entries (newest first,
 * at least max(perHour, perDay) of them when there are so many). When both windows are full, the
 * later of the two moments is when one more is allowed.
 */
export function quotaVerdict(
  recent: readonly Date[],
  now: Date,
  limits: { perHour: number; perDay: number },
): QuotaExceeded | null {
  const exceeded: QuotaExceeded[] = [];
  for (const [window, limit, span] of [
    ['hour', limits.perHour, HOUR_MS],
    ['day', limits.perDay, DAY_MS],
  ] as const) {
    if (limit <= 0) continue;
    const inWindow = recent.filter((at) => now.getTime() - at.getTime() < span);
    // The limit-th newest entry is the one whose leaving the window frees a place.
    const pivot = inWindow[limit - 1];
    if (inWindow.length >= limit && pivot)
      exceeded.push({ window, limit, retryAfterMs: Math.max(1000, pivot.getTime() + span - now.getTime()) });
  }
  return exceeded.sort((a, b) => b.retryAfterMs - a.retryAfterMs)[0] ?? null;
}

function inWords(ms: number): [string, string] {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return [`${minutes} phút`, `${minutes} minute${minutes === 1 ? '' : 's'}`];
  const hours = Math.ceil(minutes / 60);
  return [`${hours} giờ`, `${hours} hour${hours === 1 ? '' : 's'}`];
}

function quotaExceeded(what: 'submit' | 'start', exceeded: QuotaExceeded): DomainError {
  const [wait, waitEn] = inWords(exceeded.retryAfterMs);
  const span = exceeded.window === 'hour' ? ['1 giờ', 'hour'] : ['24 giờ', '24 hours'];
  const [did, didEn] =
    what === 'submit'
      ? [`đã nộp ${exceeded.limit} hồ sơ`, `submitted ${exceeded.limit} dossiers`]
      : [
          `đã tạo ${exceeded.limit} hồ sơ (kể cả hồ sơ nháp)`,
          `started ${exceeded.limit} dossiers and drafts`,
        ];
  return new DomainError({
    code: what === 'submit' ? 'submission_quota_exceeded' : 'draft_quota_exceeded',
    status: 429,
    title: ['Đã đạt giới hạn nộp hồ sơ trực tuyến', 'Online submission limit reached'],
    message: `Tài khoản của bạn ${did} trong ${span[0]} qua, là mức tối đa cho một tài khoản. Vui lòng thử lại sau ${wait}. Nếu bạn cần nộp nhiều hồ sơ hơn (ví dụ thay mặt một tổ chức), hãy liên hệ Bộ phận Một cửa.`,
    messageEn: `Your account has ${didEn} in the last ${span[1]}, the most one account may. Try again in ${waitEn}. If you need to submit more (for an organisation, say), contact the one-stop shop.`,
    headers: { 'retry-after': String(Math.ceil(exceeded.retryAfterMs / 1000)) },
  });
}

/** Milliseconds to the next midnight in Vietnam (UTC+7), when an agency's numbering restarts. */
function untilVietnamMidnight(now: Date): number {
  const offset = 7 * HOUR_MS;
  return DAY_MS - ((now.getTime() + offset) % DAY_MS);
}

export function onlineCapacityReached(now = new Date()): DomainError {
  return new DomainError({
    code: 'online_capacity_reached',
    status: 503,
    message:
      'Hôm nay cơ quan tiếp nhận đã nhận quá nhiều hồ sơ trực tuyến; số hồ sơ còn lại trong ngày dành cho tiếp nhận trực tiếp và qua bưu chính. Vui lòng nộp trực tuyến lại từ ngày mai, hoặc nộp tại Bộ phận Một cửa.',
    messageEn:
      'The receiving agency has received too many online dossiers today; the rest of today’s numbers are kept for the counter and post. Submit online again tomorrow, or at the one-stop shop.',
    headers: { 'retry-after': String(Math.ceil(untilVietnamMidnight(now) / 1000)) },
  });
}

/** Serialises one account's submissions (and draft starts) until the transaction ends. */
async function lockAccount(trx: Transaction<Database>, userId: number) {
  // Two-key advisory lock: namespace 71101 (issue 11, quota), then the account.
  await sql`select pg_advisory_xact_lock(71101, ${userId}::int)`.execute(trx);
}

async function recentTimes(
  trx: Transaction<Database>,
  userId: number,
  column: 'submitted_at' | 'created_at',
  now: Date,
  count: number,
): Promise<Date[]> {
  const rows = await trx
    .selectFrom('dossiers')
    .select(`${column} as at`)
    .where('created_by', '=', userId)
    .where(column, '>', new Date(now.getTime() - DAY_MS))
    .orderBy(column, 'desc')
    .limit(count)
    .execute();
  return rows.map((row) => row.at!);
}

/**
 * Runs a submission's writes in one transaction; for a citizen, only after checking the
 * account's quota under the account's lock. (The agency's online capacity is the ceiling the
 * counter's statement enforces: `submissionCeiling`.)
 */
/** Whether a submission by this principal is counted against an account quota. */
export function hasAccountQuota(limits: SubmissionLimits, principal: Principal): boolean {
  return principal.kind === 'citizen' && (limits.perHour > 0 || limits.perDay > 0);
}

/**
 * The highest daily number a submission may take: an online one stops short of the numbers kept
 * for counter and post intake, which officers may use to the last (the counter's statement
 * enforces it, so concurrent submissions cannot overshoot).
 */
export function submissionCeiling(limits: SubmissionLimits, principal: Principal): number {
  return principal.kind === 'citizen' ? MAX_DAILY_NUMBER - limits.counterReserve : MAX_DAILY_NUMBER;
}

export async function withinSubmissionQuota<T>(
  db: Kysely<Database>,
  limits: SubmissionLimits,
  principal: Principal,
  write: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (principal.kind !== 'citizen') return write(trx);
    const now = new Date();
    if (limits.perHour > 0 || limits.perDay > 0) {
      await lockAccount(trx, principal.userId);
      const recent = await recentTimes(
        trx,
        principal.userId,
        'submitted_at',
        now,
        Math.max(limits.perHour, limits.perDay),
      );
      const exceeded = quotaVerdict(recent, now, limits);
      if (exceeded) throw quotaExceeded('submit', exceeded);
    }
    return write(trx);
  });
}

/** Runs a draft's creation in one transaction; for a citizen, within the daily start quota. */
export async function withinDraftQuota<T>(
  db: Kysely<Database>,
  limits: SubmissionLimits,
  principal: Principal,
  write: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (principal.kind === 'citizen' && limits.startsPerDay > 0) {
      const now = new Date();
      await lockAccount(trx, principal.userId);
      const recent = await recentTimes(trx, principal.userId, 'created_at', now, limits.startsPerDay);
      const exceeded = quotaVerdict(recent, now, { perHour: 0, perDay: limits.startsPerDay });
      if (exceeded) throw quotaExceeded('start', exceeded);
    }
    return write(trx);
  });
}
