/**
 * Load for the cluster drill, from the soak mix (mix.ts): its reads through the load balancer
 * while instances are killed, and the whole mix flat out against one instance directly and
 * against all of them behind the load balancer, in the same run. And the wait for the e-mail
 * outbox to empty.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../apps/server/src/db/schema';
import type { SmtpSink } from '../../apps/server/src/test/smtp';
import type { Session } from '../../bench/lib';
import type { Check } from './checks';
import { mixLines, soakMix, type MixResult } from './mix';
import { sleep } from './process';

const READS = {
  'search GET /api/procedures?q=…': 60,
  'public lookup GET /api/public/dossiers/:code': 20,
  'officer queue GET /api/dossiers?queue=all': 10,
};

/** Counts per status from a MixResult's `statuses` ("200×5 502×1"). */
function statusCounts(row: MixResult): Map<number, number> {
  const counts = new Map<number, number>();
  for (const part of row.statuses.split(' ').filter(Boolean)) {
    const [status, count] = part.split('×');
    counts.set(Number(status), Number(count));
  }
  return counts;
}

/**
 * The soak mix's reads (search, public lookup, officer queue) at a fixed rate through the load
 * balancer for `seconds`. A request in flight on an instance when it is killed is answered 502 by
 * HAProxy; anything else but 2xx, or a connection error, is a violation.
 */
export async function readsDuringKills(options: {
  address: string;
  citizen: Session;
  officer: Session;
  codes: string[];
  seconds: number;
}): Promise<{ checks: Check[]; figures: string[] }> {
  const mix = soakMix({ ...options, only: Object.keys(READS) });
  const rows = await mix.run(options.seconds, READS);
  const violations: string[] = [];
  let total = 0;
  let cut = 0;
  for (const row of rows) {
    for (const [status, count] of statusCounts(row)) {
      total += count;
      if (status >= 502 && status <= 504) cut += count;
      else if (status < 200 || status >= 300) violations.push(`${row.name}: ${count}× ${status}`);
    }
  }
  return {
    checks: [
      {
        name: 'soak reads through HAProxy during the kills: 2xx, or 502 when cut by a kill',
        count: total,
        violations,
      },
    ],
    figures: [
      `soak reads through HAProxy during the kills: ${total} requests (${(total / options.seconds).toFixed(0)} req/s), ${cut} answered 502–504 (in flight on a killed instance)`,
    ],
  };
}

/**
 * The whole soak mix flat out: one instance directly, the same instance behind the load balancer,
 * then all of them behind it. Every instance reaches PostgreSQL through PgBouncer.
 */
export async function measureThroughput(options: {
  direct: string;
  single: string;
  balanced: string;
  citizen: Session;
  officer: Session;
  codes: string[];
  seconds: number;
}): Promise<{ lines: string[]; checks: Check[] }> {
  const lines = [
    `Throughput: the soak mix flat out for ${options.seconds} s each (after 3 s of warm-up), same run`,
  ];
  const totals: number[] = [];
  const errors: string[] = [];
  for (const [label, address] of [
    ['one instance directly', options.direct],
    ['one instance behind HAProxy', options.single],
    ['three instances behind HAProxy', options.balanced],
  ] as const) {
    const mix = soakMix({ ...options, address });
    await mix.run(3);
    const rows = await mix.run(options.seconds);
    const total = rows.reduce((sum, row) => sum + row.rate, 0);
    totals.push(total);
    lines.push(`${label}: ${total.toFixed(0)} req/s`, ...mixLines(rows));
    for (const row of rows)
      if (row.errors) errors.push(`${label}, ${row.name}: ${row.errors} (${row.statuses})`);
  }
  lines.push(
    `one behind HAProxy / one directly: ×${(totals[1]! / totals[0]!).toFixed(2)}; three behind HAProxy / one directly: ×${(totals[2]! / totals[0]!).toFixed(2)}`,
  );
  return {
    lines,
    checks: [{ name: 'throughput runs: no error', count: 3, violations: errors }],
  };
}

/**
 * Waits (at most 120 s) until every outbox row is marked sent and the SMTP server has each
 * Message-ID; returns the rows and what is still missing then.
 */
export async function waitForOutbox(
  db: Kysely<Database>,
  sink: SmtpSink,
  domain: string,
): Promise<{ total: number; ms: number; violations: string[] }> {
  const started = performance.now();
  for (;;) {
    const rows = await db.selectFrom('notification_outbox').select(['id', 'sent_at']).execute();
    const received = new Set(sink.inbox.map((mail) => mail.messageId));
    const missing = rows.filter(
      (row) => row.sent_at === null || !received.has(`<thongbao-${row.id}@${domain}>`),
    );
    const ms = performance.now() - started;
    if (missing.length === 0) return { total: rows.length, ms, violations: [] };
    if (ms > 120_000)
      return {
        total: rows.length,
        ms,
        violations: missing.slice(0, 20).map((row) => `outbox ${row.id} not delivered within 120 s`),
      };
    await sleep(250);
  }
}
