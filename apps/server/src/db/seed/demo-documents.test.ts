/**
 * The demo documents (issue #14): a year of the three demo agencies' registers carried over from
 * their previous software — each series numbered from 01 each year without a gap, the platform's
 * next number continuing after them, every history folding to the status the row shows, found
 * by the search and counted by the indicators (signed as that software recorded it), each marked
 * as carried over on its page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { foldDocumentEvents, type DocumentEvent } from '@tayninh/domain/documents/lifecycle';
import { as, login, startTestApp, type Session, type TestContext } from '../../test/harness';
import { PREVIOUS_SOFTWARE, seedDemoDocuments } from './demo-documents';

let ctx: TestContext;
let clerk: Session;
const NOW = new Date('2026-12-08T03:00:00Z');

beforeAll(async () => {
  ctx = await startTestApp();
  clerk = await login(ctx.app, 'vanthu.xd');
}, 120_000);
afterAll(async () => ctx?.close());

describe('the demo documents', () => {
  it('carries over a year of registers, numbered gap-free per agency, year and series', async () => {
    const result = await seedDemoDocuments(ctx.handle.db, { now: NOW });
    expect(result).toMatchObject({ documents: 2300, from: '2025-12-09', to: '2026-11-24' });
    expect(await seedDemoDocuments(ctx.handle.db, { now: NOW })).toBeNull(); // once
    const series = await sql<{
      unit_id: number;
      year: number;
      series: string;
      n: number;
      max: number;
      last: number;
    }>`
      select n.unit_id, n.year, n.series, count(*)::int as n, max(n.number)::int as max, c.last_number as last
      from document_numbers n join document_number_counters c using (unit_id, year, series)
      group by n.unit_id, n.year, n.series, c.last_number`.execute(ctx.handle.db);
    expect(series.rows.length).toBe(12); // 3 agencies × 2 years × outgoing and incoming
    for (const s of series.rows) expect([s.n, s.max]).toEqual([s.last, s.last]);
  });

  it('gives every document a history that folds to the status it shows', async () => {
    const rows = await sql<{ id: number; status: string; events: DocumentEvent[] }>`
      select d.id, d.status, json_agg(a.payload order by a.seq) as events
      from documents d join document_actions a on a.document_id = d.id
      group by d.id, d.status`.execute(ctx.handle.db);
    expect(rows.rows.length).toBe(2300);
    const statuses = new Map<string, number>();
    for (const row of rows.rows) {
      expect(foldDocumentEvents(row.events).status).toBe(row.status);
      statuses.set(row.status, (statuses.get(row.status) ?? 0) + 1);
    }
    expect([...statuses.keys()].sort()).toEqual(['awaiting_direction', 'completed', 'in_progress', 'issued']);
  });

  it('shows in the register, the search and the indicators, marked as carried over', async () => {
    const call = as(ctx.app, clerk);
    const list = await call({ method: 'GET', url: '/api/documents?register=outgoing&year=2026&pageSize=5' });
    const page = list.json<{ total: number; items: { id: number; number: string }[] }>();
    expect(page.total).toBeGreaterThan(250);
    const found = await call({
      method: 'GET',
      url: '/api/documents?register=outgoing&q=trat%20tu%20xay%20dung',
    });
    expect(found.json<{ total: number }>().total).toBeGreaterThan(10);
    const view = await call({ method: 'GET', url: `/api/documents/${page.items[0]!.id}` });
    expect(view.json()).toMatchObject({ status: 'issued', carriedOver: { system: PREVIOUS_SOFTWARE } });
    // The leader of Sở Xây dựng sees the agency's indicators: signed as the previous software recorded.
    const leader = as(ctx.app, await login(ctx.app, 'lanhdao.xd'));
    const stats = await leader({
      method: 'GET',
      url: '/api/stats/indicators?unit=000.00.16.H53&from=2026-01-01&to=2026-11-30',
    });
    expect(stats.statusCode, stats.body).toBe(200);
    const documents = stats.json<{
      documents: { issued: number; signedByPersonShare: number; electronicShare?: number };
    }>().documents;
    expect(documents.issued).toBeGreaterThan(250);
    expect(documents.signedByPersonShare).toBeGreaterThan(0.7);
    expect(documents.signedByPersonShare).toBeLessThan(0.95);
  });
});
