import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitPermit, PERMIT } from '../../test/dossier-fixtures';
import { login, startTestApp, type TestContext } from '../../test/harness';
import { correctDossier } from '../dossiers';

describe('most-used procedures and agencies (public)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => ctx.close());

  const popular = async (query = '') =>
    (await ctx.app.inject({ method: 'GET', url: `/api/procedures/popular${query}` })).json<
      Array<{ code: string; name: string; submissions: number }>
    >();

  it('ranks procedures by dossiers submitted in the last year, then fills in catalogue order', async () => {
    const citizen = await login(ctx.app, 'congdan');
    await submitPermit(ctx.app, citizen);
    await submitPermit(ctx.app, citizen);
    // A draft is not a submission; a dossier older than a year does not count.
    const first = await ctx.handle.db
      .selectFrom('dossiers')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await correctDossier(
      ctx.handle.db,
      { id: first.id },
      { submitted_at: new Date(Date.now() - 400 * 86_400_000) },
    );
    const list = await popular('?limit=5');
    expect(list).toHaveLength(5);
    expect(list[0]).toMatchObject({ code: PERMIT, submissions: 1 });
    expect(list.slice(1).every((item) => item.submissions === 0)).toBe(true);
    const codes = list.slice(1).map((item) => item.code);
    expect(codes).toEqual([...codes].sort());
    expect(await popular()).toHaveLength(8);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/procedures/popular?limit=0' })).statusCode).toBe(
      400,
    );
  });

  it('lists the handling agencies with their number of procedures', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/procedure-agencies' });
    expect(response.statusCode).toBe(200);
    const agencies = response.json<Array<{ id: number; name: string; count: number }>>();
    const construction = agencies.find((agency) => agency.name === 'Sở Xây dựng')!;
    expect(construction.count).toBeGreaterThan(0);
    const filtered = (
      await ctx.app.inject({ method: 'GET', url: `/api/procedures?unitId=${construction.id}&pageSize=1` })
    ).json<{ total: number }>();
    expect(filtered.total).toBe(construction.count);
  });
});
