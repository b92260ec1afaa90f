/**
 * The demo catalogue: the 50 real procedure records of data/procedures-sample.json, mapped to the
 * catalogue format. Where the records are silent or inconsistent, the mapping below chooses what
 * an official would expect and says why.
 */
import type { ProcedureInput } from '../../modules/procedures';
import published from './data/procedure-requirements.json';
import sample from './data/procedures-sample.json';
import forms from './data/procedure-forms.json';
import { REORGANISATION_2025 } from './departments-2025';

type SampleProcedure = (typeof sample.procedures)[number];
type ResearchedForm = (typeof forms.procedures)[number];

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

/**
 * Sở Nông nghiệp và Môi trường, which took over land and environment from Sở Tài nguyên và Môi
 * trường (000.00.12.H53, closed on 1/3/2025): its code is read from the reorganisation data
 * (derived, unconfirmed there), so that the two cannot disagree.
 */
const AGRICULTURE_ENVIRONMENT = REORGANISATION_2025.units.find(
  (unit) => unit.key === 'tn/nong-nghiep-moi-truong',
)!.agencyCode!;

/**
 * The provincial department that handles a province-level procedure, from its field: the
 * department in force when the catalogue takes effect (1/7/2025, after the mergers of 1/3/2025:
 * business registration is with Sở Tài chính, people with merit with Sở Nội vụ).
 */
function handlingUnitCode(record: SampleProcedure): string | null {
  if (record.level !== 'tinh') return null; // commune procedures are handled by every commune
  const field = record.field;
  if (/Công an|Bảo hiểm/.test(field)) return null; // not a unit of the provincial People's Committee
  if (/Tư pháp/.test(field)) return '000.00.14.H53';
  if (/Xây dựng/.test(field)) return '000.00.16.H53';
  if (/Đất đai|Tài nguyên|Môi trường/.test(field)) return AGRICULTURE_ENVIRONMENT;
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
      // "(nếu có)", "(trường hợp …)": only some applicants have it. Without the cases of the
      // procedure researched (procedure-forms.json), it is optional rather than forced on all.
      ...(CONDITIONAL.test(doc.name) ? { required: false } : {}),
    })),
    result: record.result,
    legalBasis: record.legalBasis,
    // The record's notes are the compilers' remarks (internal); what citizens need of them is
    // published as requirements (data/procedure-requirements.json).
    requirements: (published.requirements as Record<string, string>)[record.code] ?? null,
    notes: record.notes,
    decision: null,
    effectiveFrom: '2025-07-01',
  };
}

const CONDITIONAL = /\((nếu|trường hợp)\b/i;

/**
 * The official declaration form of a researched procedure (data/procedure-forms.json, its
 * sources and doubts in data/README-catalogue.md): its fields become the online form, and the
 * documents are listed per case and channel. The form's source is cited in the schema
 * (`description`, `x-sources`), and the circulars it comes from join the legal basis.
 */
export function withResearchedForm(input: ProcedureInput, form: ResearchedForm | undefined): ProcedureInput {
  if (!form) return input;
  const sources = form.declaration.sourceIds
    .map((id) => forms.sources.find((source) => source.id === id))
    .filter((source) => source !== undefined);
  const circulars = sources
    .map((source) => /(\d+\/\d{4}\/(?:TT|NĐ)-[A-ZĐ]+)/.exec(source.title)?.[1])
    .filter((code): code is string => code !== undefined && !input.legalBasis.includes(code));
  return {
    ...input,
    formSchema: {
      ...form.formSchema,
      description: form.declaration.source,
      'x-declaration': form.declaration.name,
      'x-confirmed': form.declaration.confirmed,
      'x-sources': sources.map((source) => source.title),
    },
    subCases: form.subCases,
    documents: form.documents as ProcedureInput['documents'],
    legalBasis: [...input.legalBasis, ...new Set(circulars)],
  };
}

export function demoProcedures(): ProcedureInput[] {
  return sample.procedures.map((record) =>
    withResearchedForm(
      sampleToInput(record),
      forms.procedures.find((form) => form.code === record.code),
    ),
  );
}
