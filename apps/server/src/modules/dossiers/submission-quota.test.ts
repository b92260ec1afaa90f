import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { vietnamDate } from '../../lib/time';
import { attachPermitDocuments, PERMIT, permitForm } from '../../test/dossier-fixtures';
import { as, login, problem, startTestApp, type Session, type TestContext } from '../../test/harness';
import { quotaVerdict } from './submission-quota';

const HOUR = 3_600_000;
const now = new Date('2026-03-02T03:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('submission quota (rule)', () => {
  it('allows up to the limit in each sliding window, then says when the next one is allowed', () => {
    const limits = { perHour: 3, perDay: 5 };
    expect(quotaVerdict([ago(1000), ago(2000)], now, limits)).toBeNull();
    expect(quotaVerdict([ago(60_000), ago(120_000), ago(30 * 60_000)], now, limits)).toEqual({
      window: 'hour',
      limit: 3,
      retryAfterMs: 30 * 60_000, // when the 30-minute-old one is an hour old
    });
    // Three older than an hour do not count for the hour; five in 24 hours do for the day.
    const day = [ago(2 * HOUR), ago(3 * HOUR), ago(4 * HOUR), ago(5 * HOUR), ago(23 * HOUR)];
    expect(quotaVerdict(day, now, limits)).toEqual({ window: 'day', limit: 5, retryAfterMs: HOUR });
    expect(quotaVerdict(day, now, { perHour: 0, perDay: 0 })).toBeNull();
  });

  it('after the wait it gives, one more is allowed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 24 * HOUR - 1 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 30 }),
        (ages, perHour, perDay) => {
          const times = ages.sort((a, b) => a - b).map(ago);
          const limits = { perHour, perDay };
          const verdict = quotaVerdict(times, now, limits);
          const inHour = times.filter((t) => now.getTime() - t.getTime() < HOUR).length;
          const allowed = (perHour === 0 || inHour < perHour) && (perDay === 0 || times.length < perDay);
          expect(verdict === null).toBe(allowed);
          if (verdict) {
            const later = new Date(now.getTime() + verdict.retryAfterMs);
            expect(quotaVerdict(times, later, limits)).toBeNull();
          }
        },
      ),
    );
  });
});

describe('POST /api/dossiers within the quota', () => {
  let ctx: TestContext;
  let citizen: Session;
  let flooder: Session;
  let reception: Session;
  const limits = { submissionQuotaPerHour: 3, submissionQuotaPerDay: 5, draftQuotaPerDay: 6 };
  beforeAll(async () => {
    ctx = await startTestApp({ ...limits, counterReservedCodes: 1000 });
    citizen = await login(ctx.app, 'congdan');
    flooder = await login(ctx.app, 'congdan2');
    reception = await login(ctx.app, 'tiepnhan');
  });
  afterAll(async () => ctx.close());

  const online = (session: Session, app = ctx.app) =>
    as(
      app,
      session,
    )({ method: 'POST', url: '/api/dossiers', payload: { procedureCode: PERMIT, formData: permitForm } });
  const atCounter = () =>
    as(
      ctx.app,
      reception,
    )({
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureCode: PERMIT,
        channel: 'counter',
        formData: permitForm,
        applicant: { fullName: 'Trần Thị Mai', phone: '0909123456', address: 'Xã Tân Biên' },
      },
    });
  const dossierCount = async () =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers 429 in Vietnamese with Retry-After once an account reaches its hourly quota, writing nothing', async () => {
    for (let i = 0; i < 3; i += 1) expect((await online(citizen)).statusCode).toBe(201);
    const before = await dossierCount();
    const fourth = await online(citizen);
    expect(fourth.statusCode).toBe(429);
    const body = problem(fourth);
    expect(body.code).toBe('submission_quota_exceeded');
    expect(body.detail).toMatch(/đã nộp 3 hồ sơ trong 1 giờ qua/);
    expect(body.detail_en).toMatch(/submitted 3 dossiers in the last hour/);
    expect(fourth.json().title).toBe('Đã đạt giới hạn nộp hồ sơ trực tuyến');
    const retryAfter = Number(fourth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await dossierCount()).toBe(before);
  });

  it('holds across a restart: the quota is counted from the dossiers themselves', async () => {
    const restarted = await buildApp({
      db: ctx.handle.db,
      dbKind: ctx.handle.kind,
      config: ctx.config,
      logger: false,
    });
    await restarted.ready();
    try {
      const session = await login(restarted, 'congdan');
      expect((await online(session, restarted)).statusCode).toBe(429);
    } finally {
      await restarted.close();
    }
  });

  it('lets no more than the quota through a burst of parallel submissions, and the counter still takes dossiers', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, () => online(flooder)));
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    // Officers are not subject to the citizens' quota: counter intake at the same agency works.
    for (let i = 0; i < 5; i += 1) expect((await atCounter()).statusCode).toBe(201);
  });

  it('counts the submission of a draft, and limits how many drafts an account starts', async () => {
    const draft = await as(
      ctx.app,
      flooder,
    )({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT, formData: permitForm } });
    expect(draft.statusCode).toBe(201);
    await attachPermitDocuments(ctx.app, flooder, draft.json<{ id: number }>().id);
    const submit = await as(
      ctx.app,
      flooder,
    )({ method: 'POST', url: `/api/drafts/${draft.json<{ id: number }>().id}/submit` });
    expect([submit.statusCode, problem(submit).code]).toEqual([429, 'submission_quota_exceeded']);
    // congdan2 has started 4 (3 dossiers and that draft) of its 6 in 24 hours.
    const starts = [];
    for (let i = 0; i < 3; i += 1)
      starts.push(
        await as(
          ctx.app,
          flooder,
        )({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT } }),
      );
    expect(starts.map((r) => r.statusCode)).toEqual([201, 201, 429]);
    expect(problem(starts[2]!).code).toBe('draft_quota_exceeded');
  });

  it('keeps the last numbers of an agency’s day for the counter, whatever many accounts submit online', async () => {
    const fresh = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: {
        fullName: 'Đỗ Minh Khoa',
        username: 'minhkhoa',
        password: 'matkhau2026',
        email: 'minhkhoa@example.vn',
        phone: '0912000333',
        identityNumber: '072196001357',
      },
    });
    expect(fresh.statusCode).toBe(201);
    const newcomer = {
      cookie: `tn_session=${fresh.cookies.find((c) => c.name === 'tn_session')!.value}`,
      csrfToken: fresh.json<{ csrfToken: string }>().csrfToken,
      userId: 0,
    };
    const code = (await atCounter()).json<{ code: string }>().code;
    const agency = code.slice(0, code.indexOf('-'));
    // As if many accounts had taken the agency's numbers up to the reserve today.
    await ctx.handle.db
      .updateTable('dossier_code_counters')
      .set({ last_number: 9999 - 1000 })
      .where('agency_code', '=', agency)
      .where('day', '=', vietnamDate(new Date()))
      .execute();
    const refused = await online(newcomer);
    expect(refused.statusCode).toBe(503);
    expect(problem(refused).code).toBe('online_capacity_reached');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const counter = await atCounter();
    expect(counter.statusCode).toBe(201);
    expect(counter.json<{ code: string }>().code).toMatch(/-9000$/);
  });
});
