/**
 * The commune one-stop shop end to end through the API: a birth registration (1.001193) submitted
 * online to UBND phường Tân Ninh is received by its one-stop shop (tiepnhan.xa), processed by the
 * civil-status officer (hotich.xa), approved by the chairman (chutich.xa), returned online; the
 * citizen downloads the electronic result and rates. The documents asked are those of the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { BIRTH, BIRTH_CASES, birthForm, multipart, PDF } from '../../test/dossier-fixtures';
import { readPdf } from '../../test/pdf-text';

describe('commune one-stop shop: birth registration at phường Tân Ninh', () => {
  let ctx: TestContext;
  let citizen: Session;
  let receiving: Session;
  let civilStatus: Session;
  let chairman: Session;
  let ward: { id: number; agency_code: string | null; name: string };
  let code = '';

  beforeAll(async () => {
    ctx = await startTestApp({ publicBaseUrl: 'https://dichvucong.tayninh.gov.vn' });
    citizen = await login(ctx.app, 'congdan');
    receiving = await login(ctx.app, 'tiepnhan.xa');
    civilStatus = await login(ctx.app, 'hotich.xa');
    chairman = await login(ctx.app, 'chutich.xa');
    ward = await ctx.handle.db
      .selectFrom('units')
      .select(['id', 'agency_code', 'name'])
      .where('admin_area_code', '=', '25459')
      .where('valid_until', 'is', null)
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => ctx.close());

  const act = (session: Session, payload: object) =>
    as(ctx.app, session)({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload });
  const upload = (draftId: number, documentCode: string, name: string) => {
    const file = multipart(name, PDF);
    return as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: `/api/drafts/${draftId}/attachments?documentCode=${documentCode}`,
      payload: file.payload,
      headers: file.headers,
    });
  };

  it('asks the case, and requires exactly the documents of that case', async () => {
    const created = await as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: '/api/drafts',
      payload: { procedureCode: BIRTH, unitId: ward.id, formData: birthForm },
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json<{ id: number }>();

    // No case chosen: the form is complete but the questions of the case are not answered.
    const noCase = await as(ctx.app, citizen)({ method: 'POST', url: `/api/drafts/${draft.id}/submit` });
    expect(noCase.statusCode).toBe(422);
    expect(problem(noCase).errors?.map((e) => e.code)).toEqual([
      'case_required',
      'case_required',
      'case_required',
    ]);

    // An abandoned child needs the record of abandonment, not the birth certificate.
    const put = (body: object) =>
      as(
        ctx.app,
        citizen,
      )({ method: 'PUT', url: `/api/drafts/${draft.id}`, payload: { formData: birthForm, ...body } });
    expect((await put({ cases: ['tre-bi-bo-roi', 'sinh-binh-thuong', 'uy-quyen'] })).statusCode).toBe(200);
    const abandoned = await as(ctx.app, citizen)({ method: 'POST', url: `/api/drafts/${draft.id}/submit` });
    expect(problem(abandoned).errors?.map((e) => e.field)).toEqual([
      '/documents/bien-ban-bo-roi',
      '/documents/van-ban-uy-quyen',
    ]);

    // The ordinary case: the hospital's birth certificate only; the result online.
    const saved = await put({ cases: BIRTH_CASES, resultDelivery: { method: 'online' } });
    expect(saved.json()).toMatchObject({
      cases: BIRTH_CASES,
      resultDelivery: { method: 'online', name: 'Nhận kết quả điện tử trên Cổng Dịch vụ công' },
    });
    const missing = await as(ctx.app, citizen)({ method: 'POST', url: `/api/drafts/${draft.id}/submit` });
    expect(problem(missing).errors?.map((e) => e.field)).toEqual(['/documents/giay-chung-sinh']);
    expect((await upload(draft.id, 'giay-chung-sinh', 'giay-chung-sinh.pdf')).statusCode).toBe(201);

    const submitted = await as(ctx.app, citizen)({ method: 'POST', url: `/api/drafts/${draft.id}/submit` });
    expect(submitted.statusCode).toBe(201);
    const dossier = submitted.json();
    code = dossier.code;
    expect(code.startsWith(`${ward.agency_code}-`)).toBe(true);
    expect(dossier).toMatchObject({
      status: 'submitted',
      receivingUnit: { id: ward.id, name: 'Ủy ban nhân dân phường Tân Ninh' },
      handlingUnit: { id: ward.id },
      resultDelivery: { method: 'online' },
      cases: [
        { code: 'co-giay-chung-sinh', group: 'Giấy tờ chứng minh việc sinh' },
        { code: 'sinh-binh-thuong' },
        { code: 'nguoi-than-nop' },
      ],
    });
    // Online, neither the paper form nor identity papers shown at the counter are asked.
    expect(dossier.documents.map((d: { code: string; required: boolean; provided: boolean }) => d)).toEqual([
      expect.objectContaining({ code: 'giay-chung-sinh', required: true, provided: true }),
      expect.objectContaining({ code: 'giay-to-cu-tru', required: false, provided: false }),
    ]);
  });

  it('is received by the ward’s one-stop shop, with the ward’s receipt; the province’s officer sees nothing', async () => {
    const provincial = await login(ctx.app, 'tiepnhan');
    expect((await as(ctx.app, provincial)({ method: 'GET', url: `/api/dossiers/${code}` })).statusCode).toBe(
      404,
    );
    const queue = await as(ctx.app, receiving)({ method: 'GET', url: '/api/dossiers?queue=to_receive' });
    expect(queue.json().items.map((item: { code: string }) => item.code)).toContain(code);

    expect((await act(receiving, { type: 'accept' })).statusCode).toBe(200);
    const receipt = await as(
      ctx.app,
      receiving,
    )({ method: 'GET', url: `/api/dossiers/${code}/slips/receipt.pdf` });
    expect(receipt.statusCode).toBe(200);
    const { text } = await readPdf(receipt.rawPayload);
    expect(text).toContain('ỦY BAN NHÂN DÂN PHƯỜNG TÂN NINH');
    expect(text).toContain(code);
    expect(text).toContain('Khu phố 1, phường Tân Ninh, tỉnh Tây Ninh');
    expect(text).toContain('Giấy chứng sinh');
    expect(text).not.toContain('Biên bản');
    expect(text).toContain('Nhận kết quả điện tử trên Cổng Dịch vụ công');
    expect(text).toContain('Trương Thị Mỹ Duyên');
  });

  it('is processed by the civil-status officer and approved by the chairman', async () => {
    const me = await as(ctx.app, civilStatus)({ method: 'GET', url: '/api/auth/me' });
    const specialistId = me.json<{ id: number }>().id;
    expect((await act(civilStatus, { type: 'assign', assigneeId: specialistId })).statusCode).toBe(200);
    const toProcess = await as(
      ctx.app,
      civilStatus,
    )({ method: 'GET', url: '/api/dossiers?queue=to_process' });
    expect(toProcess.json().items.map((item: { code: string }) => item.code)).toContain(code);
    expect((await act(civilStatus, { type: 'send-for-approval' })).statusCode).toBe(200);
    // The one-stop officer cannot approve; the chairman can.
    expect((await act(receiving, { type: 'approve' })).statusCode).toBe(403);
    const toApprove = await as(ctx.app, chairman)({ method: 'GET', url: '/api/dossiers?queue=to_approve' });
    expect(toApprove.json().items.map((item: { code: string }) => item.code)).toContain(code);
    expect((await act(chairman, { type: 'approve' })).statusCode).toBe(200);
  });

  it('returns the electronic result, which the citizen downloads and rates', async () => {
    const result = multipart('giay-khai-sinh.pdf', PDF);
    const attached = await as(
      ctx.app,
      receiving,
    )({
      method: 'POST',
      url: `/api/dossiers/${code}/attachments?purpose=result`,
      payload: result.payload,
      headers: result.headers,
    });
    expect(attached.statusCode).toBe(201);
    const returned = await act(receiving, { type: 'return-result', method: 'online' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().status).toBe('returned');

    const mine = (await as(ctx.app, citizen)({ method: 'GET', url: `/api/dossiers/${code}` })).json();
    const file = mine.attachments.find((a: { purpose: string }) => a.purpose === 'result');
    const download = await as(
      ctx.app,
      citizen,
    )({ method: 'GET', url: `/api/dossiers/${code}/attachments/${file.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    const rated = await act(citizen, {
      type: 'rate',
      rating: { contacts: 2, bodies: 2, attitude: 2, satisfaction: 'rat-hai-long' },
    });
    expect(rated.statusCode).toBe(200);
  });
});
