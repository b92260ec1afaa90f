/**
 * GET /api/documents: the registers the principal may read — documents of the agencies where
 * they are văn thư or leader, those they drafted, sign or registered, and those directed or
 * assigned to them or to a unit they lead; secret ones only when personal or granted. Newest
 * first, paginated; `q` matches every metadata field and the PDF's text, with or without
 * diacritics (each word, @tayninh/domain/documents/search), or a number exactly.
 */
import { sql, type Kysely } from 'kysely';
import type { Urgency } from '@tayninh/domain/documents/types';
import {
  DOCUMENT_STATUS_NAMES,
  TERMINAL_DOCUMENT_STATUSES,
  type DocumentStatus,
} from '@tayninh/domain/documents/lifecycle';
import { AGENCY_CODE } from '@tayninh/domain/org/codes';
import { grantedUnits } from '@tayninh/domain/org/grants';
import type { Database } from '../../../db/schema';
import { parseDocumentQuery } from '@tayninh/domain/documents/search';
import { fieldError, invalid } from '../../../http/errors';
import { vietnamDate } from '../../../lib/time';
import type { Principal } from '../../auth';
import { subtreeIds } from '../../org';

async function unitsWhere(
  db: Kysely<Database>,
  principal: Principal,
  roles: ('clerk' | 'leader' | 'specialist')[],
) {
  const { units, subtrees } = grantedUnits(principal.grants, roles);
  return [...new Set([...units, ...(await subtreeIds(db, subtrees))])];
}

export async function listDocuments(
  db: Kysely<Database>,
  principal: Principal,
  query: {
    register: 'outgoing' | 'incoming';
    year?: number;
    q?: string;
    status?: string;
    kind?: string;
    urgency?: string;
    issuer?: string;
    due?: 'soon' | 'overdue';
    page: number;
    pageSize: number;
  },
) {
  const agencies = await unitsWhere(db, principal, ['clerk', 'leader']);
  const ledUnits = await unitsWhere(db, principal, ['leader']);
  const me = principal.userId;
  // Who sees what, as a union of index-friendly branches (documents_register, the parties' and
  // the grants' indexes): the visible set is found first, then filtered, sorted and counted — an
  // OR over a million rows would be read row by row.
  const direction = query.register;
  const open = (q: ReturnType<typeof fromDocuments>) =>
    q.where('v.secrecy', '=', 'none').where('v.direction', '=', direction);
  const fromDocuments = () => db.selectFrom('documents as v').select('v.id');
  const branches = [
    fromDocuments()
      .where('v.direction', '=', direction)
      .where('v.created_by', '=', me)
      .where('v.source_document_id', 'is', null),
    fromDocuments().where('v.direction', '=', direction).where('v.signer_user_id', '=', me),
    db.selectFrom('document_grants as g').select('g.document_id as id').where('g.user_id', '=', me),
    ...(agencies.length ? [open(fromDocuments().where('v.unit_id', 'in', agencies))] : []),
    ...(ledUnits.length ? [open(fromDocuments().where('v.drafting_unit_id', 'in', ledUnits))] : []),
    open(
      db
        .selectFrom('document_assignees as a')
        .innerJoin('documents as v', 'v.id', 'a.document_id')
        .select('v.id')
        .where((inner) =>
          inner.or([
            inner('a.user_id', '=', me),
            ...(ledUnits.length ? [inner('a.unit_id', 'in', ledUnits)] : []),
          ]),
        ),
    ),
  ];
  // `= any(array(…))`: the set is computed once, then read by the primary key (an `in (…)` is
  // planned as a hash join over a scan of every document).
  const visible = sql<boolean>`d.id = any(array(${sql.join(branches, sql` union `)}))`;
  let base = db.selectFrom('documents as d').where('d.direction', '=', query.register).where(visible);
  if (query.year) {
    const from = `${query.year}-01-01`;
    const to = `${query.year + 1}-01-01`;
    base = base
      .where('d.created_at', '>=', new Date(`${from}T00:00:00+07:00`))
      .where('d.created_at', '<', new Date(`${to}T00:00:00+07:00`));
  }
  if (query.status) base = base.where('d.status', '=', query.status);
  if (query.kind) base = base.where('d.kind', '=', query.kind);
  if (query.urgency) base = base.where('d.urgency', '=', query.urgency as Urgency);
  if (query.issuer?.trim()) {
    const issuer = query.issuer.trim();
    base = AGENCY_CODE.test(issuer)
      ? base.where('d.issuer_organ_id', '=', issuer)
      : base.where('d.issuer_organ_name', 'ilike', `%${issuer.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (query.due) {
    // Open documents with a deadline: past it (overdue), or within the two days the reminders use.
    const today = vietnamDate(new Date());
    const soon = vietnamDate(new Date(Date.now() + 2 * 86_400_000));
    const [from, to] =
      query.due === 'overdue'
        ? ['0001-01-01', vietnamDate(new Date(Date.now() - 86_400_000))]
        : [today, soon];
    // The deadline is the direction's (the lead's, newest), else the one the sender asked for.
    const deadline = sql<string>`coalesce((select a.due_date from document_assignees a
      where a.document_id = d.id and a.role = 'lead' order by a.seq desc limit 1), d.due_date)`;
    base = base
      .where('d.status', 'not in', [...TERMINAL_DOCUMENT_STATUSES, 'completed'])
      .where(deadline, '>=', sql<string>`${from}::date`)
      .where(deadline, '<=', sql<string>`${to}::date`);
  }
  if (query.q?.trim()) {
    const parsed = parseDocumentQuery(query.q);
    if (parsed.kind === 'too_short')
      throw invalid([
        fieldError(
          'q',
          'too_short',
          'Nhập ít nhất một từ có 3 ký tự trở lên, hoặc một con số.',
          'Enter at least one word of three letters or more, or a number.',
        ),
      ]);
    for (const term of parsed.terms)
      base = base.where('d.search_text', 'like', term.whole ? `% ${term.text} %` : `%${term.text}%`);
  }
  const [rows, total] = await Promise.all([
    base
      .select([
        'd.id',
        'd.kind',
        'd.subject',
        'd.status',
        'd.urgency',
        'd.secrecy',
        'd.code_number',
        'd.code_notation',
        'd.issued_date',
        'd.arrival_number',
        'd.arrival_date',
        'd.origin_code_number',
        'd.origin_code_notation',
        'd.issuer_organ_name',
        'd.due_date',
        'd.created_at',
      ])
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      subject: r.subject,
      status: r.status,
      statusName: DOCUMENT_STATUS_NAMES[r.status as DocumentStatus] ?? r.status,
      urgency: r.urgency,
      secrecy: r.secrecy,
      number: r.code_number && r.code_notation ? `${r.code_number}/${r.code_notation}` : null,
      issuedDate: r.issued_date === null ? null : String(r.issued_date).slice(0, 10),
      arrivalNumber: r.arrival_number,
      arrivalDate: r.arrival_date === null ? null : String(r.arrival_date).slice(0, 10),
      origin:
        r.origin_code_number && r.origin_code_notation
          ? `${r.origin_code_number}/${r.origin_code_notation}`
          : null,
      issuer: r.issuer_organ_name,
      dueDate: r.due_date === null ? null : String(r.due_date).slice(0, 10),
      createdAt: new Date(r.created_at).toISOString(),
    })),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}
