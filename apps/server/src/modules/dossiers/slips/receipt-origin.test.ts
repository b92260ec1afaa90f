/**
 * The receipt (Mẫu 01) of a dossier submitted online through a draft, as the portal does it:
 * "Địa chỉ" is the residence declared in the form, and without PUBLIC_BASE_URL the QR code and
 * lookup link carry the address the server was reached at — never a forged one, and never in an
 * e-mail.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, startTestApp, type Session, type TestContext } from '../../../test/harness';
import { attachPermitDocuments, PERMIT, permitForm } from '../../../test/dossier-fixtures';
import { readPdf } from '../../../test/pdf-text';
import { correctDossier } from '../store/corrections';

const RESIDENCE = 'Số 5 hẻm 12, khu phố Ninh Lợi, phường Tân Ninh';

describe('receipt: declared residence and the address the server is reached at', () => {
  let ctx: TestContext;
  let citizen: Session;
  let reception: Session;
  let code: string;
  beforeAll(async () => {
    ctx = await startTestApp({ publicBaseUrl: null });
    citizen = await login(ctx.app, 'congdan');
    reception = await login(ctx.app, 'tiepnhan');
    const draft = await as(
      ctx.app,
      citizen,
    )({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT } });
    const id = draft.json<{ id: number }>().id;
    const form = { ...permitForm, applicant: { ...permitForm.applicant, address: RESIDENCE } };
    await as(ctx.app, citizen)({ method: 'PUT', url: `/api/drafts/${id}`, payload: { formData: form } });
    await attachPermitDocuments(ctx.app, citizen, id);
    const submitted = await as(ctx.app, citizen)({ method: 'POST', url: `/api/drafts/${id}/submit` });
    code = submitted.json<{ code: string }>().code;
    // Accepted through a request whose Host was forged: the e-mail must not carry it.
    const accepted = await as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: `/api/dossiers/${code}/actions`,
      payload: { type: 'accept' },
      headers: { host: 'lua-dao.example' },
    });
    expect(accepted.statusCode).toBe(200);
  });
  afterAll(async () => ctx.close());

  const receipt = async (headers: Record<string, string>) => {
    const response = await as(
      ctx.app,
      reception,
    )({ method: 'GET', url: `/api/dossiers/${code}/slips/receipt.pdf`, headers });
    expect(response.statusCode).toBe(200);
    return (await readPdf(response.rawPayload)).text;
  };

  it('prints the residence declared in the online form', async () => {
    const dossier = await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${code}` });
    expect(dossier.json().applicant.address).toBe(RESIDENCE);
    expect(await receipt({ host: 'dvc.example.vn' })).toContain(RESIDENCE);
  });

  it('restores, by migration 0016, the residence of dossiers submitted before the fix', async () => {
    // As such a dossier was stored: the applicant of the draft's start, without an address.
    await correctDossier(ctx.handle.db, { code }, { applicantWithout: 'address' });
    const migration = readFileSync(
      new URL('../../../db/migrations/0016_online_applicant_address.sql', import.meta.url),
      'utf8',
    );
    await sql.raw(migration).execute(ctx.handle.db);
    const dossier = await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${code}` });
    expect(dossier.json().applicant.address).toBe(RESIDENCE);
  });

  it('links to the address the server was reached at', async () => {
    const text = await receipt({ host: 'dvc.example.vn' });
    expect(text).toContain(`http://dvc.example.vn/tra-cuu/${code}`);
    expect(text).not.toContain('localhost');
    expect(await receipt({ host: 'dvc.example.vn:8443' })).toContain(
      `http://dvc.example.vn:8443/tra-cuu/${code}`,
    );
  });

  it('ignores a Host that is not a plain host, and proxy headers unless the proxy is trusted', async () => {
    for (const host of ['evil.example/phish?', 'user@evil.example', 'a b', 'dvc.example.vn:99999']) {
      const text = await receipt({ host });
      expect(text).toContain(`http://localhost:${ctx.config.port}/tra-cuu/${code}`);
      expect(text).not.toContain('evil');
    }
    const proxied = await receipt({
      host: 'dvc.example.vn',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    });
    expect(proxied).toContain(`http://dvc.example.vn/tra-cuu/${code}`);
  });

  it('never puts the request’s address in an e-mail', async () => {
    const mails = await ctx.handle.db
      .selectFrom('notification_outbox as o')
      .innerJoin('dossiers as d', 'd.id', 'o.dossier_id')
      .select('o.body_text')
      .where('d.code', '=', code)
      .execute();
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.body_text).toContain(`http://localhost:${ctx.config.port}/tra-cuu/${code}`);
      expect(mail.body_text).not.toContain('lua-dao');
    }
  });
});

describe('receipt behind a trusted proxy, and with PUBLIC_BASE_URL', () => {
  it('uses X-Forwarded-Host and -Proto when TRUST_PROXY is set, PUBLIC_BASE_URL above all', async () => {
    for (const [overrides, expected] of [
      [{ publicBaseUrl: null, trustProxy: true }, 'https://dichvucong.tayninh.gov.vn'],
      [{ publicBaseUrl: 'https://cong.tayninh.gov.vn', trustProxy: true }, 'https://cong.tayninh.gov.vn'],
    ] as const) {
      const ctx = await startTestApp(overrides);
      try {
        const citizen = await login(ctx.app, 'congdan');
        const reception = await login(ctx.app, 'tiepnhan');
        const submitted = await as(
          ctx.app,
          citizen,
        )({
          method: 'POST',
          url: '/api/dossiers',
          payload: { procedureCode: PERMIT, channel: 'online', formData: permitForm },
        });
        const code = submitted.json<{ code: string }>().code;
        await as(
          ctx.app,
          reception,
        )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: { type: 'accept' } });
        const response = await as(
          ctx.app,
          reception,
        )({
          method: 'GET',
          url: `/api/dossiers/${code}/slips/receipt.pdf`,
          headers: {
            host: '127.0.0.1:3000',
            'x-forwarded-host': 'dichvucong.tayninh.gov.vn',
            'x-forwarded-proto': 'https',
          },
        });
        expect((await readPdf(response.rawPayload)).text).toContain(`${expected}/tra-cuu/${code}`);
      } finally {
        await ctx.close();
      }
    }
  });
});
