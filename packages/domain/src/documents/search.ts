/**
 * The search text of an official document (issue #14 §4): every metadata field a reader may
 * search by — kind, subject, số/ký hiệu (its own and the one it arrived with), issuer, signer,
 * recipients, description — and the text of its PDF, folded as `foldVietnamese` does, so that a
 * query with or without diacritics finds it. The server stores it beside the document (a trigram
 * index on PostgreSQL and PGlite) and folds the query the same way.
 */
import { foldVietnamese } from '../text/fold';

/** The PDF's text kept for search: enough for a long decision, bounded for a scanned book. */
export const MAX_CONTENT_CHARS = 30_000;

export interface SearchableDocument {
  kindName?: string | null;
  subject: string;
  codeNumber?: string | null;
  codeNotation?: string | null;
  originCodeNumber?: string | null;
  originCodeNotation?: string | null;
  issuerName?: string | null;
  signerName?: string | null;
  description?: string | null;
  recipients?: readonly string[];
}

/** The folded text of a PDF (or of a composed body), bounded. */
export function foldedContent(text: string): string {
  return foldVietnamese(text.slice(0, MAX_CONTENT_CHARS * 2)).slice(0, MAX_CONTENT_CHARS);
}

/**
 * The stored search text: the metadata, then the folded content (already folded), between
 * spaces so that a number is found as a whole word (`% 15 qd sxd %`).
 */
export function documentSearchText(doc: SearchableDocument, foldedText = ''): string {
  const number = (n?: string | null, notation?: string | null) => (n && notation ? `${n}/${notation}` : '');
  const meta = foldVietnamese(
    [
      doc.kindName,
      doc.subject,
      number(doc.codeNumber, doc.codeNotation),
      number(doc.originCodeNumber, doc.originCodeNotation),
      doc.issuerName,
      doc.signerName,
      doc.description,
      ...(doc.recipients ?? []),
    ]
      .filter(Boolean)
      .join(' | '),
  );
  return ` ${foldedText ? `${meta} ${foldedText}` : meta} `;
}

/** The search text with more words (a number given later, a số đến), still between spaces. */
export function withWords(searchText: string, words: string): string {
  const folded = foldVietnamese(words);
  return folded ? `${searchText.trimEnd()} ${folded} ` : searchText;
}

/**
 * What a query asks: every term present in the folded text — a word anywhere (as typed, part of
 * a word too), a number or a số/ký hiệu as whole words.
 */
export type DocumentQuery =
  { kind: 'terms'; terms: Array<{ text: string; whole: boolean }> } | { kind: 'too_short' };

/** Words of at least 3 letters use the trigram index; shorter ones only narrow what it found. */
export const MIN_INDEXED_WORD = 3;

export function parseDocumentQuery(q: string): DocumentQuery {
  const folded = foldVietnamese(q);
  // A number ("015") or "15/QĐ-SXD" (folded "15 qd sxd"): the number and the notation together.
  if (
    /^\d{1,7}$/.test(folded) ||
    /^\s*(Số\s*:?\s*)?\d{1,7}\s*\/\s*(\d{4}\s*\/\s*)?\p{L}/iu.test(q.normalize('NFC'))
  )
    return { kind: 'terms', terms: [{ text: folded, whole: true }] };
  const words = [...new Set(folded.split(' ').filter(Boolean))];
  if (!words.some((w) => w.length >= MIN_INDEXED_WORD)) return { kind: 'too_short' };
  return { kind: 'terms', terms: words.map((text) => ({ text, whole: false })) };
}
