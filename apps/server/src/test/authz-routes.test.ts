/**
 * Authorisation of every route of the API, role × agency × action, generated rather than
 * hand-picked (issue "Reliability and security"). The parts: authz/world.ts (units, personas,
 * calling as each), authz/build-world.ts, authz/oracle.ts (the policy restated), authz/cases.ts
 * and authz/routes*.ts (the route table); the case-by-case tests are authz-isolation.test.ts.
 *
 * 1. Every operation of the OpenAPI document is classified in ROUTES (public, any signed-in user,
 *    permission, dossier-scoped, unit-scoped, self-scoped); a route missing from the table fails
 *    the test, so a new route cannot ship without an authorisation expectation.
 * 2. A small world: dossiers at two agencies (Sở Xây dựng = X, Sở Tư pháp = Y; all received by
 *    the provincial service centre), one with an inter-agency task routed to Y, files uploaded by
 *    applicants and officers, a result file, receipts; a citizen's draft with a file; and personas
 *    for every role of X and Y, the centre, two unit administrators (of X; of the province's own
 *    unit, without its subtree), a provincial leader (subtree), the system administrator, two
 *    citizens and a citizen's bearer API token. The router's own listing (printRoutes) must match
 *    the OpenAPI document, and HEAD requests answer as their GET, so no route escapes the table.
 * 3. The oracle below states who may do what from the written policy (policy.ts, permissions.ts,
 *    stats and register rules), independently of the server code; fast-check picks route ×
 *    persona × target and compares. Denials are asserted exactly: 401 for anonymous callers, 404
 *    where the target's existence is hidden (dossiers, drafts, files, slips, other people's
 *    tokens), 403 where the target is known but the role or unit is not enough (actions outside the
 *    role, statistics and registers of other units, users of other units, admin permissions). A
 *    refused write changes nothing (database fingerprint).
 *
 * Holes this test found and that are fixed: the system administrator could read and add files of a
 * citizen's draft (drafts are their owner's alone: policy.canView); an agency administrator could
 * reset the password of (or disable) a stronger account whose primary unit is theirs, such as the
 * system administrator's, and could widen a grant to the units below their own (org/users.ts).
 *
 * Allowed writes that would really change the world (and so the oracle's premises) are not sent by
 * the property; the journey and use-case tests exercise them. Allowed writes that are refused for
 * a non-authorisation reason (an empty file, an action impossible in the dossier's state) are
 * sent, and must be answered 409/422 without a change.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf } from './fuzz/requests';
import { problem } from './harness';
import { PERSONA_KEYS, persona, ctx, call, fingerprint, world, setUp, tearDown } from './authz/world';
import { hasPermission } from './authz/oracle';
import { type Case, check } from './authz/cases';
import { ROUTES } from './authz/routes';

describe('authorisation of every route (role × agency × action)', () => {
  let routeKeys: string[];
  let cases: Map<string, Case[]>;

  beforeAll(async () => {
    await setUp();
    routeKeys = operationsOf(ctx.app.swagger() as unknown as Record<string, unknown>).map((op) => op.key);
    cases = new Map(Object.entries(ROUTES).map(([route, spec]) => [route, spec.cases()]));
  }, 60_000);
  afterAll(tearDown);

  it('classifies every route of the OpenAPI document, and nothing else', () => {
    const unclassified = routeKeys.filter((key) => !(key in ROUTES));
    const stale = Object.keys(ROUTES).filter((key) => !routeKeys.includes(key));
    expect({ unclassified, stale }).toEqual({ unclassified: [], stale: [] });
    for (const [route, list] of cases)
      expect({ route, cases: list.length > 0 }).toEqual({ route, cases: true });
    const perClass: Record<string, number> = {};
    for (const spec of Object.values(ROUTES)) perClass[spec.access] = (perClass[spec.access] ?? 0) + 1;
    // The summary of the table (reported by the checklist).
    console.info(`authz routes: ${routeKeys.length} routes`, perClass);
  });

  it('finds every registered route in the OpenAPI document (none hidden from the table)', () => {
    // The router's own listing; only the API documentation (public by prefix) is not described.
    const registered = registeredRoutes(ctx.app.printRoutes({ commonPrefix: false })).filter(
      (key) => !key.includes(' /api/docs'),
    );
    expect({
      undocumented: registered.filter((key) => !routeKeys.includes(key)),
      unparsed: routeKeys.filter((key) => !registered.includes(key)),
    }).toEqual({ undocumented: [], unparsed: [] });
  });

  it('refuses permission routes to every persona without the permission (403), and changes nothing', async () => {
    for (const [route, spec] of Object.entries(ROUTES)) {
      if (!spec.permission) continue;
      for (const key of PERSONA_KEYS) {
        const p = persona(key);
        if (p.username === null || hasPermission(p, spec.permission)) continue;
        for (const c of cases.get(route)!) {
          const expectation = c.expect(key);
          // Users administration is unit-scoped: an agency administrator passes the route rule.
          if (!('deny' in expectation)) continue;
          expect(await check(route, spec, c, key)).toBe('denied');
        }
      }
    }
  });

  it('answers 401 to anonymous callers on every non-public route, and changes nothing', async () => {
    for (const [route, spec] of Object.entries(ROUTES)) {
      for (const c of cases.get(route)!) {
        const before = await fingerprint();
        const response = await ctx.app.inject(c.request());
        const expected = spec.access === 'public' ? 'answered' : 401;
        const got =
          spec.access === 'public'
            ? response.statusCode === 401 || response.statusCode === 403
              ? response.statusCode
              : 'answered'
            : response.statusCode;
        expect({ route, target: c.target, status: got }).toEqual({
          route,
          target: c.target,
          status: expected,
        });
        if (spec.access !== 'public') {
          expect(problem(response).code).toBe('unauthenticated');
          expect(await fingerprint()).toBe(before);
        }
      }
    }
  });

  it('answers HEAD requests (not in the OpenAPI document) as their GET', async () => {
    for (const route of Object.keys(ROUTES)) {
      if (!route.startsWith('GET ')) continue;
      // Two targets per route keep this quick; the GET answers themselves are checked elsewhere.
      for (const c of cases.get(route)!.slice(0, 2)) {
        for (const key of ['anonymous', 'citizenB', 'specialistY'] as const) {
          const get = await call(key, c.request());
          const head = await call(key, { ...c.request(), method: 'HEAD' });
          expect({ route, target: c.target, key, status: head.statusCode }).toEqual({
            route,
            target: c.target,
            key,
            status: get.statusCode,
          });
          if (get.statusCode >= 400) expect(head.headers['content-disposition']).toBeUndefined();
        }
      }
    }
  });

  it('answers 401 to an unknown or malformed bearer token, even on public routes', async () => {
    for (const authorization of ['Bearer tnk_khongtontai', 'Bearer ', 'Basic YWRtaW46YWRtaW4=']) {
      for (const url of ['/api/auth/me', `/api/dossiers/${world.dossiers.D1.code}`, '/api/procedures']) {
        const response = await ctx.app.inject({ method: 'GET', url, headers: { authorization } });
        expect({ authorization, url, status: response.statusCode }).toEqual({
          authorization,
          url,
          status: 401,
        });
      }
    }
  });

  it('matches the oracle for random route × persona × target (property-based)', async () => {
    const tally = { allowed: 0, denied: 0, skipped: 0 };
    const routes = Object.keys(ROUTES);
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...routes)
          .chain((route) =>
            fc.tuple(
              fc.constant(route),
              fc.constantFrom(...cases.get(route)!),
              fc.constantFrom(...PERSONA_KEYS),
            ),
          ),
        async ([route, c, key]) => {
          tally[await check(route, ROUTES[route]!, c, key)]++;
        },
      ),
      { seed: 20_260_601, numRuns: 600, endOnFailure: true },
    );
    console.info('authz property:', tally);
    expect(tally.allowed).toBeGreaterThan(150);
    expect(tally.denied).toBeGreaterThan(150);
  }, 60_000);
});

/** `METHOD /path/{param}` of every route (HEAD excepted) in the tree that printRoutes draws. */
function registeredRoutes(tree: string): string[] {
  const stack: string[] = [];
  const keys: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?) \(([^)]*)\)$/.exec(line) ?? /^([│ ]*)[├└]── (.*)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()))
      if (method && method !== 'HEAD') keys.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return keys;
}
