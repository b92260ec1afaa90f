/**
 * Which documents a dossier needs (thành phần hồ sơ theo trường hợp), as pure functions shared by
 * the server (submission checks, the receipt, the officer's checklist) and the web app (the
 * uploads step, check your answers, the counter's checklist), so that all of them agree.
 *
 * A procedure lists its cases (trường hợp) as alternatives of questions: the cases that share a
 * `group` answer one question ("Giấy tờ chứng minh việc sinh": có Giấy chứng sinh / không có /
 * trẻ bị bỏ rơi / mang thai hộ) and the applicant picks exactly one per question. A document
 * applies when it names none of the cases or one of the chosen ones (`cases`), and when it names
 * no channel or the dossier's channel (`channels`: the paper declaration form is for the counter
 * and post, because online the e-form filled in is the declaration (NĐ 45/2020/NĐ-CP); identity
 * papers are shown at the counter, and come from the national population database online).
 * A document that applies is required unless the catalogue marks it optional (`required: false`).
 */

export const CHANNELS = ['online', 'counter', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The question the cases without a group answer. */
export const DEFAULT_CASE_GROUP = 'Trường hợp áp dụng';

export interface CaseOption {
  code: string;
  name: string;
  group?: string | undefined;
  note?: string | undefined;
}

export interface CatalogueDocument {
  code: string;
  name: string;
  required: boolean;
  originals: number;
  copies: number;
  cases?: readonly string[] | undefined;
  channels?: readonly Channel[] | undefined;
  note?: string | undefined;
}

export interface CaseQuestion {
  group: string;
  options: CaseOption[];
}

/** The questions to ask, in the catalogue's order (a group appears where its first case is). */
export function caseQuestions(cases: readonly CaseOption[]): CaseQuestion[] {
  const questions: CaseQuestion[] = [];
  for (const option of cases) {
    const group = option.group?.trim() || DEFAULT_CASE_GROUP;
    const question = questions.find((q) => q.group === group);
    if (question) question.options.push(option);
    else questions.push({ group, options: [option] });
  }
  return questions;
}

export type CaseProblem =
  | { kind: 'unknown'; code: string }
  | { kind: 'missing'; group: string }
  | { kind: 'several'; group: string; codes: string[] };

/** What is wrong with a choice of cases: unknown codes, unanswered questions, two answers to one. */
export function checkCaseChoice(cases: readonly CaseOption[], chosen: readonly string[]): CaseProblem[] {
  const problems: CaseProblem[] = [];
  const known = new Set(cases.map((option) => option.code));
  for (const code of new Set(chosen)) if (!known.has(code)) problems.push({ kind: 'unknown', code });
  for (const question of caseQuestions(cases)) {
    const answers = question.options.map((option) => option.code).filter((code) => chosen.includes(code));
    if (answers.length === 0) problems.push({ kind: 'missing', group: question.group });
    else if (answers.length > 1) problems.push({ kind: 'several', group: question.group, codes: answers });
  }
  return problems;
}

/** Whether a document is asked for in this case and channel. */
export function documentApplies(
  document: CatalogueDocument,
  situation: { cases: readonly string[]; channel: Channel },
): boolean {
  const byCase =
    !document.cases || document.cases.length === 0 || document.cases.some((c) => situation.cases.includes(c));
  const byChannel =
    !document.channels || document.channels.length === 0 || document.channels.includes(situation.channel);
  return byCase && byChannel;
}

/** The documents asked for in this case and channel, in the catalogue's order. */
export function applicableDocuments<D extends CatalogueDocument>(
  documents: readonly D[],
  situation: { cases: readonly string[]; channel: Channel },
): D[] {
  return documents.filter((document) => documentApplies(document, situation));
}

export interface ChecklistItem<D extends CatalogueDocument = CatalogueDocument> {
  document: D;
  required: boolean;
  provided: boolean;
}

/**
 * The checklist of a dossier: each document that applies, whether it is required, and whether it
 * was provided (a file uploaded for it, or ticked as brought at the counter).
 */
export function documentChecklist<D extends CatalogueDocument>(
  documents: readonly D[],
  situation: { cases: readonly string[]; channel: Channel },
  provided: ReadonlySet<string>,
): Array<ChecklistItem<D>> {
  return applicableDocuments(documents, situation).map((document) => ({
    document,
    required: document.required,
    provided: provided.has(document.code),
  }));
}

/** The required documents of the checklist not provided yet. */
export function missingRequired<D extends CatalogueDocument>(
  checklist: ReadonlyArray<ChecklistItem<D>>,
): D[] {
  return checklist.filter((item) => item.required && !item.provided).map((item) => item.document);
}

/** How the applicant receives the result (NĐ 61/2018 on returning results; the receipt, TT 01/2018 Mẫu 01). */
export const RESULT_DELIVERY_METHODS = ['counter', 'post', 'online'] as const;
export type ResultDeliveryMethod = (typeof RESULT_DELIVERY_METHODS)[number];

export const RESULT_DELIVERY_NAMES: Record<ResultDeliveryMethod, string> = {
  counter: 'Nhận trực tiếp tại Bộ phận Một cửa',
  post: 'Nhận qua dịch vụ bưu chính công ích',
  online: 'Nhận kết quả điện tử trên Cổng Dịch vụ công',
};

export const RESULT_DELIVERY_NAMES_EN: Record<ResultDeliveryMethod, string> = {
  counter: 'In person at the one-stop counter',
  post: 'By public postal service',
  online: 'Electronically on the public-service portal',
};

/**
 * The ways a procedure can return its result: at the counter always, by post when it takes
 * dossiers by post, and online when it offers online submission (the electronic result on the
 * portal, NĐ 45/2020/NĐ-CP).
 */
export function deliveryMethodsFor(channels: readonly Channel[]): ResultDeliveryMethod[] {
  return RESULT_DELIVERY_METHODS.filter(
    (method) =>
      method === 'counter' ||
      (method === 'post' && channels.includes('post')) ||
      (method === 'online' && channels.includes('online')),
  );
}
