/** Reading an import file in the browser before sending it (JSON is parsed here, Excel as is). */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ImportKind = 'json' | 'xlsx';

export function importKind(fileName: string): ImportKind | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export type ParsedJson =
  { ok: true; records: unknown[] } | { ok: false; problem: 'syntax' | 'notList'; message?: string };

/** The records of a JSON import file: it must be a list. */
export function parseImportJson(text: string): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problem: 'syntax', message: (error as Error).message };
  }
  return Array.isArray(value) ? { ok: true, records: value } : { ok: false, problem: 'notList' };
}

/**
 * Where a row error points, as an official reads it: "/3/channels/0/duration" → "#4 › channels ›
 * 1 › duration" for JSON (records counted from 1); Excel locations ("Thủ tục!R5/name") stay.
 */
export function readableLocation(field: string): string {
  const parts = field.split('/').filter(Boolean);
  if (parts.length === 0) return field || '/';
  if (/^\d+$/.test(parts[0]!)) {
    const [record, ...rest] = parts;
    return [
      `#${Number(record) + 1}`,
      ...rest.map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part)),
    ].join(' › ');
  }
  return parts.join(' › ');
}
