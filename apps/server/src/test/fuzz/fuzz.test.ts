/**
 * The fuzz suite of issue #5: hostile requests for every route of the OpenAPI document. A short
 * run in `npm test` (FUZZ_RUNS, default 400); `npm run drill:fuzz` sends 10,000. The seed is
 * fixed (FUZZ_SEED overrides it) and printed, so a failure can be replayed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PERMIT, permitForm, submitPermit } from '../dossier-fixtures';
import { as, login, startTestApp, type TestContext } from '../harness';
import { formatReport, runFuzz, runSweep } from './runner';

const runs = Number(process.env.FUZZ_RUNS ?? 400);
const seed = Number(process.env.FUZZ_SEED ?? 20260505);

let ctx: TestContext;
beforeAll(async () => {
  // Re-signing in after a successful write must not run into the sign-in rate limit.
  ctx = await startTestApp({ loginRatePerMinute: 100_000 });
  // Records for the path parameters to hit: two dossiers and a draft of the citizen.
  const citizen = await login(ctx.app, 'congdan');
  await submitPermit(ctx.app, citizen);
  await submitPermit(ctx.app, citizen);
  const draft = await as(
    ctx.app,
    citizen,
  )({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT } });
  if (draft.statusCode !== 201) throw new Error(`draft: ${draft.statusCode} ${draft.body}`);
});
afterAll(async () => {
  await ctx.close();
});

const hints = {
  procedureCode: [PERMIT],
  formData: [permitForm],
  channel: ['online', 'counter'],
  unit: ['000.00.00.H53'],
};

it('refuses a control character in every string and an impossible date in every date parameter', async () => {
  const report = await runSweep(ctx.app, ctx.handle.db, ctx.config.filesDir, { hints });
  const statuses = Object.entries(report.statuses)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  console.log(`sweep: ${report.requests} requests over ${report.routes} routes; statuses: ${statuses}`);
  expect(report.violations.slice(0, 20)).toEqual([]);
  expect(report.requests).toBeGreaterThan(report.routes * 2);
}, 120_000);

it(
  `answers ${runs} hostile requests without a 5xx, with problem documents, changing nothing when it refuses`,
  async () => {
    const report = await runFuzz(ctx.app, ctx.handle.db, ctx.config.filesDir, {
      runs,
      seed,
      keepGoing: process.env.FUZZ_KEEP_GOING === '1',
      hints,
    });
    console.log(formatReport(report));
    expect(report.failure).toBeNull();
    expect(report.requests).toBeGreaterThanOrEqual(runs);
  },
  Math.max(60_000, runs * 100),
);
