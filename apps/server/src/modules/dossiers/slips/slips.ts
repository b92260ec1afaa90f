/**
 * TT 01/2018/TT-VPCP forms generated from a dossier: Mẫu 01 receipt and appointment (with a QR
 * code of the public lookup), Mẫu 02 supplement request, Mẫu 03 refusal, Mẫu 04 apology and new
 * appointment, Mẫu 05 process control slip. Field lists follow the forms as commonly reproduced
 * (one-stop-shop notes §2.1; the Phụ lục images are not at hand).
 */
import QRCode from 'qrcode';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { conflict, notFound } from '../../../http/errors';
import { formatDong } from '../../../lib/vietnamese';
import type { Principal } from '../../auth/permissions';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { canView } from '../policy';
import { loadDossier, scopeOf } from '../repo';
import { vietnameseDateTimeWords, vietnameseDateWords } from '../../../lib/time';
import { CalendarService } from '../../calendar/service';
import { controlOf, type ControlContext } from '../process-control-query';
import { VERDICT_NAMES, workingTimeWords } from '../process-control';
import { A4, A5, SlipWriter } from './layout';

export const SLIP_KINDS = ['receipt', 'supplement', 'refusal', 'apology', 'control'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

const CHANNEL_NAMES: Record<string, string> = {
  online: 'trực tuyến',
  counter: 'trực tiếp',
  post: 'qua dịch vụ bưu chính',
};
const UNIT_NAMES: Record<string, string> = {
  'working-days': 'ngày làm việc',
  'working-hours': 'giờ làm việc',
  'calendar-days': 'ngày',
};

interface SlipContext {
  code: string;
  procedureName: string;
  channel: string;
  applicant: { fullName?: string; address?: string | null; phone?: string | null; email?: string | null };
  receivingUnit: string;
  parentUnit: string | null;
  documents: Array<{ name: string; originals: number; copies: number }>;
  duration: { amount: number; unit: string } | null;
  fees: Array<{ name: string; amountVnd: number | null }>;
  history: Array<{ action: DossierAction; actorName: string | null }>;
  receivedAt: string | null;
  dueAt: string | null;
  lookupUrl: string;
}

async function header(writer: SlipWriter, context: SlipContext) {
  writer.columns(
    [
      [(context.parentUnit ?? 'ỦY BAN NHÂN DÂN TỈNH TÂY NINH').toUpperCase(), 'regular'],
      [context.receivingUnit.toUpperCase(), 'bold'],
    ],
    [
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold'],
      ['Độc lập - Tự do - Hạnh phúc', 'bold'],
    ],
  );
}

function officerOf(context: SlipContext, type: DossierAction['type']): string {
  const entry = [...context.history].reverse().find((item) => item.action.type === type);
  return entry?.actorName ?? '';
}

function signatures(writer: SlipWriter, left: string, right: string, rightName: string) {
  writer.space(8);
  writer.columns(
    [
      [left, 'bold'],
      ['(Ký, ghi rõ họ tên)', 'italic'],
    ],
    [
      [right, 'bold'],
      ['(Ký, ghi rõ họ tên)', 'italic'],
      ['', 'regular'],
      ['', 'regular'],
      [rightName, 'bold'],
    ],
  );
}

async function receipt(context: SlipContext): Promise<Uint8Array> {
  const writer = await SlipWriter.create(A5, `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${context.code}`);
  await header(writer, context);
  writer.text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', { size: 12, style: 'bold', align: 'center' });
  writer.text(`Mã hồ sơ: ${context.code}`, { size: 10, style: 'bold', align: 'center', gap: 6 });
  await writer.image(await QRCode.toBuffer(context.lookupUrl, { type: 'png', margin: 1, width: 160 }), 22);
  writer.text(`${context.receivingUnit} tiếp nhận hồ sơ của:`, { width: writer.width - 70 });
  writer.field('Ông/Bà', context.applicant.fullName ?? '');
  writer.field('Địa chỉ', context.applicant.address ?? '');
  writer.field('Số điện thoại', context.applicant.phone ?? '');
  writer.field('Thư điện tử', context.applicant.email ?? '');
  writer.field('Nội dung yêu cầu giải quyết', context.procedureName);
  writer.field('Hình thức nộp', CHANNEL_NAMES[context.channel] ?? context.channel);
  writer.space(2);
  writer.text('Thành phần hồ sơ gồm:', { style: 'bold' });
  writer.table(
    ['TT', 'Tên giấy tờ', 'Bản chính', 'Bản sao'],
    [6, 64, 15, 15],
    context.documents.map((doc, index) => [
      String(index + 1),
      doc.name,
      String(doc.originals),
      String(doc.copies),
    ]),
  );
  writer.field('Số lượng hồ sơ', '01 bộ');
  writer.field(
    'Thời gian giải quyết hồ sơ theo quy định',
    context.duration
      ? `${context.duration.amount} ${UNIT_NAMES[context.duration.unit] ?? ''}`
      : 'theo quy định',
  );
  writer.field('Thời gian nhận hồ sơ', vietnameseDateTimeWords(context.receivedAt));
  writer.field('Thời gian trả kết quả giải quyết hồ sơ', vietnameseDateTimeWords(context.dueAt));
  const fees = context.fees.filter((fee) => fee.amountVnd !== null && fee.amountVnd > 0);
  if (fees.length > 0)
    writer.field('Phí, lệ phí', fees.map((fee) => `${fee.name}: ${formatDong(fee.amountVnd!)}`).join('; '));
  writer.field('Tra cứu tình trạng hồ sơ', context.lookupUrl, 8.5);
  signatures(writer, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', officerOf(context, 'accepted'));
  return writer.save();
}

async function supplementRequest(context: SlipContext): Promise<Uint8Array> {
  const entry = [...context.history]
    .reverse()
    .find(
      (item) =>
        item.action.type === 'intake_supplement_requested' || item.action.type === 'supplement_requested',
    );
  if (!entry)
    throw conflict(
      'slip_not_available',
      'Hồ sơ chưa có yêu cầu bổ sung.',
      'No supplement request on this dossier.',
    );
  const action = entry.action as Extract<DossierAction, { items: string[] }>;
  const writer = await SlipWriter.create(A5, `Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ ${context.code}`);
  await header(writer, context);
  writer.text(`Tây Ninh, ${vietnameseDateWords(action.at)}`, { style: 'italic', align: 'right', gap: 4 });
  writer.text('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', { size: 12, style: 'bold', align: 'center' });
  writer.text(`Mã hồ sơ: ${context.code}`, { style: 'bold', align: 'center', gap: 6 });
  writer.field('Kính gửi', context.applicant.fullName ?? '');
  writer.field('Địa chỉ', context.applicant.address ?? '');
  writer.text(
    `${context.receivingUnit} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục: ${context.procedureName}.`,
  );
  writer.text('Sau khi xem xét, đề nghị Ông/Bà bổ sung, hoàn thiện các nội dung sau:', { gap: 2 });
  action.items.forEach((item, index) =>
    writer.text(`${index + 1}. ${item}`, { x: 8, width: writer.width - 8 }),
  );
  writer.space(4);
  writer.text(
    'Lý do: hồ sơ chưa đầy đủ, hợp lệ theo quy định. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với người hướng dẫn dưới đây để được giải đáp.',
  );
  signatures(writer, '', 'NGƯỜI HƯỚNG DẪN', entry.actorName ?? '');
  return writer.save();
}

async function refusal(context: SlipContext): Promise<Uint8Array> {
  const entry = [...context.history]
    .reverse()
    .find((item) => item.action.type === 'intake_refused' || item.action.type === 'rejected');
  if (!entry) throw conflict('slip_not_available', 'Hồ sơ không bị từ chối.', 'The dossier was not refused.');
  const action = entry.action as Extract<DossierAction, { reason: string }>;
  const writer = await SlipWriter.create(A5, `Phiếu từ chối tiếp nhận giải quyết hồ sơ ${context.code}`);
  await header(writer, context);
  writer.text(`Tây Ninh, ${vietnameseDateWords(action.at)}`, { style: 'italic', align: 'right', gap: 4 });
  writer.text('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', { size: 12, style: 'bold', align: 'center' });
  writer.text(`Mã hồ sơ: ${context.code}`, { style: 'bold', align: 'center', gap: 6 });
  writer.field('Kính gửi', context.applicant.fullName ?? '');
  writer.text(
    `${context.receivingUnit} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục: ${context.procedureName}.`,
  );
  writer.text(
    'Qua xem xét, cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    { gap: 2 },
  );
  writer.text(action.reason, { x: 8, width: writer.width - 8, gap: 4 });
  writer.text('Xin thông báo để Ông/Bà được biết và thực hiện.');
  signatures(writer, '', 'NGƯỜI TIẾP NHẬN HỒ SƠ', entry.actorName ?? '');
  return writer.save();
}

async function apology(context: SlipContext): Promise<Uint8Array> {
  const entry = [...context.history].reverse().find((item) => item.action.type === 'apologised');
  if (!entry || entry.action.type !== 'apologised')
    throw conflict(
      'slip_not_available',
      'Hồ sơ không có phiếu xin lỗi và hẹn lại.',
      'No apology on this dossier.',
    );
  const action = entry.action;
  const accepted = context.history.find((item) => item.action.type === 'accepted')?.action;
  const originalDue = accepted?.type === 'accepted' ? accepted.dueAt : null;
  const writer = await SlipWriter.create(A5, `Phiếu xin lỗi và hẹn lại ngày trả kết quả ${context.code}`);
  await header(writer, context);
  writer.text(`Tây Ninh, ${vietnameseDateWords(action.at)}`, { style: 'italic', align: 'right', gap: 4 });
  writer.text('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', { size: 12, style: 'bold', align: 'center' });
  writer.text(`Mã hồ sơ: ${context.code}`, { style: 'bold', align: 'center', gap: 6 });
  writer.field('Kính gửi', context.applicant.fullName ?? '');
  writer.field('Địa chỉ', context.applicant.address ?? '');
  writer.text(
    `Ngày ${vietnameseDateTimeWords(context.receivedAt)}, ${context.receivingUnit} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục: ${context.procedureName}; hẹn trả kết quả lúc ${vietnameseDateTimeWords(originalDue)}.`,
  );
  writer.text('Tuy nhiên, đến nay cơ quan giải quyết chưa trả kết quả cho Ông/Bà đúng hẹn. Lý do:', {
    gap: 2,
  });
  writer.text(action.reason, { x: 8, width: writer.width - 8, gap: 4 });
  writer.text(
    'Cơ quan giải quyết hồ sơ thành thật xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả kết quả lại vào lúc:',
  );
  writer.text(vietnameseDateTimeWords(action.newDueAt), { style: 'bold', align: 'center', gap: 4 });
  writer.text('Xin trân trọng thông báo.');
  signatures(writer, '', 'THỦ TRƯỞNG CƠ QUAN GIẢI QUYẾT', entry.actorName ?? '');
  return writer.save();
}

/**
 * Mẫu 05, Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over, as derived in
 * process-control.ts. Printed on A4 (TT 01/2018 Điều 9.2 designs forms 01–05 for A5; the table
 * of a dossier going through several agencies does not fit one).
 */
async function controlSlip(context: SlipContext, control: ControlContext): Promise<Uint8Array> {
  const writer = await SlipWriter.create(A4, `Phiếu kiểm soát quá trình giải quyết hồ sơ ${context.code}`);
  await header(writer, context);
  writer.text('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', { size: 13, style: 'bold', align: 'center' });
  writer.text(`Mã hồ sơ: ${context.code}`, { size: 10, style: 'bold', align: 'center' });
  writer.text(`(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả mã hồ sơ: ${context.code})`, {
    style: 'italic',
    align: 'center',
    gap: 6,
  });
  writer.field('Tên thủ tục hành chính', context.procedureName);
  writer.field('Tổ chức, cá nhân nộp hồ sơ', context.applicant.fullName ?? '');
  writer.field('Cơ quan (bộ phận) giải quyết hồ sơ', control.handlingUnit.name);
  writer.field(
    'Cơ quan phối hợp giải quyết hồ sơ',
    control.coordinatingUnits.length > 0 ? control.coordinatingUnits.join('; ') : 'Không',
  );
  writer.field('Thời gian nhận hồ sơ', vietnameseDateTimeWords(context.receivedAt));
  writer.field('Thời gian hẹn trả kết quả', vietnameseDateTimeWords(context.dueAt), 9);
  writer.space(4);
  writer.table(
    [
      'TÊN CƠ QUAN',
      'THỜI GIAN GIAO, NHẬN HỒ SƠ',
      'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)',
      'GHI CHÚ',
    ],
    [26, 30, 19, 25],
    control.rows.map((row) => {
      const result = row.verdict
        ? [
            VERDICT_NAMES[row.verdict],
            row.workingMinutes !== null && row.budgetMinutes !== null
              ? `(đã dùng ${workingTimeWords(row.workingMinutes)}; quy định ${workingTimeWords(row.budgetMinutes)})`
              : '',
          ].join('\n')
        : '';
      const wait =
        !row.verdict && row.workingMinutes !== null && row.workingMinutes > 0
          ? `Thời gian chờ: ${workingTimeWords(row.workingMinutes)} làm việc.`
          : null;
      return [
        `1. Giao: ${row.giver.unit}\n2. Nhận: ${row.receiver.unit}`,
        `${vietnameseDateTimeWords(row.at)}\nNgười giao: ${row.giver.person ?? '…'}\nNgười nhận: ${row.receiver.person ?? '…'}`,
        result,
        [row.step ? `Bước: ${row.step.name}.` : null, row.note, wait].filter(Boolean).join('\n'),
      ];
    }),
    8,
  );
  writer.text(
    'Ghi chú: Kết quả giải quyết hồ sơ của mỗi lần giao, nhận do bên nhận ghi khi nhận hồ sơ, so sánh thời gian làm việc bên giao đã sử dụng với thời gian quy trình nội bộ dành cho bước đó (cơ quan phối hợp: với thời hạn phối hợp). Thời gian tính theo giờ làm việc, đến phút; thời gian chờ tổ chức, cá nhân bổ sung hồ sơ hoặc thực hiện nghĩa vụ tài chính không tính. Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ và việc ký nhận thể hiện trong hóa đơn của cơ quan bưu chính.',
    { size: 8, style: 'italic' },
  );
  writer.pageNumbers();
  return writer.save();
}

/**
 * Renders a slip of a dossier for whoever may see it. `calendar` serves the working time of the
 * process control slip; without it the calendar is read from the database.
 */
export async function renderSlip(
  db: Kysely<Database>,
  principal: Principal,
  code: string,
  kind: SlipKind,
  publicBaseUrl: string,
  calendar: CalendarService = new CalendarService(db),
): Promise<Uint8Array> {
  const { row, actions, state } = await loadDossier(db, code);
  if (!canView(principal, await scopeOf(db, row, state))) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const version = await db
    .selectFrom('procedure_versions')
    .select(['name', 'documents', 'channels'])
    .where('id', '=', row.procedure_version_id)
    .executeTakeFirstOrThrow();
  const unit = await db
    .selectFrom('units')
    .select(['name', 'parent_id'])
    .where('id', '=', row.receiving_unit_id)
    .executeTakeFirstOrThrow();
  const parent = unit.parent_id
    ? await db.selectFrom('units').select('name').where('id', '=', unit.parent_id).executeTakeFirst()
    : undefined;
  const actorIds = [0, ...actions.map((a) => a.actor_user_id ?? 0)];
  const actors = await db
    .selectFrom('users')
    .select(['id', 'full_name'])
    .where('id', 'in', actorIds)
    .execute();
  const channels = version.channels as Array<{
    channel: string;
    duration: { amount: number; unit: string } | null;
    fees: Array<{ name: string; amountVnd: number | null }>;
  }>;
  const channel = channels.find((c) => c.channel === row.channel) ?? channels[0];
  const context: SlipContext = {
    code,
    procedureName: version.name,
    channel: row.channel,
    applicant: row.applicant,
    receivingUnit: unit.name,
    parentUnit: parent?.name ?? null,
    documents: version.documents as SlipContext['documents'],
    duration: channel?.duration ?? null,
    fees: channel?.fees ?? [],
    history: actions.map((a) => ({
      action: a.payload,
      actorName: actors.find((u) => u.id === a.actor_user_id)?.full_name ?? null,
    })),
    receivedAt: state.receivedAt,
    dueAt: state.dueAt,
    lookupUrl: `${publicBaseUrl.replace(/\/$/, '')}/tra-cuu/${code}`,
  };
  switch (kind) {
    case 'receipt':
      if (!state.receivedAt)
        throw conflict(
          'slip_not_available',
          'Hồ sơ chưa được tiếp nhận; chưa có giấy tiếp nhận và hẹn trả kết quả.',
          'The dossier has not been accepted yet.',
        );
      return receipt(context);
    case 'supplement':
      return supplementRequest(context);
    case 'refusal':
      return refusal(context);
    case 'apology':
      return apology(context);
    case 'control':
      if (!state.receivedAt)
        throw conflict(
          'slip_not_available',
          'Hồ sơ chưa được tiếp nhận; chưa có phiếu kiểm soát quá trình giải quyết hồ sơ.',
          'The dossier has not been accepted yet.',
        );
      return controlSlip(context, await controlOf(db, calendar, { row, actions }));
  }
}
