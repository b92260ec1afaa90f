import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { sanitiseFileName } from './attachments';
import { multipart, PDF, PNG, submitPermit } from '../../test/dossier-fixtures';

describe('attachments', () => {
  let ctx: TestContext;
  let citizen: Session;
  let code: string;
  beforeAll(async () => {
    ctx = await startTestApp();
    citizen = await login(ctx.app, 'congdan');
    code = await submitPermit(ctx.app, citizen);
  });
  afterAll(async () => ctx.close());

  const upload = (session: Session, fileName: string, content: Buffer, query = '', claimed?: string) => {
    const body = multipart(fileName, content, claimed);
    return as(
      ctx.app,
      session,
    )({
      method: 'POST',
      url: `/api/dossiers/${code}/attachments${query}`,
      payload: body.payload,
      headers: body.headers,
    });
  };

  it('stores a file by SHA-256, typed by its content, and records it in the history', async () => {
    const response = await upload(citizen, '../../etc/Đơn đề nghị.pdf', PDF, '?documentCode=tp1');
    expect(response.statusCode).toBe(201);
    const attachment = response.json();
    expect(attachment).toMatchObject({
      documentCode: 'tp1',
      fileName: 'Đơn đề nghị.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    expect(attachment.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const dossier = (await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${code}` })).json();
    expect(dossier.attachments).toHaveLength(1);
    expect(dossier.history.at(-1)).toMatchObject({ type: 'attachment_added', reason: 'Đơn đề nghị.pdf' });

    const download = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: `/api/dossiers/${code}/attachments/${attachment.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.rawPayload, PDF)).toBe(0);
  });

  it('judges the type by content, not by name or claimed type', async () => {
    const png = await upload(citizen, 'anh-chup.pdf', PNG, '', 'application/pdf');
    expect(png.json().mediaType).toBe('image/png');
    const script = await upload(
      citizen,
      'hop-dong.pdf',
      Buffer.from('<script>alert(1)</script>'),
      '',
      'application/pdf',
    );
    expect(script.statusCode).toBe(415);
    expect(problem(script).code).toBe('unsupported_file_type');
    const exe = await upload(citizen, 'setup.exe', Buffer.from('4d5a90000300000004000000ffff0000', 'hex'));
    expect(exe.statusCode).toBe(415);
  });

  it('limits size and rejects unknown document codes and non-multipart bodies', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const tooBig = await upload(citizen, 'lon.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(problem(tooBig).code).toBe('file_too_large');
    expect(problem(await upload(citizen, 'a.pdf', PDF, '?documentCode=tp99')).code).toBe('validation_failed');
    const json = await as(
      ctx.app,
      citizen,
    )({ method: 'POST', url: `/api/dossiers/${code}/attachments`, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    const count = await ctx.handle.db
      .selectFrom('dossier_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('lets only those who may see the dossier download its files', async () => {
    const other = await login(ctx.app, 'congdan2');
    const justice = await login(ctx.app, 'chuyenvien');
    const first = (
      await ctx.handle.db
        .selectFrom('dossier_attachments')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await as(ctx.app, other)({ method: 'GET', url: `/api/dossiers/${code}/attachments/${first}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await as(ctx.app, justice)({ method: 'GET', url: `/api/dossiers/${code}/attachments/${first}` }))
        .statusCode,
    ).toBe(404);
    expect((await upload(other, 'x.pdf', PDF)).statusCode).toBe(404);
    const reception = await login(ctx.app, 'tiepnhan');
    expect(
      (await as(ctx.app, reception)({ method: 'GET', url: `/api/dossiers/${code}/attachments/${first}` }))
        .statusCode,
    ).toBe(200);
  });

  it('answers a retried upload with the first one: same key, or same content, stores nothing twice', async () => {
    const fresh = await submitPermit(ctx.app, citizen);
    const content = Buffer.concat([PDF, Buffer.from(`\n% thử lại ${Date.now()}\n`)]);
    const send = (key: string | null, body = content, documentCode = 'tp1') => {
      const form = multipart('Giấy đề nghị.pdf', body);
      return as(
        ctx.app,
        citizen,
      )({
        method: 'POST',
        url: `/api/dossiers/${fresh}/attachments?documentCode=${documentCode}`,
        payload: form.payload,
        headers: { ...form.headers, ...(key ? { 'idempotency-key': key } : {}) },
      });
    };
    const rows = async () => {
      const dossier = await ctx.handle.db
        .selectFrom('dossiers')
        .select('id')
        .where('code', '=', fresh)
        .executeTakeFirstOrThrow();
      const files = await ctx.handle.db
        .selectFrom('dossier_attachments')
        .select('id')
        .where('dossier_id', '=', dossier.id)
        .execute();
      const history = await ctx.handle.db
        .selectFrom('dossier_actions')
        .select('id')
        .where('dossier_id', '=', dossier.id)
        .where('type', '=', 'attachment_added')
        .execute();
      return { files: files.length, history: history.length };
    };
    // Three copies of the same request at once (the client retried before the first answered).
    const answers = await Promise.all([send('tai-len-0001'), send('tai-len-0001'), send('tai-len-0001')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json<{ id: number }>().id)).size).toBe(1);
    expect(await rows()).toEqual({ files: 1, history: 1 });
    // Later, without a key: the same content for the same document is the same attachment.
    const again = await send(null);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: number }>().id).toBe(answers[0]?.json<{ id: number }>().id);
    // The same key for a different file is a client error, not a silent success.
    const reused = await send('tai-len-0001', PNG);
    expect(reused.statusCode).toBe(422);
    expect(problem(reused).code).toBe('idempotency_key_reused');
    // The same file for another document is a new attachment.
    expect((await send(null, content, 'tp2')).statusCode).toBe(201);
    expect(await rows()).toEqual({ files: 2, history: 2 });
  });

  it('sanitises file names for display', () => {
    expect(sanitiseFileName('C:\\Users\\a\\Giấy tờ.docx')).toBe('Giấy tờ.docx');
    expect(sanitiseFileName('..\u0000')).toBe('tep-dinh-kem');
    expect(sanitiseFileName('<b>tên.pdf')).toBe('btên.pdf');
    expect(sanitiseFileName('a/b/<i>.pdf')).toBe('i.pdf');
  });
});

describe('attachments: what each file is for', () => {
  let ctx: TestContext;
  let citizen: Session;
  let reception: Session;
  let specialist: Session;
  let leader: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    citizen = await login(ctx.app, 'congdan');
    reception = await login(ctx.app, 'tiepnhan');
    specialist = await login(ctx.app, 'chuyenvien.xd');
    leader = await login(ctx.app, 'lanhdao.xd');
  });
  afterAll(async () => ctx.close());

  const upload = (session: Session, code: string, query = '', fileName = 'tep.pdf') => {
    const body = multipart(fileName, PDF);
    return as(
      ctx.app,
      session,
    )({
      method: 'POST',
      url: `/api/dossiers/${code}/attachments${query}`,
      payload: body.payload,
      headers: body.headers,
    });
  };
  const act = async (session: Session, code: string, body: object) => {
    const response = await as(
      ctx.app,
      session,
    )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: body });
    expect(response.statusCode, response.body).toBe(200);
  };
  const view = async (session: Session, code: string) =>
    (await as(ctx.app, session)({ method: 'GET', url: `/api/dossiers/${code}` })).json<{
      status: string;
      attachments: Array<{ fileName: string; purpose: string }>;
      history: unknown[];
    }>();
  /** Rows and history entries of the dossier: a refused upload changes neither. */
  const written = async (code: string) => {
    const row = await ctx.handle.db
      .selectFrom('dossiers')
      .select(['id', 'action_count'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const files = await ctx.handle.db
      .selectFrom('dossier_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dossier_id', '=', row.id)
      .executeTakeFirstOrThrow();
    return { actions: row.action_count, files: Number(files.n) };
  };
  /** Accepted, appraised and approved: the result exists and waits to be returned. */
  const resolved = async () => {
    const code = await submitPermit(ctx.app, citizen);
    await act(reception, code, { type: 'accept' });
    const me = (await as(ctx.app, specialist)({ method: 'GET', url: '/api/auth/me' })).json<{ id: number }>();
    await act(leader, code, { type: 'assign', assigneeId: me.id });
    await act(specialist, code, { type: 'send-for-approval' });
    await act(leader, code, { type: 'approve' });
    return code;
  };

  it('records an application file as a document unless told otherwise', async () => {
    const code = await submitPermit(ctx.app, citizen);
    const response = await upload(citizen, code, '?documentCode=tp1');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ purpose: 'document', documentCode: 'tp1' });
    expect((await view(citizen, code)).attachments).toEqual([
      expect.objectContaining({ fileName: 'tep.pdf', purpose: 'document' }),
    ]);
    const stored = await ctx.handle.db
      .selectFrom('dossier_attachments')
      .select('purpose')
      .where('id', '=', response.json<{ id: number }>().id)
      .executeTakeFirstOrThrow();
    expect(stored.purpose).toBe('document');
  });

  it('records what the applicant adds while a supplement is requested as a supplement', async () => {
    const code = await submitPermit(ctx.app, citizen);
    const early = await upload(citizen, code, '?purpose=supplement');
    expect(early.statusCode).toBe(409);
    expect(problem(early).code).toBe('supplement_not_requested');
    await act(reception, code, { type: 'request-supplement', items: ['Bản vẽ thiết kế'] });
    const given = await upload(citizen, code, '', 'ban-ve.pdf');
    expect(given.statusCode).toBe(201);
    expect(given.json().purpose).toBe('supplement');
    const said = await upload(citizen, code, '?purpose=document', 'don.pdf');
    expect(said.json().purpose).toBe('document');
  });

  it('records the electronic result attached after approval, for the applicant to see once returned', async () => {
    const code = await resolved();
    expect((await view(citizen, code)).status).toBe('result_ready');
    const response = await upload(reception, code, '?purpose=result', 'giay-phep-xay-dung.pdf');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ purpose: 'result', documentCode: null });
    const fromHandlingUnit = await upload(specialist, code, '?purpose=result', 'ban-ve-duyet.pdf');
    expect(fromHandlingUnit.statusCode).toBe(201);
    // Before it is returned (fees paid at the counter), the applicant neither sees nor downloads it.
    expect((await view(citizen, code)).attachments.filter((file) => file.purpose === 'result')).toEqual([]);
    const early = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: `/api/dossiers/${code}/attachments/${response.json<{ id: number }>().id}` });
    expect(early.statusCode).toBe(404);
    expect(
      (await view(reception, code)).attachments.filter((file) => file.purpose === 'result'),
    ).toHaveLength(2);
    await act(reception, code, { type: 'return-result' });
    const dossier = await view(citizen, code);
    expect(dossier.status).toBe('returned');
    expect(dossier.attachments.filter((file) => file.purpose === 'result').map((f) => f.fileName)).toEqual([
      'giay-phep-xay-dung.pdf',
      'ban-ve-duyet.pdf',
    ]);
  });

  it('refuses a result from the applicant, before the decision, or with a document code, writing nothing', async () => {
    const code = await submitPermit(ctx.app, citizen);
    await act(reception, code, { type: 'accept' });
    const before = await written(code);

    const early = await upload(reception, code, '?purpose=result');
    expect(early.statusCode).toBe(409);
    expect(problem(early)).toMatchObject({ code: 'result_not_ready' });
    expect(problem(early).detail).toContain('Đang giải quyết');

    const resolvedCode = await resolved();
    const resolvedBefore = await written(resolvedCode);
    for (const target of [code, resolvedCode]) {
      const byApplicant = await upload(citizen, target, '?purpose=result');
      expect(byApplicant.statusCode).toBe(403);
      expect(problem(byApplicant)).toMatchObject({
        code: 'forbidden',
        detail: expect.stringContaining('tệp kết quả'),
        detail_en: expect.stringContaining('result file'),
      });
    }
    const withCode = await upload(reception, resolvedCode, '?purpose=result&documentCode=tp1');
    expect(withCode.statusCode).toBe(422);
    expect(problem(withCode).errors?.[0]).toMatchObject({ field: '/documentCode', code: 'not_for_result' });

    expect(await written(code)).toEqual(before);
    expect(await written(resolvedCode)).toEqual(resolvedBefore);
  });

  it('rejects an unknown purpose with a problem in Vietnamese and English, writing nothing', async () => {
    const code = await submitPermit(ctx.app, citizen);
    const before = await written(code);
    const response = await upload(citizen, code, '?purpose=ket-qua');
    expect(response.statusCode).toBe(400);
    const body = problem(response);
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual([
      expect.objectContaining({
        field: expect.stringContaining('purpose'),
        message: expect.stringContaining('document, supplement, result'),
      }),
    ]);
    expect(body.detail_en).toBeTruthy();
    expect(await written(code)).toEqual(before);
  });
});
