/**
 * What an applicant declares beside the form (the case that applies, how they want the result,
 * and at the counter the documents brought), checked against the procedure version, and the
 * checklist of documents a dossier needs. The rules are the shared ones of
 * `@tayninh/domain/dossiers/documents`, so the server, the wizard and the counter agree.
 */
import { versionContent } from './version-content';
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/schema';
import { fieldError, invalid, type FieldError } from '../../http/errors';
import { StringEnum } from '../../http/schemas';
import {
  caseQuestions,
  checkCaseChoice,
  deliveryMethodsFor,
  documentChecklist,
  missingRequired,
  RESULT_DELIVERY_METHODS,
  RESULT_DELIVERY_NAMES,
  type CaseOption,
  type CatalogueDocument,
  type Channel,
  type ResultDeliveryMethod,
} from '@tayninh/domain/dossiers/documents';

const CODE = '^[a-z0-9-]{1,30}$';

/** Request fields, shared by submissions, drafts and counter intake. */
export const DeclarationFields = {
  cases: Type.Optional(
    Type.Array(Type.String({ pattern: CODE }), {
      maxItems: 50,
      uniqueItems: true,
      description: 'Mã các trường hợp áp dụng (mỗi câu hỏi một trường hợp), theo subCases của thủ tục',
    }),
  ),
  resultDelivery: Type.Optional(
    Type.Object(
      {
        method: StringEnum(RESULT_DELIVERY_METHODS, {
          description: 'counter: nhận trực tiếp; post: qua bưu chính công ích; online: kết quả điện tử',
        }),
        address: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
      },
      { additionalProperties: false },
    ),
  ),
};
export const DocumentsReceivedField = Type.Optional(
  Type.Array(Type.String({ pattern: CODE }), {
    maxItems: 100,
    uniqueItems: true,
    description: 'Tại quầy, bưu chính: mã các thành phần hồ sơ cán bộ đã kiểm tra, nhận đủ',
  }),
);

export interface Declaration {
  cases?: string[] | undefined;
  resultDelivery?: { method: ResultDeliveryMethod; address?: string | undefined } | undefined;
  documentsReceived?: string[] | undefined;
}

/** The parts of a procedure version these checks read. */
export interface VersionDocuments {
  channels: unknown;
  documents: unknown;
  sub_cases: unknown;
}

export const casesOf = (version: VersionDocuments) => (version.sub_cases ?? []) as CaseOption[];
export const documentsOf = (version: VersionDocuments) => (version.documents ?? []) as CatalogueDocument[];
const channelsOf = (version: VersionDocuments) =>
  ((version.channels ?? []) as Array<{ channel: Channel }>).map((c) => c.channel);

/** Field errors of a choice of cases, in Vietnamese and English. */
export function caseErrors(version: VersionDocuments, chosen: readonly string[]): FieldError[] {
  const cases = casesOf(version);
  return checkCaseChoice(cases, chosen).map((problem) => {
    switch (problem.kind) {
      case 'unknown':
        return fieldError(
          '/cases',
          'unknown_case',
          `Thủ tục không có trường hợp "${problem.code}".`,
          `The procedure has no case "${problem.code}".`,
        );
      case 'missing':
        return fieldError(
          '/cases',
          'case_required',
          `Hãy chọn trường hợp của bạn: ${problem.group}.`,
          `Choose your case: ${problem.group}.`,
        );
      case 'several':
        return fieldError(
          '/cases',
          'case_several',
          `Chỉ chọn một trường hợp cho "${problem.group}".`,
          `Choose one case only for "${problem.group}".`,
        );
    }
  });
}

/**
 * Checks a declaration for a channel and returns what to store. `applicantAddress` is the
 * residence declared, the default postal address of a result sent by post.
 */
export function checkDeclaration(
  version: VersionDocuments,
  channel: Channel,
  declaration: Declaration,
  applicantAddress: string | null,
): { cases: string[]; resultDelivery: ResultDeliveryMethod; resultAddress: string | null } {
  const cases = declaration.cases ?? [];
  const errors = caseErrors(version, cases);
  // Without a choice (API clients of before the question existed), the result is returned at the
  // counter: the one way every procedure offers.
  const method = declaration.resultDelivery?.method ?? 'counter';
  const offered = deliveryMethodsFor(channelsOf(version));
  if (!offered.includes(method))
    errors.push(
      fieldError(
        '/resultDelivery/method',
        'delivery_not_offered',
        `Thủ tục này không trả kết quả theo hình thức "${RESULT_DELIVERY_NAMES[method]}".`,
        `The procedure does not return results this way (${method}).`,
      ),
    );
  const address = declaration.resultDelivery?.address?.trim() || applicantAddress?.trim() || null;
  if (method === 'post' && !address)
    errors.push(
      fieldError(
        '/resultDelivery/address',
        'required',
        'Hãy ghi địa chỉ nhận kết quả qua bưu chính.',
        'Give the postal address for the result.',
      ),
    );
  const known = new Set(documentsOf(version).map((doc) => doc.code));
  const unknown = (declaration.documentsReceived ?? []).filter((code) => !known.has(code));
  if (unknown.length > 0)
    errors.push(
      fieldError(
        '/documentsReceived',
        'unknown_document',
        `Thủ tục không có thành phần hồ sơ: ${unknown.join(', ')}.`,
        `Unknown documents: ${unknown.join(', ')}.`,
      ),
    );
  if (errors.length > 0)
    throw invalid(errors, 'Thông tin khai chưa hợp lệ. Vui lòng kiểm tra các trường được nêu.');
  return { cases, resultDelivery: method, resultAddress: method === 'post' ? address : null };
}

/** The dossier's checklist: the documents that apply, required or not, and which were provided. */
export function checklistOf(
  version: VersionDocuments,
  dossier: { channel: Channel; cases: readonly string[]; documents_received: readonly string[] | null },
  attachments: ReadonlyArray<{ documentCode: string | null; purpose: string }>,
) {
  const provided = new Set<string>(
    dossier.documents_received ??
      attachments
        .filter((file) => file.purpose !== 'result' && file.documentCode !== null)
        .map((file) => file.documentCode!),
  );
  return documentChecklist(documentsOf(version), dossier, provided);
}

/** Online, every required document of the case needs a file before the dossier can be submitted. */
export function requireUploads(
  version: VersionDocuments,
  cases: readonly string[],
  attachments: ReadonlyArray<{ documentCode: string | null; purpose: string }>,
): void {
  const missing = missingRequired(
    checklistOf(version, { channel: 'online', cases, documents_received: null }, attachments),
  );
  if (missing.length === 0) return;
  throw invalid(
    missing.map((doc) =>
      fieldError(
        `/documents/${doc.code}`,
        'document_required',
        `Chưa đính kèm: ${doc.name}.`,
        `Not attached yet: ${doc.code}.`,
      ),
    ),
    `Hồ sơ còn thiếu ${missing.length} thành phần bắt buộc trong trường hợp của bạn.`,
  );
}

/** The cases of a dossier with their question, for pages and slips. */
export function chosenCases(version: VersionDocuments, codes: readonly string[]) {
  return caseQuestions(casesOf(version)).flatMap((question) =>
    question.options
      .filter((option) => codes.includes(option.code))
      .map((option) => ({ code: option.code, group: question.group, name: option.name })),
  );
}

export const ChecklistItemSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  originals: Type.Integer(),
  copies: Type.Integer(),
  required: Type.Boolean(),
  provided: Type.Boolean(),
});
export type ChecklistItemOut = Static<typeof ChecklistItemSchema>;

export function checklistOut(items: ReturnType<typeof checklistOf>): ChecklistItemOut[] {
  return items.map((item) => ({
    code: item.document.code,
    name: item.document.name,
    originals: item.document.originals,
    copies: item.document.copies,
    required: item.required,
    provided: item.provided,
  }));
}

/** The dossier columns the declaration is stored in (migration 0012). */
export interface DeclarationColumns {
  channel: Channel;
  cases: string[];
  result_delivery: ResultDeliveryMethod | null;
  result_address: string | null;
  documents_received: string[] | null;
}

export function resultDeliveryOut(row: Pick<DeclarationColumns, 'result_delivery' | 'result_address'>) {
  return row.result_delivery === null
    ? null
    : {
        method: row.result_delivery,
        name: RESULT_DELIVERY_NAMES[row.result_delivery],
        address: row.result_address,
      };
}

/** Cases, result delivery and the checklist of documents, as the dossier's page shows them. */
export async function declarationOut(
  db: Kysely<Database>,
  row: DeclarationColumns & { procedure_version_id: number },
  attachments: ReadonlyArray<{ documentCode: string | null; purpose: string }>,
) {
  const version = await versionContent(db, row.procedure_version_id);
  return {
    cases: chosenCases(version, row.cases),
    resultDelivery: resultDeliveryOut(row),
    documents: checklistOut(checklistOf(version, row, attachments)),
  };
}
