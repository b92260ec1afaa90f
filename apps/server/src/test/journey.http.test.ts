/**
 * The one-stop shop's whole journey through real HTTP on a listening server (fetch, cookies,
 * CSRF, multipart), with e-mail to a real SMTP server: a citizen finds a procedure, submits with a
 * file, gets a receipt, is asked for a supplement and supplements; two agencies process; a
 * leader approves; the result file is returned online; the citizen downloads it and rates.
 * Also: concurrent submissions and retried ones over HTTP give unique, gap-free codes.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationWorker } from '../modules/notifications';
import { PDF, PERMIT, permitForm } from './dossier-fixtures';
import { startTestApp, TEST_PASSWORD, type TestContext } from './harness';
import { HttpClient } from './http-client';
import { workingDaysFromNow } from './working-days';
import { startSmtpSink, type SmtpSink } from './smtp';

function fileForm(name: string, content: Buffer, type = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type }), name);
  return form;
}

describe('one-stop journey over HTTP', () => {
  let ctx: TestContext;
  let base: string;
  let smtp: SmtpSink;
  const as = (username: string) => new HttpClient(base).login(username, TEST_PASSWORD);

  beforeAll(async () => {
    ctx = await startTestApp();
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.close();
    await ctx.close();
  });

  it('takes a dossier from search to rated result across two agencies, with e-mails', async () => {
    const citizen = await as('congdan');
    const reception = await as('tiepnhan');
    const specialist = await as('chuyenvien.xd');
    const leader = await as('lanhdao.xd');
    const justice = await as('chuyenvien');
    const anonymous = new HttpClient(base);

    // Find the procedure without diacritics.
    const found = await anonymous.expect(200, 'GET', '/api/procedures?q=giay%20phep%20xay%20dung');
    expect(found.items.map((p: { code: string }) => p.code)).toContain(PERMIT);

    // Submit online with an attachment.
    const dossier = await citizen.expect(201, 'POST', '/api/dossiers', {
      procedureCode: PERMIT,
      channel: 'online',
      formData: permitForm,
    });
    const code: string = dossier.code;
    const act = (client: HttpClient, body: object) =>
      client.expect(200, 'POST', `/api/dossiers/${code}/actions`, body);
    const upload = await citizen.request('POST', `/api/dossiers/${code}/attachments?documentCode=tp1`, {
      body: fileForm('Đơn đề nghị cấp giấy phép.pdf', PDF),
    });
    expect(upload.status).toBe(201);

    // Intake: one supplement notice listing everything, then the citizen supplements.
    await act(reception, { type: 'request-supplement', items: ['Bản vẽ thiết kế', 'Giấy tờ đất'] });
    expect((await anonymous.expect(200, 'GET', `/api/public/dossiers/${code}`)).status).toBe(
      'intake_supplement',
    );
    const more = await citizen.request('POST', `/api/dossiers/${code}/attachments?documentCode=tp2`, {
      body: fileForm('Bản vẽ.pdf', PDF),
    });
    expect(more.status).toBe(201);
    await act(citizen, { type: 'supplement' });
    const accepted = await act(reception, { type: 'accept', reason: 'Hồ sơ đầy đủ' });
    expect(accepted.status).toBe('processing');
    expect(accepted.dueAt).toMatch(/\+07:00$/);
    const receipt = await citizen.request('GET', `/api/dossiers/${code}/slips/receipt.pdf`);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await receipt.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Processing: assignment, a task at Sở Tư pháp, approval.
    const me = await specialist.expect(200, 'GET', '/api/auth/me');
    await act(leader, { type: 'assign', assigneeId: me.id });
    expect((await justice.request('GET', `/api/dossiers/${code}`)).status).toBe(404);
    const units = await anonymous.expect(200, 'GET', '/api/units?q=000.00.14.H53');
    await act(specialist, {
      type: 'forward',
      unitId: units.items[0].id,
      dueAt: await workingDaysFromNow(ctx.app, 3),
      task: 'Xác minh tình trạng pháp lý thửa đất',
    });
    const allowed = await justice.expect(200, 'GET', `/api/dossiers/${code}/allowed-actions`);
    expect(allowed.actions.map((a: { type: string }) => a.type)).toEqual(['complete-task']);
    await act(justice, { type: 'complete-task', reason: 'Không có tranh chấp' });
    await act(specialist, { type: 'send-for-approval' });
    await act(leader, { type: 'approve' });

    // The electronic result file, returned online.
    const result = await reception.request('POST', `/api/dossiers/${code}/attachments?purpose=result`, {
      body: fileForm('Giấy phép xây dựng.pdf', PDF),
    });
    expect(result.status).toBe(201);
    const resultId = ((await result.json()) as { id: number }).id;
    const returned = await act(reception, { type: 'return-result', method: 'online' });
    expect(returned.status).toBe('returned');
    const download = await citizen.request('GET', `/api/dossiers/${code}/attachments/${resultId}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const rated = await act(citizen, {
      type: 'rate',
      rating: { contacts: 2, bodies: 2, attitude: 2, satisfaction: 'rat-hai-long' },
    });
    expect(rated.rating.total).toBe(8);
    const history = await citizen.expect(200, 'GET', `/api/dossiers/${code}/history`);
    expect(history.items.map((h: { type: string }) => h.type)).toEqual([
      'submitted',
      'attachment_added',
      'intake_supplement_requested',
      'attachment_added',
      'supplemented',
      'accepted',
      'assigned',
      'forwarded',
      'task_completed',
      'sent_for_approval',
      'approved',
      'attachment_added',
      'result_returned',
      'rated',
    ]);
    // Mẫu 05: every hand-over, each closed step judged (all fast here: early, trước hạn).
    const control = await reception.expect(200, 'GET', `/api/dossiers/${code}/process-control`);
    expect(control.rows.map((r: { event: string }) => r.event)).toEqual(
      expect.arrayContaining(['accepted', 'forwarded', 'task_completed', 'approved', 'result_returned']),
    );
    const verdicts = control.rows.flatMap((r: { verdict: string | null }) => (r.verdict ? [r.verdict] : []));
    expect(verdicts.length).toBeGreaterThan(2);
    expect(new Set(verdicts)).toEqual(new Set(['early']));
    const slip = await reception.request('GET', `/api/dossiers/${code}/slips/control.pdf`);
    expect(slip.status).toBe(200);
    expect(await justice.request('GET', `/api/dossiers/${code}/process-control`)).toHaveProperty(
      'status',
      404,
    );

    const lookup = await anonymous.expect(200, 'GET', `/api/public/dossiers/${code}`);
    expect(lookup).toMatchObject({ status: 'returned' });
    expect(JSON.stringify(lookup)).not.toContain('Võ Thị');

    // The outbox delivers the applicant's e-mails through SMTP.
    const worker = new NotificationWorker(ctx.handle.db, {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Cổng DVC Tây Ninh <khongtraloi@tayninh.gov.vn>',
      domain: 'tayninh.gov.vn',
    });
    await worker.runOnce();
    await worker.stop();
    expect(smtp.inbox.map((mail) => mail.subject)).toEqual([
      `Hồ sơ ${code}: đề nghị bổ sung, hoàn thiện`,
      `Hồ sơ ${code} đã được tiếp nhận`,
      expect.stringContaining(code),
    ]);
  });

  it('gives unique, gap-free codes to concurrent HTTP submissions, and one dossier per retried key', async () => {
    const citizens = await Promise.all([as('congdan'), as('congdan2')]);
    const submit = (index: number, key: string) =>
      citizens[index % 2]!.request('POST', '/api/dossiers', {
        json: { procedureCode: PERMIT, channel: 'online', formData: permitForm },
        headers: { 'idempotency-key': key },
      });
    // 16 distinct submissions, each sent twice at once (a client retrying a slow request).
    const responses = await Promise.all(
      Array.from({ length: 32 }, (_, i) => submit(Math.floor(i / 2), `dong-thoi-http-${Math.floor(i / 2)}`)),
    );
    const bodies = await Promise.all(
      responses.map(async (r) => ({ status: r.status, body: (await r.json()) as { code: string } })),
    );
    const failures = bodies.filter((b) => b.status !== 201);
    expect(failures).toEqual([]);
    for (let i = 0; i < 32; i += 2) expect(bodies[i]!.body.code).toBe(bodies[i + 1]!.body.code);
    const rows = await ctx.handle.db
      .selectFrom('dossiers')
      .select('code')
      .where('code', 'is not', null)
      .where('idempotency_key', 'like', 'dong-thoi-http-%')
      .execute();
    expect(rows).toHaveLength(16);
    // A retried action sent while the first is in flight is recorded once and answered twice.
    const reception = await as('tiepnhan');
    const code = bodies[0]!.body.code;
    const accepts = await Promise.all(
      [0, 1, 2].map(() =>
        reception.request('POST', `/api/dossiers/${code}/actions`, {
          json: { type: 'accept' },
          headers: { 'idempotency-key': `tiep-nhan-${code}` },
        }),
      ),
    );
    expect(accepts.map((r) => r.status)).toEqual([200, 200, 200]);
    const history = await reception.expect(200, 'GET', `/api/dossiers/${code}/history`);
    expect(history.items.filter((h: { type: string }) => h.type === 'accepted')).toHaveLength(1);

    const all = await ctx.handle.db
      .selectFrom('dossiers')
      .select('code')
      .where('code', 'is not', null)
      .execute();
    const numbers = all.map((r) => Number(r.code!.slice(-4))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });
});
