/**
 * The crash drills' checks: what the workload's ledger (workload.ts) says was acknowledged is
 * looked for in the database and through the API, and the database is checked on its own —
 * histories complete and folding to the stored statuses, codes unique and gap-free, every file
 * stored, every queued e-mail received by the SMTP server.
 */
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import type { DatabaseHandle } from '../../apps/server/src/db/database';
import type { FileStore } from '../../apps/server/src/lib/file-store';
import { readAll } from '../../apps/server/src/lib/s3-file-store';
import type { HttpClient } from '../../apps/server/src/test/http-client';
import type { SmtpSink } from '../../apps/server/src/test/smtp';
import { sha256, type Drill } from './workload';

/** Events that queue an e-mail (templates.ts NOTIFIED_ACTIONS), for the actions the drill takes. */
const NOTIFIED = new Set(['accepted', 'intake_supplement_requested']);

export interface Check {
  name: string;
  count: number;
  violations: string[];
  note?: string;
}

/** Opens the database the server used (PGlite: only once the server has exited). */
export type Opener = () => Promise<DatabaseHandle>;

export async function verifyDatabase(
  open: Opener,
  drill: Drill,
  files: FileStore,
  sink: SmtpSink,
  domain: string,
): Promise<Check[]> {
  const handle = await open();
  const { db } = handle;
  const checks: Check[] = [];
  const check = (name: string, count: number, violations: string[], note?: string) =>
    checks.push({ name, count, violations, ...(note ? { note } : {}) });
  try {
    const dossiers = await db
      .selectFrom('dossiers')
      .select([
        'id',
        'code',
        'status',
        'action_count',
        'created_by',
        'idempotency_key',
        'received_at',
        'due_at',
      ])
      .where('code', 'is not', null)
      .execute();
    const byCode = new Map(dossiers.map((d) => [d.code!, d]));
    const actions = await db
      .selectFrom('dossier_actions')
      .select(['dossier_id', 'seq', 'type', 'payload', 'idempotency_key'])
      .orderBy('dossier_id')
      .orderBy('seq')
      .execute();
    const history = new Map<number, typeof actions>();
    for (const action of actions) {
      const list = history.get(Number(action.dossier_id)) ?? [];
      list.push(action);
      history.set(Number(action.dossier_id), list);
    }
    const users = new Map(
      (await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [
        u.username,
        Number(u.id),
      ]),
    );

    // 1. Every acknowledged submission is there, made by its user under its key.
    const missing: string[] = [];
    for (const [key, { code, username }] of drill.ledger.submissions) {
      const row = byCode.get(code);
      if (!row) missing.push(`${code} (key ${key}) missing`);
      else if (row.idempotency_key !== key || Number(row.created_by) !== users.get(username))
        missing.push(`${code}: key or author differs`);
    }
    missing.push(...drill.ledger.keyConflicts.map((key) => `key ${key} answered with two codes`));
    check('acknowledged submissions present (by Idempotency-Key)', drill.ledger.submissions.size, missing);

    // 2. Every acknowledged action is in the history, under its key, with its event.
    const lostActions: string[] = [];
    for (const ack of drill.ledger.actions) {
      const row = byCode.get(ack.code);
      const found = row && history.get(Number(row.id))?.find((a) => a.idempotency_key === ack.key);
      if (!found) lostActions.push(`${ack.code}: ${ack.event} (key ${ack.key}) missing`);
      else if (found.type !== ack.event)
        lostActions.push(`${ack.code}: ${ack.key} recorded as ${found.type}`);
    }
    check(
      'acknowledged actions in the history (by Idempotency-Key)',
      drill.ledger.actions.length,
      lostActions,
    );

    // 3. Acknowledged status or a later one: the status answered for the latest acknowledged
    // entry is the stored one, unless status-changing entries came after it.
    const behind: string[] = [];
    for (const code of drill.dossiers.keys()) {
      const row = byCode.get(code);
      if (!row) continue; // reported above
      const list = history.get(Number(row.id)) ?? [];
      let latest = { seq: 1, status: 'submitted' };
      for (const ack of drill.ledger.actions.filter((a) => a.code === code)) {
        const seq = list.find((a) => a.idempotency_key === ack.key)?.seq;
        if (seq !== undefined && seq > latest.seq) latest = { seq, status: ack.status };
      }
      const later = list.filter((a) => a.seq > latest.seq && a.type !== 'attachment_added');
      if (later.length === 0 && row.status !== latest.status)
        behind.push(`${code}: acknowledged ${latest.status}, stored ${row.status} with nothing after`);
    }
    check('acknowledged status kept or followed by later entries', drill.dossiers.size, behind);

    // 4. Acknowledged attachments: the row, and the stored file's bytes.
    const attachments = await db
      .selectFrom('dossier_attachments')
      .select(['id', 'dossier_id', 'sha256'])
      .execute();
    const attachmentById = new Map(attachments.map((a) => [Number(a.id), a]));
    const badUploads: string[] = [];
    for (const upload of drill.ledger.uploads) {
      const row = attachmentById.get(upload.id);
      if (
        !row ||
        row.sha256 !== upload.sha256 ||
        Number(row.dossier_id) !== Number(byCode.get(upload.code)?.id)
      )
        badUploads.push(`${upload.code}: attachment ${upload.id} missing or different`);
    }
    check('acknowledged attachments present with their SHA-256', drill.ledger.uploads.length, badUploads);
    const badFiles: string[] = [];
    for (const row of attachments) {
      if (!(await files.has(row.sha256))) badFiles.push(`attachment ${row.id}: file ${row.sha256} missing`);
      else if (sha256(await readAll(files.open(row.sha256))) !== row.sha256)
        badFiles.push(`attachment ${row.id}: bytes differ`);
    }
    check('every attachment row has its file, bytes hash to its key', attachments.length, badFiles);
    // Every upload sends new bytes with its own key: two rows with the same bytes are a retry stored twice.
    const stored = new Set<string>();
    const twice: string[] = [];
    for (const row of attachments) {
      const id = `${row.dossier_id}:${row.sha256}`;
      if (stored.has(id))
        twice.push(`dossier ${row.dossier_id}: file ${row.sha256.slice(0, 12)}… stored twice`);
      stored.add(id);
    }
    check('no upload stored twice (retries answered by the first)', attachments.length, twice);

    // 5. No half-written dossier; histories complete; attachments and their entries in pairs.
    const halves: string[] = [];
    const drifts: string[] = [];
    for (const row of dossiers) {
      const list = history.get(Number(row.id)) ?? [];
      if (list[0]?.type !== 'submitted') halves.push(`${row.code}: no 'submitted' entry first`);
      if (list.some((a, i) => a.seq !== i + 1) || list.length !== row.action_count)
        halves.push(`${row.code}: history seq 1..${row.action_count} broken (${list.length} rows)`);
      const state = foldActions(list.map((a) => a.payload as DossierAction));
      const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
      if (
        state.status !== row.status ||
        iso(state.receivedAt) !== iso(row.received_at) ||
        iso(state.dueAt) !== iso(row.due_at)
      )
        drifts.push(`${row.code}: stored ${row.status}, history folds to ${state.status}`);
    }
    const entryIds = new Set(
      actions
        .filter((a) => a.type === 'attachment_added')
        .map((a) => Number((a.payload as { attachmentId?: number }).attachmentId)),
    );
    for (const row of attachments)
      if (!entryIds.has(Number(row.id))) halves.push(`attachment ${row.id} without its history entry`);
    for (const id of entryIds)
      if (!attachmentById.has(id)) halves.push(`history names attachment ${id}, absent`);
    check(
      "no half-written dossier ('submitted' first, seq 1..n, attachment ↔ entry)",
      dossiers.length,
      halves,
    );
    check('stored status/dates == foldActions(history)', dossiers.length, drifts);

    // 6. Codes: unique, and per agency and day exactly 1..counter.
    const counters = await db.selectFrom('dossier_code_counters').selectAll().execute();
    const codeProblems: string[] = [];
    const seen = new Set<string>();
    for (const row of dossiers) {
      if (seen.has(row.code!)) codeProblems.push(`${row.code} twice`);
      seen.add(row.code!);
    }
    for (const counter of counters) {
      const prefix = `${counter.agency_code}-${counter.day.slice(2, 4)}${counter.day.slice(5, 7)}${counter.day.slice(8, 10)}-`;
      const numbers = dossiers
        .filter((d) => d.code!.startsWith(prefix))
        .map((d) => Number(d.code!.slice(prefix.length)))
        .sort((a, b) => a - b);
      const expected = Array.from({ length: counter.last_number }, (_, i) => i + 1);
      if (numbers.join() !== expected.join())
        codeProblems.push(
          `${prefix}*: counter ${counter.last_number}, codes ${numbers.length} (first gap or extra near ${numbers.find((n, i) => n !== i + 1) ?? numbers.length + 1})`,
        );
    }
    check(
      `dossier codes unique and gap-free (${counters.length} agency-days)`,
      dossiers.length,
      codeProblems,
    );

    // 7. Outbox: one row per notifying entry, every row sent, each Message-ID in the sink.
    const outbox = await db
      .selectFrom('notification_outbox')
      .select(['id', 'dossier_id', 'action_seq', 'sent_at', 'failed_at', 'attempts', 'next_attempt_at'])
      .execute();
    const outboxKeys = new Set(outbox.map((o) => `${o.dossier_id}/${o.action_seq}`));
    const unqueued = actions
      .filter((a) => NOTIFIED.has(a.type) && !outboxKeys.has(`${a.dossier_id}/${a.seq}`))
      .map((a) => `dossier ${a.dossier_id} seq ${a.seq} (${a.type}) has no outbox row`);
    check('each notifying entry queued one e-mail (same transaction)', outbox.length, unqueued);
    const received = new Map<string, number>();
    for (const mail of sink.inbox)
      received.set(mail.messageId ?? '', (received.get(mail.messageId ?? '') ?? 0) + 1);
    const undelivered: string[] = [];
    let repeats = 0;
    const ids = new Set<string>();
    for (const row of outbox) {
      const messageId = `<thongbao-${row.id}@${domain}>`;
      ids.add(messageId);
      const count = received.get(messageId) ?? 0;
      if (row.sent_at === null || count === 0)
        undelivered.push(
          `outbox ${row.id}: sent_at ${row.sent_at ? 'set' : 'null'}, attempts ${row.attempts}, next ${new Date(row.next_attempt_at).toISOString()}, received ${count}×`,
        );
      if (count > 1) repeats += count - 1;
    }
    for (const id of received.keys()) if (!ids.has(id)) undelivered.push(`sink got ${id}, no outbox row`);
    check('outbox rows all sent; each Message-ID received', outbox.length, undelivered);
    check(
      'e-mails received more than once (same Message-ID)',
      repeats,
      [],
      'at-least-once: a kill between SMTP accept and mark-as-sent repeats a message under its Message-ID',
    );
  } finally {
    await handle.close();
  }
  return checks;
}

/** Every acknowledged dossier through the API: status, and each acknowledged file's bytes. */
export async function verifyApi(drill: Drill, clients: Map<string, HttpClient>): Promise<Check[]> {
  const problems: string[] = [];
  const files: string[] = [];
  const expectedStatus = new Map<string, string>();
  for (const [code, known] of drill.dossiers) expectedStatus.set(code, known.status);
  // Eight at a time: a flood of hundreds at once would only measure the health checks' patience.
  await inBatches([...drill.dossiers.entries()], 8, async ([code, known]) => {
    const response = await clients.get(known.username)!.request('GET', `/api/dossiers/${code}`);
    if (response.status !== 200) return problems.push(`${code}: GET ${response.status}`);
    const dossier = (await response.json()) as {
      status: string;
      attachments: Array<{ id: number; sha256: string }>;
    };
    if (!dossier.status) problems.push(`${code}: no status`);
    for (const upload of drill.ledger.uploads.filter((u) => u.code === code)) {
      if (!dossier.attachments.some((a) => a.id === upload.id && a.sha256 === upload.sha256))
        problems.push(`${code}: attachment ${upload.id} not listed`);
    }
  });
  for (const upload of drill.ledger.uploads) {
    const response = await clients
      .get(upload.username)!
      .request('GET', `/api/dossiers/${upload.code}/attachments/${upload.id}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200 || sha256(bytes) !== upload.sha256)
      files.push(`${upload.code}/${upload.id}: ${response.status}, hash ${sha256(bytes).slice(0, 12)}`);
  }
  return [
    {
      name: 'API: acknowledged dossiers readable, files listed',
      count: drill.dossiers.size,
      violations: problems,
    },
    {
      name: 'API: acknowledged files download with their SHA-256',
      count: drill.ledger.uploads.length,
      violations: files,
    },
  ];
}

/** Runs `work` on every item, `width` at a time. */
async function inBatches<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/** Prints the checks as a table (violations below each); returns how many violations there were. */
export function printChecks(checks: Check[]): number {
  let violations = 0;
  console.log(`  ${'check'.padEnd(80)} ${'count'.padStart(6)} ${'result'.padStart(8)}`);
  for (const check of checks) {
    const outcome = check.violations.length === 0 ? 'ok' : `${check.violations.length} BAD`;
    console.log(`  ${check.name.padEnd(80)} ${String(check.count).padStart(6)} ${outcome.padStart(8)}`);
    if (check.note) console.log(`      (${check.note})`);
    for (const violation of check.violations.slice(0, 10)) console.log(`      ✗ ${violation}`);
    if (check.violations.length > 10) console.log(`      … and ${check.violations.length - 10} more`);
    violations += check.violations.length;
  }
  return violations;
}
