/**
 * A register of Phụ lục IV on paper and in a spreadsheet: A4 landscape PDF with every column
 * (the headings of the form, the column numbers (1)…(n) below them as a paper book has, the
 * agency above the national motto, the period, page numbers) and the same table as an Excel
 * workbook, for the văn thư to print, sign and bind each year (Điều 16.2.b, 22.3.b).
 */
import ExcelJS from 'exceljs';
import { A4_LANDSCAPE, SlipWriter, type Style } from '../../../lib/pdf';
import { formatVietnamDate } from '../../../lib/time';
import { REGISTER_COLUMNS, REGISTER_TITLES, type RegisterKind } from './query';

export interface RegisterSheet {
  register: RegisterKind;
  agency: { name: string; parentName: string | null };
  from: string;
  to: string;
  secret: boolean;
  rows: string[][];
}

/** Relative column widths of each book. */
const WIDTHS: Record<RegisterKind, number[]> = {
  outgoing: [9, 7, 22, 11, 16, 10, 5, 7, 6, 10],
  incoming: [7, 5, 12, 9, 7, 22, 12, 7, 6, 9],
  tracking: [5, 24, 14, 8, 14, 10, 18],
};

const periodText = (sheet: RegisterSheet) =>
  `Từ ngày ${formatVietnamDate(sheet.from)} đến ngày ${formatVietnamDate(sheet.to)}`;
const titleOf = (sheet: RegisterSheet) => `${REGISTER_TITLES[sheet.register]}${sheet.secret ? ' (MẬT)' : ''}`;

export async function registerPdf(sheet: RegisterSheet): Promise<Uint8Array> {
  const title = titleOf(sheet);
  const writer = await SlipWriter.create(
    A4_LANDSCAPE,
    `${title} - ${sheet.agency.name} - ${periodText(sheet)}`,
  );
  const agency: Array<[string, Style]> = [[sheet.agency.name.toUpperCase(), 'bold']];
  if (sheet.agency.parentName) agency.unshift([sheet.agency.parentName.toUpperCase(), 'regular']);
  writer.columns(agency, [
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold'],
    ['Độc lập - Tự do - Hạnh phúc', 'bold'],
  ]);
  writer.text(title, { size: 14, style: 'bold', align: 'center' });
  writer.text(periodText(sheet), { size: 10, style: 'italic', align: 'center', gap: 6 });
  const columns = REGISTER_COLUMNS[sheet.register];
  writer.table(
    columns.map((name, i) => `${name}\n(${i + 1})`),
    WIDTHS[sheet.register],
    sheet.rows,
    7.5,
  );
  writer.text(
    sheet.rows.length > 0 ? `Tổng số: ${sheet.rows.length} dòng.` : 'Không có văn bản nào trong kỳ.',
    { size: 9, style: 'italic' },
  );
  writer.pageNumbers((page, total) => `${sheet.agency.name} - ${title} - Trang ${page}/${total}`);
  return writer.save();
}

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function registerWorkbook(sheet: RegisterSheet, now = new Date()): Promise<Buffer> {
  const columns = REGISTER_COLUMNS[sheet.register];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống quản lý văn bản tỉnh Tây Ninh';
  workbook.created = now;
  const ws = workbook.addWorksheet(titleOf(sheet).slice(0, 31), {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  WIDTHS[sheet.register].forEach((width, i) => (ws.getColumn(i + 1).width = width * 1.8));
  const line = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, columns.length);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  line(1, sheet.agency.name.toUpperCase(), { bold: true });
  line(2, titleOf(sheet), { bold: true, size: 14 });
  line(3, periodText(sheet), { italic: true });
  const header = ws.getRow(5);
  const numbers = ws.getRow(6);
  columns.forEach((name, i) => {
    Object.assign(header.getCell(i + 1), {
      value: name,
      font: { bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: BORDER,
    });
    Object.assign(numbers.getCell(i + 1), {
      value: `(${i + 1})`,
      font: { italic: true },
      alignment: { horizontal: 'center' },
      border: BORDER,
    });
  });
  header.height = 45;
  sheet.rows.forEach((cells, r) => {
    const row = ws.getRow(7 + r);
    cells.forEach((value, i) =>
      Object.assign(row.getCell(i + 1), {
        value,
        alignment: { vertical: 'top', wrapText: true },
        border: BORDER,
      }),
    );
  });
  ws.views = [{ state: 'frozen', ySplit: 6 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
