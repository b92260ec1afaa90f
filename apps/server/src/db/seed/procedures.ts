/**
 * The demo catalogue: the 50 real procedure records of data/procedures-sample.json, mapped to the
 * catalogue format. Where the records are silent or inconsistent, the mapping below chooses what
 * an official would expect and says why.
 */
import type { ProcedureInput } from '../../modules/procedures/model';
import sample from './data/procedures-sample.json';

type SampleProcedure = (typeof sample.procedures)[number];

const CHANNEL: Record<string, 'online' | 'counter' | 'post'> = {
  'truc-tuyen': 'online',
  'truc-tiep': 'counter',
  'buu-chinh': 'post',
};
const UNIT: Record<string, 'working-days' | 'working-hours' | 'calendar-days'> = {
  'working-days': 'working-days',
  // The portal writes "Ngày" without "làm việc": counted as calendar days (BLDS Điều 147).
  days: 'calendar-days',
  // "1 Giờ" (e.g. notifying a temporary absence) is counted in office hours.
  hours: 'working-hours',
};

/** The provincial department that handles a province-level procedure, from its field. */
function handlingUnitCode(record: SampleProcedure): string | null {
  if (record.level !== 'tinh') return null; // commune procedures are handled by every commune
  const field = record.field;
  if (/Công an|Bảo hiểm/.test(field)) return null; // not a unit of the provincial People's Committee
  if (/Tư pháp/.test(field)) return '000.00.14.H53';
  if (/Xây dựng/.test(field)) return '000.00.16.H53';
  if (/Đất đai|Tài nguyên|Môi trường/.test(field)) return '000.00.12.H53';
  if (/doanh nghiệp/i.test(field)) return '000.00.11.H53';
  if (/Giáo dục/.test(field)) return '000.00.03.H53';
  if (/Người có công|Nội vụ/.test(field)) return '000.00.09.H53';
  return null;
}

export function sampleToInput(record: SampleProcedure): ProcedureInput {
  const sameDay = /trong ngày/i.test(record.notes ?? '');
  const channels = record.channels.map((channel) => ({
    channel: CHANNEL[channel.channel]!,
    // No published time: a same-day procedure (per its notes) is 0 working days; otherwise unknown.
    duration:
      channel.duration.amount === null
        ? sameDay
          ? { amount: 0, unit: 'working-days' as const }
          : null
        : { amount: channel.duration.amount, unit: UNIT[channel.duration.unit] ?? 'working-days' },
    fees: channel.fees.map((fee) => ({
      name: fee.name,
      amountVnd: fee.amountVnd,
      ...(fee.note ? { note: fee.note } : {}),
    })),
  }));
  const hasOnline = channels.some((channel) => channel.channel === 'online');
  // A handbook that says "toàn trình" while the portal lists no online channel is not trusted.
  const onlineClass =
    record.onlineLevel === 'unknown' || !hasOnline ? null : (record.onlineLevel as 'toan-trinh' | 'mot-phan');
  return {
    code: record.code,
    name: record.name,
    field: record.field,
    levels: [record.level === 'tinh' ? 'province' : 'commune'],
    implementingAgency: record.agency,
    handlingUnitCode: handlingUnitCode(record),
    // NĐ 42/2022 classes map to the old levels: toàn trình ≈ level 4, một phần ≈ level 3.
    onlineLevel: onlineClass === 'toan-trinh' ? 4 : onlineClass === 'mot-phan' ? 3 : null,
    onlineClass,
    channels,
    documents: record.documents.map((doc) => ({
      name: doc.name,
      originals: doc.originals,
      copies: doc.copies,
    })),
    result: record.result,
    legalBasis: record.legalBasis,
    notes: record.notes,
    decision: null,
    effectiveFrom: '2025-07-01',
  };
}

export function demoProcedures(): ProcedureInput[] {
  return sample.procedures.map(sampleToInput);
}
