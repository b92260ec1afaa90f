/** Small pure helpers of the submission wizard (kept out of SubmitPage to keep it readable). */
import { caseQuestions, type CaseOption } from '@tayninh/domain/dossiers/documents';

/** The chosen cases with their question, in the catalogue's order. */
export function chosenCases(cases: readonly CaseOption[], codes: readonly string[]) {
  return caseQuestions(cases).flatMap((question) =>
    question.options
      .filter((option) => codes.includes(option.code))
      .map((option) => ({ code: option.code, group: question.group, name: option.name })),
  );
}

/** `{a: m}` → `{[prefix + a]: m}`: errors of one step kept apart from the form's fields. */
export function prefixed(prefix: string, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [`${prefix}${key}`, message]));
}

/** The inverse of `prefixed`, for the errors of one step. */
export function unprefixed(prefix: string, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, message]) => [key.slice(prefix.length), message]),
  );
}
