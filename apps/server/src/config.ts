/**
 * Settings come from environment variables only (listed in the README). Invalid values stop the
 * start-up with a message that names the variable.
 */
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Attachments and generated files (content-addressed). */
  filesDir: string;
  seedPassword: string;
  logLevel: string;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  /** Public address of the portal, printed in QR codes and e-mails. */
  publicBaseUrl: string;
  /** SMTP server for notifications, e.g. smtp://user:pass@mail.tayninh.gov.vn:587; unset = e-mails stay queued. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The web app's production build; null serves the API only. */
  webDir: string | null;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env, 'PORT', 3000, 0),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './data',
    filesDir: env.FILES_DIR || `${env.DATA_DIR || './data'}/files`,
    seedPassword: env.SEED_PASSWORD || DEFAULT_SEED_PASSWORD,
    logLevel: env.LOG_LEVEL || 'info',
    cookieSecure: flag(env, 'COOKIE_SECURE', false),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 120, 1),
    sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 12, 1),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1),
    loginLockMinutes: integer(env, 'LOGIN_LOCK_MINUTES', 15, 1),
    loginRatePerMinute: integer(env, 'LOGIN_RATE_PER_MINUTE', 20, 1),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    publicBaseUrl: env.PUBLIC_BASE_URL || `http://localhost:${env.PORT || 3000}`,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Cổng dịch vụ công tỉnh Tây Ninh <khongtraloi@tayninh.gov.vn>',
    webDir: env.WEB_DIR === 'none' ? null : env.WEB_DIR || DEFAULT_WEB_DIR,
  };
}
