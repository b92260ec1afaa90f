import { describe, expect, it } from 'vitest';
import { vietnameseDateTimeWords, vietnameseDateWords } from './time';

describe('Vietnamese date wording', () => {
  it('writes instants in Vietnam time, as on forms', () => {
    expect(vietnameseDateTimeWords('2026-11-26T07:10:00Z')).toBe('14 giờ 10 phút, ngày 26 tháng 11 năm 2026');
    // 23:30 UTC is already the next day in Vietnam.
    expect(vietnameseDateWords(new Date('2026-12-31T23:30:00Z'))).toBe('ngày 01 tháng 01 năm 2027');
    expect(vietnameseDateWords(null)).toBe('ngày … tháng … năm …');
  });
});
