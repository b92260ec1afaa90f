/**
 * The soak drill's request mix, for every drill that loads a server (or a load balancer):
 * catalogue search, public lookups, the receiving officer's queue, online submissions (form and
 * PDF) through autocannon, and the officer accepting what arrives (a request loop). `run` drives
 * it for some seconds, each scenario flat out or capped at a rate.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { submissionRequests, type Session } from '../../bench/lib';

const SEARCHES = ['khai sinh', 'giay phep xay dung', 'ho kinh doanh', 'ket hon', 'chung thuc', 'dat dai'];

export interface MixResult {
  name: string;
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: string;
}

function summarise(name: string, result: autocannon.Result): MixResult {
  return {
    name,
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .map(([status, stats]) => `${status}×${String(stats.count ?? 0)}`)
      .join(' '),
  };
}

export const ACCEPT_SCENARIO = 'officer accepts POST …/actions {accept}';
export const SUBMISSION_SCENARIO = 'submission POST /api/dossiers + attachment';

export interface MixOptions {
  address: string;
  citizen: Session;
  officer: Session;
  /** Dossier codes for the public lookups. */
  codes: string[];
  /** Which scenarios to run (default: all). */
  only?: string[];
}

/** The mix against `address`; `run(seconds, rates?, acceptRate?)` drives it once. */
export function soakMix(options: MixOptions) {
  const { address, citizen, officer, codes } = options;
  const submitted: string[] = [];
  let searches = 0;
  let lookups = 0;
  let pages = 0;

  /** A scenario as autocannon options; `rate` caps it (requests/s over all its connections). */
  const scenario =
    (connections: number, requests: () => autocannon.Request[], headers?: Record<string, string>) =>
    (rate?: number): autocannon.Options => ({
      url: address,
      connections,
      ...(rate ? { overallRate: rate } : {}),
      ...(headers ? { headers } : {}),
      requests: requests(),
    });
  /** One GET whose path `next` draws anew for each request. */
  const get = (next: () => string) => (): autocannon.Request[] => [
    { method: 'GET', setupRequest: (request) => ({ ...request, path: next() }) },
  ];
  const all: Record<string, (rate?: number) => autocannon.Options> = {
    'search GET /api/procedures?q=…': scenario(
      4,
      get(() => `/api/procedures?q=${encodeURIComponent(SEARCHES[(searches += 1) % SEARCHES.length]!)}`),
    ),
    'public lookup GET /api/public/dossiers/:code': scenario(
      2,
      get(() => `/api/public/dossiers/${encodeURIComponent(codes[(lookups += 1) % codes.length]!)}`),
    ),
    'officer queue GET /api/dossiers?queue=all': scenario(
      2,
      get(() => `/api/dossiers?queue=all&page=${((pages += 1) % 20) + 1}&pageSize=20`),
      { cookie: officer.cookie },
    ),
    // Complete (form and file): now it is the one-stop shop's turn.
    [SUBMISSION_SCENARIO]: scenario(2, () =>
      submissionRequests(citizen, 'soak', (code) => submitted.push(code)),
    ),
  };
  const scenarios = Object.entries(all).filter(([name]) => !options.only || options.only.includes(name));

  /** The receiving officer accepts submitted dossiers while the rest runs (a request loop). */
  const acceptLoop = (seconds: number, ratePerSecond: number) => {
    const until = Date.now() + seconds * 1000;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let errors = 0;
    const done = (async () => {
      while (Date.now() < until) {
        const started = performance.now();
        const code = submitted.shift();
        if (code) {
          const response = await fetch(`${address}/api/dossiers/${encodeURIComponent(code)}/actions`, {
            method: 'POST',
            headers: {
              cookie: officer.cookie,
              'x-csrf-token': officer.csrf,
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({ type: 'accept' }),
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          if (response.status !== 200) {
            errors += 1;
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          }
        }
        const wait = 1000 / ratePerSecond - (performance.now() - started);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    })();
    return done.then((): MixResult => {
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) =>
        Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
      return {
        name: ACCEPT_SCENARIO,
        rate: latencies.length / seconds,
        p50: at(0.5),
        p99: at(0.99),
        errors,
        statuses: [...statuses].map(([status, count]) => `${status}×${count}`).join(' '),
      };
    });
  };

  return {
    run: async (seconds: number, rates?: Record<string, number>, acceptRate = 50): Promise<MixResult[]> => {
      const runs = scenarios.map(([name, make]) =>
        autocannon({ duration: seconds, ...make(rates?.[name]) }).then((result) => summarise(name, result)),
      );
      const accepting = !options.only || options.only.includes(ACCEPT_SCENARIO);
      return Promise.all([...runs, ...(accepting ? [acceptLoop(seconds, acceptRate)] : [])]);
    },
  };
}

/** One line per scenario: rate, p50, p99, errors. */
export function mixLines(rows: MixResult[]): string[] {
  return rows.map(
    (row) =>
      `  ${row.name.padEnd(46)} ${row.rate.toFixed(0).padStart(6)} req/s  p50 ${String(row.p50).padStart(4)} ms  p99 ${String(row.p99).padStart(4)} ms  errors ${row.errors}${row.errors ? ` (${row.statuses})` : ''}`,
  );
}

export function printMix(rows: MixResult[]): void {
  for (const line of mixLines(rows)) console.log(line);
}
