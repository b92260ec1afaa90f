/**
 * A catalogue record (NĐ 63/2010 Điều 8.2; fields of the national catalogue, one-stop-shop notes
 * §6) as the API, JSON import and Excel import accept it, and the pure checks applied to it.
 */
import { createHash } from 'node:crypto';
import { StringEnum, Nullable } from '../../http/schemas';
import { Type, type Static } from 'typebox';
import type { FieldError } from '../../http/errors';
import { fieldError } from '../../http/errors';
import { createFormAjv } from '../../http/validation';
import { DURATION_UNITS } from '../calendar';
import { defaultFormSchema } from './forms';
import { caseQuestions, CHANNELS } from '@tayninh/domain/dossiers/documents';
import { AGENCY_CODE_PATTERN, PROCEDURE_CODE_PATTERN } from '@tayninh/domain/org/codes';

export const LEVELS = ['central', 'province', 'district', 'commune'] as const;
export const LEVEL_NAMES: Record<(typeof LEVELS)[number], string> = {
  central: 'Cấp trung ương',
  province: 'Cấp tỉnh',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
};
export { CHANNELS };
export const CHANNEL_NAMES: Record<(typeof CHANNELS)[number], string> = {
  online: 'Trực tuyến',
  counter: 'Trực tiếp',
  post: 'Dịch vụ bưu chính',
};
export const ONLINE_CLASSES = ['toan-trinh', 'mot-phan', 'khong'] as const;
export const STEP_ROLES = ['receiving_officer', 'specialist', 'leader'] as const;
export { PROCEDURE_CODE_PATTERN };

const Fee = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    amountVnd: Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000_000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const Channel = Type.Object(
  {
    channel: StringEnum(CHANNELS),
    /** null when the catalogue publishes no processing time ("Không có thông tin"). */
    duration: Nullable(
      Type.Object(
        {
          amount: Type.Number({ minimum: 0, maximum: 1000, multipleOf: 0.5 }),
          unit: StringEnum(DURATION_UNITS),
        },
        { additionalProperties: false },
      ),
    ),
    fees: Type.Array(Fee, { maxItems: 30 }),
  },
  { additionalProperties: false },
);

const DocumentItem = Type.Object(
  {
    code: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,30}$' })),
    name: Type.String({ minLength: 1, maxLength: 2000 }),
    originals: Type.Integer({ minimum: 0, maximum: 20 }),
    copies: Type.Integer({ minimum: 0, maximum: 20 }),
    templateUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    /** false: optional in every case (default true: required wherever it applies). */
    required: Type.Optional(Type.Boolean()),
    /** Asked for only in these cases (codes of `subCases`); absent: in every case. */
    cases: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,30}$' }), { maxItems: 50, uniqueItems: true }),
    ),
    /** Asked for only through these channels (the paper form at the counter…); absent: every channel. */
    channels: Type.Optional(
      Type.Array(StringEnum(CHANNELS), { minItems: 1, maxItems: 3, uniqueItems: true }),
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const Step = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9-]{1,30}$' }),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    role: StringEnum(STEP_ROLES),
    hours: Type.Number({ minimum: 0, maximum: 8000, multipleOf: 0.5 }),
  },
  { additionalProperties: false },
);

/**
 * A case (trường hợp) that changes the documents required. Cases sharing a `group` are the
 * answers of one question (the group is the question as the applicant reads it); the applicant
 * picks exactly one per question (packages/domain dossiers/documents.ts).
 */
const SubCase = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9-]{1,30}$' }),
    name: Type.String({ minLength: 1, maxLength: 1000 }),
    group: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ProcedureInputSchema = Type.Object(
  {
    code: Type.String({ pattern: PROCEDURE_CODE_PATTERN, description: 'Mã TTHC, ví dụ 1.001193' }),
    name: Type.String({ minLength: 1, maxLength: 1000 }),
    field: Type.String({ minLength: 1, maxLength: 300, description: 'Lĩnh vực' }),
    levels: Type.Array(StringEnum(LEVELS), { minItems: 1, maxItems: 4, uniqueItems: true }),
    implementingAgency: Type.String({ minLength: 1, maxLength: 1000 }),
    handlingUnitCode: Type.Optional(Nullable(Type.String({ pattern: AGENCY_CODE_PATTERN }))),
    onlineLevel: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 4 }))),
    onlineClass: Type.Optional(Nullable(StringEnum(ONLINE_CLASSES))),
    channels: Type.Array(Channel, { minItems: 1, maxItems: 3 }),
    documents: Type.Array(DocumentItem, { maxItems: 100 }),
    result: Type.String({ minLength: 1, maxLength: 2000 }),
    legalBasis: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 100 }),
    subCases: Type.Optional(Type.Array(SubCase, { maxItems: 50 })),
    steps: Type.Optional(Type.Array(Step, { minItems: 1, maxItems: 30 })),
    formSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    deadlinePolicy: Type.Optional(
      Type.Object(
        { supplementClock: Type.Union([Type.Literal('restart'), Type.Literal('pause')]) },
        { additionalProperties: false },
      ),
    ),
    requirements: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 5000,
          description: 'Yêu cầu, điều kiện thực hiện (NĐ 63/2010, Điều 8.2): công khai cho người dân',
        }),
      ),
    ),
    notes: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 5000,
          description: 'Ghi chú nội bộ của người biên tập danh mục (nguồn, lưu ý nhập liệu): không công khai',
        }),
      ),
    ),
    decision: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    effectiveFrom: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export type ProcedureInput = Static<typeof ProcedureInputSchema>;
export type StepItem = Static<typeof Step>;

/** A record after defaults: every optional part filled in, ready to store. */
export interface NormalisedProcedure extends Omit<
  ProcedureInput,
  'steps' | 'formSchema' | 'subCases' | 'deadlinePolicy' | 'documents'
> {
  documents: Array<Static<typeof DocumentItem> & { code: string; required: boolean }>;
  steps: StepItem[];
  formSchema: Record<string, unknown>;
  subCases: Array<Static<typeof SubCase>>;
  deadlinePolicy: { supplementClock: 'restart' | 'pause' };
}

export const HOURS_PER_DAY = 8;

/**
 * Total time budget, in hours, of the counter (or first) channel; null when no time is published.
 * Calendar-day procedures get 8 hours per day as an internal budget: their steps are planned in
 * days too, and the legal due date is still computed in calendar days.
 */
export function totalBudgetHours(channels: ProcedureInput['channels']): number | null {
  const reference = channels.find((channel) => channel.channel === 'counter') ?? channels[0];
  const duration = reference?.duration;
  if (!duration) return null;
  if (duration.unit === 'working-hours') return duration.amount;
  return duration.amount * HOURS_PER_DAY;
}

/**
 * The usual internal workflow of a one-stop procedure when none is published: receive at the
 * one-stop shop, appraise, approve, return. Half a day each for reception, approval and return,
 * the rest for appraisal; short procedures get an hour each.
 */
export function defaultSteps(totalHours: number | null): StepItem[] {
  const total = totalHours ?? 0;
  const edge = total >= 4 * HOURS_PER_DAY ? 4 : total >= 8 ? 1 : total / 8;
  const round = (value: number) => Math.round(value * 2) / 2;
  const receive = round(edge);
  const approve = round(edge);
  const returnResult = round(edge);
  const appraise = Math.max(0, total - receive - approve - returnResult);
  return [
    {
      code: 'tiep-nhan',
      name: 'Tiếp nhận, kiểm tra hồ sơ (Bộ phận Một cửa)',
      role: 'receiving_officer',
      hours: receive,
    },
    { code: 'tham-dinh', name: 'Thẩm định, xử lý hồ sơ', role: 'specialist', hours: appraise },
    { code: 'phe-duyet', name: 'Lãnh đạo xem xét, phê duyệt', role: 'leader', hours: approve },
    { code: 'tra-ket-qua', name: 'Trả kết quả', role: 'receiving_officer', hours: returnResult },
  ];
}

const formAjv = createFormAjv();

/** Semantic checks beyond the schema; returns field errors (empty when valid). */
export function checkProcedure(input: ProcedureInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const at = (path: string) => `${prefix}${path}`;
  const channels = input.channels.map((channel) => channel.channel);
  channels.forEach((channel, index) => {
    if (channels.indexOf(channel) !== index) {
      errors.push(
        fieldError(
          at(`/channels/${index}/channel`),
          'duplicate',
          'Kênh nộp bị khai báo trùng.',
          'Duplicate channel.',
        ),
      );
    }
  });
  if (
    (input.onlineLevel === 3 ||
      input.onlineLevel === 4 ||
      input.onlineClass === 'toan-trinh' ||
      input.onlineClass === 'mot-phan') &&
    !channels.includes('online')
  ) {
    errors.push(
      fieldError(
        at('/channels'),
        'online_missing',
        'Thủ tục có mức độ dịch vụ công trực tuyến phải có kênh nộp trực tuyến.',
        'An online-level procedure needs an online channel.',
      ),
    );
  }
  const codes = (input.documents ?? []).map((doc) => doc.code).filter(Boolean);
  if (new Set(codes).size !== codes.length) {
    errors.push(
      fieldError(at('/documents'), 'duplicate', 'Mã thành phần hồ sơ bị trùng.', 'Duplicate document codes.'),
    );
  }
  errors.push(...checkCases(input, channels, at));
  if (input.steps) {
    const total = totalBudgetHours(input.channels);
    const sum = input.steps.reduce((acc, step) => acc + step.hours, 0);
    if (total !== null && Math.abs(sum - total) > 1e-9) {
      errors.push(
        fieldError(
          at('/steps'),
          'budget_mismatch',
          `Tổng thời gian các bước (${sum} giờ) phải bằng thời hạn giải quyết (${total} giờ làm việc).`,
          `Step budgets sum to ${sum} h but the procedure allows ${total} working hours.`,
        ),
      );
    }
  }
  if (input.formSchema) {
    const schema = input.formSchema;
    const properties = schema.properties as Record<string, { type?: unknown }> | undefined;
    if (
      schema.type !== 'object' ||
      !properties ||
      Object.values(properties).some((page) => page?.type !== 'object')
    ) {
      errors.push(
        fieldError(
          at('/formSchema'),
          'form_shape',
          'Biểu mẫu phải là đối tượng JSON Schema, mỗi trang là một đối tượng.',
          'The form schema must be an object whose properties are objects (pages).',
        ),
      );
    } else {
      try {
        formAjv.compile(schema);
      } catch (error) {
        errors.push(
          fieldError(
            at('/formSchema'),
            'form_invalid',
            `Biểu mẫu không phải JSON Schema hợp lệ: ${(error as Error).message}`,
            'Invalid JSON Schema.',
          ),
        );
      }
    }
  }
  return errors;
}

/** Cases are unique, each document names known cases and offered channels, every question has a choice. */
function checkCases(
  input: ProcedureInput,
  channels: ReadonlyArray<(typeof CHANNELS)[number]>,
  at: (path: string) => string,
): FieldError[] {
  const errors: FieldError[] = [];
  const cases = input.subCases ?? [];
  const caseCodes = cases.map((item) => item.code);
  if (new Set(caseCodes).size !== caseCodes.length)
    errors.push(fieldError(at('/subCases'), 'duplicate', 'Mã trường hợp bị trùng.', 'Duplicate case codes.'));
  for (const question of caseQuestions(cases)) {
    if (question.options.length < 2)
      errors.push(
        fieldError(
          at('/subCases'),
          'single_option',
          `Câu hỏi "${question.group}" phải có ít nhất hai trường hợp để người nộp chọn.`,
          `Question "${question.group}" needs at least two cases to choose from.`,
        ),
      );
  }
  input.documents.forEach((doc, index) => {
    const unknown = (doc.cases ?? []).filter((code) => !caseCodes.includes(code));
    if (unknown.length > 0)
      errors.push(
        fieldError(
          at(`/documents/${index}/cases`),
          'unknown_case',
          `Thành phần hồ sơ nêu trường hợp không có trong danh sách trường hợp: ${unknown.join(', ')}.`,
          `Unknown cases: ${unknown.join(', ')}.`,
        ),
      );
    const notOffered = (doc.channels ?? []).filter((channel) => !channels.includes(channel));
    if (notOffered.length > 0)
      errors.push(
        fieldError(
          at(`/documents/${index}/channels`),
          'channel_not_offered',
          `Thành phần hồ sơ nêu kênh nộp mà thủ tục không có: ${notOffered.map((c) => CHANNEL_NAMES[c]).join(', ')}.`,
          `Channels the procedure does not offer: ${notOffered.join(', ')}.`,
        ),
      );
  });
  return errors;
}

export function normaliseProcedure(input: ProcedureInput): NormalisedProcedure {
  const trimmed = (value: string) => value.trim().replace(/\s+/g, ' ');
  return {
    ...input,
    code: input.code.trim(),
    name: trimmed(input.name),
    field: trimmed(input.field),
    implementingAgency: trimmed(input.implementingAgency),
    handlingUnitCode: input.handlingUnitCode ?? null,
    onlineLevel: input.onlineLevel ?? null,
    onlineClass: input.onlineClass ?? null,
    documents: input.documents.map((doc, index) => ({
      ...doc,
      code: doc.code ?? `tp${index + 1}`,
      name: trimmed(doc.name),
      templateUrl: doc.templateUrl ?? null,
      required: doc.required ?? true,
    })),
    result: trimmed(input.result),
    legalBasis: input.legalBasis.map(trimmed),
    subCases: input.subCases ?? [],
    steps: input.steps ?? defaultSteps(totalBudgetHours(input.channels)),
    formSchema: input.formSchema ?? defaultFormSchema(input.name, input.field),
    deadlinePolicy: input.deadlinePolicy ?? { supplementClock: 'restart' },
    notes: input.notes?.trim() || null,
    decision: input.decision?.trim() || null,
    // Left out when empty, so that a record without requirements hashes as it did before 0015.
    requirements: input.requirements?.trim() || undefined,
  };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hash of the content (not of when it applies), so re-importing the same record changes nothing. */
export function contentHash(record: NormalisedProcedure): string {
  const { effectiveFrom: _effectiveFrom, ...content } = record;
  return createHash('sha256').update(canonical(content)).digest('hex');
}
