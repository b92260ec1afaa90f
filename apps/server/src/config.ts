/**
 * Settings come from environment variables only (listed in the README). Invalid values stop the
 * start-up with a message that names the variable.
 */
import { fileURLToPath } from 'node:url';
import { keyStoreConfigFromEnv, type Pkcs11Config } from './lib/keystore';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Prepare repeated statements per connection (DATABASE_PREPARED_STATEMENTS, default on; off behind PgBouncer < 1.21 in transaction mode). */
  databasePreparedStatements: boolean;
  dataDir: string;
  /** Attachments and generated files (content-addressed). */
  filesDir: string;
  seedPassword: string;
  logLevel: string;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Failed sign-ins to one account from one address before that address waits between attempts. */
  loginMaxFailures: number;
  /** Failed sign-ins to one account from all addresses before addresses new to it wait. */
  loginAccountMaxFailures: number;
  /** The longest wait between sign-in attempts (the wait doubles up to it); no account is locked. */
  loginMaxDelayMinutes: number;
  loginRatePerMinute: number;
  /** Online submissions per citizen account in any hour / any 24 hours; 0 = no limit. */
  submissionQuotaPerHour: number;
  submissionQuotaPerDay: number;
  /** Drafts and dossiers a citizen account may start in any 24 hours; 0 = no limit. */
  draftQuotaPerDay: number;
  /** The last numbers of each agency's day kept for counter and post intake. */
  counterReservedCodes: number;
  /** Registrations per client address per hour. */
  registerRatePerHour: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  /**
   * Public address of the portal, printed in QR codes and e-mails; null when PUBLIC_BASE_URL is
   * unset (slips then use the address the server is reached at: http/public-origin.ts).
   */
  publicBaseUrl: string | null;
  /** SMTP server for notifications, e.g. smtp://user:pass@mail.tayninh.gov.vn:587; unset = e-mails stay queued. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The web app's production build; null serves the API only. */
  webDir: string | null;
  /** Seconds between statistics rollup rounds (each instance tries; one runs at a time). */
  statsRollupIntervalSeconds: number;
  /** Shared counters (rate limits) in Redis when set, e.g. redis://127.0.0.1:6379; else in the database. */
  redisUrl: string | undefined;
  /** Server instances the operator means to run on this database (PGlite: one only). */
  instances: number;
  /** Where attachments and generated files are kept: the local folder, or S3-compatible storage. */
  files: FilesConfig;
  /** The evidence log's sealing (modules/evidence; docs/EVIDENCE.md). */
  evidence: EvidenceConfig;
  /** TRUST_KEK as given (base64 of 32 bytes), or null; parsed by the trust module. */
  trustKek: string | null;
  /**
   * The PKCS#11 token holding the platform's seal keys (TRUST_KEYSTORE=pkcs11 or PKCS11_MODULE
   * set; docs/TRUST-KEYSTORE.md), or null: the keys held encrypted under TRUST_KEK.
   */
  pkcs11: Pkcs11Config | null;
  /** How certificates' revocation is checked (modules/trust/revocation-service.ts). */
  trustRevocation: { maxAgeSeconds: number; online: boolean; timeoutMs: number };
}

export interface EvidenceConfig {
  /** Milliseconds between sealing rounds (EVIDENCE_SEAL_INTERVAL_MS). */
  sealIntervalMs: number;
  /** Label of the held seal key the checkpoints are signed with (EVIDENCE_SEAL_KEY). */
  sealKeyLabel: string;
  /** The time-stamping authority (TSA_URL); null: the demo TSA of the demo PKI. */
  tsaUrl: string | null;
  /** Policy OID required of TSA_URL's tokens (TSA_POLICY); null: any. */
  tsaPolicy: string | null;
}

export type FilesConfig =
  | { backend: 'local' } // in filesDir
  | {
      backend: 's3';
      endpoint: string | undefined;
      bucket: string;
      region: string;
      /** Key prefix inside the bucket ('' or ending with /). */
      prefix: string;
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      /** Path-style addressing (http://host/bucket/key): MinIO, Ceph RGW, s3rver. */
      forcePathStyle: boolean;
    };

/** FILES_BACKEND=local (default, FILES_DIR) or s3 (S3_BUCKET, S3_ENDPOINT, S3_REGION…). */
export function filesConfig(env: NodeJS.ProcessEnv): FilesConfig {
  const backend = env.FILES_BACKEND || 'local';
  if (backend === 'local') return { backend };
  if (backend !== 's3')
    throw new Error(`Environment variable FILES_BACKEND must be local or s3, got "${backend}".`);
  const bucket = env.S3_BUCKET;
  if (!bucket) throw new Error('Environment variable S3_BUCKET must be set when FILES_BACKEND=s3.');
  const prefix = env.S3_PREFIX ?? '';
  // One without the other would silently fall back to the SDK's own chain (AWS_* variables…).
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY))
    throw new Error(
      'Environment variables S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or both left unset).',
    );
  return {
    backend,
    endpoint: env.S3_ENDPOINT || undefined,
    bucket,
    region: env.S3_REGION || 'us-east-1',
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: flag(env, 'S3_FORCE_PATH_STYLE', Boolean(env.S3_ENDPOINT)),
  };
}

/**
 * apps/web/dist, found from this module's place: apps/server/src/config.ts in development and
 * tests, apps/server/dist/main.js once bundled — both one folder below apps/server.
 */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export const DEFAULT_SEED_PASSWORD = 'TayNinh@2026';

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Environment variable ${name} must be an integer ≥ ${min}, got "${raw}".`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`Environment variable ${name} must be true or false, got "${raw}".`);
}

/** An http(s) address without query or fragment (a trailing slash is dropped), or null when unset. */
function baseUrl(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username)
    throw new Error(
      `Environment variable ${name} must be an http(s) address such as https://dichvucong.tayninh.gov.vn, got "${raw}".`,
    );
  return raw.replace(/\/+$/, '');
}

function pkcs11Config(env: NodeJS.ProcessEnv): Pkcs11Config | null {
  if (!env.PKCS11_MODULE && env.TRUST_KEYSTORE !== 'pkcs11') return null;
  const parsed = keyStoreConfigFromEnv({ ...env, TRUST_KEYSTORE: env.TRUST_KEYSTORE || 'pkcs11' });
  return parsed.backend === 'pkcs11' ? parsed.pkcs11 : null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env, 'PORT', 3000, 0),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databasePreparedStatements: flag(env, 'DATABASE_PREPARED_STATEMENTS', true),
    dataDir: env.DATA_DIR || './data',
    filesDir: env.FILES_DIR || `${env.DATA_DIR || './data'}/files`,
    seedPassword: env.SEED_PASSWORD || DEFAULT_SEED_PASSWORD,
    logLevel: env.LOG_LEVEL || 'info',
    cookieSecure: flag(env, 'COOKIE_SECURE', false),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 120, 1),
    sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 12, 1),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1),
    loginAccountMaxFailures: integer(env, 'LOGIN_ACCOUNT_MAX_FAILURES', 20, 1),
    // LOGIN_LOCK_MINUTES (no lock any more) is read as the longest wait when the new name is unset.
    loginMaxDelayMinutes: integer(
      env,
      'LOGIN_MAX_DELAY_MINUTES',
      integer(env, 'LOGIN_LOCK_MINUTES', 15, 1),
      1,
    ),
    loginRatePerMinute: integer(env, 'LOGIN_RATE_PER_MINUTE', 20, 1),
    submissionQuotaPerHour: integer(env, 'SUBMISSION_QUOTA_PER_HOUR', 20, 0),
    submissionQuotaPerDay: integer(env, 'SUBMISSION_QUOTA_PER_DAY', 50, 0),
    draftQuotaPerDay: integer(env, 'DRAFT_QUOTA_PER_DAY', 100, 0),
    counterReservedCodes: integer(env, 'COUNTER_RESERVED_CODES', 1000, 0),
    registerRatePerHour: integer(env, 'REGISTER_RATE_PER_HOUR', 20, 1),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    publicBaseUrl: baseUrl(env, 'PUBLIC_BASE_URL'),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Cổng dịch vụ công tỉnh Tây Ninh <khongtraloi@tayninh.gov.vn>',
    webDir: env.WEB_DIR === 'none' ? null : env.WEB_DIR || DEFAULT_WEB_DIR,
    statsRollupIntervalSeconds: integer(env, 'STATS_ROLLUP_INTERVAL_SECONDS', 300, 1),
    redisUrl: env.REDIS_URL || undefined,
    instances: integer(env, 'INSTANCES', 1, 1),
    files: filesConfig(env),
    evidence: {
      sealIntervalMs: integer(env, 'EVIDENCE_SEAL_INTERVAL_MS', 2000, 100),
      sealKeyLabel: env.EVIDENCE_SEAL_KEY || 'demo-seal-000.00.00.H53',
      tsaUrl: baseUrl(env, 'TSA_URL'),
      tsaPolicy: env.TSA_POLICY || null,
    },
    trustKek: env.TRUST_KEK || null,
    pkcs11: pkcs11Config(env),
    trustRevocation: {
      maxAgeSeconds: integer(env, 'TRUST_REVOCATION_MAX_AGE_SECONDS', 3600, 0),
      online: flag(env, 'TRUST_REVOCATION_ONLINE', true),
      timeoutMs: integer(env, 'TRUST_REVOCATION_TIMEOUT_MS', 5000, 100),
    },
  };
}
