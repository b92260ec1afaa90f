/** The search text of a document row (@tayninh/domain/documents/search), for its one writer's callers. */
import type { Selectable } from 'kysely';
import { documentSearchText } from '@tayninh/domain/documents/search';
import { documentKind } from '@tayninh/domain/documents/types';
import type { DocumentRecipient, DocumentsTable } from '../../../db/schema';

type Searchable = 'kind' | 'subject';
type Optional =
  | 'code_number'
  | 'code_notation'
  | 'origin_code_number'
  | 'origin_code_notation'
  | 'issuer_organ_name'
  | 'signer_name'
  | 'description';
/** A row as read, or the values of one about to be written. */
type Row = Pick<Selectable<DocumentsTable>, Searchable> &
  Partial<Pick<Selectable<DocumentsTable>, Optional>> & {
    recipients?: string | readonly DocumentRecipient[];
  };

/** The search text of a row's metadata and its folded content. */
export function searchTextOf(row: Row, foldedText = ''): string {
  const recipients =
    typeof row.recipients === 'string'
      ? (JSON.parse(row.recipients) as DocumentRecipient[])
      : (row.recipients ?? []);
  return documentSearchText(
    {
      kindName: documentKind(row.kind)?.name ?? null,
      subject: row.subject,
      codeNumber: row.code_number ?? null,
      codeNotation: row.code_notation ?? null,
      originCodeNumber: row.origin_code_number ?? null,
      originCodeNotation: row.origin_code_notation ?? null,
      issuerName: row.issuer_organ_name ?? null,
      signerName: row.signer_name ?? null,
      description: row.description ?? null,
      recipients: recipients.map((r) => r.name),
    },
    foldedText,
  );
}
