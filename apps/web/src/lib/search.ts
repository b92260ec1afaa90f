/**
 * Search as a Vietnamese user types it: without diacritics, in any case, word by word ("tan
 * ninh" finds "Phường Tân Ninh", "so tu phap" finds "Sở Tư pháp"). The server's own folding
 * (`@tayninh/domain/text/fold`), which fills `units.search_text`
 * and folds `GET /api/units?q=`, so a list filtered in the browser answers like the server.
 * Every searchable picker of the back office and the administration uses `foldedFilter`.
 */
import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { foldVietnamese } from '@tayninh/domain/text/fold';

/** Lower-case ASCII words: tone and vowel marks stripped, đ → d, punctuation as spaces. */
export const foldText = foldVietnamese;

/** Whether every word of `query` occurs in `text`, both folded (an empty query matches). */
export function matchesFolded(text: string, query: string): boolean {
  const haystack = foldText(text);
  return foldText(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Mantine's option filter, diacritics-insensitive (groups keep their matching options). */
export const foldedFilter: OptionsFilter = ({ options, search, limit }) => {
  const out: ComboboxParsedItem[] = [];
  for (const option of options) {
    if (out.length >= limit) break;
    if ('group' in option) {
      const items = option.items.filter((item) => matchesFolded(item.label, search));
      if (items.length > 0) out.push({ ...option, items });
    } else if (matchesFolded(option.label, search)) out.push(option);
  }
  return out;
};
