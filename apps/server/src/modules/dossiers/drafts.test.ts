import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { multipart, PDF, PERMIT, PERMIT_REQUIRED_DOCUMENTS, permitForm } from '../../test/dossier-fixtures';

describe('drafts: save, resume, submit', () => {
  let ctx: TestContext;
  let citizen: Session;
  let other: Session;
  let reception: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    [citizen, other, reception] = await Promise.all([
      login(ctx.app, 'congdan'),
      login(ctx.app, 'congdan2'),
      login(ctx.app, 'tiepnhan'),
    ]);
  });
  afterAll(async () => ctx.close());

  it('saves a partial form, resumes it with its files, and submits it once', async () => {
    const created = await as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: '/api/drafts',
      payload: { procedureCode: PERMIT, formData: { applicant: { fullName: 'Võ Thị Ngọc Ánh' } } },
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: 'draft', procedureCode: PERMIT, attachments: [] });

    // Incomplete forms are saved as typed; the check comes at submission.
    const early = await as(ctx.app, citizen)({ method: 'POST', url: `/api/drafts/${draft.id}/submit` });
    expect(early.statusCode).toBe(422);
    expect(problem(early).errors?.length).toBeGreaterThan(0);

    const body = multipart('Đơn đề nghị.pdf', PDF);
    const uploaded = await as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: `/api/drafts/${draft.id}/attachments?documentCode=tp1`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(uploaded.statusCode).toBe(201);
    const saved = await as(
      ctx.app,
      citizen,
    )({
      method: 'PUT',
      url: `/api/drafts/${draft.id}`,
      payload: { formData: permitForm },
    });
    expect(saved.statusCode).toBe(200);

    // The form is complete, but not every document the case requires has a file: refused, naming them.
    const incomplete = await as(ctx.app, citizen)({ method: 'POST', url: `/api/drafts/${draft.id}/submit` });
    expect(incomplete.statusCode).toBe(422);
    expect(problem(incomplete).errors?.map((error) => error.field)).toEqual([
      '/documents/tp2',
      '/documents/tp4',
      '/documents/tp5',
    ]);
    for (const code of PERMIT_REQUIRED_DOCUMENTS.slice(1)) {
      const file = multipart(`${code}.pdf`, PDF);
      const added = await as(
        ctx.app,
        citizen,
      )({
        method: 'POST',
        url: `/api/drafts/${draft.id}/attachments?documentCode=${code}`,
        payload: file.payload,
        headers: file.headers,
      });
      expect(added.statusCode).toBe(201);
    }

    // Another session of the same citizen resumes it.
    const again = await login(ctx.app, 'congdan');
    const list = (await as(ctx.app, again)({ method: 'GET', url: '/api/drafts' })).json();
    expect(list.items.map((item: { id: number }) => item.id)).toContain(draft.id);
    const resumed = (await as(ctx.app, again)({ method: 'GET', url: `/api/drafts/${draft.id}` })).json();
    expect(resumed.formData).toEqual(permitForm);
    expect(resumed.attachments).toHaveLength(4);
    const file = await as(
      ctx.app,
      again,
    )({
      method: 'GET',
      url: `/api/drafts/${draft.id}/attachments/${resumed.attachments[0].id}`,
    });
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const submitted = await as(ctx.app, again)({ method: 'POST', url: `/api/drafts/${draft.id}/submit` });
    expect(submitted.statusCode).toBe(201);
    const dossier = submitted.json();
    expect(dossier).toMatchObject({ status: 'submitted', channel: 'online' });
    expect(dossier.code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
    expect(dossier.attachments).toHaveLength(4);
    expect(dossier.history.map((h: { type: string }) => h.type)).toEqual([
      ...PERMIT_REQUIRED_DOCUMENTS.map(() => 'attachment_added'),
      'submitted',
    ]);
    // The applicant's residence from the form is the dossier's address (the receipt prints it).
    expect(dossier.applicant.address).toBe(permitForm.applicant.address);
    expect(dossier.resultDelivery).toMatchObject({ method: 'counter' });
    expect(dossier.documents.map((d: { code: string; provided: boolean }) => [d.code, d.provided])).toEqual([
      ['tp1', true],
      ['tp2', true],
      ['tp3', false],
      ['tp4', true],
      ['tp5', true],
    ]);
    // A retried submission answers with the same dossier.
    const retried = await as(ctx.app, again)({ method: 'POST', url: `/api/drafts/${draft.id}/submit` });
    expect(retried.json().code).toBe(dossier.code);
    // Once submitted it is a dossier, no longer a draft; officers now see it.
    expect((await as(ctx.app, again)({ method: 'GET', url: `/api/drafts/${draft.id}` })).statusCode).toBe(
      404,
    );
    expect(
      (await as(ctx.app, reception)({ method: 'GET', url: `/api/dossiers/${dossier.code}` })).statusCode,
    ).toBe(200);
  });

  it('keeps drafts private to their owner and discards without deleting history', async () => {
    const draft = (
      await as(ctx.app, citizen)({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT } })
    ).json();
    for (const session of [other, reception]) {
      const seen = await as(ctx.app, session)({ method: 'GET', url: `/api/drafts/${draft.id}` });
      expect(seen.statusCode).toBe(session === reception ? 403 : 404);
      const body = multipart('x.pdf', PDF);
      const upload = await as(
        ctx.app,
        session,
      )({
        method: 'POST',
        url: `/api/drafts/${draft.id}/attachments`,
        payload: body.payload,
        headers: body.headers,
      });
      expect(upload.statusCode).toBe(404);
    }
    expect(
      (await as(ctx.app, citizen)({ method: 'DELETE', url: `/api/drafts/${draft.id}` })).statusCode,
    ).toBe(204);
    const list = (await as(ctx.app, citizen)({ method: 'GET', url: '/api/drafts?pageSize=200' })).json();
    expect(list.items.map((item: { id: number }) => item.id)).not.toContain(draft.id);
    const gone = await as(
      ctx.app,
      citizen,
    )({
      method: 'PUT',
      url: `/api/drafts/${draft.id}`,
      payload: { formData: {} },
    });
    expect(problem(gone).code).toBe('not_a_draft');
  });

  it('rejects drafts for unknown procedures and malformed bodies without writing', async () => {
    const count = async () =>
      Number(
        (
          await ctx.handle.db
            .selectFrom('dossiers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const unknown = await as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: '/api/drafts',
      payload: { procedureCode: '9.999999' },
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await as(
      ctx.app,
      citizen,
    )({
      method: 'POST',
      url: '/api/drafts',
      payload: { procedureCode: PERMIT, formData: 'chuỗi' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});
