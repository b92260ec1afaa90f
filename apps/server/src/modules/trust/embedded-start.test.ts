/**
 * The demo PKI exists after a fresh embedded start: main.ts run as `npm run dev` would, on an
 * empty DATA_DIR without TRUST_KEK. It says so at start, writes the key-encryption key file with
 * mode 0600, and serves the demo root at /api/trust/anchors.pem.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { KEK_FILE } from './keys';

const ROOT = resolve(__dirname, '../../../../..');

it('creates the demo PKI on the first start of the embedded default', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tn-first-start-'));
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    WEB_DIR: 'none',
    SEED_DEMO_DOSSIERS: '0',
  };
  delete env.DATABASE_URL;
  delete env.TRUST_KEK;
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['apps/server/src/main.ts'], { cwd: ROOT, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no start in 150 s:\n${output}`)), 150_000);
      child.stdout.on('data', () => {
        if (output.includes('Thư điện tử:')) {
          clearTimeout(timer);
          done();
        }
      });
      child.on('exit', (code) => fail(new Error(`exited ${code}:\n${output}`)));
    });
    expect(output).toContain('Đã tạo PKI mẫu (DEMO — không có giá trị pháp lý)');
    expect(output).toContain(
      `TRUST_KEK chưa đặt: đã sinh khóa mã hóa khóa vào ${join(dataDir, KEK_FILE)} (quyền 0600)`,
    );
    expect(statSync(join(dataDir, KEK_FILE)).mode & 0o777).toBe(0o600);
    const anchors = await fetch(`http://127.0.0.1:${port}/api/trust/anchors.pem`);
    expect(anchors.status).toBe(200);
    const pem = await anchors.text();
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    const crl = await fetch(`http://127.0.0.1:${port}/api/trust/demo/crl`);
    expect([crl.status, crl.headers.get('x-trust-demo')?.startsWith('DEMO')]).toEqual([200, true]);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 200_000);
