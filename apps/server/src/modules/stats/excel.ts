/**
 * Biểu 06/VPCP/KSTT as an Excel workbook, in the layout of TT 01/2020/TT-VPCP: title, period and
 * reporting unit, the three header rows of the form with its column numbers (1)–(13), one row per
 * subordinate unit and a total row. Column (14), withdrawn or stopped, is ours: it makes
 * (3) = (7) + (11) + (14) visible to whoever checks the figures.
 */
import ExcelJS from 'exceljs';
import { formatVietnamDate, vietnameseDateWords } from '../../lib/time';
import { REPORT06_COLUMNS } from '@tayninh/domain/stats/report-06';
import type { Report06Row } from './report-06';

export interface Report06Sheet {
  unit: { name: string; agencyCode: string };
  from: string;
  to: string;
  rows: Array<{ unitName: string } & Report06Row>;
  total: Report06Row;
}

/** Figures in the order of columns (3)–(14). */
export const FIGURE_COLUMNS = REPORT06_COLUMNS;
/** First row of figures in the sheet. */
export const FIRST_DATA_ROW = 10;
const LAST_COLUMN = 14;

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function report06Workbook(report: Report06Sheet, now = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống thông tin giải quyết TTHC tỉnh Tây Ninh';
  workbook.created = now;
  const sheet = workbook.addWorksheet('Biểu 06', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 44;
  for (let column = 3; column <= LAST_COLUMN; column += 1) sheet.getColumn(column).width = 12;

  const line = (
    row: number,
    text: string,
    options: { bold?: boolean; size?: number; italic?: boolean } = {},
  ) => {
    sheet.mergeCells(row, 1, row, LAST_COLUMN);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { bold: options.bold ?? false, italic: options.italic ?? false, size: options.size ?? 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  sheet.getCell(1, 1).value = 'Biểu số 06/VPCP/KSTT';
  sheet.getCell(1, 1).font = { bold: true };
  line(
    2,
    'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    { bold: true, size: 13 },
  );
  sheet.getRow(2).height = 34;
  line(3, `Kỳ báo cáo: Từ ngày ${formatVietnamDate(report.from)} đến ngày ${formatVietnamDate(report.to)}`, {
    italic: true,
  });
  line(4, `Đơn vị báo cáo: ${report.unit.name} (mã định danh ${report.unit.agencyCode})`);
  sheet.mergeCells(5, 11, 5, LAST_COLUMN);
  sheet.getCell(5, 11).value = 'Đơn vị tính: Số hồ sơ TTHC';
  sheet.getCell(5, 11).alignment = { horizontal: 'right' };
  sheet.getCell(5, 11).font = { italic: true };

  const header = (top: number, left: number, bottom: number, right: number, text: string) => {
    if (top !== bottom || left !== right) sheet.mergeCells(top, left, bottom, right);
    sheet.getCell(top, left).value = text;
  };
  header(6, 1, 8, 1, 'STT');
  header(6, 2, 8, 2, 'Đơn vị');
  header(6, 3, 6, 6, 'Số hồ sơ nhận giải quyết');
  header(7, 3, 8, 3, 'Tổng số');
  header(7, 4, 7, 5, 'Trong kỳ');
  header(8, 4, 8, 4, 'Trực tuyến');
  header(8, 5, 8, 5, 'Trực tiếp, dịch vụ bưu chính');
  header(7, 6, 8, 6, 'Từ kỳ trước');
  header(6, 7, 6, 10, 'Số hồ sơ đã giải quyết');
  header(7, 7, 8, 7, 'Tổng số');
  header(7, 8, 8, 8, 'Trước hạn');
  header(7, 9, 8, 9, 'Đúng hạn');
  header(7, 10, 8, 10, 'Quá hạn');
  header(6, 11, 6, 13, 'Số hồ sơ đang giải quyết');
  header(7, 11, 8, 11, 'Tổng số');
  header(7, 12, 8, 12, 'Trong hạn');
  header(7, 13, 8, 13, 'Quá hạn');
  header(6, 14, 8, 14, 'Số hồ sơ rút, dừng giải quyết');
  for (let row = 6; row <= 9; row += 1) {
    for (let column = 1; column <= LAST_COLUMN; column += 1) {
      const cell = sheet.getCell(row, column);
      if (row === 9) cell.value = `(${column})`;
      cell.font = { bold: row < 9, italic: row === 9 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    }
  }
  sheet.getRow(8).height = 44;
  sheet.views = [{ state: 'frozen', ySplit: 9, xSplit: 2 }];

  const figures = (row: ExcelJS.Row, values: Report06Row) => {
    FIGURE_COLUMNS.forEach((key, index) => (row.getCell(index + 3).value = values[key]));
    for (let column = 1; column <= LAST_COLUMN; column += 1) {
      row.getCell(column).border = BORDER;
      if (column !== 2) row.getCell(column).alignment = { horizontal: column === 1 ? 'center' : 'right' };
    }
  };
  report.rows.forEach((values, index) => {
    const row = sheet.getRow(FIRST_DATA_ROW + index);
    row.getCell(1).value = index + 1;
    row.getCell(2).value = values.unitName;
    row.getCell(2).alignment = { wrapText: true, vertical: 'middle' };
    figures(row, values);
  });
  const totalRow = sheet.getRow(FIRST_DATA_ROW + report.rows.length);
  totalRow.getCell(2).value = 'Tổng cộng';
  figures(totalRow, report.total);
  totalRow.font = { bold: true };

  const notes = FIRST_DATA_ROW + report.rows.length + 2;
  sheet.getCell(notes, 1).value =
    'Ghi chú: hồ sơ đang chờ công dân bổ sung được tính trong hạn; đúng hạn là giải quyết xong trong ngày hẹn trả, không muộn hơn giờ hẹn; hạn là ngày hẹn trả khi tiếp nhận (hoặc ngày hẹn mới khi bổ sung hồ sơ làm tính lại thời hạn), không tính ngày hẹn lại sau văn bản xin lỗi. Cột (14) ngoài mẫu: (3) = (7) + (11) + (14).';
  sheet.mergeCells(notes, 1, notes, LAST_COLUMN);
  sheet.getCell(notes, 1).alignment = { wrapText: true, vertical: 'top' };
  sheet.getCell(notes, 1).font = { italic: true, size: 10 };
  sheet.getRow(notes).height = 30;
  sheet.mergeCells(notes + 2, 9, notes + 2, LAST_COLUMN);
  sheet.getCell(notes + 2, 9).value = `Tây Ninh, ${vietnameseDateWords(now)}`;
  sheet.getCell(notes + 2, 9).alignment = { horizontal: 'center' };
  sheet.getCell(notes + 2, 9).font = { italic: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
