/**
 * Sends the hostile requests of ./requests.ts to an app and checks each answer (issue #5):
 * - no 5xx;
 * - every 4xx is a problem document (application/problem+json with `detail`, `detail_vi`,
 *   `detail_en`);
 * - a rejected request changes nothing: a fingerprint of the database (row counts, highest ids,
 *   last updates of the business tables; sessions and the login throttle excluded, as signing in
 *   and failed sign-ins legitimately write there) and of the file store is the same after it.
 * Requests answered 2xx may change data. The first violation stops the run; fast-check then
 * shrinks it to a minimal failing request.
 */
import { readdirSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { dbFingerprint } from '../db-fingerprint';
import { login, type Session } from '../harness';
import {
  describeRequest,
  fuzzRequests,
  operationsOf,
  WHO,
  type FuzzRequest,
  type Hints,
  type Who,
} from './requests';
import { sweepRequests } from './boundaries';

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** Routes left out (by key), e.g. those whose 2xx would end the harness's sessions. */
  skip?: (key: string) => boolean;
  /** Record violations and go on instead of stopping at the first (FUZZ_KEEP_GOING=1; no shrinking). */
  keepGoing?: boolean;
  /** Known good body values by property name, so bent bodies also get past the lookups. */
  hints?: Hints;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  durationMs: number;
  statuses: Record<string, number>;
  routes: Record<string, number>;
  /** Per route: answers by status class (2xx, 4xx, …). */
  routeStatuses: Record<string, Record<string, number>>;
  routeCount: number;
  failure: string | null;
  /** With keepGoing: the distinct violations seen (route, kind), with one request each. */
  violations: string[];
}

function countFiles(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

/** What is wrong with an answer, or null. */
export function checkResponse(response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) return `status ${response.statusCode}: ${response.body.slice(0, 500)}`;
  if (response.statusCode < 400) return null;
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    return `status ${response.statusCode} with content-type ${type}: ${response.body.slice(0, 300)}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    return `status ${response.statusCode}: problem document is not JSON: ${response.body.slice(0, 300)}`;
  }
  for (const field of ['detail', 'detail_vi', 'detail_en', 'code'])
    if (typeof body[field] !== 'string' || !body[field].length)
      return `status ${response.statusCode}: problem document without ${field}: ${response.body.slice(0, 300)}`;
  if (body.status !== response.statusCode)
    return `problem status ${String(body.status)} differs from HTTP ${response.statusCode}`;
  return null;
}

/** The harness's personas, how a request is sent as one of them, and the database fingerprint. */
async function personas(app: FastifyInstance, db: Kysely<Database>, filesDir: string) {
  const sessions = new Map<Who, Session | null>();
  /** Signs in again whoever's session has ended (cheap when none has: one GET each). */
  const signIn = async () => {
    for (const who of WHO) {
      if (who === 'anonymous') continue;
      const session = sessions.get(who);
      if (session) {
        const me = await app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { cookie: session.cookie },
        });
        if (me.statusCode === 200) continue;
      }
      sessions.set(who, await login(app, who).catch(() => null));
    }
  };
  await signIn();
  const fingerprint = async () => `${await dbFingerprint(db)} files=${countFiles(filesDir)}`;
  const send = async (request: FuzzRequest): Promise<LightMyRequestResponse> => {
    const session = sessions.get(request.who) ?? null;
    const headers: Record<string, string> = { ...request.headers };
    if (session) {
      const extra = headers.cookie ? `; ${headers.cookie}` : '';
      headers.cookie = session.cookie + extra;
      if (request.method !== 'GET' && !('x-csrf-token' in headers))
        headers['x-csrf-token'] = session.csrfToken;
    }
    return app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
  };
  return { signIn, send, fingerprint };
}

export async function runFuzz(
  app: FastifyInstance,
  db: Kysely<Database>,
  filesDir: string,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const document = app.swagger() as unknown as Record<string, unknown>;
  const operations = operationsOf(document).filter((op) => !options.skip?.(op.key));
  const samples = await samplesFrom(db);
  const { signIn, send, fingerprint } = await personas(app, db, filesDir);

  const statuses: Record<string, number> = {};
  const routes: Record<string, number> = {};
  const routeStatuses: Record<string, Record<string, number>> = {};
  let requests = 0;
  let before = await fingerprint();
  const started = Date.now();

  const violations = new Map<string, string>();
  /** Sends one request; what is wrong with the outcome, or null. */
  const attempt = async (request: FuzzRequest): Promise<string | null> => {
    requests += 1;
    routes[request.route] = (routes[request.route] ?? 0) + 1;
    let response: LightMyRequestResponse;
    try {
      response = await send(request);
    } catch (error) {
      return `inject failed: ${String(error)}`;
    }
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
    const byClass = (routeStatuses[request.route] ??= {});
    const statusClass = `${String(response.statusCode)[0]}xx`;
    byClass[statusClass] = (byClass[statusClass] ?? 0) + 1;
    const problem = checkResponse(response);
    if (problem) return problem;
    const after = await fingerprint();
    if (response.statusCode >= 400 && after !== before) {
      const was = before;
      before = after;
      return `rejected with ${response.statusCode} but the database changed:\n  before ${was}\n  after  ${after}`;
    }
    before = after;
    // A successful request may have ended a harness session (sign-out, a disabled account).
    if (response.statusCode < 300 && request.method !== 'GET') {
      await signIn();
      before = await fingerprint(); // signing in is audited
    }
    return null;
  };

  const property = fc.asyncProperty(
    fuzzRequests(operations, samples, {
      ...options.hints,
      procedureCode: [
        ...samples.code!.filter((c) => !c.includes('-')),
        ...(options.hints?.procedureCode ?? []),
      ],
    }),
    async (request) => {
      const violation = await attempt(request);
      if (!violation) return;
      if (!options.keepGoing) throw new Error(violation);
      const kind = `${request.route} ${violation.split('\n')[0]!.slice(0, 60)}`;
      if (!violations.has(kind))
        violations.set(kind, `${describeRequest(request)}\n  ${violation.slice(0, 600)}`);
    },
  );

  const result = await fc.check(property, { numRuns: options.runs, seed: options.seed, endOnFailure: false });
  let failure: string | null = null;
  if (result.failed) {
    const [request] = result.counterexample ?? [];
    failure = [
      `seed ${result.seed}, path ${String(result.counterexamplePath)}, after ${result.numRuns} runs and ${result.numShrinks} shrinks`,
      request ? describeRequest(request) : '(no counterexample)',
      result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance),
    ].join('\n');
  }
  return {
    seed: options.seed,
    requests,
    durationMs: Date.now() - started,
    statuses,
    routes,
    routeStatuses,
    routeCount: operations.length,
    failure: failure ?? (violations.size ? `${violations.size} distinct violations` : null),
    violations: [...violations.values()],
  };
}

export interface SweepReport {
  requests: number;
  statuses: Record<string, number>;
  routes: number;
  /** Every request that broke its expectation, described. */
  violations: string[];
}

/**
 * Sends the deterministic sweep of ./boundaries.ts: each request bent with a control character
 * or a date no request may name must be refused (4xx) and change nothing; each edge date must
 * be answered without a 5xx. Every violation is listed (no shrinking: each request is minimal).
 */
export async function runSweep(
  app: FastifyInstance,
  db: Kysely<Database>,
  filesDir: string,
  options: Pick<FuzzOptions, 'skip' | 'hints'> = {},
): Promise<SweepReport> {
  const document = app.swagger() as unknown as Record<string, unknown>;
  const operations = operationsOf(document).filter((op) => !options.skip?.(op.key));
  const samples = await samplesFrom(db);
  const { send, fingerprint } = await personas(app, db, filesDir);
  const statuses: Record<string, number> = {};
  const violations: string[] = [];
  const requests = sweepRequests(operations, samples, options.hints ?? {});
  let before = await fingerprint();
  for (const request of requests) {
    const response = await send(request);
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
    const refusedAsExpected =
      request.expect === 'answered' || (response.statusCode >= 400 && response.statusCode < 500);
    const problem =
      checkResponse(response) ??
      (refusedAsExpected
        ? null
        : `expected a 4xx refusal, got ${response.statusCode}: ${response.body.slice(0, 200)}`);
    const after = await fingerprint();
    const changed = response.statusCode >= 400 && after !== before;
    before = after;
    if (problem || changed)
      violations.push(
        `${describeRequest(request)}\n  ${problem ?? `rejected with ${response.statusCode} but the database changed`}`,
      );
  }
  return { requests: requests.length, statuses, routes: operations.length, violations };
}

/** Real identifiers from the database, so path parameters also reach existing records. */
async function samplesFrom(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const dossiers = await db
    .selectFrom('dossiers')
    .select('code')
    .where('code', 'is not', null)
    .limit(5)
    .execute();
  const procedures = await db.selectFrom('procedures').select('code').limit(5).execute();
  const drafts = await db
    .selectFrom('dossiers')
    .select('id')
    .where('status', '=', 'draft')
    .limit(3)
    .execute();
  const attachments = await db.selectFrom('dossier_attachments').select('id').limit(3).execute();
  const ids = [...drafts.map((d) => String(d.id)), ...attachments.map((a) => String(a.id)), '1', '999999'];
  return {
    code: [...dossiers.map((d) => d.code!), ...procedures.map((p) => p.code)],
    id: ids,
    attachmentId: ids,
    year: ['2026', '2027'],
    file: ['receipt.pdf', 'control.pdf', 'refusal.pdf', '../../../etc/passwd'],
  };
}

export function formatReport(report: FuzzReport): string {
  const statuses = Object.entries(report.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  const routes = Object.entries(report.routes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, count]) => {
      const classes = Object.entries(report.routeStatuses[route] ?? {})
        .sort()
        .map(([c, n]) => `${c} ${n}`)
        .join(', ');
      return `  ${String(count).padStart(5)}  ${route.padEnd(48)} ${classes}`;
    })
    .join('\n');
  return [
    `fuzz: seed ${report.seed} (FUZZ_SEED), ${report.requests} requests over ${report.routeCount} routes in ${(report.durationMs / 1000).toFixed(1)} s`,
    `statuses: ${statuses}`,
    `per route:\n${routes}`,
    report.failure ? `VIOLATION (minimal failing request):\n${report.failure}` : 'no violation',
    ...report.violations.map((v, i) => `violation ${i + 1}: ${v}`),
  ].join('\n');
}
