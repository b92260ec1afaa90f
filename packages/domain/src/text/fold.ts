/**
 * Vietnamese text folded for search: lower-case ASCII words, tone and vowel marks stripped,
 * đ → d, punctuation as spaces ("Đăng ký khai sinh" → "dang ky khai sinh"). One function for the
 * server (stored search text, queries; PGlite has no `unaccent`) and the browser (pickers that
 * filter as one types), so both answer alike.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, ' ')
    .trim();
}
