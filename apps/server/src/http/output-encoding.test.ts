/**
 * Output encoding: text typed for a citizen — markup and script included — comes back as text on
 * every surface the server produces. The receipt PDF prints it literally, the e-mail's HTML
 * carries it only escaped, and the JSON API returns it verbatim as data (JSON, nosniff), leaving
 * the web app to render it as text.
 *
 * The web surface itself is checked in a real browser by apps/web/e2e/pages.e2e.test.ts
 * ("receiving officer: home, counter intake, queues"): markup typed at the counter stays text on
 * the dossier page and on the receipt, and no script runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationWorker } from '../modules/notifications';
import { PERMIT, permitForm } from '../test/dossier-fixtures';
import { as, login, startTestApp, type Session, type TestContext } from '../test/harness';
import { readPdf } from '../test/pdf-text';
import { startSmtpSink, type SmtpSink } from '../test/smtp';

const MARKUP = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const NAME = `Lâm Văn Phúc ${MARKUP}`;
const WORKS = `Nhà ở ${MARKUP}`;
const ADDRESS = `Ấp 3 "Tân Hà" & ${MARKUP}`;
const EMAIL = 'nguoinop@example.vn';
const escaped = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

describe('text typed for a citizen stays text on every surface', () => {
  let ctx: TestContext;
  let smtp: SmtpSink;
  let reception: Session;
  let code: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    smtp = await startSmtpSink();
    reception = await login(ctx.app, 'tiepnhan');
  });
  afterAll(async () => {
    await smtp.close();
    await ctx.close();
  });

  it('JSON API: returns the markup verbatim, as data, with a JSON content type', async () => {
    const applicant = { fullName: NAME, phone: '0909123456', email: EMAIL, address: ADDRESS };
    const submitted = await as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureCode: PERMIT,
        channel: 'counter',
        applicant,
        formData: {
          applicant: { ...permitForm.applicant, fullName: NAME, address: ADDRESS },
          details: { ...permitForm.details, worksName: WORKS },
        },
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    code = submitted.json<{ code: string }>().code;

    const read = await as(ctx.app, reception)({ method: 'GET', url: `/api/dossiers/${code}` });
    expect(read.statusCode).toBe(200);
    for (const response of [submitted, read]) {
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const body = response.json<{
        applicant: { fullName: string; address: string };
        formData: { details: { worksName: string } };
      }>();
      expect(body.applicant.fullName).toBe(NAME);
      expect(body.applicant.address).toBe(ADDRESS);
      expect(body.formData.details.worksName).toBe(WORKS);
    }
  });

  it('receipt PDF: prints the markup literally', async () => {
    const accepted = await as(
      ctx.app,
      reception,
    )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: { type: 'accept' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const slip = await as(
      ctx.app,
      reception,
    )({ method: 'GET', url: `/api/dossiers/${code}/slips/receipt.pdf` });
    expect(slip.statusCode).toBe(200);
    expect(slip.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(slip.rawPayload);
    expect(text).toContain(NAME);
    expect(text).toContain(ADDRESS);
    expect(text).not.toContain('&lt;');
  });

  it('e-mail: the HTML carries the markup only escaped, the plain text literally', async () => {
    const worker = new NotificationWorker(ctx.handle.db, {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Cổng DVC Tây Ninh <khongtraloi@tayninh.gov.vn>',
      domain: 'tayninh.gov.vn',
    });
    expect(await worker.runOnce()).toBe(1);
    await worker.stop();
    const mail = smtp.inbox.find((item) => item.subject === `Hồ sơ ${code} đã được tiếp nhận`)!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(EMAIL);
    const html = String(mail.html);
    expect(html).toContain(`Kính gửi Ông/Bà ${escaped(NAME)},`);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    // The only tags are the template's own.
    expect(new Set(html.match(/<\/?[a-z!][a-z]*/gi))).toEqual(
      new Set(['<!doctype', '<html', '<body', '<p', '</p', '</body', '</html']),
    );
    expect(mail.text).toContain(`Kính gửi Ông/Bà ${NAME},`);
  });
});
