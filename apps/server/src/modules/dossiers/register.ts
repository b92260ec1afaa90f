/**
 * Sổ theo dõi hồ sơ (TT 01/2018/TT-VPCP, Mẫu 06): the register of the dossiers a one-stop shop
 * received in a period, on A4 landscape, one line per dossier.
 *
 * Readings chosen:
 * - The register is the receiving unit's own (its Bộ phận Một cửa): dossiers whose receiving unit
 *   is the unit asked for, not its subtree — each one-stop shop keeps its own book.
 * - A dossier enters the register when it is received (accepted with a Giấy tiếp nhận, Mẫu 01);
 *   submissions refused or still waiting at intake were never received and are not in the book.
 * - STT continues through the year, as the numbering of a paper register does (Điều 10: one book a
 *   year, numbers continuous from 01): a register printed from 1 March starts after the dossiers
 *   received since 1 January, and starts again at 1 on 1 January inside a period.
 * - "Số lượng hồ sơ": one set per dossier (the system records one dossier per submission).
 * - "Ngày chuyển hồ sơ đến cơ quan giải quyết" is the acceptance: the one-stop shop hands the
 *   electronic dossier to the handling agency when it accepts it (as in the process control slip).
 * - "Ngày hẹn trả" is the appointment given at receipt (moved only when the period restarted after
 *   a supplement); a new appointment after an apology is noted in "Ghi chú".
 * - "Ngày có kết quả" is the leader's approval or refusal; "Trả kết quả" the return, with the
 *   channel (online, post, counter); the signature is the applicant's on the printed book.
 * - The timeliness note compares the result with the appointment as Biểu 06 does: before the
 *   appointment's date → trước hạn, on its date and not after its time → đúng hạn, after → quá hạn.
 */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema';
import { fieldError, forbidden, invalid, notFound } from '../../http/errors';
import { addDays, formatVietnamDate, formatVietnamIso, vietnamDate, vietnamInstant } from '../../lib/time';
import { isSystemAdmin, type Principal } from '../auth';
import { unitPath } from '../org';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { holdsRoleIn } from '@tayninh/domain/org/grants';
import { A4_LANDSCAPE, SlipWriter } from '../../lib/pdf';

/** Who may read a unit's register: its one-stop officers, leaders and administrators. */
export const REGISTER_ROLES: readonly Role[] = ['receiving_officer', 'leader', 'agency_admin'];
/** The longest period printed at once, and the most dossiers (a thousand pages or so). */
export const MAX_REGISTER_ROWS = 10_000;

export interface RegisterQuery {
  /** The receiving unit: its agency code (000.02.01.H53) or its id. */
  unitCode: string;
  /** First and last day of the period, YYYY-MM-DD, in Vietnam time. */
  from: string;
  to: string;
}

export interface RegisterEntry {
  /** STT: the dossier's number in the register of its year. */
  number: number;
  code: string;
  procedureName: string;
  sets: number;
  applicant: { fullName: string; address: string | null; phone: string | null };
  handlingUnit: string;
  receivedAt: string;
  dueAt: string | null;
  forwardedAt: string;
  resultAt: string | null;
  returnedAt: string | null;
  returnMethod: 'counter' | 'post' | 'online' | null;
  notes: string[];
}

/** Whether the principal holds an officer role in the unit at the end of `path`, or above it over its subtree. */
export function mayReadRegister(principal: Principal, path: readonly number[]): boolean {
  return isSystemAdmin(principal) || holdsRoleIn(principal.grants, REGISTER_ROLES, path);
}

/** One year after `from`, less a day: the last day a period starting on `from` may end. */
function lastDayOfYearFrom(from: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  return addDays(new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10), -1);
}

function checkPeriod(from: string, to: string): void {
  if (from > to)
    throw invalid([
      fieldError('/to', 'before_from', 'Ngày cuối kỳ phải sau ngày đầu kỳ.', 'to must not be before from.'),
    ]);
  if (to > lastDayOfYearFrom(from))
    throw invalid([
      fieldError(
        '/to',
        'period_too_long',
        'Mỗi lần in sổ theo dõi hồ sơ tối đa 01 năm.',
        'The period may not exceed one year.',
      ),
    ]);
}

async function findUnit(db: Kysely<Database>, unitCode: string) {
  const query = db.selectFrom('units_view').select(['id', 'name', 'agency_code', 'parent_id']);
  const unit = /^[0-9]+$/.test(unitCode)
    ? Number(unitCode) <= 2_147_483_647
      ? await query.where('id', '=', Number(unitCode)).executeTakeFirst()
      : undefined
    : // The open unit first (PostgreSQL sorts nulls first in descending order).
      await query.where('agency_code', '=', unitCode).orderBy('valid_until', 'desc').executeTakeFirst();
  if (!unit) throw notFound(`đơn vị ${unitCode}`, `Unit ${unitCode}`);
  return unit;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The register lines of a receiving unit for a period (no access check). */
export async function registerEntries(
  db: Kysely<Database>,
  unitId: number,
  from: string,
  to: string,
): Promise<RegisterEntry[]> {
  const start = vietnamInstant(from, 0);
  const end = vietnamInstant(addDays(to, 1), 0);
  const received = db
    .selectFrom('dossiers')
    .where('receiving_unit_id', '=', unitId)
    .where('code', 'is not', null)
    .where('received_at', '>=', start)
    .where('received_at', '<', end);
  const { count } = await received
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) > MAX_REGISTER_ROWS)
    throw invalid([
      fieldError(
        '/to',
        'too_many_dossiers',
        `Kỳ đã chọn có ${Number(count).toLocaleString('vi-VN')} hồ sơ, quá ${MAX_REGISTER_ROWS.toLocaleString('vi-VN')} hồ sơ mỗi lần in; hãy chọn kỳ ngắn hơn.`,
        `The period holds ${count} dossiers, more than ${MAX_REGISTER_ROWS} per printout.`,
      ),
    ]);
  const rows = await received
    .innerJoin('procedure_versions_view as v', 'v.id', 'dossiers.procedure_version_id')
    .innerJoin('units_view as h', 'h.id', 'dossiers.handling_unit_id')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.applicant',
      'dossiers.received_at',
      'dossiers.original_due_at',
      'v.name as procedure_name',
      'h.name as handling_name',
    ])
    .orderBy('dossiers.received_at')
    .orderBy('dossiers.id')
    .execute();
  const actions = await db
    .selectFrom('dossier_actions')
    .select(['dossier_id', 'payload'])
    .where('dossier_id', 'in', (eb) =>
      eb
        .selectFrom('dossiers')
        .select('id')
        .where('receiving_unit_id', '=', unitId)
        .where('code', 'is not', null)
        .where('received_at', '>=', start)
        .where('received_at', '<', end),
    )
    .where('type', 'in', [
      'supplement_requested',
      'approved',
      'rejected',
      'apologised',
      'result_returned',
      'withdrawn',
      'stopped',
    ])
    .orderBy('dossier_id')
    .orderBy('seq')
    .execute();
  const byDossier = new Map<number, DossierAction[]>();
  for (const action of actions) {
    const list = byDossier.get(action.dossier_id) ?? [];
    list.push(action.payload as unknown as DossierAction);
    byDossier.set(action.dossier_id, list);
  }

  // STT continues from the dossiers received earlier in the first year of the period.
  const firstYear = from.slice(0, 4);
  const { before } = await db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.countAll<number>().as('before'))
    .where('receiving_unit_id', '=', unitId)
    .where('code', 'is not', null)
    .where('received_at', '>=', vietnamInstant(`${firstYear}-01-01`, 0))
    .where('received_at', '<', start)
    .executeTakeFirstOrThrow();
  const counters = new Map<string, number>([[firstYear, Number(before)]]);

  return rows.map((row) => {
    const receivedAt = iso(row.received_at!);
    const year = vietnamDate(new Date(receivedAt)).slice(0, 4);
    const number = (counters.get(year) ?? 0) + 1;
    counters.set(year, number);
    const history = byDossier.get(row.id) ?? [];
    const last = <T extends DossierAction['type']>(type: T) =>
      [...history].reverse().find((a): a is Extract<DossierAction, { type: T }> => a.type === type);
    const result = [...history].reverse().find((a) => a.type === 'approved' || a.type === 'rejected');
    const returned = last('result_returned');
    const dueAt = row.original_due_at ? iso(row.original_due_at) : null;
    const notes: string[] = [];
    const supplement = last('supplement_requested');
    if (supplement) notes.push(`Yêu cầu bổ sung ngày ${day(supplement.at)}.`);
    const apology = last('apologised');
    if (apology) notes.push(`Xin lỗi, hẹn lại: ${dayTime(apology.newDueAt).replace('\n', ' ')}.`);
    if (result?.type === 'rejected') notes.push(`Từ chối giải quyết: ${result.reason}`);
    if (result && dueAt) notes.push(`Có kết quả ${timeliness(result.at, dueAt)}.`);
    const withdrawn = last('withdrawn');
    if (withdrawn) notes.push(`Tổ chức, cá nhân rút hồ sơ ngày ${day(withdrawn.at)}.`);
    const stopped = last('stopped');
    if (stopped) notes.push(`Dừng xử lý ngày ${day(stopped.at)}: ${stopped.reason}`);
    const applicant = row.applicant as { fullName?: string; address?: string | null; phone?: string | null };
    return {
      number,
      code: row.code!,
      procedureName: row.procedure_name,
      sets: 1,
      applicant: {
        fullName: applicant.fullName ?? '',
        address: applicant.address ?? null,
        phone: applicant.phone ?? null,
      },
      handlingUnit: row.handling_name,
      receivedAt,
      dueAt,
      forwardedAt: receivedAt,
      resultAt: result ? iso(result.at) : null,
      returnedAt: returned ? iso(returned.at) : null,
      returnMethod: returned?.method ?? null,
      notes,
    };
  });
}

/** Trước hạn / đúng hạn / quá hạn of a result against the appointment (Biểu 06's rule). */
function timeliness(resultAt: string, dueAt: string): string {
  if (new Date(resultAt) > new Date(dueAt)) return 'quá hạn';
  return vietnamDate(new Date(resultAt)) < vietnamDate(new Date(dueAt)) ? 'trước hạn' : 'đúng hạn';
}

function day(instant: string): string {
  return formatVietnamDate(vietnamDate(new Date(instant)));
}

/** "09/03/2026" and, below it, "09 giờ 30". */
function dayTime(instant: string): string {
  const local = formatVietnamIso(new Date(instant));
  return `${formatVietnamDate(local.slice(0, 10))}\n${local.slice(11, 13)} giờ ${local.slice(14, 16)}`;
}

const RETURN_METHODS: Record<string, string> = {
  counter: 'tại Bộ phận Một cửa',
  post: 'qua bưu chính',
  online: 'trực tuyến',
};

export const REGISTER_HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Tên TTHC',
  'Số lượng hồ sơ (bộ)',
  'Tên, địa chỉ, số điện thoại người nộp',
  'Cơ quan chủ trì giải quyết',
  'Ngày nhận hồ sơ',
  'Ngày hẹn trả',
  'Ngày chuyển hồ sơ đến cơ quan giải quyết',
  'Ngày có kết quả',
  'Trả kết quả (ngày, ký nhận)',
  'Ghi chú',
] as const;

/**
 * Mẫu 06 for a receiving unit and a period, as PDF bytes: for the unit's one-stop officers,
 * leaders and administrators (or those of a unit above it, over its subtree); 403 for others.
 */
export async function renderRegister(
  db: Kysely<Database>,
  principal: Principal,
  query: RegisterQuery,
): Promise<Uint8Array> {
  checkPeriod(query.from, query.to);
  const unit = await findUnit(db, query.unitCode);
  if (!mayReadRegister(principal, await unitPath(db, unit.id)))
    throw forbidden(
      'Chỉ cán bộ Bộ phận Một cửa, lãnh đạo và quản trị của đơn vị được xem sổ theo dõi hồ sơ.',
      "Only the unit's one-stop officers, leaders and administrators may read its register.",
    );
  const entries = await registerEntries(db, unit.id, query.from, query.to);
  const parent = unit.parent_id
    ? await db.selectFrom('units_view').select('name').where('id', '=', unit.parent_id).executeTakeFirst()
    : undefined;

  const period = `Từ ngày ${formatVietnamDate(query.from)} đến ngày ${formatVietnamDate(query.to)}`;
  const writer = await SlipWriter.create(A4_LANDSCAPE, `Sổ theo dõi hồ sơ - ${unit.name} - ${period}`);
  writer.columns(
    [
      [(parent?.name ?? 'ỦY BAN NHÂN DÂN TỈNH TÂY NINH').toUpperCase(), 'regular'],
      [unit.name.toUpperCase(), 'bold'],
    ],
    [
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold'],
      ['Độc lập - Tự do - Hạnh phúc', 'bold'],
    ],
  );
  writer.text('SỔ THEO DÕI HỒ SƠ', { size: 14, style: 'bold', align: 'center' });
  writer.text(period, { size: 10, style: 'italic', align: 'center', gap: 6 });
  writer.table(
    [...REGISTER_HEADERS],
    [3.6, 13.5, 15, 5, 14, 10, 7.5, 7.5, 7.5, 7.5, 8.5, 11],
    entries.map((entry) => [
      String(entry.number),
      entry.code,
      entry.procedureName,
      String(entry.sets).padStart(2, '0'),
      [entry.applicant.fullName, entry.applicant.address, entry.applicant.phone].filter(Boolean).join('\n'),
      entry.handlingUnit,
      dayTime(entry.receivedAt),
      entry.dueAt ? dayTime(entry.dueAt) : '',
      day(entry.forwardedAt),
      entry.resultAt ? day(entry.resultAt) : '',
      entry.returnedAt
        ? `${day(entry.returnedAt)}\n${RETURN_METHODS[entry.returnMethod ?? ''] ?? ''}`.trim()
        : '',
      entry.notes.join('\n'),
    ]),
    7,
  );
  writer.text(
    entries.length > 0 ? `Tổng số: ${entries.length} hồ sơ.` : 'Không có hồ sơ nào được tiếp nhận trong kỳ.',
    { size: 9, style: 'italic' },
  );
  writer.pageNumbers((page, total) => `${unit.name} - Sổ theo dõi hồ sơ - Trang ${page}/${total}`);
  return writer.save();
}
