/**
 * The crash drills' workload: citizen workers submit online (`Idempotency-Key`), attach a PDF
 * of random bytes (its own key) and supplement when asked; officer workers accept or ask for a
 * supplement. A request cut by a crash is sent again with the same key. Every acknowledged (2xx)
 * answer goes into the ledger, which the checks (checks.ts) then look for in the database.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { HttpClient } from '../../apps/server/src/test/http-client';
import { PERMIT, permitForm } from '../../apps/server/src/test/dossier-data';
import { sleep, type Gate } from './process';

export const PASSWORD = 'KiemThu@2026';
export const CITIZENS = ['congdan', 'congdan2'];
export const WORKERS_PER_CITIZEN = 3;
export const OFFICER_WORKERS = 2;

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A small valid PDF whose bytes are random, so its SHA-256 is unique. */
export function randomPdf(size = 2048): Buffer {
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

/** What the server acknowledged (2xx), to be found again after the crashes. */
export interface Ledger {
  submissions: Map<string, { code: string; username: string }>; // idempotency key → dossier
  keyConflicts: string[];
  uploads: Array<{ code: string; id: number; sha256: string; username: string }>;
  actions: Array<{ code: string; key: string; event: string; status: string }>;
  unanswered: number;
  retriedToSameAnswer: number;
  refused: Map<string, number>; // non-2xx answers by status and code (conflicts are expected)
}

export class Drill {
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
    readonly gate: Gate,
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
      await this.gate.up();
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

  /** Starts the citizen and officer workers; resolves once `running` is false and all have stopped. */
  async work(clients: Map<string, HttpClient>): Promise<void> {
    const workers: Array<Promise<void>> = [];
    for (const username of CITIZENS)
      for (let i = 0; i < WORKERS_PER_CITIZEN; i++)
        workers.push(this.citizenWorker(clients.get(username)!, username));
    for (let i = 0; i < OFFICER_WORKERS; i++) workers.push(this.officerWorker(clients.get('tiepnhan')!));
    await Promise.all(workers);
  }

  /** The figures of the ledger, as the drills print them. */
  figures(): string[] {
    const refused = [...this.ledger.refused.entries()].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none';
    return [
      `acknowledged: ${this.ledger.submissions.size} submissions, ${this.ledger.uploads.length} uploads, ${this.ledger.actions.length} actions`,
      `cut by a kill and sent again: ${this.ledger.unanswered} requests (${this.ledger.retriedToSameAnswer} acknowledged on retry, same key → same result)`,
      `refused (expected races between workers): ${refused}`,
    ];
  }
}
