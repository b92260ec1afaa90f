import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
import { enqueueMessage, type OutboxMessage } from './outbox';
import { NotificationWorker } from './worker';
import { startSmtpSink, type SmtpSink } from '../../test/smtp';
import { submitPermit } from '../../test/dossier-fixtures';

describe('e-mail notifications through a real SMTP server', () => {
  let ctx: TestContext;
  let smtp: SmtpSink;
  let inbox: SmtpSink['inbox'];

  beforeAll(async () => {
    ctx = await startTestApp();
    smtp = await startSmtpSink();
    inbox = smtp.inbox;
  });
  afterAll(async () => {
    await smtp.close();
    await ctx.close();
  });

  const worker = () =>
    new NotificationWorker(ctx.handle.db, {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Cổng DVC Tây Ninh <khongtraloi@tayninh.gov.vn>',
      domain: 'tayninh.gov.vn',
    });

  it('tells the applicant about receipt, a supplement request and the result, with citizen text escaped', async () => {
    const citizen: Session = await login(ctx.app, 'congdan');
    const reception = await login(ctx.app, 'tiepnhan');
    const code = await submitPermit(ctx.app, citizen);
    const act = (session: Session, body: object) =>
      as(ctx.app, session)({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: body });
    await act(reception, { type: 'request-supplement', items: ['Bản vẽ <b>mặt bằng</b> & móng'] });
    await act(citizen, { type: 'supplement' });
    await act(reception, { type: 'accept' });

    const sender = worker();
    expect(await sender.runOnce()).toBe(2);
    await sender.stop();
    expect(inbox.map((mail) => mail.subject)).toEqual([
      `Hồ sơ ${code}: đề nghị bổ sung, hoàn thiện`,
      `Hồ sơ ${code} đã được tiếp nhận`,
    ]);
    const supplement = inbox[0]!;
    expect(supplement.to && 'text' in supplement.to ? supplement.to.text : '').toBe('congdan@example.vn');
    expect(supplement.text).toContain('1. Bản vẽ <b>mặt bằng</b> & móng');
    expect(supplement.html).toContain('Bản vẽ &lt;b&gt;mặt bằng&lt;/b&gt; &amp; móng');
    expect(supplement.html).not.toContain('<b>mặt bằng</b>');
    expect(inbox[1]!.text).toContain('Thời gian hẹn trả kết quả');
    expect(inbox[1]!.messageId).toMatch(/^<thongbao-\d+@tayninh\.gov\.vn>$/);
  });

  it('keeps undelivered e-mails and retries them later, delivering each once', async () => {
    const citizen: Session = await login(ctx.app, 'congdan');
    const reception = await login(ctx.app, 'tiepnhan');
    const code = await submitPermit(ctx.app, citizen);
    await as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: `/api/dossiers/${code}/actions`,
      payload: { type: 'refuse', reason: 'Không thuộc thẩm quyền' },
    });
    smtp.accepting = false;
    const sender = worker();
    expect(await sender.runOnce()).toBe(0);
    const pending = await ctx.handle.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .execute();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.attempts).toBe(1);
    expect(pending[0]!.last_error).toContain('451');
    // Not due yet: nothing is attempted before the backoff ends.
    expect(await sender.runOnce()).toBe(0);
    smtp.accepting = true;
    await ctx.handle.db
      .updateTable('notification_outbox')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', pending[0]!.id)
      .execute();
    const before = inbox.length;
    expect(await sender.runOnce()).toBe(1);
    expect(await sender.runOnce()).toBe(0);
    await sender.stop();
    expect(inbox.length).toBe(before + 1);
    expect(inbox.at(-1)!.subject).toBe(`Hồ sơ ${code}: từ chối tiếp nhận`);
  });

  it('embedded database: a lease left by a killed worker is released at the next start, a backoff is not', async () => {
    const citizen: Session = await login(ctx.app, 'congdan');
    const reception = await login(ctx.app, 'tiepnhan');
    const act = (code: string, payload: object) =>
      as(ctx.app, reception)({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload });
    const leased = await submitPermit(ctx.app, citizen);
    await act(leased, { type: 'accept' });
    const backedOff = await submitPermit(ctx.app, citizen);
    await act(backedOff, { type: 'refuse', reason: 'Không thuộc thẩm quyền' });
    const rowOf = async (code: string) =>
      ctx.handle.db
        .selectFrom('notification_outbox')
        .innerJoin('dossiers', 'dossiers.id', 'notification_outbox.dossier_id')
        .select('notification_outbox.id')
        .where('dossiers.code', '=', code)
        .executeTakeFirstOrThrow();
    const leasedId = (await rowOf(leased)).id;
    const backedOffId = (await rowOf(backedOff)).id;
    // What a round does before sending, then the process is killed: the lease stays.
    await ctx.handle.db
      .updateTable('notification_outbox')
      .set({ next_attempt_at: new Date(Date.now() + 5 * 60_000), last_error: null })
      .where('id', '=', leasedId)
      .execute();
    await ctx.handle.db
      .updateTable('notification_outbox')
      .set({ next_attempt_at: new Date(Date.now() + 5 * 60_000), last_error: '451 busy', attempts: 2 })
      .where('id', '=', backedOffId)
      .execute();
    const restarted = new NotificationWorker(
      ctx.handle.db,
      {
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        from: 'khongtraloi@tayninh.gov.vn',
        domain: 'tayninh.gov.vn',
      },
      () => {},
      { singleProcess: true },
    );
    expect(await restarted.runOnce()).toBe(0);
    expect(await restarted.releaseLeases()).toBe(1);
    const before = inbox.length;
    expect(await restarted.runOnce()).toBe(1);
    await restarted.stop();
    expect(inbox.slice(before).map((mail) => mail.messageId)).toEqual([
      `<thongbao-${leasedId}@tayninh.gov.vn>`,
    ]);
    const still = await ctx.handle.db
      .selectFrom('notification_outbox')
      .select(['sent_at', 'attempts'])
      .where('id', '=', backedOffId)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ sent_at: null, attempts: 2 });
  });

  it('queues any channel’s messages about any subject; the e-mail worker delivers only e-mails', async () => {
    const db = ctx.handle.db;
    // The dossiers' e-mails carry their dossier as the subject.
    const mails = await db
      .selectFrom('notification_outbox')
      .select(['channel', 'subject_type', 'subject_id', 'dossier_id'])
      .execute();
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails)
      expect(mail).toEqual({
        channel: 'email',
        subject_type: 'dossier',
        subject_id: String(mail.dossier_id),
        dossier_id: expect.any(Number),
      });
    const exchange: OutboxMessage = {
      channel: 'document_exchange',
      subjectType: 'document',
      subjectId: 'VB-2026-0001',
      seq: 1,
      kind: 'sent',
      recipient: '000.00.16.H53',
      subject: 'Công văn số 12/UBND',
      bodies: { text: 'Kính gửi Sở Xây dựng.' },
    };
    await enqueueMessage(db, exchange);
    // Once per channel, subject, event and kind.
    await expect(enqueueMessage(db, exchange)).rejects.toMatchObject({ code: '23505' });
    await enqueueMessage(db, { ...exchange, channel: 'email', recipient: 'vanthu@tayninh.gov.vn' });
    const rows = await db
      .selectFrom('notification_outbox')
      .select(['id', 'channel', 'dossier_id', 'body_html', 'sent_at'])
      .where('subject_type', '=', 'document')
      .orderBy('id')
      .execute();
    expect(rows.map(({ channel, dossier_id, body_html }) => ({ channel, dossier_id, body_html }))).toEqual([
      { channel: 'document_exchange', dossier_id: null, body_html: null },
      { channel: 'email', dossier_id: null, body_html: null },
    ]);
    const before = inbox.length;
    for (const singleProcess of [false, true]) {
      const sender = new NotificationWorker(
        db,
        {
          smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
          from: 'khongtraloi@tayninh.gov.vn',
          domain: 'tayninh.gov.vn',
        },
        () => {},
        { singleProcess },
      );
      expect(await sender.runOnce()).toBe(singleProcess ? 0 : 1);
      await sender.stop();
    }
    expect(inbox.slice(before).map((mail) => [mail.subject, mail.text?.trim(), mail.html])).toEqual([
      ['Công văn số 12/UBND', 'Kính gửi Sở Xây dựng.', false],
    ]);
    // The other channel's message is left to its own worker, leases included.
    await db
      .updateTable('notification_outbox')
      .set({ next_attempt_at: new Date(Date.now() + 5 * 60_000) })
      .where('id', '=', rows[0]!.id)
      .execute();
    const restarted = new NotificationWorker(
      db,
      {
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        from: 'khongtraloi@tayninh.gov.vn',
        domain: 'tayninh.gov.vn',
      },
      () => {},
      { singleProcess: true },
    );
    expect(await restarted.releaseLeases()).toBe(0);
    await restarted.stop();
    const left = await db
      .selectFrom('notification_outbox')
      .select(['sent_at', 'attempts'])
      .where('id', '=', rows[0]!.id)
      .executeTakeFirstOrThrow();
    expect(left).toEqual({ sent_at: null, attempts: 0 });
  });
});
