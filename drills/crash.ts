/**
 * `npm run drill:crash` (issue #5, "Crash and restart"). For the embedded PGlite and for a fresh
 * PostgreSQL database: runs the built server, drives concurrent online submissions (with a
 * random PDF each) and intake actions, SIGKILLs the server at random moments, restarts it, and
 * at the end stops it with SIGTERM during a burst of requests. Then it checks, on the database
 * and through the API, that nothing acknowledged was lost or half-written, that codes are unique
 * and gap-free, that histories fold to the stored statuses and that every queued e-mail reached
 * the SMTP server. Prints what it checked; exits 1 on any violation.
 *
 * DRILL_SEED (kill timings), DRILL_KILLS (per database), DRILL_DATABASES=pglite,postgres.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { openPGlite, openPostgres, type DatabaseHandle } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemo } from '../apps/server/src/db/seed/seed';
import { HttpClient } from '../apps/server/src/test/http-client';
import { PERMIT, permitForm } from '../apps/server/src/test/dossier-data';
import { startSmtpSink, type SmtpSink } from '../apps/server/src/test/smtp';
import { createPostgresDatabase, freePort, waitUntilHealthy } from '../bench/lib';

const SEED = Number(process.env.DRILL_SEED ?? 20261201);
const KILLS = Number(process.env.DRILL_KILLS ?? 0); // 0: 4 or 5, drawn from the seed
const DATABASES = (process.env.DRILL_DATABASES ?? 'pglite,postgres').split(',') as Array<
  'pglite' | 'postgres'
>;
const PASSWORD = 'KiemThu@2026';
const CITIZENS = ['congdan', 'congdan2'];
const WORKERS_PER_CITIZEN = 3;
const OFFICER_WORKERS = 2;
/** Events that queue an e-mail (templates.ts NOTIFIED_ACTIONS), for the actions the drill takes. */
const NOTIFIED = new Set(['accepted', 'intake_supplement_requested']);

/** Mulberry32: seeded, so a run's kill moments can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A small valid PDF whose bytes are random, so its SHA-256 is unique. */
function randomPdf(size = 2048): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n%'),
    Buffer.from(randomBytes(size).toString('hex')),
    Buffer.from('\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);
}

function fileForm(content: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), 'don-de-nghi.pdf');
  return form;
}

/** The built server in its own process, restartable on the same port and data. */
class ServerProcess {
  child: ChildProcess | null = null;
  readonly address: string;
  private readonly log;
  /** Resolves while the server is up; replaced when it goes down. */
  private upGate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => {};
  starts = 0;

  constructor(
    private readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {
    this.address = `http://127.0.0.1:${port}`;
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  /** Waits until the server answers (after a restart). */
  async up(): Promise<void> {
    await this.upGate;
  }

  async start(): Promise<number> {
    const started = performance.now();
    const child = spawn(process.execPath, ['apps/server/dist/main.js'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        WEB_DIR: 'none',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.starts += 1;
    this.log.write(`\n--- start ${this.starts} (pid ${child.pid}) ---\n`);
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    this.child = child;
    try {
      await waitUntilHealthy(this.address, child, 60_000);
    } catch (error) {
      throw new Error(`${(error as Error).message} (see ${this.logFile})`);
    }
    this.openGate();
    return performance.now() - started;
  }

  private closeGate() {
    this.upGate = new Promise((resolve) => (this.openGate = resolve));
  }

  async kill(): Promise<void> {
    const child = this.child!;
    this.closeGate();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM; resolves with the exit code and how long the shutdown took. */
  async terminate(): Promise<{ code: number | null; ms: number }> {
    const child = this.child!;
    this.closeGate();
    const started = performance.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    return { code, ms: performance.now() - started };
  }

  close() {
    this.log.end();
  }
}

/** What the server acknowledged (2xx), to be found again after the crashes. */
interface Ledger {
  submissions: Map<string, { code: string; username: string }>; // idempotency key → dossier
  keyConflicts: string[];
  uploads: Array<{ code: string; id: number; sha256: string; username: string }>;
  actions: Array<{ code: string; key: string; event: string; status: string }>;
  unanswered: number;
  retriedToSameAnswer: number;
  refused: Map<string, number>; // non-2xx answers by status and code (conflicts are expected)
}

class Drill {
  readonly ledger: Ledger = {
    submissions: new Map(),
    keyConflicts: [],
    uploads: [],
    actions: [],
    unanswered: 0,
    retriedToSameAnswer: 0,
    refused: new Map(),
  };
  /** Last acknowledged status of each dossier, and its owner. */
  readonly dossiers = new Map<string, { status: string; username: string }>();
  running = true;

  constructor(
    readonly server: ServerProcess,
    readonly random: () => number,
  ) {}

  private refuse(what: string, response: Response, body: string) {
    let code = '';
    try {
      code = (JSON.parse(body) as { code?: string }).code ?? '';
    } catch {
      // not JSON
    }
    const label = `${what} ${response.status} ${code}`.trim();
    this.ledger.refused.set(label, (this.ledger.refused.get(label) ?? 0) + 1);
  }

  /**
   * Sends until the server answers: a request cut by a crash is sent again, with the same
   * Idempotency-Key where the endpoint takes one. Returns the response and its body.
   */
  async send(
    client: HttpClient,
    method: string,
    path: string,
    options: Parameters<HttpClient['request']>[2] | (() => Parameters<HttpClient['request']>[2]),
  ): Promise<{ response: Response; text: string; retried: boolean } | null> {
    let retried = false;
    for (let attempt = 0; attempt < 400; attempt++) {
      await this.server.up();
      try {
        const response = await client.request(
          method,
          path,
          typeof options === 'function' ? options() : options,
        );
        const text = await response.text();
        if (response.status >= 500) throw new Error(`${response.status} ${text}`);
        return { response, text, retried };
      } catch {
        if (!retried) this.ledger.unanswered += 1;
        retried = true;
        await sleep(50 + this.random() * 100);
      }
    }
    return null;
  }

  async submit(client: HttpClient, username: string): Promise<string | null> {
    const key = `drill-${randomUUID()}`;
    const result = await this.send(client, 'POST', '/api/dossiers', {
      json: { procedureCode: PERMIT, channel: 'online', formData: permitForm },
      headers: { 'idempotency-key': key },
    });
    if (!result) return null;
    if (result.response.status !== 201) {
      this.refuse('submit', result.response, result.text);
      return null;
    }
    const dossier = JSON.parse(result.text) as { code: string; status: string };
    const known = this.ledger.submissions.get(key);
    if (known && known.code !== dossier.code) this.ledger.keyConflicts.push(key);
    this.ledger.submissions.set(key, { code: dossier.code, username });
    if (result.retried) this.ledger.retriedToSameAnswer += 1;
    this.dossiers.set(dossier.code, { status: dossier.status, username });
    return dossier.code;
  }

  async upload(client: HttpClient, username: string, code: string): Promise<void> {
    const content = randomPdf(1024 + Math.floor(this.random() * 8192));
    // A retry after a reset sends the same key: the server answers with the first upload.
    const key = `drill-upload-${randomUUID()}`;
    const result = await this.send(
      client,
      'POST',
      `/api/dossiers/${code}/attachments?documentCode=tp1`,
      () => ({
        body: fileForm(content),
        headers: { 'idempotency-key': key },
      }),
    );
    if (!result) return;
    if (result.response.status !== 201 && result.response.status !== 200)
      return this.refuse('upload', result.response, result.text);
    if (result.retried) this.ledger.retriedToSameAnswer += 1;
    const attachment = JSON.parse(result.text) as { id: number; sha256: string };
    if (attachment.sha256 !== sha256(content))
      throw new Error(`upload ${code}: the server hashed other bytes`);
    this.ledger.uploads.push({ code, id: attachment.id, sha256: attachment.sha256, username });
  }

  async act(client: HttpClient, code: string, body: object, event: string): Promise<void> {
    const key = `drill-act-${randomUUID()}`;
    const result = await this.send(client, 'POST', `/api/dossiers/${code}/actions`, {
      json: body,
      headers: { 'idempotency-key': key },
    });
    if (!result) return;
    if (result.response.status !== 200)
      return this.refuse((body as { type: string }).type, result.response, result.text);
    const dossier = JSON.parse(result.text) as { status: string };
    if (result.retried) this.ledger.retriedToSameAnswer += 1;
    this.ledger.actions.push({ code, key, event, status: dossier.status });
    const known = this.dossiers.get(code)!;
    this.dossiers.set(code, { ...known, status: dossier.status });
  }

  pick(status: string, username?: string): string | null {
    const codes = [...this.dossiers.entries()]
      .filter(([, d]) => d.status === status && (username === undefined || d.username === username))
      .map(([code]) => code);
    return codes.length ? codes[Math.floor(this.random() * codes.length)]! : null;
  }

  async citizenWorker(client: HttpClient, username: string) {
    while (this.running) {
      const waiting = this.random() < 0.25 ? this.pick('intake_supplement', username) : null;
      if (waiting) {
        await this.upload(client, username, waiting);
        await this.act(client, waiting, { type: 'supplement' }, 'supplemented');
        continue;
      }
      const code = await this.submit(client, username);
      if (code) await this.upload(client, username, code);
    }
  }

  async officerWorker(client: HttpClient) {
    while (this.running) {
      const code = this.pick('submitted');
      if (!code) {
        await sleep(20);
        continue;
      }
      if (this.random() < 0.7) await this.act(client, code, { type: 'accept' }, 'accepted');
      else
        await this.act(
          client,
          code,
          { type: 'request-supplement', items: ['Bản vẽ thiết kế có chữ ký'] },
          'intake_supplement_requested',
        );
    }
  }
}

interface Check {
  name: string;
  count: number;
  violations: string[];
  note?: string;
}

/** Opens the database the server used (PGlite: only once the server has exited). */
type Opener = () => Promise<DatabaseHandle>;

async function verifyDatabase(
  open: Opener,
  drill: Drill,
  filesDir: string,
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
      const path = join(filesDir, row.sha256.slice(0, 2), row.sha256);
      if (!existsSync(path)) badFiles.push(`attachment ${row.id}: file ${row.sha256} missing`);
      else if (sha256(readFileSync(path)) !== row.sha256) badFiles.push(`attachment ${row.id}: bytes differ`);
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
async function verifyApi(drill: Drill, clients: Map<string, HttpClient>): Promise<Check[]> {
  const problems: string[] = [];
  const files: string[] = [];
  const expectedStatus = new Map<string, string>();
  for (const [code, known] of drill.dossiers) expectedStatus.set(code, known.status);
  await Promise.all(
    [...drill.dossiers.entries()].map(async ([code, known]) => {
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
    }),
  );
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

/**
 * Graceful stop: a burst of slow-ish requests, SIGTERM while they are in flight; each must get a
 * complete answer (no reset) and the process must exit 0.
 */
async function sigtermBurst(
  drill: Drill,
  server: ServerProcess,
  clients: Map<string, HttpClient>,
): Promise<Check[]> {
  const outcomes: Array<{ status: number | null; error?: string }> = [];
  const requests: Array<Promise<void>> = [];
  const officer = clients.get('tiepnhan')!;
  for (let i = 0; i < 24; i++) {
    const username = CITIZENS[i % CITIZENS.length]!;
    const client = clients.get(username)!;
    requests.push(
      (async () => {
        try {
          if (i % 3 === 2) {
            const response = await officer.request('GET', '/api/dossiers?queue=all&pageSize=100');
            await response.arrayBuffer();
            outcomes.push({ status: response.status });
            return;
          }
          const key = `drill-term-${randomUUID()}`;
          const response = await client.request('POST', '/api/dossiers', {
            json: { procedureCode: PERMIT, channel: 'online', formData: permitForm },
            headers: { 'idempotency-key': key },
          });
          const text = await response.text();
          outcomes.push({ status: response.status });
          if (response.status === 201) {
            const { code } = JSON.parse(text) as { code: string };
            drill.ledger.submissions.set(key, { code, username });
            drill.dossiers.set(code, { status: 'submitted', username });
          }
        } catch (error) {
          outcomes.push({
            status: null,
            error: (error as Error).cause ? String((error as Error).cause) : String(error),
          });
        }
      })(),
    );
  }
  await sleep(15);
  const exit = await server.terminate();
  await Promise.all(requests);
  const broken = outcomes.filter((o) => o.status === null).map((o) => `no answer: ${o.error}`);
  const bad = outcomes
    .filter((o) => o.status !== null && o.status >= 300 && o.status !== 503)
    .map((o) => `answered ${o.status}`);
  const ok = outcomes.filter((o) => o.status !== null && o.status < 300).length;
  const refused = outcomes.filter((o) => o.status === 503).length;
  return [
    {
      name: `SIGTERM during a burst: complete answers (${ok} 2xx, ${refused} 503)`,
      count: outcomes.length,
      violations: [...broken, ...bad],
    },
    {
      name: `SIGTERM: process exits 0 (in ${Math.round(exit.ms)} ms)`,
      count: 1,
      violations: exit.code === 0 ? [] : [`exit code ${exit.code}`],
    },
  ];
}

interface RunResult {
  label: string;
  checks: Check[];
  figures: string[];
}

async function runOne(kind: 'pglite' | 'postgres', random: () => number): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), `tn-drill-${kind}-`));
  const filesDir = join(dataDir, 'files');
  const sink = await startSmtpSink();
  const domain = `${kind}.drill.invalid`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    FILES_DIR: filesDir,
    // pool=true (a nodemailer option of SMTP_URL): one SMTP connection for many e-mails.
    SMTP_URL: `smtp://127.0.0.1:${sink.port}?pool=true`,
    SEED_PASSWORD: PASSWORD,
    SEED_DEMO_DOSSIERS: '0',
    LOGIN_RATE_PER_MINUTE: '1000',
    PUBLIC_BASE_URL: `http://${domain}`,
  };
  let label = 'PGlite (embedded, DATA_DIR in a temp folder)';
  let open: Opener = () => openPGlite(join(dataDir, 'pglite'));
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const adminUrl = process.env.DRILL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `tn_drill_crash_${Date.now()}`;
    const database = await createPostgresDatabase(adminUrl, name);
    env.DATABASE_URL = database.url;
    label = `PostgreSQL ${database.version} (database ${name}, dropped after)`;
    open = () => openPostgres({ url: database.url, poolSize: 4 });
    // As `npm run seed` does: migrations, then the demo accounts.
    const seeding = await open();
    await migrate(seeding.db);
    await seedDemo(seeding.db, { password: PASSWORD });
    await seeding.close();
    drop = database.drop;
  }
  const logFile = join(tmpdir(), `tn-drill-${kind}-${Date.now()}.log`);
  const server = new ServerProcess(await freePort(), env, logFile);
  const figures: string[] = [];
  try {
    const firstStart = await server.start();
    const clients = new Map<string, HttpClient>();
    for (const username of [...CITIZENS, 'tiepnhan'])
      clients.set(username, await new HttpClient(server.address).login(username, PASSWORD));
    const drill = new Drill(server, random);
    const workers: Array<Promise<void>> = [];
    for (const username of CITIZENS)
      for (let i = 0; i < WORKERS_PER_CITIZEN; i++)
        workers.push(drill.citizenWorker(clients.get(username)!, username));
    for (let i = 0; i < OFFICER_WORKERS; i++) workers.push(drill.officerWorker(clients.get('tiepnhan')!));

    const kills = KILLS || 4 + Math.floor(random() * 2);
    const restarts: number[] = [];
    for (let k = 0; k < kills; k++) {
      await sleep(2000 + random() * 4000);
      await server.kill();
      restarts.push(await server.start());
    }
    await sleep(1500);
    drill.running = false;
    await Promise.all(workers);

    // A plain graceful stop, then the e-mails still queued as the database has them; the last
    // restart must deliver every one of them.
    const quietStop = await server.terminate();
    const reader = await open();
    const queued = await reader.db
      .selectFrom('notification_outbox')
      .select('id')
      .where('sent_at', 'is', null)
      .execute();
    await reader.close();
    restarts.push(await server.start());
    const waitStarted = performance.now();
    const receivedIds = () => new Set(sink.inbox.map((mail) => mail.messageId));
    const missingAfterRestart = () => {
      const received = receivedIds();
      return queued.filter((row) => !received.has(`<thongbao-${row.id}@${domain}>`)).length;
    };
    while (missingAfterRestart() > 0 && performance.now() - waitStarted < 120_000) await sleep(250);
    const drained = {
      queued: queued.length,
      ms: performance.now() - waitStarted,
      left: missingAfterRestart(),
    };
    const apiChecks = await verifyApi(drill, clients);
    const termChecks = await sigtermBurst(drill, server, clients);
    const dbChecks = await verifyDatabase(open, drill, filesDir, sink, domain);
    dbChecks.push(
      {
        name: 'SIGTERM with the workers idle: process exits 0',
        count: 1,
        violations: quietStop.code === 0 ? [] : [`exit code ${quietStop.code}`],
      },
      {
        name: `e-mails queued at that stop, delivered after the restart (in ${(drained.ms / 1000).toFixed(1)} s)`,
        count: drained.queued,
        violations: drained.left === 0 ? [] : [`${drained.left} not received within 120 s`],
      },
    );
    const refused = [...drill.ledger.refused.entries()].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none';
    figures.push(
      `${kills} SIGKILLs (+ 1 SIGTERM); first start ${Math.round(firstStart)} ms, restarts ${restarts.map((ms) => Math.round(ms)).join('/')} ms`,
      `acknowledged: ${drill.ledger.submissions.size} submissions, ${drill.ledger.uploads.length} uploads, ${drill.ledger.actions.length} actions; ${sink.inbox.length} e-mails received`,
      `cut by a kill and sent again: ${drill.ledger.unanswered} requests (${drill.ledger.retriedToSameAnswer} acknowledged on retry, same key → same result)`,
      `refused (expected races between workers): ${refused}`,
      `server log: ${logFile}`,
    );
    return { label, checks: [...dbChecks, ...apiChecks, ...termChecks], figures };
  } finally {
    if (server.child && server.child.exitCode === null) server.child.kill('SIGKILL');
    server.close();
    await sink.close();
    await drop?.();
    if (process.env.DRILL_KEEP === '1') console.log(`kept ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const random = generator(SEED);
  const started = performance.now();
  let violations = 0;
  console.log(`Crash drill (seed ${SEED}): SIGKILL at random moments, restart, verify; then SIGTERM.`);
  for (const kind of DATABASES) {
    const result = await runOne(kind, random);
    console.log(`\n${result.label}`);
    for (const line of result.figures) console.log(`  ${line}`);
    console.log(`  ${'check'.padEnd(80)} ${'count'.padStart(6)} ${'result'.padStart(8)}`);
    for (const check of result.checks) {
      const outcome = check.violations.length === 0 ? 'ok' : `${check.violations.length} BAD`;
      console.log(`  ${check.name.padEnd(80)} ${String(check.count).padStart(6)} ${outcome.padStart(8)}`);
      if (check.note) console.log(`      (${check.note})`);
      for (const violation of check.violations.slice(0, 10)) console.log(`      ✗ ${violation}`);
      if (check.violations.length > 10) console.log(`      … and ${check.violations.length - 10} more`);
      violations += check.violations.length;
    }
  }
  console.log(
    `\n${violations === 0 ? 'No loss, no half-written dossier, no duplicate code, every queued e-mail delivered.' : `${violations} VIOLATIONS.`} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  process.exit(violations === 0 ? 0 : 1);
}

await main();
