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

/** The stored search text: the metadata, then the folded content (already folded). */
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
  return foldedText ? `${meta} ${foldedText}` : meta;
}

/** What a query asks: words all present (each folded); a bare number matches a number exactly. */
export type DocumentQuery =
  { kind: 'words'; words: string[] } | { kind: 'number'; number: string } | { kind: 'too_short' };

/** Words of at least 3 letters use the trigram index; shorter ones only narrow what it found. */
export const MIN_INDEXED_WORD = 3;

export function parseDocumentQuery(q: string): DocumentQuery {
  const folded = foldVietnamese(q);
  if (/^\d{1,7}$/.test(folded)) return { kind: 'number', number: folded };
  const words = [...new Set(folded.split(' ').filter(Boolean))];
  // "15/QĐ-SXD" folds to "15 qd sxd": kept whole, the number and the notation stay together.
  if (/^\d/.test(folded) && /\d+ [a-z]/.test(folded)) return { kind: 'words', words: [folded] };
  if (!words.some((w) => w.length >= MIN_INDEXED_WORD)) return { kind: 'too_short' };
  return { kind: 'words', words };
}
