/**
 * The registers of Phụ lục IV (NĐ 30/2020) for one agency and a period, one row per line of the
 * book: sổ đăng ký văn bản đi, sổ đăng ký văn bản đến, sổ theo dõi giải quyết văn bản đến.
 *
 * Readings chosen where the decree is silent:
 * - The outgoing book lists every number the agency took in the period, in its series and order,
 *   the cancelled ones too (with their reason), so that the book shows no gap (Điều 15: numbers
 *   never repeat and never skip). Its date is the number's.
 * - "Số lượng bản" of an electronic document is the number of its recipients (one electronic copy
 *   each); "Đơn vị, người nhận bản lưu" is the drafting unit, which keeps the file copy.
 * - "Ngày chuyển" of an outgoing document is its issuance; of an incoming one, the leader's
 *   direction (the lead's assignment). "Ký nhận" stays blank for a signature on the printed book.
 * - Secret documents have their own books (series `mat`, `den-mat`: Điều 15.2): shown only when
 *   asked for, and only to the agency's văn thư.
 */
import { sql, type Kysely } from 'kysely';
import { documentKind, SECRECY_NAMES, URGENCY_NAMES } from '@tayninh/domain/documents/types';
import type { Database } from '../../../db/schema';
import { fieldError, invalid } from '../../../http/errors';
import { addDays, formatVietnamDate, vietnamDate } from '../../../lib/time';

export type RegisterKind = 'outgoing' | 'incoming' | 'tracking';
export const REGISTER_TITLES: Record<RegisterKind, string> = {
  outgoing: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
  incoming: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN',
  tracking: 'SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN',
};
export const SECRET_SERIES = { outgoing: 'mat', incoming: 'den-mat' } as const;
/** The most lines printed at once. */
export const MAX_REGISTER_ROWS = 20_000;

/** Columns of each book, in the order of Phụ lục IV. */
export const REGISTER_COLUMNS: Record<RegisterKind, string[]> = {
  outgoing: [
    'Số, ký hiệu văn bản',
    'Ngày tháng văn bản',
    'Tên loại và trích yếu nội dung văn bản',
    'Người ký',
    'Nơi nhận văn bản',
    'Đơn vị, người nhận bản lưu',
    'Số lượng bản',
    'Ngày chuyển',
    'Ký nhận',
    'Ghi chú',
  ],
  incoming: [
    'Ngày đến',
    'Số đến',
    'Tác giả',
    'Số, ký hiệu văn bản',
    'Ngày tháng văn bản',
    'Tên loại và trích yếu nội dung văn bản',
    'Đơn vị hoặc người nhận',
    'Ngày chuyển',
    'Ký nhận',
    'Ghi chú',
  ],
  tracking: [
    'Số đến',
    'Tên loại, số, ký hiệu, ngày tháng văn bản và cơ quan ban hành',
    'Đơn vị hoặc người nhận',
    'Thời hạn giải quyết',
    'Tiến độ giải quyết',
    'Số, ký hiệu văn bản trả lời',
    'Ghi chú',
  ],
};

export interface RegisterQuery {
  unitId: number;
  register: RegisterKind;
  from: string;
  to: string;
  secret: boolean;
}

const day = (value: string | Date | null) =>
  value === null
    ? ''
    : formatVietnamDate(typeof value === 'string' ? value.slice(0, 10) : vietnamDate(value));
const kindName = (code: string) => documentKind(code)?.name.replace(/ \(cá biệt\)$/, '') ?? code;
const pad = (n: number) => String(n).padStart(2, '0');

export function checkPeriod(from: string, to: string): void {
  if (from > to)
    throw invalid([
      fieldError('/to', 'before_from', 'Ngày cuối kỳ phải sau ngày đầu kỳ.', 'to must not be before from.'),
    ]);
  if (to > addDays(`${Number(from.slice(0, 4)) + 1}${from.slice(4)}`, -1))
    throw invalid([
      fieldError('/to', 'period_too_long', 'Mỗi lần in tối đa một năm.', 'At most one year at a time.'),
    ]);
}

const start = (date: string) => new Date(`${date}T00:00:00+07:00`);
const endExclusive = (date: string) => new Date(`${addDays(date, 1)}T00:00:00+07:00`);

/** The lines of the book, each a row of strings in the order of REGISTER_COLUMNS. */
export async function registerRows(db: Kysely<Database>, q: RegisterQuery): Promise<string[][]> {
  checkPeriod(q.from, q.to);
  return q.register === 'outgoing' ? outgoingRows(db, q) : incomingRows(db, q);
}

async function outgoingRows(db: Kysely<Database>, q: RegisterQuery): Promise<string[][]> {
  const rows = await db
    .selectFrom('document_numbers as n')
    .leftJoin('documents as d', 'd.id', 'n.document_id')
    .leftJoin('units_view as du', 'du.id', 'd.drafting_unit_id')
    .select([
      'n.series',
      'n.number',
      'n.state',
      'n.reason',
      'n.taken_at',
      'd.id',
      'd.kind',
      'd.subject',
      'd.code_number',
      'd.code_notation',
      'd.issued_date',
      'd.signer_name',
      'd.signing_notation',
      'd.signer_position',
      'd.recipients',
      'd.urgency',
      'd.secrecy',
      'd.electronic',
      'd.status',
      'du.name as drafting_unit',
      sql<Date | null>`(select min(x.at) from document_deliveries x where x.document_id = d.id)`.as(
        'sent_at',
      ),
    ])
    .where('n.unit_id', '=', q.unitId)
    .where('n.taken_at', '>=', start(q.from))
    .where('n.taken_at', '<', endExclusive(q.to))
    .where('n.series', q.secret ? '=' : '<>', SECRET_SERIES.outgoing)
    .orderBy('n.year')
    .orderBy('n.series')
    .orderBy('n.number')
    .limit(MAX_REGISTER_ROWS)
    .execute();
  return rows.map((r) => {
    if (r.state === 'cancelled' || r.id === null)
      return [
        pad(r.number),
        day(r.taken_at),
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        `Số đã hủy: ${r.reason ?? ''}`.trim(),
      ];
    const notes = [
      r.urgency && r.urgency !== 'normal' ? URGENCY_NAMES[r.urgency] : '',
      r.secrecy && r.secrecy !== 'none' ? SECRECY_NAMES[r.secrecy] : '',
      r.electronic ? 'Văn bản điện tử' : 'Văn bản giấy',
      r.status === 'recalled' ? 'Đã thu hồi' : '',
    ].filter(Boolean);
    const recipients = r.recipients ?? [];
    return [
      r.code_number && r.code_notation ? `${r.code_number}/${r.code_notation}` : pad(r.number),
      day(r.issued_date ?? r.taken_at),
      `${kindName(r.kind!)}: ${r.subject ?? ''}`,
      [r.signing_notation, r.signer_position, r.signer_name].filter(Boolean).join(' '),
      recipients.map((x) => x.name).join('; '),
      r.drafting_unit ?? '',
      String(recipients.length || 1),
      r.sent_at ? day(r.sent_at) : '',
      '',
      notes.join('; '),
    ];
  });
}

async function incomingRows(db: Kysely<Database>, q: RegisterQuery): Promise<string[][]> {
  const rows = await db
    .selectFrom('documents as d')
    .select([
      'd.id',
      'd.kind',
      'd.subject',
      'd.arrival_series',
      'd.arrival_number',
      'd.arrival_date',
      'd.issuer_organ_name',
      'd.origin_code_number',
      'd.origin_code_notation',
      'd.origin_issued_date',
      'd.due_date',
      'd.urgency',
      'd.secrecy',
      'd.electronic',
      'd.status',
    ])
    .where('d.direction', '=', 'incoming')
    .where('d.unit_id', '=', q.unitId)
    .where('d.arrival_number', 'is not', null)
    .where('d.arrival_date', '>=', q.from)
    .where('d.arrival_date', '<=', q.to)
    .where('d.arrival_series', q.secret ? '=' : '<>', SECRET_SERIES.incoming)
    .orderBy('d.arrival_date')
    .orderBy('d.arrival_series')
    .orderBy('d.arrival_number')
    .limit(MAX_REGISTER_ROWS)
    .execute();
  const ids = rows.map((r) => r.id);
  const [leads, completions] = ids.length
    ? await Promise.all([
        db
          .selectFrom('document_assignees as a')
          .innerJoin('units_view as u', 'u.id', 'a.unit_id')
          .leftJoin('users_view as p', 'p.id', 'a.user_id')
          .select(['a.document_id', 'a.due_date', 'a.assigned_at', 'u.name as unit', 'p.full_name as person'])
          .where('a.document_id', 'in', ids)
          .where('a.role', '=', 'lead')
          .orderBy('a.seq')
          .execute(),
        db
          .selectFrom('document_actions as x')
          .leftJoin('documents as reply', (join) =>
            join.on(sql<boolean>`reply.id = (x.payload->>'replyDocumentId')::bigint`),
          )
          .select(['x.document_id', 'x.at', 'reply.code_number', 'reply.code_notation'])
          .where('x.document_id', 'in', ids)
          .where('x.type', '=', 'completed')
          .execute(),
      ])
    : [[], []];
  const today = vietnamDate(new Date());
  return rows.map((r) => {
    const lead = leads.find((l) => l.document_id === r.id);
    const done = completions.find((c) => c.document_id === r.id);
    const origin =
      r.origin_code_number && r.origin_code_notation
        ? `${r.origin_code_number}/${r.origin_code_notation}`
        : '';
    const receiver = lead ? [lead.unit, lead.person].filter(Boolean).join(' – ') : '';
    const notes = [
      r.urgency !== 'normal' ? URGENCY_NAMES[r.urgency] : '',
      r.secrecy !== 'none' ? SECRECY_NAMES[r.secrecy] : '',
      r.electronic ? 'Văn bản điện tử' : 'Văn bản giấy',
    ].filter(Boolean);
    const number = pad(r.arrival_number!);
    if (q.register === 'incoming')
      return [
        day(r.arrival_date),
        number,
        r.issuer_organ_name ?? '',
        origin,
        day(r.origin_issued_date),
        `${kindName(r.kind)}: ${r.subject}`,
        receiver,
        lead ? day(lead.assigned_at) : '',
        '',
        notes.join('; '),
      ];
    const due = lead?.due_date ?? r.due_date;
    const dueText = due === null ? '' : day(String(due));
    const progress = done
      ? `Đã giải quyết ngày ${day(done.at)}${due !== null && vietnamDate(done.at) > String(due).slice(0, 10) ? ' (quá hạn)' : ''}`
      : due !== null && String(due).slice(0, 10) < today
        ? 'Quá hạn, đang giải quyết'
        : lead
          ? 'Đang giải quyết'
          : 'Chưa chuyển giải quyết';
    return [
      number,
      [kindName(r.kind), origin, day(r.origin_issued_date), r.issuer_organ_name].filter(Boolean).join(', '),
      receiver,
      dueText,
      progress,
      done?.code_number && done.code_notation ? `${done.code_number}/${done.code_notation}` : '',
      [`${r.subject}`, ...notes].join('; '),
    ];
  });
}
