import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabaseBusyError, lockEmbeddedDatabase, singleProcessNotice } from './embedded-lock';

describe('embedded database lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tn-lock-'));
  const dataDir = join(dir, 'pglite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is taken with the process id and released', () => {
    const release = lockEmbeddedDatabase(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('refuses while a running process holds it, naming that process', () => {
    // The parent of this worker is alive for the whole run.
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    expect(() => lockEmbeddedDatabase(dataDir)).toThrow(EmbeddedDatabaseBusyError);
    expect(() => lockEmbeddedDatabase(dataDir)).toThrow(`tiến trình ${process.ppid}`);
    rmSync(`${dataDir}.lock`);
  });

  it('takes over a lock left by a process that no longer runs (killed, crashed)', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(`${dataDir}.lock`, gone.stdout.toString());
    const release = lockEmbeddedDatabase(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
  });
});

describe('one process on the embedded database', () => {
  it('refuses several instances and says what to do', () => {
    expect(singleProcessNotice(1)).toBeNull();
    expect(singleProcessNotice(3)).toMatch(
      /INSTANCES=3: cơ sở dữ liệu nhúng \(PGlite\) chỉ chạy trong một tiến trình/,
    );
    expect(singleProcessNotice(3)).toContain('DATABASE_URL');
  });
});
