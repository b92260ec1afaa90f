/**
 * The wizard's steps, and its errors as the error summary lists them: the current step's first
 * (in the order of its fields), then those of other steps (a server answer can name fields of any
 * step), whose links go back to that step first.
 */
import type { ErrorSummaryItem } from '../../components/ErrorSummary';
import { caseFieldId } from '../../components/CaseQuestions';
import { DELIVERY_ADDRESS_ID, DELIVERY_FIELD_ID } from '../../components/ResultDeliveryChoice';
import { fieldId } from './FieldInput';
import { fieldKeyOf, type PageSpec } from './schema-form';
import { UNIT_FIELD_ID } from './UnitStep';

export type Step =
  | { kind: 'unit' }
  /** Which case applies: one question per group. */
  | { kind: 'cases'; groups: string[] }
  | { kind: 'page'; page: PageSpec }
  | { kind: 'uploads' }
  /** How the applicant wants the result. */
  | { kind: 'delivery' }
  | { kind: 'review' };

/**
 * Errors by field key ("applicant.phone"), or 'unit', 'case:<question>', the delivery field ids,
 * 'documents' (a required document of the case without a file) and 'declaration'.
 */
export type WizardErrors = Record<string, string>;

export const DECLARATION_ID = 'cam-doan';
/** The review's alert listing the required documents still missing. */
export const MISSING_DOCUMENTS_ID = 'thieu-giay-to';
export const caseKey = (group: string) => `case:${group}`;

export const stepName = (step: Step) => (step.kind === 'page' ? step.page.name : step.kind);

/** The keys of the errors a step shows. */
function keysOf(step: Step): string[] {
  if (step.kind === 'unit') return ['unit'];
  if (step.kind === 'cases') return step.groups.map(caseKey);
  if (step.kind === 'page') return step.page.fields.map((field) => field.key);
  if (step.kind === 'delivery') return [DELIVERY_FIELD_ID, DELIVERY_ADDRESS_ID];
  if (step.kind === 'review') return ['documents', 'declaration'];
  return [];
}

export function summaryItems(
  steps: readonly Step[],
  current: number,
  errors: WizardErrors,
  labels: { unit: string; delivery: string; address: string; goTo: (index: number) => void },
): ErrorSummaryItem[] {
  const order = [current, ...steps.map((_, index) => index).filter((index) => index !== current)];
  return order.flatMap((index) => {
    const step = steps[index]!;
    const reveal = index === current ? undefined : () => labels.goTo(index);
    return keysOf(step).flatMap((key): ErrorSummaryItem[] => {
      const message = errors[key];
      if (!message) return [];
      if (key === 'unit') return [{ fieldId: UNIT_FIELD_ID, message, label: labels.unit, reveal }];
      if (key === 'declaration') return [{ fieldId: DECLARATION_ID, message, reveal }];
      if (key === 'documents') return [{ fieldId: MISSING_DOCUMENTS_ID, message, reveal }];
      if (key === DELIVERY_FIELD_ID) return [{ fieldId: key, message, label: labels.delivery, reveal }];
      if (key === DELIVERY_ADDRESS_ID) return [{ fieldId: key, message, label: labels.address, reveal }];
      if (step.kind === 'cases') {
        const index = step.groups.findIndex((group) => caseKey(group) === key);
        return [{ fieldId: caseFieldId(index), message, label: step.groups[index], reveal }];
      }
      const field = step.kind === 'page' ? step.page.fields.find((f) => f.key === key) : undefined;
      return [{ fieldId: fieldId(key), message, label: field?.title, reveal }];
    });
  });
}

/**
 * A server answer's field errors (`/formData/applicant/phone`, `/unitId`) as wizard errors, and
 * the first step that shows one (-1 when none is about a field of the form).
 */
export function serverErrors(
  steps: readonly Step[],
  fieldErrors: Record<string, string>,
): { errors: WizardErrors; step: number } {
  const errors: WizardErrors = {};
  const groups = steps.flatMap((s) => (s.kind === 'cases' ? s.groups : []));
  const documents: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors)) {
    if (path === '/unitId') errors.unit = message;
    // The server names the question in its message; the first unanswered one carries it.
    if (path === '/cases' && groups.length > 0)
      errors[caseKey(groups.find((group) => message.includes(group)) ?? groups[0]!)] = message;
    if (path === '/resultDelivery/address') errors[DELIVERY_ADDRESS_ID] = message;
    else if (path.startsWith('/resultDelivery')) errors[DELIVERY_FIELD_ID] = message;
    if (path.startsWith('/documents/')) documents.push(message);
    const key = fieldKeyOf(path);
    if (key) errors[key] = message;
  }
  if (documents.length > 0) errors.documents = documents.join(' ');
  const step = steps.findIndex((s) => keysOf(s).some((key) => errors[key]));
  return { errors, step };
}
