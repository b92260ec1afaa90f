/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5, with the QR code of the public lookup). */
import QRCode from 'qrcode';
import { formatDong } from '../../../lib/vietnamese';
import { vietnameseDateTimeWords } from '../../../lib/time';
import { CHANNEL_NAMES, header, officerOf, signatures, UNIT_NAMES, type SlipContext } from './common';
import { A5, SlipWriter } from '../../../lib/pdf';

export async function receipt(context: SlipContext): Promise<Uint8Array> {
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
  if (context.channel === 'online')
    // Online, the e-form filled in is the declaration, and each document came as files.
    writer.table(
      ['TT', 'Tên giấy tờ', 'Số tệp'],
      [6, 79, 15],
      [
        ['1', 'Tờ khai điện tử (biểu mẫu nộp trực tuyến)', '—'],
        ...context.documents.map((doc, index) => [String(index + 2), doc.name, String(doc.files)]),
      ],
    );
  else
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
  if (context.resultDelivery)
    writer.field(
      'Hình thức nhận kết quả',
      context.resultDelivery.address
        ? `${context.resultDelivery.name} (${context.resultDelivery.address})`
        : context.resultDelivery.name,
    );
  writer.field('Tra cứu tình trạng hồ sơ', context.lookupUrl, 8.5);
  signatures(writer, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', officerOf(context, 'accepted'));
  return writer.save();
}
