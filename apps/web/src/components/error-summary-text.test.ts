import { describe, expect, it } from 'vitest';
import { summaryText } from './error-summary-text';

describe('summaryText', () => {
  it('keeps a message that names its field', () => {
    expect(summaryText('Số điện thoại', 'Vui lòng nhập số điện thoại.')).toBe('Vui lòng nhập số điện thoại.');
  });

  it('names the field when the message does not (the server says only "required")', () => {
    expect(summaryText('Số điện thoại', 'Trường này là bắt buộc.')).toBe(
      'Số điện thoại: Trường này là bắt buộc.',
    );
    // The four questions of the rating share one message; each link still says which question.
    expect(summaryText('Mức độ hài lòng chung của bạn', 'Vui lòng chọn một mức.')).toBe(
      'Mức độ hài lòng chung của bạn: Vui lòng chọn một mức.',
    );
  });

  it('without a label, is the message', () => {
    expect(summaryText(undefined, 'Vui lòng đánh dấu xác nhận cam đoan.')).toBe(
      'Vui lòng đánh dấu xác nhận cam đoan.',
    );
  });
});
