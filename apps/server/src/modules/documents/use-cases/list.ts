/**
 * GET /api/documents: the registers the principal may read — documents of the agencies where
 * they are văn thư or leader, those they drafted, sign or registered, and those directed or
 * assigned to them or to a unit they lead; secret ones only when personal or granted. Newest
 * first, paginated; `q` matches the subject and the số/ký hiệu, with or without diacritics.
 */
import { sql, type Kysely } from 'kysely';
import { DOCUMENT_STATUS_NAMES, type DocumentStatus } from '@tayninh/domain/documents/lifecycle';
import { grantedUnits } from '@tayninh/domain/org/grants';
import type { Database } from '../../../db/schema';
import { foldVietnamese } from '../../../lib/vietnamese';
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
    page: number;
    pageSize: number;
  },
) {
  const agencies = await unitsWhere(db, principal, ['clerk', 'leader']);
  const ledUnits = await unitsWhere(db, principal, ['leader']);
  const me = principal.userId;
  let base = db
    .selectFrom('documents as d')
    .where('d.direction', '=', query.register)
    .where((eb) => {
      const personal = eb.or([
        eb.and([eb('d.created_by', '=', me), eb('d.source_document_id', 'is', null)]),
        eb('d.signer_user_id', '=', me),
        eb.exists(
          eb
            .selectFrom('document_grants as g')
            .select('g.user_id')
            .whereRef('g.document_id', '=', 'd.id')
            .where('g.user_id', '=', me),
        ),
      ]);
      const byRole = eb.or([
        ...(agencies.length ? [eb('d.unit_id', 'in', agencies)] : []),
        ...(ledUnits.length ? [eb('d.drafting_unit_id', 'in', ledUnits)] : []),
        eb.exists(
          eb
            .selectFrom('document_assignees as a')
            .select('a.seq')
            .whereRef('a.document_id', '=', 'd.id')
            .where((inner) =>
              inner.or([
                inner('a.user_id', '=', me),
                ...(ledUnits.length ? [inner('a.unit_id', 'in', ledUnits)] : []),
              ]),
            ),
        ),
      ]);
      return eb.or([personal, eb.and([eb('d.secrecy', '=', 'none'), byRole])]);
    });
  if (query.year) {
    const from = `${query.year}-01-01`;
    const to = `${query.year + 1}-01-01`;
    base = base
      .where('d.created_at', '>=', new Date(`${from}T00:00:00+07:00`))
      .where('d.created_at', '<', new Date(`${to}T00:00:00+07:00`));
  }
  if (query.status) base = base.where('d.status', '=', query.status);
  if (query.q?.trim()) {
    const folded = `%${foldVietnamese(query.q.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const raw = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('d.subject', 'ilike', raw),
        eb(
          sql`translate(lower(d.subject), 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')`,
          'like',
          folded,
        ),
        eb(
          sql`coalesce(d.code_number || '/' || d.code_notation, d.origin_code_number || '/' || d.origin_code_notation, '')`,
          'ilike',
          raw,
        ),
      ]),
    );
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
