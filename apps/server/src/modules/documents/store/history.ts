/**
 * The one writer of `documents` and `document_actions`: a document is created with its first
 * history entry, and every later event is appended with the projection of the folded history
 * written beside it, under the document's row lock and an optimistic check of the history length
 * (a concurrent writer makes the second one fail cleanly, 409, with nothing written).
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import {
  applyDocumentEvent,
  foldDocumentEvents,
  type DocumentEvent,
  type DocumentState,
} from '@tayninh/domain/documents/lifecycle';
import type { Database, DocumentsTable } from '../../../db/schema';

export interface Actor {
  userId: number;
  unitId: number | null;
}

/** The columns of `documents` that mirror the folded history. */
export function projectionOf(state: DocumentState) {
  return {
    status: state.status!,
    version: state.version,
    series: state.number?.series ?? null,
    number: state.number?.number ?? null,
    code_number: state.number?.codeNumber ?? null,
    code_notation: state.number?.codeNotation ?? null,
    issued_date: state.number?.issuedDate ?? null,
    arrival_series: state.arrival?.series ?? null,
    arrival_number: state.arrival?.number ?? null,
    arrival_date: state.arrival?.date ?? null,
  };
}

function actionRow(
  documentId: number,
  seq: number,
  event: DocumentEvent,
  actor: Actor,
  reason: string | null,
  idempotencyKey: string | null,
) {
  return {
    document_id: documentId,
    seq,
    type: event.type,
    at: event.at,
    actor_user_id: actor.userId,
    actor_unit_id: actor.unitId,
    reason,
    payload: JSON.stringify(event),
    idempotency_key: idempotencyKey,
  };
}

/** What a new document is, besides what its first event says. */
export type NewDocument = Omit<
  Insertable<DocumentsTable>,
  | 'id'
  | 'status'
  | 'version'
  | 'action_count'
  | 'series'
  | 'number'
  | 'code_number'
  | 'code_notation'
  | 'issued_date'
  | 'arrival_series'
  | 'arrival_number'
  | 'arrival_date'
  | 'created_at'
  | 'updated_at'
>;

/** Inserts a document and its first event (drafted, delivered, received, carried over); inside the caller's transaction. */
export async function insertDocument(
  trx: Kysely<Database>,
  document: NewDocument,
  first: Extract<DocumentEvent, { type: 'drafted' | 'delivered' | 'received' | 'carried_over' }>,
  actor: Actor,
  idempotencyKey: string | null = null,
): Promise<{ id: number; state: DocumentState }> {
  const state = foldDocumentEvents([first]);
  const row = await trx
    .insertInto('documents')
    .values({
      ...document,
      ...projectionOf(state),
      action_count: 1,
      created_at: new Date(first.at),
      updated_at: new Date(first.at),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await trx
    .insertInto('document_actions')
    .values(actionRow(id, 1, first, actor, null, idempotencyKey))
    .execute();
  return { id, state };
}

/** Thrown when the document changed since it was read (another request won). */
export class StaleDocumentError extends Error {}

/**
 * Appends events to a document read at `actionCount` entries, writes the new projection (and
 * `extra` columns of the same document), and returns the new state. Inside the caller's
 * transaction; the document's row is locked from here to its end.
 */
export async function appendEvents(
  trx: Kysely<Database>,
  documentId: number,
  read: { actionCount: number; state: DocumentState },
  events: readonly DocumentEvent[],
  actor: Actor,
  options: {
    reason?: string | null;
    idempotencyKey?: string | null;
    extra?: Updateable<DocumentsTable>;
  } = {},
): Promise<DocumentState> {
  const state = events.reduce(applyDocumentEvent, read.state);
  const last = events[events.length - 1]!;
  const updated = await trx
    .updateTable('documents')
    .set({
      ...(options.extra ?? {}),
      ...projectionOf(state),
      action_count: read.actionCount + events.length,
      updated_at: new Date(last.at),
    })
    .where('id', '=', documentId)
    .where('action_count', '=', read.actionCount)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new StaleDocumentError(`document ${documentId} changed`);
  await trx
    .insertInto('document_actions')
    .values(
      events.map((event, i) =>
        actionRow(
          documentId,
          read.actionCount + i + 1,
          event,
          actor,
          i === events.length - 1 ? (options.reason ?? null) : null,
          i === events.length - 1 ? (options.idempotencyKey ?? null) : null,
        ),
      ),
    )
    .execute();
  return state;
}
