/**
 * One rule for every string a request carries — path parameters, query values, JSON bodies at
 * any depth, object keys included: no NUL, no other control character but tab, line feed and
 * carriage return, no unpaired UTF-16 surrogate. PostgreSQL cannot store NUL in text or jsonb (a
 * search for `a%00` answered 500), and the rest have no business in names, codes, addresses or
 * reasons: they corrupt the Excel exports (XML 1.0 forbids them), the PDF slips and the e-mails.
 * Checked once, before schema validation, so that no route can forget it (a 400 naming the field).
 */
import type { FastifyInstance } from 'fastify';
import { DomainError, fieldError, type FieldError } from './errors';

/** C0 controls but tab, LF and CR; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = 'nul' | 'control_character' | 'unpaired_surrogate';

/** What is wrong with a string under the rule, or null. */
export function textProblem(text: string): TextProblem | null {
  if (text.includes('\u0000')) return 'nul';
  if (CONTROL.test(text)) return 'control_character';
  if (UNPAIRED_SURROGATE.test(text)) return 'unpaired_surrogate';
  return null;
}

const MESSAGES: Record<TextProblem, [string, string]> = {
  nul: [
    'Giá trị chứa ký tự rỗng (NUL, mã 0), không được phép; hãy xóa ký tự này.',
    'Contains a NUL character (code 0), which is not allowed; remove it.',
  ],
  control_character: [
    'Giá trị chứa ký tự điều khiển không in được (chỉ cho phép xuống dòng và tab); hãy xóa ký tự này.',
    'Contains a non-printing control character (only line breaks and tabs are allowed); remove it.',
  ],
  unpaired_surrogate: [
    'Giá trị chứa ký tự Unicode không hợp lệ (nửa cặp thay thế UTF-16); hãy nhập lại.',
    'Contains an invalid Unicode character (an unpaired UTF-16 surrogate); type it again.',
  ],
};

/** At most this many field errors per request: a 1 MB body of NUL bytes needs no 1 MB answer. */
const MAX_ERRORS = 20;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Field errors for every string in `value` (and every object key) that breaks the rule, with the
 * JSON pointer of each under `base`. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function textRuleErrors(value: unknown, base = ''): FieldError[] {
  const errors: FieldError[] = [];
  // [value, its pointer, what is wrong with its key]; popped in document order.
  const pending: Array<[unknown, string, TextProblem | null]> = [[value, base, null]];
  const report = (problem: TextProblem, field: string) => {
    const [vi, en] = MESSAGES[problem];
    errors.push(fieldError(field || '/', problem, vi, en));
  };
  while (pending.length > 0 && errors.length < MAX_ERRORS) {
    const [current, path, keyProblem] = pending.pop()!;
    if (keyProblem) report(keyProblem, path);
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) report(problem, path);
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) pending.push([current[i], `${path}/${i}`, null]);
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      const entries = Object.entries(current as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        pending.push([child, `${path}/${escapePointer(key)}`, textProblem(key)]);
      }
    }
  }
  return errors;
}

/** Refuses, before validation, any request whose path, query or JSON body breaks the rule. */
export function registerTextRule(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const errors = [
      ...textRuleErrors(request.params),
      ...textRuleErrors(request.query),
      ...textRuleErrors(request.body),
    ].slice(0, MAX_ERRORS);
    if (errors.length === 0) return;
    throw new DomainError({
      code: 'invalid_character',
      status: 400,
      message:
        'Yêu cầu chứa ký tự không hợp lệ (ký tự rỗng hoặc ký tự điều khiển). Vui lòng kiểm tra các trường được nêu.',
      messageEn:
        'The request contains invalid characters (NUL or control characters). Check the listed fields.',
      errors,
    });
  });
}
