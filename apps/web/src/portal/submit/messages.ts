import i18n from '../../i18n';
import type { FieldProblem, FieldSpec } from './schema-form';

/** "Họ, chữ đệm và tên" → "họ, chữ đệm và tên", for "Vui lòng nhập …". */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/** A client-side problem as a sentence in the UI language. */
export function problemMessage(spec: FieldSpec, problem: FieldProblem): string {
  const t = i18n.getFixedT(null, 'portal');
  const field = spec.title;
  // `count` picks the plural form ("at least 1 character", "at least 2 characters").
  const limit = problem.params?.limit;
  const params = { field, ...problem.params, ...(typeof limit === 'number' ? { count: limit } : {}) };
  switch (problem.code) {
    case 'required':
      return spec.kind === 'select' || spec.kind === 'date' || spec.kind === 'boolean'
        ? t('validation.requiredChoice', { field: lowerFirst(field) })
        : t('validation.required', { field: lowerFirst(field) });
    case 'pattern':
      return problem.params?.hint ? t('validation.patternHint', params) : t('validation.pattern', params);
    default:
      return t(`validation.${problem.code}`, params);
  }
}
