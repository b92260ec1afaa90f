/**
 * The files of a document: content addressed in the platform's file store (by SHA-256), one
 * row per file in document_files (append-only): each draft version, each signed state, a copy
 * received. The current official PDF is the newest file of the most advanced role.
 */
import type { Kysely } from 'kysely';
import type { Database, DocumentFileRole } from '../../../db/schema';
import { sha256Hex, type FileStore } from '../../../lib/file-store';

export interface StoredFile {
  id: number;
  role: DocumentFileRole;
  version: number;
  position: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  layout: unknown;
  createdAt: Date;
}

export interface NewFile {
  documentId: number;
  role: DocumentFileRole;
  version: number;
  position?: number;
  fileName: string;
  mediaType: string;
  content: Uint8Array;
  layout?: object | null;
  createdBy: number | null;
  at: Date;
}

/** Stores the bytes (idempotent by hash) and records the file; inside the caller's transaction. */
export async function saveFile(trx: Kysely<Database>, files: FileStore, file: NewFile): Promise<StoredFile> {
  const content = Buffer.from(file.content);
  const sha256 = sha256Hex(content);
  if (!(await files.has(sha256))) await files.put(content);
  const row = await trx
    .insertInto('document_files')
    .values({
      document_id: file.documentId,
      role: file.role,
      version: file.version,
      position: file.position ?? 0,
      file_name: file.fileName,
      media_type: file.mediaType,
      size_bytes: content.length,
      sha256,
      layout: file.layout ? JSON.stringify(file.layout) : null,
      created_by: file.createdBy,
      created_at: file.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: Number(row.id),
    role: file.role,
    version: file.version,
    position: file.position ?? 0,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: content.length,
    sha256,
    layout: file.layout ?? null,
    createdAt: file.at,
  };
}

export async function filesOf(db: Kysely<Database>, documentId: number): Promise<StoredFile[]> {
  const rows = await db
    .selectFrom('document_files')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    role: r.role,
    version: r.version,
    position: r.position,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    layout: r.layout,
    createdAt: new Date(r.created_at),
  }));
}

/** The bytes of a stored file. */
export async function readFileBytes(files: FileStore, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of files.open(sha256)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const MAIN_ORDER: DocumentFileRole[] = ['sealed', 'received', 'signed', 'draft'];

/** The main document as it stands: sealed, else received, else signed, else the latest draft. */
export function currentMain(list: readonly StoredFile[], version?: number): StoredFile | null {
  for (const role of MAIN_ORDER) {
    const candidates = list.filter(
      (f) =>
        f.role === role &&
        f.position === 0 &&
        (role !== 'draft' || version === undefined || f.version === version),
    );
    if (candidates.length > 0) return candidates[candidates.length - 1]!;
  }
  return null;
}

/** The attachments as they stand (one per position: sealed, else received, else the draft's). */
export function currentAttachments(list: readonly StoredFile[], version: number): StoredFile[] {
  const byPosition = new Map<number, StoredFile>();
  const rank = (f: StoredFile) =>
    f.role === 'sealed_attachment'
      ? 3
      : f.role === 'received_attachment'
        ? 2
        : f.role === 'attachment' && f.version === version
          ? 1
          : 0;
  for (const file of list) {
    if (rank(file) === 0) continue;
    const held = byPosition.get(file.position);
    if (!held || rank(file) >= rank(held)) byPosition.set(file.position, file);
  }
  return [...byPosition.values()].sort((a, b) => a.position - b.position);
}

/**
 * A new draft version keeps the files of the previous one that it does not replace: the same
 * bytes (by hash), a new row for the new version.
 */
export async function carryFiles(
  trx: Kysely<Database>,
  documentId: number,
  from: number,
  to: number,
  keep: (file: StoredFile) => boolean,
  at: Date,
  by: number,
): Promise<void> {
  const carried = (await filesOf(trx, documentId)).filter(
    (f) => (f.role === 'draft' || f.role === 'attachment') && f.version === from && keep(f),
  );
  for (const f of carried)
    await trx
      .insertInto('document_files')
      .values({
        document_id: documentId,
        role: f.role,
        version: to,
        position: f.position,
        file_name: f.fileName,
        media_type: f.mediaType,
        size_bytes: f.sizeBytes,
        sha256: f.sha256,
        layout: f.layout ? JSON.stringify(f.layout) : null,
        created_by: by,
        created_at: at,
      })
      .execute();
}
