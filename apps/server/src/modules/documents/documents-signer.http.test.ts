/**
 * The competent person's signature both ways the issue asks (§2): (a) the key the platform holds,
 * unlocked by the signer's PIN — required, counted, locked after five wrong tries, changed by its
 * owner; (b) the official's own token — a SoftHSM2 token enrolled with a demo certificate, and
 * the signer program (`npm run signer`, run here as a process against the listening server)
 * preparing, signing on the token and attaching. The result passes pdfsig (Valid, Trusted) and
 * openssl cms; a foreign certificate, a malformed CMS and a CMS over another digest are refused.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PIN, seedDemoPki } from '../../db/seed/pki';
import { Pkcs11KeyStore } from '../../lib/keystore';
import { createSoftHsmToken, type SoftHsmToken } from '../../lib/keystore/testing/softhsm';
import { padesCms } from '../../lib/pades';
import { opensslVerify, pdfsig, trustDemoRoot } from '../../test/pdf-verifiers';
import { enrollDemoToken, PlatformClient } from '../../signer/client';
import { as, login, startTestApp, TEST_PASSWORD, type Session, type TestContext } from '../../test/harness';

const KEK = Buffer.alloc(32, 9).toString('base64');
let ctx: TestContext;
let base: string;
let dir: string;
let token: SoftHsmToken;
let store: Pkcs11KeyStore;
let keyId: string;
const sessions: Record<string, Session> = {};
const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  as(ctx.app, sessions[who]!)({ method, url, ...(payload ? { payload } : {}) });
const act = (who: string, id: number, payload: object) =>
  call(who, 'POST', `/api/documents/${id}/actions`, payload);

/** A draft of `drafter`'s unit brought to the signer's desk. */
async function awaitingSignature(drafter: string, signer: string, clerk: string, subject: string) {
  const created = await call(drafter, 'POST', '/api/documents', {
    kind: 'cong-van',
    subject,
    body: 'Kính gửi: Ủy ban nhân dân tỉnh Tây Ninh.\nSở Xây dựng báo cáo như sau.',
    signerUserId: sessions[signer]!.userId,
    signerPosition: 'Giám đốc',
    recipients: [{ organId: '000.00.00.G01', name: 'Bộ Xây dựng' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: number }>().id;
  expect((await act(drafter, id, { type: 'submit' })).statusCode).toBe(200);
  expect((await act(signer, id, { type: 'approve' })).statusCode).toBe(200);
  const formed = await act(clerk, id, { type: 'approve' });
  expect(formed.json()).toMatchObject({ status: 'awaiting_signature' });
  return id;
}

beforeAll(async () => {
  ctx = await startTestApp({ trustKek: KEK });
  await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  for (const name of ['chuyenvien.xd', 'lanhdao.xd', 'vanthu.xd', 'chutich.xa', 'hotich.xa', 'vanthu.xa'])
    sessions[name] = await login(ctx.app, name);
  dir = mkdtempSync(join(tmpdir(), 'tn-signer-'));
  token = createSoftHsmToken('lanhdao-xd-token', '778899');
  store = new Pkcs11KeyStore({ modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin });
  await trustDemoRoot(ctx.app, dir);
}, 120_000);

afterAll(async () => {
  store?.close();
  await ctx?.close();
  token?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('signing with the key the platform holds: the PIN', () => {
  it('is required, counted, and opens the key when right', async () => {
    const id = await awaitingSignature(
      'hotich.xa',
      'chutich.xa',
      'vanthu.xa',
      'Về việc báo cáo hộ tịch quý IV',
    );
    const state = await call('chutich.xa', 'GET', '/api/trust/me/signing-key');
    expect(state.json()).toMatchObject({ held: true, hasPin: true, lockedUntil: null });
    const none = await act('chutich.xa', id, { type: 'sign' });
    expect([none.statusCode, none.json().code]).toEqual([422, 'pin_required']);
    const wrong = await act('chutich.xa', id, { type: 'sign', pin: '000000' });
    expect([wrong.statusCode, wrong.json().code]).toEqual([422, 'pin_wrong']);
    expect(wrong.json().detail).toContain('còn 4 lần');
    const right = await act('chutich.xa', id, { type: 'sign', pin: DEMO_SIGNING_PIN });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json()).toMatchObject({ status: 'signed' });
  });

  it('is changed by its owner with the current one, and locks the key after five wrong tries', async () => {
    const weak = await call('chutich.xa', 'PUT', '/api/trust/me/signing-key/pin', {
      currentPin: DEMO_SIGNING_PIN,
      newPin: '111111',
    });
    expect([weak.statusCode, weak.json().code]).toEqual([422, 'pin_weak']);
    const changed = await call('chutich.xa', 'PUT', '/api/trust/me/signing-key/pin', {
      currentPin: DEMO_SIGNING_PIN,
      newPin: 'Tn-2026-ky',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    // Someone without a held key has nothing to change.
    const nothing = await call('hotich.xa', 'PUT', '/api/trust/me/signing-key/pin', { newPin: '135790' });
    expect([nothing.statusCode, nothing.json().code]).toEqual([409, 'no_held_key']);

    const id = await awaitingSignature('hotich.xa', 'chutich.xa', 'vanthu.xa', 'Về việc kiểm tra PIN');
    // The old PIN no longer opens the key; five wrong tries in a row lock it.
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await act('chutich.xa', id, { type: 'sign', pin: DEMO_SIGNING_PIN })).json().code);
    expect(codes).toEqual(['pin_wrong', 'pin_wrong', 'pin_wrong', 'pin_wrong', 'pin_locked']);
    const locked = await act('chutich.xa', id, { type: 'sign', pin: 'Tn-2026-ky' });
    expect([locked.statusCode, locked.json().code]).toEqual([429, 'pin_locked']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The audit keeps the change, without the PIN.
    const audit = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('action', 'like', 'trust.signing_pin%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['trust.signing_pin_changed']);
    expect(JSON.stringify(audit)).not.toContain('Tn-2026-ky');
  });
});

describe("signing with the official's own token", () => {
  let id = 0;

  it('enrolls a SoftHSM2 token with a demo certificate registered to the official', async () => {
    const client = new PlatformClient(base);
    await client.authenticate({ username: 'lanhdao.xd', password: TEST_PASSWORD });
    ({ keyId } = await enrollDemoToken({ client, store, label: 'ky-so-lanhdao-xd' }));
    expect(await store.certificate(keyId)).not.toBeNull();
    const key = (await call('lanhdao.xd', 'GET', '/api/trust/me/signing-key')).json<{
      certificates: { held: boolean }[];
    }>();
    expect(key.certificates.map((c) => c.held).sort()).toEqual([false, true]);
    // A citizen gets no signing certificate.
    const citizen = await login(ctx.app, 'congdan');
    const refused = await as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: '/api/trust/demo/signing-certificates',
      payload: { publicKey: Buffer.from((await store.listKeys())[0]!.publicKey).toString('base64') },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses a foreign certificate, a malformed CMS and a CMS over another digest', async () => {
    id = await awaitingSignature(
      'chuyenvien.xd',
      'lanhdao.xd',
      'vanthu.xd',
      'Về việc báo cáo công tác quý IV',
    );
    // chutich.xa's certificate is not lanhdao.xd's.
    const other = await ctx.handle.db
      .selectFrom('trust_certificates')
      .innerJoin('users_view', 'users_view.id', 'trust_certificates.user_id')
      .select('der')
      .where('users_view.username', '=', 'chutich.xa')
      .executeTakeFirstOrThrow();
    const foreign = await act('lanhdao.xd', id, {
      type: 'prepare-signature',
      certificate: Buffer.from(other.der).toString('base64'),
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([422, 'certificate_not_registered']);

    const certificate = (await store.certificate(keyId))!;
    const prepared = await act('lanhdao.xd', id, {
      type: 'prepare-signature',
      certificate: Buffer.from(certificate).toString('base64'),
    });
    expect(prepared.statusCode, prepared.body).toBe(200);
    const preparation = prepared.json().preparedSignature as { preparationId: number; digest: string };
    expect(Buffer.from(preparation.digest, 'base64')).toHaveLength(32);
    // Someone else may not attach to it.
    expect(
      (
        await act('vanthu.xd', id, {
          type: 'attach-signature',
          preparationId: preparation.preparationId,
          signature: 'A'.repeat(200),
        })
      ).statusCode,
    ).toBe(403);
    const malformed = await act('lanhdao.xd', id, {
      type: 'attach-signature',
      preparationId: preparation.preparationId,
      signature: Buffer.alloc(300, 1).toString('base64'),
    });
    expect([malformed.statusCode, malformed.json().code]).toEqual([422, 'signature_malformed']);
    const otherDigest = await padesCms({
      contentDigest: new Uint8Array(32).fill(5),
      signer: await store.signer(keyId),
      certificate,
    });
    const wrong = await act('lanhdao.xd', id, {
      type: 'attach-signature',
      preparationId: preparation.preparationId,
      signature: Buffer.from(otherDigest).toString('base64'),
    });
    expect([wrong.statusCode, wrong.json().code]).toEqual([422, 'signature_invalid']);
    const view = await call('lanhdao.xd', 'GET', `/api/documents/${id}`);
    expect(view.json()).toMatchObject({ status: 'awaiting_signature' });
  });

  it('is signed by the signer program on the token; pdfsig and openssl accept the signature', async () => {
    // Asynchronously: this process is the server the program talks to.
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(
        'npx',
        [
          ...['tsx', 'src/signer/cli.ts', 'sign', '--url', base, '--user', 'lanhdao.xd'],
          ...['--document', String(id), '--module', token.modulePath, '--token', token.tokenLabel],
        ],
        {
          cwd: join(__dirname, '../../..'),
          env: { ...token.env, SIGNER_PIN: token.pin, SIGNER_PASSWORD: TEST_PASSWORD },
          encoding: 'utf8',
          timeout: 60_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
      );
    });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('Đã ký số');
    const view = (await call('lanhdao.xd', 'GET', `/api/documents/${id}`)).json<{
      status: string;
      signatures: { kind: string; method: string }[];
    }>();
    expect(view.status).toBe('signed');
    expect(view.signatures).toMatchObject([{ kind: 'person', method: 'external' }]);

    const pdf = await call('lanhdao.xd', 'GET', `/api/documents/${id}/file.pdf`);
    const report = pdfsig(dir, pdf.rawPayload, 'token-signed.pdf');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Certificate Validation: Certificate is Trusted.');
    expect(report).toContain('ETSI.CAdES.detached');
    const [out] = opensslVerify(dir, new Uint8Array(pdf.rawPayload));
    expect(out).toContain('Verification successful');
  }, 90_000);
});
