/**
 * Test support: a throwaway SoftHSM2 token in a temporary directory (its own softhsm2.conf, named
 * by SOFTHSM2_CONF), initialised with Debian's softhsm2-util. Used by tests only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MODULE_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
];

export function softhsmModulePath(): string {
  const path = MODULE_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path) {
    throw new Error('SoftHSM2 is not installed: apt-get install softhsm2 opensc (.ci/run does it)');
  }
  return path;
}

export interface SoftHsmToken {
  dir: string;
  modulePath: string;
  tokenLabel: string;
  pin: string;
  soPin: string;
  /** Environment for softhsm2-util and pkcs11-tool run from the test. */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/**
 * Creates a fresh token and points this process's SOFTHSM2_CONF at it; call before loading the
 * module (SoftHSM2 reads its configuration at C_Initialize).
 */
export function createSoftHsmToken(
  tokenLabel = 'tayninh-test',
  pin = '123456',
  soPin = '12345678',
): SoftHsmToken {
  const modulePath = softhsmModulePath();
  const dir = mkdtempSync(join(tmpdir(), 'tn-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  execFileSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', tokenLabel, '--so-pin', soPin, '--pin', pin],
    {
      env,
      stdio: 'pipe',
    },
  );
  return {
    dir,
    modulePath,
    tokenLabel,
    pin,
    soPin,
    env,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
