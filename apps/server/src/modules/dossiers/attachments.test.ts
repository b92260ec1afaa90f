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

  it('sanitises file names for display', () => {
    expect(sanitiseFileName('C:\\Users\\a\\Giấy tờ.docx')).toBe('Giấy tờ.docx');
    expect(sanitiseFileName('..\u0000')).toBe('tep-dinh-kem');
    expect(sanitiseFileName('<b>tên.pdf')).toBe('btên.pdf');
    expect(sanitiseFileName('a/b/<i>.pdf')).toBe('i.pdf');
  });
});
