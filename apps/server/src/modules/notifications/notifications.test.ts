import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
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
});
