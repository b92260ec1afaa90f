/**
 * An official document end to end through the API (issue #14): a Sở Xây dựng specialist drafts a
 * decision; the head of the unit approves its content, the văn thư its form; the leader signs
 * with the key the platform holds; the văn thư numbers and seals it and issues it to UBND phường
 * Tân Ninh, whose văn thư receives it (its signatures checked) and registers it with its own số
 * đến; the chairman directs it to the civil-status officer, who completes it. Both signatures are
 * checked by pdfsig (Valid, Trusted) and openssl cms; people outside see nothing (404).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PIN, seedDemoPki } from '../../db/seed/pki';
import { queueDocumentReminders } from './reminders';
import { opensslVerify, pdfsig, trustDemoRoot } from '../../test/pdf-verifiers';
import { as, communeIdOf, login, startTestApp, type Session, type TestContext } from '../../test/harness';

const KEK = Buffer.alloc(32, 7).toString('base64');

let ctx: TestContext;
let dir: string;
const sessions: Record<string, Session> = {};
let ward: number;
let hotich: number;
let lanhdaoXd: number;

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  as(ctx.app, sessions[who]!)({ method, url, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  ctx = await startTestApp({ trustKek: KEK });
  dir = mkdtempSync(join(tmpdir(), 'tn-documents-'));
  await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
  for (const name of [
    'chuyenvien.xd',
    'lanhdao.xd',
    'vanthu.xd',
    'vanthu.xa',
    'chutich.xa',
    'hotich.xa',
    'vanthu',
    'tiepnhan',
  ])
    sessions[name] = await login(ctx.app, name);
  const db = ctx.handle.db;
  hotich = sessions['hotich.xa']!.userId;
  lanhdaoXd = sessions['lanhdao.xd']!.userId;
  ward = await communeIdOf(db, '25459');
  // pdfsig trusts what this NSS database trusts: the demo root.
  await trustDemoRoot(ctx.app, dir);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an official document from draft to its resolution', () => {
  let id = 0;
  let incoming = 0;

  it('is drafted by a specialist, with every problem of a bad draft named', async () => {
    const bad = await call('chuyenvien.xd', 'POST', '/api/documents', {
      kind: 'quyet-dinh',
      subject: ' ',
      body: 'x',
      signerUserId: hotich,
      signerPosition: 'Giám đốc',
      recipients: [{ organId: '000.00.00.H99' }],
    });
    expect(bad.statusCode).toBe(422);
    const fields = bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['subject', 'signerUserId', 'recipients/0']));

    const created = await call('chuyenvien.xd', 'POST', '/api/documents', {
      kind: 'quyet-dinh',
      subject: 'Về việc ban hành Quy chế quản lý kiến trúc trên địa bàn phường Tân Ninh',
      body: 'Căn cứ Luật Kiến trúc ngày 13 tháng 6 năm 2019;\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế quản lý kiến trúc.',
      urgency: 'urgent',
      signerUserId: lanhdaoXd,
      signerPosition: 'Phó Giám đốc',
      signingNotation: 'KT.',
      authorityTitle: 'Giám đốc',
      recipients: [
        { unitId: ward },
        { organId: '000.00.00.G01', name: 'Bộ Xây dựng', purpose: 'information' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: number; status: string; allowedActions: string[] }>();
    id = body.id;
    expect(body.status).toBe('drafting');
    expect(body.allowedActions).toContain('submit');
    // Nobody outside the agency sees it: not even its existence.
    expect((await call('vanthu.xa', 'GET', `/api/documents/${id}`)).statusCode).toBe(404);
    expect((await call('tiepnhan', 'GET', `/api/documents/${id}`)).statusCode).toBe(404);
  });

  it('goes through content, form and the signer; a return brings it back with the reason', async () => {
    expect(
      (await call('chuyenvien.xd', 'POST', `/api/documents/${id}/actions`, { type: 'submit' })).statusCode,
    ).toBe(200);
    // The văn thư may not approve the content (the head of the unit does).
    expect(
      (await call('vanthu.xd', 'POST', `/api/documents/${id}/actions`, { type: 'approve' })).statusCode,
    ).toBe(403);
    expect(
      (await call('lanhdao.xd', 'POST', `/api/documents/${id}/actions`, { type: 'approve' })).statusCode,
    ).toBe(200);
    const returned = await call('vanthu.xd', 'POST', `/api/documents/${id}/actions`, {
      type: 'return',
      reason: 'Thiếu nơi nhận lưu',
    });
    expect(returned.json()).toMatchObject({ status: 'drafting', returnedReason: 'Thiếu nơi nhận lưu' });
    expect(
      (await call('chuyenvien.xd', 'POST', `/api/documents/${id}/actions`, { type: 'submit' })).statusCode,
    ).toBe(200);
    await call('lanhdao.xd', 'POST', `/api/documents/${id}/actions`, { type: 'approve' });
    const formed = await call('vanthu.xd', 'POST', `/api/documents/${id}/actions`, { type: 'approve' });
    expect(formed.json()).toMatchObject({ status: 'awaiting_signature' });
    // Numbering before the competent person's signature is refused.
    expect(
      (await call('vanthu.xd', 'POST', `/api/documents/${id}/actions`, { type: 'number-and-seal' }))
        .statusCode,
    ).toBe(409);
  });

  it('is signed by the leader, numbered and sealed by the văn thư: two signatures pdfsig and openssl accept', async () => {
    const signed = await call('lanhdao.xd', 'POST', `/api/documents/${id}/actions`, {
      type: 'sign',
      pin: DEMO_SIGNING_PIN,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed' });
    const sealed = await call('vanthu.xd', 'POST', `/api/documents/${id}/actions`, {
      type: 'number-and-seal',
    });
    expect(sealed.statusCode, sealed.body).toBe(200);
    const view = sealed.json<{
      status: string;
      number: { codeNumber: string; text: string };
      signatures: { kind: string }[];
    }>();
    expect(view.status).toBe('sealed');
    expect(view.number.text).toBe(`${view.number.codeNumber}/QĐ-SXD`);
    expect(view.number.codeNumber).toMatch(/^\d{2,}$/);
    expect(view.signatures.map((s) => s.kind)).toEqual(['person', 'agency']);

    const pdf = await call('vanthu.xd', 'GET', `/api/documents/${id}/file.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // PAdES-B-LT: the validation data of both signatures in the document security store.
    expect(pdf.rawPayload.includes('/DSS')).toBe(true);
    expect(pdf.rawPayload.includes('/CRLs')).toBe(true);
    const report = pdfsig(dir, pdf.rawPayload, 'sealed.pdf');
    expect(report.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(report.match(/Certificate is Trusted\./g)).toHaveLength(2);
    const checks = opensslVerify(dir, new Uint8Array(pdf.rawPayload));
    expect(checks).toHaveLength(2);
    for (const out of checks) expect(out).toContain('Verification successful');
  }, 60_000);

  it('is issued: the ward receives it at once, the ministry waits for the exchange', async () => {
    const issued = await call('vanthu.xd', 'POST', `/api/documents/${id}/actions`, { type: 'issue' });
    expect(issued.statusCode, issued.body).toBe(200);
    const deliveries = issued.json<{ deliveries: { state: string; incomingDocumentId: number | null }[] }>()
      .deliveries;
    expect(deliveries.map((d) => d.state)).toEqual(['delivered', 'queued_external']);
    incoming = deliveries[0]!.incomingDocumentId!;
    const list = await call('vanthu.xa', 'GET', '/api/documents?register=incoming');
    expect(list.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(incoming);
    // The sender's văn thư does not see the ward's copy.
    expect((await call('vanthu.xd', 'GET', `/api/documents/${incoming}`)).statusCode).toBe(404);
  });

  it('is received, registered with the ward’s own số đến, directed and completed', async () => {
    const received = await call('vanthu.xa', 'POST', `/api/documents/${incoming}/actions`, {
      type: 'receive',
    });
    expect(received.statusCode, received.body).toBe(200);
    const registered = await call('vanthu.xa', 'POST', `/api/documents/${incoming}/actions`, {
      type: 'register',
    });
    expect(registered.json()).toMatchObject({
      status: 'awaiting_direction',
      arrival: { series: 'den', number: 1 },
    });
    // The specialist is not a party yet.
    expect((await call('hotich.xa', 'GET', `/api/documents/${incoming}`)).statusCode).toBe(404);
    const directed = await call('chutich.xa', 'POST', `/api/documents/${incoming}/actions`, {
      type: 'direct',
      lead: { unitId: ward, userId: hotich },
      workingDays: 5,
      opinion: 'Giao công chức tư pháp nghiên cứu, tham mưu.',
    });
    expect(directed.statusCode, directed.body).toBe(200);
    const dueDate = directed.json<{ dueDate: string }>().dueDate;
    expect(dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The day before the deadline, the officer is reminded by e-mail once, however many rounds.
    const dayBefore = new Date(`${dueDate}T09:00:00+07:00`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    expect(await queueDocumentReminders(ctx.handle.db, { now: dayBefore })).toEqual({ queued: 1 });
    expect(await queueDocumentReminders(ctx.handle.db, { now: dayBefore })).toEqual({ queued: 0 });
    const reminder = await ctx.handle.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'subject', 'kind'])
      .where('subject_type', '=', 'document')
      .executeTakeFirstOrThrow();
    expect(reminder).toMatchObject({ kind: 'document_due_soon', recipient: expect.stringContaining('@') });
    expect(reminder.subject).toMatch(/^Sắp đến hạn: văn bản số \d{2,}\/QĐ-SXD của Sở Xây dựng$/);
    const completed = await call('hotich.xa', 'POST', `/api/documents/${incoming}/actions`, {
      type: 'complete',
      note: 'Đã triển khai',
    });
    expect(completed.json()).toMatchObject({ status: 'completed' });
    const history = await call('vanthu.xa', 'GET', `/api/documents/${incoming}/history`);
    expect(history.json<{ entries: { type: string }[] }>().entries.map((e) => e.type)).toEqual([
      'delivered',
      'received',
      'registered',
      'directed',
      'completed',
    ]);
  });

  it('refuses a malformed action with a problem document and writes nothing', async () => {
    const before = await call('vanthu.xa', 'GET', `/api/documents/${incoming}/history`);
    const bad = await call('vanthu.xa', 'POST', `/api/documents/${incoming}/actions`, {
      type: 'direct',
      lead: { unitId: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const after = await call('vanthu.xa', 'GET', `/api/documents/${incoming}/history`);
    expect(after.json<{ entries: unknown[] }>().entries).toEqual(
      before.json<{ entries: unknown[] }>().entries,
    );
  });

  it('is in the registers of Phụ lục IV: on screen, as a PDF with every column, as Excel', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const period = `from=${today.slice(0, 4)}-01-01&to=${today}`;
    const outgoing = await call(
      'vanthu.xd',
      'GET',
      `/api/registers/documents?unit=000.00.16.H53&register=outgoing&${period}`,
    );
    expect(outgoing.statusCode, outgoing.body).toBe(200);
    const book = outgoing.json<{ columns: string[]; rows: string[][] }>();
    expect(book.columns).toHaveLength(10);
    const line = book.rows.find((r) => r[2]!.includes('Quy chế quản lý kiến trúc'))!;
    expect(line[0]).toMatch(/^\d{2,}\/QĐ-SXD$/);
    expect(line[4]).toContain('Bộ Xây dựng');
    expect(line[9]).toContain('Văn bản điện tử');
    // The ward's books: its số đến 01, who handles it, and its resolution.
    const incomingBook = await call(
      'vanthu.xa',
      'GET',
      `/api/registers/documents?unit=${ward}&register=incoming&${period}`,
    );
    const arrival = incomingBook.json<{ rows: string[][] }>().rows[0]!;
    expect(arrival[1]).toBe('01');
    expect(arrival[2]).toBe('Sở Xây dựng');
    expect(arrival[3]).toBe(line[0]);
    const tracking = await call(
      'chutich.xa',
      'GET',
      `/api/registers/documents?unit=${ward}&register=tracking&${period}`,
    );
    expect(tracking.json<{ rows: string[][] }>().rows[0]![4]).toMatch(/^Đã giải quyết ngày/);
    // Who may not: a specialist, another agency's văn thư; the secret book is the văn thư's only.
    expect(
      (await call('hotich.xa', 'GET', `/api/registers/documents?unit=${ward}&register=incoming&${period}`))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call(
          'vanthu.xa',
          'GET',
          `/api/registers/documents?unit=000.00.16.H53&register=outgoing&${period}`,
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(
          'chutich.xa',
          'GET',
          `/api/registers/documents?unit=${ward}&register=incoming&secret=true&${period}`,
        )
      ).statusCode,
    ).toBe(403);
    const tooLong = await call(
      'vanthu.xd',
      'GET',
      `/api/registers/documents?unit=000.00.16.H53&register=outgoing&from=2024-01-01&to=${today}`,
    );
    expect(tooLong.statusCode).toBe(422);

    const pdf = await call(
      'vanthu.xd',
      'GET',
      `/api/registers/documents.pdf?unit=000.00.16.H53&register=outgoing&${period}`,
    );
    expect(pdf.headers['content-type']).toBe('application/pdf');
    writeFileSync(join(dir, 'register.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'register.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(text).toContain(line[0]);
    expect(text).toContain('(10)');
    const xlsx = await call(
      'vanthu.xd',
      'GET',
      `/api/registers/documents.xlsx?unit=000.00.16.H53&register=outgoing&${period}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(5).getCell(1).value).toBe('Số, ký hiệu văn bản');
    expect(sheet.getRow(6).getCell(10).value).toBe('(10)');
    const cells = Array.from({ length: sheet.rowCount - 6 }, (_, i) => sheet.getRow(7 + i).getCell(1).value);
    expect(cells).toContain(line[0]);
  });

  it('counts in the plan’s indicators: electronic, signed by the person and the agency, resolved on time', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const period = `from=${today.slice(0, 4)}-01-01&to=${today}`;
    const sender = await call('lanhdao.xd', 'GET', `/api/stats/indicators?unit=000.00.16.H53&${period}`);
    expect(sender.statusCode, sender.body).toBe(200);
    expect(sender.json().documents).toMatchObject({
      issued: 1,
      issuedElectronic: 1,
      signedByPerson: 1,
      signedByAgency: 1,
      signedByPersonShare: 1,
      targets: { electronicShare: 0.95, signedShare: 0.7 },
    });
    const { agency_code: wardCode } = await ctx.handle.db
      .selectFrom('units_view')
      .select('agency_code')
      .where('id', '=', ward)
      .executeTakeFirstOrThrow();
    const commune = await call('chutich.xa', 'GET', `/api/stats/indicators?unit=${wardCode}&${period}`);
    expect(commune.statusCode, commune.body).toBe(200);
    expect(commune.json().documents).toMatchObject({
      registered: 1,
      registeredElectronic: 1,
      completed: 1,
      completedOnTime: 1,
      electronicShare: 1,
      onTimeShare: 1,
    });
  });
});
