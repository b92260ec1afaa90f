/**
 * TT 01/2018/TT-VPCP forms generated from a dossier: Mẫu 01 receipt and appointment (with a QR
 * code of the public lookup), Mẫu 02 supplement request, Mẫu 03 refusal, Mẫu 04 apology and new
 * appointment, Mẫu 05 process control slip. Field lists follow the forms as commonly reproduced
 * (one-stop-shop notes §2.1; the Phụ lục images are not at hand).
 */
import { versionContent } from '../version-content';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { conflict, notFound } from '../../../http/errors';
import type { Principal } from '../../auth';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { canView } from '../policy';
import { listAttachments } from '../attachments';
import { checklistOf, resultDeliveryOut } from '../declaration';
import { loadDossier, scopeOf } from '../repo';
import { historyFor } from '../applicant-view';
import { vietnameseDateTimeWords, vietnameseDateWords } from '../../../lib/time';
import { CalendarService } from '../../calendar';
import { controlOf, type ControlContext } from '../process-control-query';
import { VERDICT_NAMES, workingTimeWords } from '../process-control-model';
import { A4, A5, SlipWriter } from '../../../lib/pdf';
import { header, signatures, type SlipContext } from './common';
import { receipt } from './receipt';

export const SLIP_KINDS = ['receipt', 'supplement', 'refusal', 'apology', 'control'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

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
  const { row, actions: recorded, state } = await loadDossier(db, code);
  const scope = await scopeOf(db, row, state);
  if (!canView(principal, scope)) throw notFound(`hồ sơ ${code}`, `Dossier ${code}`);
  const actions = historyFor(principal, scope, recorded, row.applicant_user_id);
  const version = await versionContent(db, row.procedure_version_id);
  const attachments = await listAttachments(db, row.id);
  const received = checklistOf(version, row, attachments).filter((item) => item.provided);
  const unit = await db
    .selectFrom('units_view')
    .select(['name', 'parent_id'])
    .where('id', '=', row.receiving_unit_id)
    .executeTakeFirstOrThrow();
  const parent = unit.parent_id
    ? await db.selectFrom('units_view').select('name').where('id', '=', unit.parent_id).executeTakeFirst()
    : undefined;
  const actorIds = [0, ...actions.map((a) => a.actor_user_id ?? 0)];
  const actors = await db
    .selectFrom('users_view')
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
    documents: received.map(({ document }) => ({
      name: document.name,
      originals: document.originals,
      copies: document.copies,
      files: attachments.filter((file) => file.purpose !== 'result' && file.documentCode === document.code)
        .length,
    })),
    resultDelivery: resultDeliveryOut(row),
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
