/**
 * Sign-in, sessions and API tokens. Only hashes of session ids, CSRF tokens and API tokens are
 * stored; a stolen database copy does not let anyone in.
 */
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { DomainError } from '../../http/errors';
import { recordAudit, type Actor } from '../audit';
import { accountOf, activeGrants, signInCredentials } from '../org';
import { DUMMY_HASH, verifyPassword } from './password';
import type { Grant, Principal } from './permissions';

type GrantRow = Omit<Grant, 'id' | 'unitId'> & { id: number | string; unitId: number | string | null };
import { randomToken, sha256 } from './secrets';
import {
  claimSignInAttempt,
  oneAttemptAtATime,
  recordSignInSuccess,
  throttlePolicy,
} from './sign-in-throttle';
import { addressKey } from './throttle';

export const SESSION_COOKIE = 'tn_session';
export const TOKEN_PREFIX = 'tnk_';

const invalidCredentials = () =>
  new DomainError({
    code: 'invalid_credentials',
    status: 401,
    message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    messageEn: 'Wrong username or password.',
    title: ['Sai tên đăng nhập hoặc mật khẩu', 'Wrong username or password'],
  });

/** Failed sign-ins to the account between the previous successful sign-in and this one. */
export interface FailedSignIns {
  count: number;
  lastAt: Date | null;
}

export interface LoginResult {
  principal: Principal;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  failedSignIns: FailedSignIns;
}

export async function login(
  db: Kysely<Database>,
  config: Config,
  input: {
    username: string;
    password: string;
    ip: string | null;
    userAgent: string | null;
    previousSession?: string;
  },
  now?: Date,
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const address = addressKey(input.ip);
  // The time is taken when the attempt's turn comes, not when it was queued.
  return oneAttemptAtATime(`${username}\n${address}`, () =>
    attemptSignIn(db, config, input, username, address, now ?? new Date()),
  );
}

async function attemptSignIn(
  db: Kysely<Database>,
  config: Config,
  input: { password: string; ip: string | null; userAgent: string | null; previousSession?: string },
  username: string,
  address: string,
  now: Date,
): Promise<LoginResult> {
  // Counted (or refused) before the password is checked: see throttle.ts.
  const before = await claimSignInAttempt(db, throttlePolicy(config), username, address, now);

  const user = await signInCredentials(db, username);
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) throw invalidCredentials();
  if (user.status !== 'active') {
    throw new DomainError({
      code: 'account_disabled',
      status: 403,
      message: 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
      messageEn: 'This account is disabled. Contact the administrator.',
    });
  }
  const failedSignIns: FailedSignIns = {
    count: before.failuresSinceSuccess,
    lastAt: before.failuresSinceSuccess > 0 ? before.lastFailureAt : null,
  };

  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + config.sessionMaxHours * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await recordSignInSuccess(trx, username, address, now);
    // Session renewal at sign-in: any session the browser held is ended, never reused.
    if (input.previousSession)
      await trx.deleteFrom('sessions').where('id_hash', '=', sha256(input.previousSession)).execute();
    await trx
      .insertInto('sessions')
      .values({
        id_hash: sha256(sessionToken),
        user_id: user.id,
        csrf_token_hash: sha256(csrfToken),
        last_seen_at: now,
        expires_at: expiresAt,
        ip_address: input.ip,
        user_agent: input.userAgent?.slice(0, 200) ?? null,
        failed_sign_ins_before: failedSignIns.count,
        last_failed_sign_in_at: failedSignIns.lastAt,
      })
      .execute();
    await recordAudit(
      trx,
      { userId: user.id, label: user.username, ip: input.ip },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      },
    );
  });
  return {
    principal: await principalFor(db, user.id, 'session', sha256(sessionToken)),
    sessionToken,
    csrfToken,
    expiresAt,
    failedSignIns,
  };
}

/** What the session's sign-in found (FailedSignIns); null without a session (a bearer token). */
export async function failedSignInsOfSession(
  db: Kysely<Database>,
  principal: Principal,
): Promise<FailedSignIns | null> {
  if (!principal.sessionIdHash) return null;
  const row = await db
    .selectFrom('sessions')
    .select(['failed_sign_ins_before', 'last_failed_sign_in_at'])
    .where('id_hash', '=', principal.sessionIdHash)
    .executeTakeFirst();
  return row ? { count: row.failed_sign_ins_before, lastAt: row.last_failed_sign_in_at } : null;
}

async function principalFor(
  db: Kysely<Database>,
  userId: number,
  via: Principal['via'],
  sessionIdHash?: string,
): Promise<Principal> {
  const user = await accountOf(db, userId);
  if (!user) throw new Error(`user ${userId} vanished`);
  return {
    userId: user.id,
    username: user.username,
    fullName: user.full_name,
    kind: user.kind,
    primaryUnitId: user.primary_unit_id,
    grants: await activeGrants(db, user.id),
    via,
    ...(sessionIdHash ? { sessionIdHash } : {}),
  };
}

export interface SessionPrincipal {
  principal: Principal;
  csrfTokenHash: string;
}

/** Resolves a session cookie; slides the idle timeout (written at most once a minute). */
export async function resolveSession(
  db: Kysely<Database>,
  config: Config,
  sessionToken: string,
  now = new Date(),
): Promise<SessionPrincipal | null> {
  const idHash = sha256(sessionToken);
  // One round trip per request: the session, its user and the user's active grants.
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users_view as users', 'users.id', 'sessions.user_id')
    .select((eb) => [
      'sessions.user_id',
      'sessions.csrf_token_hash',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.status',
      'users.username',
      'users.full_name',
      'users.kind',
      'users.primary_unit_id',
      eb
        .selectFrom('role_grants_view as role_grants')
        .select(
          sql<
            GrantRow[]
          >`coalesce(json_agg(json_build_object('id', id, 'role', role, 'unitId', unit_id, 'includeSubtree', include_subtree) order by id), '[]'::json)`.as(
            'grants',
          ),
        )
        .whereRef('role_grants.user_id', '=', 'sessions.user_id')
        .where('role_grants.revoked_at', 'is', null)
        .as('grants'),
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.status !== 'active') return null;
  const idleLimit = new Date(row.last_seen_at.getTime() + config.sessionIdleMinutes * 60_000);
  if (row.expires_at <= now || idleLimit <= now) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return {
    principal: {
      userId: row.user_id,
      username: row.username,
      fullName: row.full_name,
      kind: row.kind,
      primaryUnitId: row.primary_unit_id,
      grants: (row.grants ?? []).map((grant) => ({
        ...grant,
        id: Number(grant.id),
        unitId: grant.unitId === null ? null : Number(grant.unitId),
      })),
      via: 'session',
      sessionIdHash: idHash,
    },
    csrfTokenHash: row.csrf_token_hash,
  };
}

export async function resolveApiToken(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users_view as users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.status',
    ])
    .where('api_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.status !== 'active' || row.revoked_at || (row.expires_at && row.expires_at <= now))
    return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return principalFor(db, row.user_id, 'token');
}

/** Ends every session of an account (disabled, or its password reset by an administrator). */
export async function endSessionsOf(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function logout(db: Kysely<Database>, principal: Principal, actor: Actor): Promise<void> {
  if (!principal.sessionIdHash) return;
  const sessionIdHash = principal.sessionIdHash;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', sessionIdHash).execute();
    await recordAudit(trx, actor, { action: 'auth.logout', entityType: 'user', entityId: principal.userId });
  });
}

export async function createApiToken(
  db: Kysely<Database>,
  principal: Principal,
  actor: Actor,
  input: { name: string; expiresAt: Date | null },
) {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: principal.userId,
        name: input.name.trim(),
        token_prefix: token.slice(0, 10),
        token_hash: sha256(token),
        expires_at: input.expiresAt,
      })
      .returning(['id', 'name', 'token_prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: row.id,
      after: { name: row.name, prefix: row.token_prefix, expiresAt: row.expires_at },
    });
    return { token, row };
  });
}

export async function listApiTokens(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'token_prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

export async function revokeApiToken(
  db: Kysely<Database>,
  principal: Principal,
  actor: Actor,
  tokenId: number,
) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', tokenId)
      .where('user_id', '=', principal.userId)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name'])
      .executeTakeFirst();
    if (!row) {
      throw new DomainError({
        code: 'not_found',
        status: 404,
        message: 'Không tìm thấy mã truy cập đang hiệu lực này.',
        messageEn: 'No active token with this id.',
      });
    }
    await recordAudit(trx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: row.id });
  });
}
