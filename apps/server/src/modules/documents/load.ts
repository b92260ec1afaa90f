/**
 * Reading one document: its row, its history folded into its state, the parties and grants that
 * decide who sees it (policy.ts). A document the principal may not see is answered 404, as if it
 * did not exist (its existence is information too).
 */
import type { Kysely, Selectable } from 'kysely';
import {
  foldDocumentEvents,
  type DocumentEvent,
  type DocumentState,
  type DocumentStatus,
} from '@tayninh/domain/documents/lifecycle';
import type { Database, DocumentsTable } from '../../db/schema';
import { notFound } from '../../http/errors';
import type { Principal } from '../auth';
import { unitPath } from '../org';
import { canViewDocument, type DocumentScope } from './policy';

export type DocumentRow = Selectable<DocumentsTable>;

export interface LoadedDocument {
  row: DocumentRow;
  events: DocumentEvent[];
  state: DocumentState;
  actionCount: number;
}

export async function loadDocument(
  db: Kysely<Database>,
  id: number,
  lock = false,
): Promise<LoadedDocument | null> {
  let query = db.selectFrom('documents').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const actions = await db
    .selectFrom('document_actions')
    .select(['payload'])
    .where('document_id', '=', id)
    .orderBy('seq')
    .execute();
  const events = actions.map((a) => a.payload as DocumentEvent);
  return { row, events, state: foldDocumentEvents(events), actionCount: row.action_count };
}

export async function scopeOf(db: Kysely<Database>, loaded: LoadedDocument): Promise<DocumentScope> {
  const { row } = loaded;
  const [assignees, grants] = await Promise.all([
    db
      .selectFrom('document_assignees')
      .select(['role', 'unit_id', 'user_id'])
      .where('document_id', '=', row.id)
      .execute(),
    db.selectFrom('document_grants').select('user_id').where('document_id', '=', row.id).execute(),
  ]);
  return {
    direction: row.direction,
    status: row.status as DocumentStatus,
    secret: row.secrecy !== 'none',
    agencyPath: await unitPath(db, row.unit_id),
    draftingPath: row.drafting_unit_id === null ? [] : await unitPath(db, row.drafting_unit_id),
    createdBy:
      row.source_document_id !== null && row.direction === 'incoming' ? null : Number(row.created_by),
    signerUserId: row.signer_user_id === null ? null : Number(row.signer_user_id),
    parties: await Promise.all(
      assignees.map(async (a) => ({
        role: a.role,
        unitPath: await unitPath(db, Number(a.unit_id)),
        userId: a.user_id === null ? null : Number(a.user_id),
      })),
    ),
    grantedUserIds: grants.map((g) => Number(g.user_id)),
  };
}

const NOT_FOUND = () => notFound('văn bản', 'document');

/** The document if this principal may see it; 404 otherwise. */
export async function visibleDocument(
  db: Kysely<Database>,
  principal: Principal,
  id: number,
  lock = false,
): Promise<LoadedDocument & { scope: DocumentScope }> {
  const loaded = await loadDocument(db, id, lock);
  if (!loaded) throw NOT_FOUND();
  const scope = await scopeOf(db, loaded);
  if (!canViewDocument(principal, scope)) throw NOT_FOUND();
  return { ...loaded, scope };
}

/** The history as recorded: each entry with who made it (GET /api/documents/:id/history). */
export async function historyOf(db: Kysely<Database>, id: number) {
  const rows = await db
    .selectFrom('document_actions as a')
    .leftJoin('users_view as u', 'u.id', 'a.actor_user_id')
    .select(['a.seq', 'a.type', 'a.at', 'a.reason', 'a.payload', 'a.actor_user_id', 'u.full_name'])
    .where('a.document_id', '=', id)
    .orderBy('a.seq')
    .execute();
  return {
    stream: `document:${id}`,
    entries: rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      at: new Date(r.at).toISOString(),
      actor: r.actor_user_id === null ? null : { userId: Number(r.actor_user_id), fullName: r.full_name },
      reason: r.reason,
      event: r.payload as DocumentEvent,
    })),
  };
}
