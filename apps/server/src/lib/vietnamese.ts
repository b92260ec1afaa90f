/**
 * Vietnamese text helpers. Search must ignore diacritics and case ("dang ky khai sinh" finds
 * "Đăng ký khai sinh"). PGlite has no `unaccent` extension, so folding is done here, identically
 * for stored search text and for queries, on both databases.
 */

import { foldVietnamese } from '@tayninh/domain/text/fold';

export { foldVietnamese };

/** Splits a folded query into search terms, dropping one-character noise. */
export function searchTerms(query: string): string[] {
  return foldVietnamese(query)
    .split(' ')
    .map((term) => term.replace(/^\.+|\.+$/g, ''))
    .filter((term) => term.length > 0);
}

const moneyFormat = new Intl.NumberFormat('vi-VN');

/** Formats an amount in đồng the way official documents print it: "50.000 đồng". */
export function formatDong(amount: number): string {
  return `${moneyFormat.format(amount)} đồng`;
}
