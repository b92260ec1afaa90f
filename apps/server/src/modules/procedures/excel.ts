/**
 * The catalogue as an Excel workbook officials can edit: one sheet of procedures and one sheet
 * per repeated part (channels and fees, documents, internal steps). Import reads the same layout
 * and reports errors by sheet and row; nothing is saved unless every row is valid.
 */
import ExcelJS from 'exceljs';
import { Value } from 'typebox/value';
import { fieldError, invalid, type FieldError } from '../../http/errors';
import { ProcedureInputSchema, type ProcedureInput } from './model';
import type { Located } from './service';

const SHEETS = {
  procedures: 'Thủ tục',
  channels: 'Kênh nộp và phí',
  documents: 'Thành phần hồ sơ',
  cases: 'Trường hợp',
  steps: 'Quy trình nội bộ',
} as const;

const PROCEDURE_COLUMNS = [
  ['code', 'Mã thủ tục'],
  ['name', 'Tên thủ tục'],
  ['field', 'Lĩnh vực'],
  ['levels', 'Cấp thực hiện (central; province; district; commune)'],
  ['implementingAgency', 'Cơ quan thực hiện'],
  ['handlingUnitCode', 'Mã định danh đơn vị xử lý'],
  ['onlineLevel', 'Mức độ DVC trực tuyến (2–4)'],
  ['onlineClass', 'Phân loại DVC (toan-trinh; mot-phan; khong)'],
  ['result', 'Kết quả thực hiện'],
  ['legalBasis', 'Căn cứ pháp lý (phân cách bằng ;)'],
  ['supplementClock', 'Khi bổ sung hồ sơ (restart; pause)'],
  ['notes', 'Ghi chú nội bộ (không công khai)'],
  ['decision', 'Quyết định công bố'],
  ['effectiveFrom', 'Ngày hiệu lực (YYYY-MM-DD)'],
  ['formSchema', 'Biểu mẫu (JSON Schema, để trống = mặc định)'],
  // Last, so that a workbook exported before it existed still imports column by column.
  ['requirements', 'Yêu cầu, điều kiện thực hiện (công khai)'],
] as const;
const CHANNEL_COLUMNS = [
  'Mã thủ tục',
  'Kênh (online; counter; post)',
  'Thời hạn',
  'Đơn vị thời hạn (working-days; working-hours; calendar-days)',
  'Tên phí, lệ phí',
  'Mức thu (đồng)',
  'Ghi chú phí',
];
const DOCUMENT_COLUMNS = [
  'Mã thủ tục',
  'Mã thành phần',
  'Tên giấy tờ',
  'Số bản chính',
  'Số bản sao',
  'Mẫu đơn, tờ khai (URL)',
  'Bắt buộc (có/không)',
  'Chỉ khi thuộc trường hợp (mã, phân cách bằng ;)',
  'Chỉ cho kênh nộp (online; counter; post)',
  'Ghi chú',
];
const CASE_COLUMNS = [
  'Mã thủ tục',
  'Mã trường hợp',
  'Câu hỏi (các trường hợp cùng câu hỏi: chọn một)',
  'Tên trường hợp',
  'Ghi chú',
];
const STEP_COLUMNS = [
  'Mã thủ tục',
  'Mã bước',
  'Tên bước',
  'Vai trò (receiving_officer; specialist; leader)',
  'Thời gian (giờ làm việc)',
];

function header(sheet: ExcelJS.Worksheet, titles: readonly string[]) {
  sheet.addRow([...titles]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  titles.forEach((_, index) => (sheet.getColumn(index + 1).width = index === 1 ? 60 : 24));
}

export async function exportWorkbook(records: ProcedureInput[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống thông tin giải quyết TTHC tỉnh Tây Ninh';
  const procedures = workbook.addWorksheet(SHEETS.procedures);
  header(
    procedures,
    PROCEDURE_COLUMNS.map(([, title]) => title),
  );
  const channels = workbook.addWorksheet(SHEETS.channels);
  header(channels, CHANNEL_COLUMNS);
  const documents = workbook.addWorksheet(SHEETS.documents);
  header(documents, DOCUMENT_COLUMNS);
  const cases = workbook.addWorksheet(SHEETS.cases);
  header(cases, CASE_COLUMNS);
  const steps = workbook.addWorksheet(SHEETS.steps);
  header(steps, STEP_COLUMNS);
  for (const record of records) {
    procedures.addRow([
      record.code,
      record.name,
      record.field,
      record.levels.join('; '),
      record.implementingAgency,
      record.handlingUnitCode ?? '',
      record.onlineLevel ?? '',
      record.onlineClass ?? '',
      record.result,
      record.legalBasis.join('; '),
      record.deadlinePolicy?.supplementClock ?? 'restart',
      record.notes ?? '',
      record.decision ?? '',
      record.effectiveFrom ?? '',
      record.formSchema ? JSON.stringify(record.formSchema) : '',
      record.requirements ?? '',
    ]);
    for (const channel of record.channels) {
      const fees = channel.fees.length > 0 ? channel.fees : [null];
      for (const fee of fees) {
        channels.addRow([
          record.code,
          channel.channel,
          channel.duration?.amount ?? '',
          channel.duration?.unit ?? '',
          fee?.name ?? '',
          fee?.amountVnd ?? '',
          fee?.note ?? '',
        ]);
      }
    }
    for (const doc of record.documents) {
      documents.addRow([
        record.code,
        doc.code ?? '',
        doc.name,
        doc.originals,
        doc.copies,
        doc.templateUrl ?? '',
        doc.required === false ? 'không' : 'có',
        (doc.cases ?? []).join('; '),
        (doc.channels ?? []).join('; '),
        doc.note ?? '',
      ]);
    }
    for (const item of record.subCases ?? [])
      cases.addRow([record.code, item.code, item.group ?? '', item.name, item.note ?? '']);
    for (const step of record.steps ?? [])
      steps.addRow([record.code, step.code, step.name, step.role, step.hours]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(row: ExcelJS.Row, column: number): string {
  const value = row.getCell(column).value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value) return textOf(value.text);
    if ('result' in value) return textOf(value.result);
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return '';
  }
  return textOf(value);
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return '';
}

const list = (text: string) =>
  text
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);
const numberOr = (text: string): number | string =>
  text !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;

/** Parses a workbook into records located by sheet and row; throws 422 with every problem found. */
export async function importWorkbook(data: Buffer): Promise<Located<ProcedureInput>[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid([
      fieldError(
        '/',
        'not_xlsx',
        'Tệp không phải bảng tính Excel (.xlsx) hợp lệ.',
        'Not a valid .xlsx workbook.',
      ),
    ]);
  }
  const errors: FieldError[] = [];
  const sheet = (name: string) => {
    const found = workbook.getWorksheet(name);
    if (!found)
      errors.push(
        fieldError(`/${name}`, 'missing_sheet', `Thiếu trang tính "${name}".`, `Missing sheet "${name}".`),
      );
    return found;
  };
  const procedures = sheet(SHEETS.procedures);
  const channels = sheet(SHEETS.channels);
  const documents = sheet(SHEETS.documents);
  const steps = workbook.getWorksheet(SHEETS.steps);
  // Optional: workbooks exported before cases existed have no such sheet.
  const cases = workbook.getWorksheet(SHEETS.cases);
  if (!procedures || !channels || !documents) throw invalid(errors);

  const byCode = new Map<string, { location: string; record: Record<string, unknown> }>();
  procedures.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = Object.fromEntries(
      PROCEDURE_COLUMNS.map(([key], index) => [key, cellText(row, index + 1)]),
    );
    if (!values.code && !values.name) return;
    const location = `${SHEETS.procedures}!R${rowNumber}`;
    const record: Record<string, unknown> = {
      code: values.code,
      name: values.name,
      field: values.field,
      levels: list(values.levels ?? ''),
      implementingAgency: values.implementingAgency,
      handlingUnitCode: values.handlingUnitCode || null,
      onlineLevel: values.onlineLevel ? numberOr(values.onlineLevel) : null,
      onlineClass: values.onlineClass || null,
      result: values.result,
      legalBasis: list(values.legalBasis ?? ''),
      deadlinePolicy: { supplementClock: values.supplementClock || 'restart' },
      notes: values.notes || null,
      requirements: values.requirements || null,
      decision: values.decision || null,
      channels: [],
      documents: [],
    };
    if (values.effectiveFrom) record.effectiveFrom = values.effectiveFrom;
    if (values.formSchema) {
      try {
        record.formSchema = JSON.parse(values.formSchema);
      } catch {
        errors.push(
          fieldError(
            `${location}/formSchema`,
            'not_json',
            'Cột biểu mẫu không phải JSON hợp lệ.',
            'formSchema is not valid JSON.',
          ),
        );
      }
    }
    if (byCode.has(String(values.code))) {
      errors.push(
        fieldError(
          `${location}/code`,
          'duplicate',
          `Mã thủ tục ${values.code} bị trùng với ${byCode.get(String(values.code))!.location}.`,
          'Duplicate code.',
        ),
      );
      return;
    }
    byCode.set(String(values.code), { location, record });
  });

  const attach = (
    target: ExcelJS.Worksheet,
    name: string,
    handle: (record: Record<string, unknown>, row: ExcelJS.Row, location: string) => void,
  ) => {
    target.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const code = cellText(row, 1);
      if (!code) return;
      const location = `${name}!R${rowNumber}`;
      const owner = byCode.get(code);
      if (!owner) {
        errors.push(
          fieldError(
            location,
            'unknown_procedure',
            `Mã thủ tục ${code} không có trong trang "${SHEETS.procedures}".`,
            `Code ${code} is not in the procedures sheet.`,
          ),
        );
        return;
      }
      handle(owner.record, row, location);
    });
  };
  attach(channels, SHEETS.channels, (record, row) => {
    const list = record.channels as Array<Record<string, unknown>>;
    const channel = cellText(row, 2);
    let entry = list.find((item) => item.channel === channel);
    if (!entry) {
      const amount = cellText(row, 3);
      entry = {
        channel,
        duration: amount === '' ? null : { amount: numberOr(amount), unit: cellText(row, 4) },
        fees: [],
      };
      list.push(entry);
    }
    const feeName = cellText(row, 5);
    if (feeName) {
      const amount = cellText(row, 6);
      const note = cellText(row, 7);
      (entry.fees as unknown[]).push({
        name: feeName,
        amountVnd: amount === '' ? null : numberOr(amount),
        ...(note ? { note } : {}),
      });
    }
  });
  attach(documents, SHEETS.documents, (record, row) => {
    const templateUrl = cellText(row, 6);
    const code = cellText(row, 2);
    const onlyCases = list(cellText(row, 8));
    const onlyChannels = list(cellText(row, 9));
    const note = cellText(row, 10);
    (record.documents as unknown[]).push({
      ...(code ? { code } : {}),
      name: cellText(row, 3),
      originals: numberOr(cellText(row, 4) || '0'),
      copies: numberOr(cellText(row, 5) || '0'),
      templateUrl: templateUrl || null,
      required: !['không', 'khong', 'no', 'false', '0'].includes(cellText(row, 7).toLowerCase()),
      ...(onlyCases.length > 0 ? { cases: onlyCases } : {}),
      ...(onlyChannels.length > 0 ? { channels: onlyChannels } : {}),
      ...(note ? { note } : {}),
    });
  });
  if (cases) {
    attach(cases, SHEETS.cases, (record, row) => {
      const group = cellText(row, 3);
      const note = cellText(row, 5);
      const items = (record.subCases as unknown[] | undefined) ?? [];
      items.push({
        code: cellText(row, 2),
        name: cellText(row, 4),
        ...(group ? { group } : {}),
        ...(note ? { note } : {}),
      });
      record.subCases = items;
    });
  }
  if (steps) {
    attach(steps, SHEETS.steps, (record, row) => {
      const list = (record.steps as unknown[] | undefined) ?? [];
      list.push({
        code: cellText(row, 2),
        name: cellText(row, 3),
        role: cellText(row, 4),
        hours: numberOr(cellText(row, 5)),
      });
      record.steps = list;
    });
  }

  const located: Located<ProcedureInput>[] = [];
  for (const { location, record } of byCode.values()) {
    if (!Value.Check(ProcedureInputSchema, record)) {
      for (const error of Value.Errors(ProcedureInputSchema, record)) {
        errors.push(
          fieldError(
            `${location}${error.instancePath}`,
            error.keyword,
            excelMessage(error.instancePath, error.keyword),
            error.message,
          ),
        );
      }
      continue;
    }
    located.push({ location, record: record });
  }
  if (errors.length > 0)
    throw invalid(errors.slice(0, 500), 'Tệp Excel có lỗi; chưa có thủ tục nào được lưu.');
  return located;
}

function excelMessage(path: string, keyword: string): string {
  const field = path.split('/').filter(Boolean).join(' › ') || 'bản ghi';
  if (keyword === 'required') return `Thiếu dữ liệu bắt buộc (${field}).`;
  if (keyword === 'pattern' || keyword === 'format') return `Giá trị "${field}" không đúng định dạng.`;
  if (keyword === 'minItems')
    return `"${field}" cần ít nhất một dòng (ví dụ kênh nộp trong trang "${SHEETS.channels}").`;
  return `Giá trị "${field}" không hợp lệ (${keyword}).`;
}
