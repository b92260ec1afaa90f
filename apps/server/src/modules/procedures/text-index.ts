/**
 * A small inverted index over folded Vietnamese words, for catalogue-sized collections (a few
 * thousand records). Queries are AND of words; the last word may be unfinished (as-you-type) and
 * matches as a prefix. Postings are intersected from the rarest word up, so frequent words such
 * as "xa" (xã) or "cap" (cấp) cost almost nothing; a general-purpose engine that scores every
 * posting of every word was several times slower here.
 */
import { foldVietnamese } from '../../lib/vietnamese';

export interface IndexedText {
  id: number;
  /** Main text (the name): a match here weighs more. */
  primary: string;
  /** Secondary text (field, agency, code). */
  secondary: string;
}

export function words(text: string): string[] {
  return foldVietnamese(text).split(' ').filter(Boolean);
}

export class TextIndex {
  private readonly postings = new Map<string, Set<number>>();
  private readonly primaryWords = new Map<number, Set<string>>();
  private readonly sortedTerms: string[];

  constructor(documents: IndexedText[]) {
    for (const document of documents) {
      const primary = new Set(words(document.primary));
      this.primaryWords.set(document.id, primary);
      for (const word of [...primary, ...words(document.secondary)]) {
        let posting = this.postings.get(word);
        if (!posting) this.postings.set(word, (posting = new Set()));
        posting.add(document.id);
      }
    }
    this.sortedTerms = [...this.postings.keys()].sort();
  }

  /** Documents holding every word of the query (the last as a prefix), with a relevance score. */
  search(query: string): Map<number, number> {
    const terms = words(query);
    if (terms.length === 0) return new Map();
    const sets: Array<{ ids: Set<number>; words: string[] }> = terms.map((term, index) => {
      if (index < terms.length - 1)
        return { ids: this.postings.get(term) ?? new Set<number>(), words: [term] };
      const expanded = this.expandPrefix(term);
      if (expanded.length === 1) return { ids: this.postings.get(expanded[0]!)!, words: expanded };
      const ids = new Set<number>();
      for (const word of expanded) for (const id of this.postings.get(word)!) ids.add(id);
      return { ids, words: expanded };
    });
    const ordered = [...sets].sort((a, b) => a.ids.size - b.ids.size);
    const scores = new Map<number, number>();
    outer: for (const id of ordered[0]!.ids) {
      for (let i = 1; i < ordered.length; i += 1) if (!ordered[i]!.ids.has(id)) continue outer;
      const primary = this.primaryWords.get(id)!;
      let score = 0;
      for (const set of sets) score += set.words.some((word) => primary.has(word)) ? 3 : 1;
      scores.set(id, score);
    }
    return scores;
  }

  private expandPrefix(prefix: string): string[] {
    let low = 0;
    let high = this.sortedTerms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sortedTerms[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    const found: string[] = [];
    for (let i = low; i < this.sortedTerms.length && this.sortedTerms[i]!.startsWith(prefix); i += 1)
      found.push(this.sortedTerms[i]!);
    return found;
  }
}
