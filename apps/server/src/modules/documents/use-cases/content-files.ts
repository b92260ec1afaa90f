/**
 * The drafter's own files (issue #14 §2): the content as a PDF or a DOCX (converted to PDF for
 * signing), or an attachment (a separate file, signed by the agency at numbering). Each upload
 * or removal is a new draft version that keeps the other files, so every version stays as it
 * was reviewed. Only the drafter, while the draft is with them.
 */
import type { Kysely } from 'kysely';
import { allowedDocumentEvents } from '@tayninh/domain/documents/lifecycle';
import type { Database } from '../../../db/schema';
import { conflict, forbidden, notFound, unprocessable } from '../../../http/errors';
import type { FileStore } from '../../../lib/file-store';
import type { Principal } from '../../auth';
import type { DocumentLayout } from '../compose';
import { toPdf } from '../content/convert';
import { locateLayout, textRuns } from '../content/locate';
import type { LoadedDocument } from '../load';
import { mayActOnDocument, type DocumentScope } from '../policy';
import { carryFiles, currentAttachments, currentMain, filesOf, saveFile } from '../store/files';
import { appendEvents } from '../store/history';
import { searchTextOf } from '../store/search';
import { foldedContent } from '@tayninh/domain/documents/search';

export const MAX_ATTACHMENTS = 20;

export type UploadPurpose = 'content' | 'attachment';

function mayEdit(principal: Principal, loaded: LoadedDocument & { scope: DocumentScope }) {
  if (!mayActOnDocument(principal, loaded.scope, 'revised'))
    throw forbidden(
      'Chỉ người soạn thảo thay tệp của dự thảo.',
      'Only the drafter changes the draft’s files.',
    );
  if (!allowedDocumentEvents(loaded.state).includes('revised'))
    throw conflict(
      'transition_not_allowed',
      'Chỉ thay tệp khi dự thảo đang ở chỗ người soạn thảo (mới soạn, hoặc bị trả lại).',
      'Files change only while the draft is with its drafter.',
    );
}

/** `.docx` → `.pdf` in the stored name; the name is the drafter's, trimmed to the column. */
function pdfName(fileName: string): string {
  const base =
    fileName
      .replace(/[\\/]/g, '_')
      .replace(/\.(docx|pdf)$/i, '')
      .trim() || 'tep';
  return `${base.slice(0, 200)}.pdf`;
}

export async function uploadDocumentFile(
  db: Kysely<Database>,
  files: FileStore,
  principal: Principal,
  loaded: LoadedDocument & { scope: DocumentScope },
  input: { purpose: UploadPurpose; fileName: string; content: Uint8Array },
): Promise<void> {
  mayEdit(principal, loaded);
  const id = Number(loaded.row.id);
  const version = loaded.state.version;
  const list = await filesOf(db, id);
  const main = currentMain(list, version);
  if (!main) throw notFound('tệp dự thảo', 'draft file');
  const attachments = currentAttachments(list, version);
  if (input.purpose === 'attachment' && attachments.length >= MAX_ATTACHMENTS)
    throw unprocessable(
      'too_many_attachments',
      `Mỗi văn bản có tối đa ${MAX_ATTACHMENTS} tệp đính kèm.`,
      `At most ${MAX_ATTACHMENTS} attachments per document.`,
    );
  const { pdf } = await toPdf(input.content);
  let layout: DocumentLayout | null = null;
  let searchText: string | undefined;
  if (input.purpose === 'content') {
    const { runs, pageWidth } = await textRuns(pdf);
    searchText = searchTextOf(loaded.row, foldedContent(runs.map((r) => r.str).join(' ')));
    layout = locateLayout(runs, pageWidth, {
      codeNotation: (main.layout as DocumentLayout).codeNotation,
      signerName: loaded.row.signer_name ?? '',
    });
  }
  const at = new Date();
  const next = version + 1;
  await db.transaction().execute(async (trx) => {
    await appendEvents(
      trx,
      id,
      loaded,
      [
        {
          type: 'revised',
          at: at.toISOString(),
          version: next,
          change: input.purpose === 'content' ? 'content-file' : 'attachment-added',
          fileName: input.fileName.slice(0, 200),
        },
      ],
      { userId: principal.userId, unitId: principal.primaryUnitId },
      searchText === undefined ? {} : { extra: { search_text: searchText } },
    );
    await carryFiles(
      trx,
      id,
      version,
      next,
      (f) => (input.purpose === 'content' ? f.role === 'attachment' : true),
      at,
      principal.userId,
    );
    await saveFile(trx, files, {
      documentId: id,
      role: input.purpose === 'content' ? 'draft' : 'attachment',
      version: next,
      position: input.purpose === 'content' ? 0 : Math.max(0, ...attachments.map((f) => f.position)) + 1,
      fileName: input.purpose === 'content' ? `du-thao-v${next}.pdf` : pdfName(input.fileName),
      mediaType: 'application/pdf',
      content: pdf,
      layout,
      createdBy: principal.userId,
      at,
    });
  });
}

/** Removes an attachment from the draft: a new version without it. */
export async function removeAttachment(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument & { scope: DocumentScope },
  position: number,
): Promise<void> {
  mayEdit(principal, loaded);
  const id = Number(loaded.row.id);
  const version = loaded.state.version;
  const removed = currentAttachments(await filesOf(db, id), version).find((f) => f.position === position);
  if (!removed || removed.role !== 'attachment')
    throw notFound(`tệp đính kèm ${position}`, `attachment ${position}`);
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    await appendEvents(
      trx,
      id,
      loaded,
      [
        {
          type: 'revised',
          at: at.toISOString(),
          version: version + 1,
          change: 'attachment-removed',
          fileName: removed.fileName,
        },
      ],
      { userId: principal.userId, unitId: principal.primaryUnitId },
    );
    await carryFiles(trx, id, version, version + 1, (f) => f.position !== position, at, principal.userId);
  });
}
