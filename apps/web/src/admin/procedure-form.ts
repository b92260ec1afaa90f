/**
 * The procedure editor's form values and their conversion to and from the catalogue record
 * (PUT /api/admin/procedures/:code takes the whole record and makes a new version of it).
 * Fields the editor does not show (form schema, sub-cases, internal steps…) are kept as loaded.
 */
import type { paths } from '../api/schema';
import { CHANNELS } from '@tayninh/domain/dossiers/documents';
export { CHANNELS };

export type Procedure =
  paths['/api/procedures/{code}']['get']['responses'][200]['content']['application/json'];
export type ProcedureWrite = NonNullable<
  paths['/api/admin/procedures/{code}']['put']['requestBody']
>['content']['application/json'];
export type ProcedureSummary =
  paths['/api/procedures']['get']['responses'][200]['content']['application/json']['items'][number];

export type ChannelCode = (typeof CHANNELS)[number];
export const DURATION_UNITS = ['working-days', 'working-hours', 'calendar-days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const LEVELS = ['central', 'province', 'district', 'commune'] as const;
export const ONLINE_CLASSES = ['toan-trinh', 'mot-phan', 'khong'] as const;
export const HOURS_PER_DAY = 8;

export interface FeeValues {
  name: string;
  amount: number | string;
  note: string;
}

export interface ChannelValues {
  channel: ChannelCode;
  enabled: boolean;
  /** Empty when the catalogue publishes no processing time. */
  amount: number | string;
  unit: DurationUnit;
  fees: FeeValues[];
}

export interface DocumentValues {
  code: string;
  name: string;
  originals: number | string;
  copies: number | string;
  required: boolean;
  templateUrl: string | null;
}

export interface ProcedureFormValues {
  name: string;
  field: string;
  levels: string[];
  implementingAgency: string;
  onlineLevel: string | null;
  onlineClass: string | null;
  channels: ChannelValues[];
  documents: DocumentValues[];
  result: string;
  legalBasis: string;
  requirements: string;
  notes: string;
  decision: string;
  effectiveFrom: string;
  reason: string;
}

function isChannel(value: string): value is ChannelCode {
  return (CHANNELS as readonly string[]).includes(value);
}

function isUnit(value: string): value is DurationUnit {
  return (DURATION_UNITS as readonly string[]).includes(value);
}

/** The loaded record as form values; the new version applies from today (or the current version's start). */
export function toFormValues(procedure: Procedure, today: string): ProcedureFormValues {
  const loaded = procedure.channels.filter((channel) => isChannel(channel.channel));
  const missing = CHANNELS.filter((code) => !loaded.some((channel) => channel.channel === code));
  const channels: ChannelValues[] = [
    ...loaded.map((channel) => ({
      channel: channel.channel as ChannelCode,
      enabled: true,
      amount: channel.duration?.amount ?? '',
      unit: channel.duration && isUnit(channel.duration.unit) ? channel.duration.unit : 'working-days',
      fees: channel.fees.map((fee) => ({
        name: fee.name,
        amount: fee.amountVnd ?? '',
        note: fee.note ?? '',
      })),
    })),
    ...missing.map((code) => ({
      channel: code,
      enabled: false,
      amount: '',
      unit: 'working-days' as const,
      fees: [],
    })),
  ];
  return {
    name: procedure.name,
    field: procedure.field.name,
    levels: [...procedure.levels],
    implementingAgency: procedure.implementingAgency,
    onlineLevel: procedure.onlineLevel === null ? null : String(procedure.onlineLevel),
    onlineClass: procedure.onlineClass,
    channels,
    documents: procedure.documents.map((doc) => ({
      code: doc.code,
      name: doc.name,
      originals: doc.originals,
      copies: doc.copies,
      required: doc.required,
      templateUrl: doc.templateUrl,
    })),
    result: procedure.result,
    legalBasis: procedure.legalBasis.join('\n'),
    requirements: procedure.requirements ?? '',
    notes: procedure.notes ?? '',
    decision: procedure.decision ?? '',
    effectiveFrom: procedure.effectiveFrom > today ? procedure.effectiveFrom : today,
    reason: '',
  };
}

function toNumber(value: number | string): number | null {
  if (value === '' || value === null) return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/** A document code not yet used in the list (tp1, tp2…). */
export function freeDocumentCode(documents: Array<{ code: string }>): string {
  const used = new Set(documents.map((doc) => doc.code));
  let index = documents.length + 1;
  while (used.has(`tp${index}`)) index += 1;
  return `tp${index}`;
}

/** Working hours budget of the counter (or first) channel; null when no time is published. */
export function budgetHours(channels: ProcedureWrite['channels']): number | null {
  const reference = channels.find((channel) => channel.channel === 'counter') ?? channels[0];
  const duration = reference?.duration;
  if (!duration) return null;
  return duration.unit === 'working-hours' ? duration.amount : duration.amount * HOURS_PER_DAY;
}

type Step = Procedure['steps'][number];

/**
 * Spreads a new time budget over the internal steps in proportion to their old budgets (in half
 * hours, the remainder on the longest step), so that the steps still add up to the time limit.
 */
export function rebudgetSteps(steps: Step[], total: number | null): Step[] {
  if (total === null || steps.length === 0) return steps;
  const sum = steps.reduce((acc, step) => acc + step.hours, 0);
  if (Math.abs(sum - total) < 1e-9) return steps;
  const half = (value: number) => Math.round(value * 2) / 2;
  const scaled = steps.map((step) => ({
    ...step,
    hours: sum > 0 ? half((step.hours * total) / sum) : 0,
  }));
  const longest = scaled.reduce(
    (best, step, index) => (step.hours > scaled[best]!.hours ? index : best),
    sum > 0 ? 0 : Math.min(1, scaled.length - 1),
  );
  const rest = total - scaled.reduce((acc, step) => acc + step.hours, 0);
  scaled[longest] = { ...scaled[longest]!, hours: Math.max(0, scaled[longest]!.hours + rest) };
  return scaled;
}

/** The record to PUT: the loaded one with the edited fields replaced. */
export function toWrite(procedure: Procedure, values: ProcedureFormValues): ProcedureWrite {
  const channels: ProcedureWrite['channels'] = values.channels
    .filter((channel) => channel.enabled)
    .map((channel) => {
      const amount = toNumber(channel.amount);
      return {
        channel: channel.channel,
        duration: amount === null ? null : { amount, unit: channel.unit },
        fees: channel.fees.map((fee) => ({
          name: fee.name.trim(),
          amountVnd: toNumber(fee.amount),
          ...(fee.note.trim() ? { note: fee.note.trim() } : {}),
        })),
      };
    });
  const documents: ProcedureWrite['documents'] = values.documents.map((doc, index, all) => ({
    code: doc.code || freeDocumentCode(all.slice(0, index).concat(all.slice(index + 1))),
    name: doc.name.trim(),
    originals: toNumber(doc.originals) ?? 0,
    copies: toNumber(doc.copies) ?? 0,
    templateUrl: doc.templateUrl,
    required: doc.required,
  }));
  const steps = procedure.steps.map((step) => ({
    ...step,
    role: step.role as NonNullable<ProcedureWrite['steps']>[number]['role'],
  }));
  return {
    code: procedure.code,
    name: values.name.trim(),
    field: values.field.trim(),
    levels: values.levels as ProcedureWrite['levels'],
    implementingAgency: values.implementingAgency.trim(),
    handlingUnitCode: procedure.handlingUnit?.agencyCode ?? null,
    onlineLevel: values.onlineLevel ? Number(values.onlineLevel) : null,
    onlineClass: (values.onlineClass as ProcedureWrite['onlineClass']) ?? null,
    channels,
    documents,
    result: values.result.trim(),
    legalBasis: values.legalBasis
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    subCases: procedure.subCases,
    steps: rebudgetSteps(steps, budgetHours(channels)) as ProcedureWrite['steps'],
    formSchema: procedure.formSchema,
    deadlinePolicy: procedure.deadlinePolicy as ProcedureWrite['deadlinePolicy'],
    requirements: values.requirements.trim() || null,
    notes: values.notes.trim() || null,
    decision: values.decision.trim() || null,
    effectiveFrom: values.effectiveFrom,
    reason: values.reason.trim(),
  };
}

/** The time limit of a channel in words' parts, for lists: amount and unit, or null. */
export function channelDuration(
  channels: ProcedureSummary['channels'],
  code: ChannelCode = 'counter',
): { amount: number; unit: string } | null {
  const channel = channels.find((item) => item.channel === code) ?? channels[0];
  return channel?.duration ?? null;
}

/** What is wrong with a field of the editor, as a message key and its values. */
export interface FormProblem {
  key:
    | 'required'
    | 'levelsRequired'
    | 'oneChannel'
    | 'onlineChannelNeeded'
    | 'amountInvalid'
    | 'effectiveFromTooEarly'
    | 'reasonRequired';
  field?: string;
  date?: string;
}

function validAmount(value: number | string): boolean {
  if (value === '') return true;
  const number = toNumber(value);
  return number !== null && number >= 0 && number <= 1000 && Number.isInteger(number * 2);
}

/** The editor's checks (the server's schema and semantic checks on the fields it shows). */
export function procedureProblems(
  values: ProcedureFormValues,
  currentFrom: string,
): Record<string, FormProblem> {
  const problems: Record<string, FormProblem> = {};
  const required = (path: string, value: string, field: string) => {
    if (!value.trim()) problems[path] = { key: 'required', field };
  };
  required('name', values.name, 'name');
  required('field', values.field, 'field');
  required('implementingAgency', values.implementingAgency, 'implementingAgency');
  required('result', values.result, 'result');
  if (values.levels.length === 0) problems.levels = { key: 'levelsRequired' };
  const enabled = values.channels.filter((channel) => channel.enabled);
  if (enabled.length === 0) problems.channels = { key: 'oneChannel' };
  const needsOnline =
    values.onlineLevel === '3' ||
    values.onlineLevel === '4' ||
    values.onlineClass === 'toan-trinh' ||
    values.onlineClass === 'mot-phan';
  if (needsOnline && !enabled.some((channel) => channel.channel === 'online'))
    problems.onlineLevel = { key: 'onlineChannelNeeded' };
  values.channels.forEach((channel, index) => {
    if (!channel.enabled) return;
    if (!validAmount(channel.amount)) problems[`channels.${index}.amount`] = { key: 'amountInvalid' };
    channel.fees.forEach((fee, feeIndex) =>
      required(`channels.${index}.fees.${feeIndex}.name`, fee.name, 'feeName'),
    );
  });
  values.documents.forEach((doc, index) => required(`documents.${index}.name`, doc.name, 'documentName'));
  if (!values.effectiveFrom) problems.effectiveFrom = { key: 'required', field: 'effectiveFrom' };
  else if (values.effectiveFrom < currentFrom)
    problems.effectiveFrom = { key: 'effectiveFromTooEarly', date: currentFrom };
  if (!values.reason.trim()) problems.reason = { key: 'reasonRequired' };
  return problems;
}
