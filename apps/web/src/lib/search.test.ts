import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foldedFilter, foldText, matchesFolded } from './search';

describe('searching as a Vietnamese user types', () => {
  it('folds diacritics, đ, case and punctuation like the server', () => {
    expect(foldText('Phường Tân Ninh')).toBe('phuong tan ninh');
    expect(foldText('ĐẮK LẮK – Sở Tư pháp')).toBe('dak lak so tu phap');
    expect(foldText('000.00.14.H53')).toBe('000.00.14.h53');
  });

  it('matches every typed word, without diacritics, in any order', () => {
    expect(matchesFolded('Phường Tân Ninh (000.02.01.H53)', 'tan ninh')).toBe(true);
    expect(matchesFolded('Phường Tân Ninh', 'ninh tân')).toBe(true);
    expect(matchesFolded('Phường Tân Ninh', 'tan dong')).toBe(false);
    expect(matchesFolded('Sở Tư pháp', '')).toBe(true);
  });

  it('filters a picker’s options, groups included', () => {
    const options = [
      { value: '1', label: 'Phường Tân Ninh' },
      { value: '2', label: 'Xã Tân Đông' },
      { group: 'Sở, ban, ngành', items: [{ value: '3', label: 'Sở Tư pháp' }] },
    ];
    expect(foldedFilter({ options, search: 'tan ninh', limit: Infinity })).toEqual([options[0]]);
    expect(foldedFilter({ options, search: 'tan dong', limit: Infinity })).toEqual([options[1]]);
    expect(foldedFilter({ options, search: 'tu phap', limit: Infinity })).toEqual([options[2]]);
    expect(foldedFilter({ options, search: 'tan', limit: 1 })).toHaveLength(1);
  });

  it('is the filter of every searchable picker of the back office and the administration', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const unfiltered: string[] = [];
    for (const folder of ['office', 'admin']) {
      for (const file of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.tsx')) continue;
        const source = readFileSync(join(root, folder, file), 'utf8');
        for (const match of source.matchAll(/^\s+searchable$/gm)) {
          const start = Math.max(
            source.lastIndexOf('<Select', match.index),
            source.lastIndexOf('<MultiSelect', match.index),
          );
          const end = source.indexOf('/>', match.index);
          const element = source.slice(start, end);
          // Either folded here, or answered by the server's folded search (pickers.tsx).
          if (start < 0 || !/filter=\{/.test(element)) unfiltered.push(`${folder}/${file}`);
        }
      }
    }
    expect(unfiltered).toEqual([]);
  });
});
