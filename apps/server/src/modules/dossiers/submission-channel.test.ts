import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMIT, permitForm } from '../../test/dossier-fixtures';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { submissionChannel } from './submission-channel';

describe('the channel of a new dossier (rule)', () => {
  it('is online for a citizen who does not say it, and must be given by an officer', () => {
    expect(submissionChannel({ kind: 'citizen' }, undefined)).toBe('online');
    expect(submissionChannel({ kind: 'officer' }, 'post')).toBe('post');
    expect(() => submissionChannel({ kind: 'officer' }, undefined)).toThrow(
      expect.objectContaining({ status: 422, errors: [expect.objectContaining({ field: '/channel' })] }),
    );
  });
});

describe('POST /api/dossiers without a channel', () => {
  let ctx: TestContext;
  let citizen: Session;
  let reception: Session;
  beforeAll(async () => {
    ctx = await startTestApp();
    citizen = await login(ctx.app, 'congdan');
    reception = await login(ctx.app, 'tiepnhan');
  });
  afterAll(async () => ctx.close());

  it('takes a citizen’s submission as online', async () => {
    const response = await as(
      ctx.app,
      citizen,
    )({ method: 'POST', url: '/api/dossiers', payload: { procedureCode: PERMIT, formData: permitForm } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ channel: 'online', status: 'submitted' });
  });

  it('asks an officer which channel (422 on /channel), writing nothing', async () => {
    const before = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureCode: PERMIT,
        formData: permitForm,
        applicant: { fullName: 'Trần Thị Mai', phone: '0909123456', address: 'Xã Tân Biên' },
      },
    });
    expect(response.statusCode).toBe(422);
    expect(problem(response).errors).toEqual([
      expect.objectContaining({ field: '/channel', code: 'required' }),
    ]);
    const after = await ctx.handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
