import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textProblem, textRuleErrors } from './text-rule';

/** Characters the rule refuses: C0 but tab/LF/CR, DEL, C1. */
const FORBIDDEN = [
  ...Array.from({ length: 32 }, (_, i) => i).filter((c) => ![9, 10, 13].includes(c)),
  ...Array.from({ length: 33 }, (_, i) => 0x7f + i),
].map((code) => String.fromCharCode(code));

const printable = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => textProblem(s) === null);

describe('the text rule of requests', () => {
  it('accepts Vietnamese text, emoji, line breaks and tabs', () => {
    for (const text of ['', 'Hồ sơ Tây Ninh', '𝕋ây Ninh 🇻🇳', 'dòng 1\r\ndòng 2\tcột', "' OR 1=1 --", '%00'])
      expect(textProblem(text), JSON.stringify(text)).toBeNull();
  });

  it('refuses NUL, every other control character and unpaired surrogates, wherever they are', () => {
    fc.assert(
      fc.property(printable, printable, fc.constantFrom(...FORBIDDEN, '\ud800', '\udfff'), (a, b, bad) => {
        const problem = textProblem(`${a}${bad}${b}`);
        expect(problem).toBe(
          bad === '\u0000' ? 'nul' : bad.charCodeAt(0) >= 0xd800 ? 'unpaired_surrogate' : 'control_character',
        );
      }),
    );
  });

  it('names each offending field of a body by its JSON pointer, keys included', () => {
    const errors = textRuleErrors({
      procedureCode: '1.013236',
      formData: { applicant: { fullName: 'Ngọc\u0000Ánh' }, 'a/b\u0007': 1, list: ['ok', 'x\u001b[2J'] },
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['/formData/applicant/fullName', 'nul'],
      ['/formData/a~1b\u0007', 'control_character'],
      ['/formData/list/1', 'control_character'],
    ]);
    expect(errors[0]!.message).toMatch(/ký tự rỗng/);
  });

  it('walks a deeply nested body without overflowing the stack, and caps the error list', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(textRuleErrors(deep)).toHaveLength(1);
    expect(textRuleErrors(Array.from({ length: 5000 }, () => '\u0000'))).toHaveLength(20);
    expect(textRuleErrors(Buffer.from([0, 0, 0]))).toEqual([]);
  });
});
