import { beforeEach, describe, expect, it } from 'vitest';
import { resetPageChange, takesFocus } from './page-change';

describe('focus on page change', () => {
  beforeEach(resetPageChange);

  it('leaves the page the app was opened at alone', () => {
    expect(takesFocus('/')).toBe(false);
    expect(takesFocus('/')).toBe(false);
  });

  it('gives the focus to the heading of each new page, once', () => {
    takesFocus('/nop-ho-so/1.013236');
    expect(takesFocus('/da-nop/000.00.16.H53-261202-0001')).toBe(true);
    // The heading drawn again (data loaded, language switched) keeps the focus where the user is.
    expect(takesFocus('/da-nop/000.00.16.H53-261202-0001')).toBe(false);
    expect(takesFocus('/ho-so-cua-toi')).toBe(true);
    expect(takesFocus('/')).toBe(true);
  });
});
