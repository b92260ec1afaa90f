/**
 * POST /api/documents/:id/actions: one dispatcher. The document is read, the principal's right
 * to the step checked (policy.ts: 404 if they may not see it, 403 if they may not take it), the
 * lifecycle checked (409), then the step's use case runs. Every step is a history entry.
 */
import {
  allowedDocumentEvents,
  DOCUMENT_STATUS_NAMES,
  DocumentTransitionError,
  type Assignee,
} from '@tayninh/domain/documents/lifecycle';
import { conflict, forbidden } from '../../../http/errors';
import type { Principal } from '../../auth';
import { visibleDocument } from '../load';
import { mayActOnDocument } from '../policy';
import { StaleDocumentError } from '../store/history';
import { ACTION_EVENTS } from './describe';
import { attachExternalSignature, prepareExternalSignature } from './external-signing';
import { assign, direct, receive, register, returnToSender } from './incoming';
import { grantAccess, revokeAccess } from './grants';
import { addRecipients, issue, recall, type RecipientInput } from './issuance';
import { record } from './record';
import { numberAndSeal } from './sealing';
import { signWithHeldKey, type SigningContext } from './signing';

export type ActionInput =
  | { type: 'submit' | 'number-and-seal' | 'issue' }
  | { type: 'receive'; confirmDuplicate?: boolean }
  | { type: 'sign'; pin?: string }
  | { type: 'prepare-signature'; certificate: string }
  | { type: 'attach-signature'; preparationId: number; signature: string }
  | { type: 'approve'; note?: string }
  | { type: 'return' | 'cancel' | 'recall' | 'return-to-sender'; reason: string }
  | { type: 'register'; presentedTo?: number | null }
  | { type: 'add-recipients'; recipients: RecipientInput[]; reason: string }
  | {
      type: 'direct';
      lead: Assignee;
      coordinators?: Assignee[];
      dueDate?: string | null;
      workingDays?: number | null;
      opinion: string;
    }
  | { type: 'assign'; assignee: Assignee; dueDate?: string | null; note?: string }
  | { type: 'add-opinion'; opinion: string }
  | { type: 'complete'; replyDocumentId?: number | null; note?: string }
  | { type: 'file'; fileCode: string }
  | { type: 'grant-access' | 'revoke-access'; userId: number; reason: string };

export async function actOnDocument(
  ctx: SigningContext,
  principal: Principal,
  id: number,
  input: ActionInput,
) {
  const loaded = await visibleDocument(ctx.db, principal, id);
  const event = ACTION_EVENTS[input.type];
  if (!mayActOnDocument(principal, loaded.scope, event))
    throw forbidden(
      'Ông/bà không có quyền thực hiện thao tác này trên văn bản.',
      'You may not take this step on the document.',
    );
  // The step must be possible now (the steps that sign check it again when they record).
  if (!allowedDocumentEvents(loaded.state).includes(event))
    throw conflict(
      'transition_not_allowed',
      `Không thực hiện được thao tác này khi văn bản ở trạng thái: ${DOCUMENT_STATUS_NAMES[loaded.state.status!]}.`,
      'This step is not possible in the document’s current state.',
    );
  const at = new Date().toISOString();
  try {
    switch (input.type) {
      case 'submit':
        return await record(ctx.db, principal, loaded, {
          type: 'submitted',
          at,
          version: loaded.state.version,
        });
      case 'approve':
        return await record(ctx.db, principal, loaded, {
          type: 'approved',
          at,
          step: loaded.state.status === 'content_review' ? 'content' : 'form',
          ...(input.note ? { note: input.note } : {}),
        });
      case 'return':
        return await record(
          ctx.db,
          principal,
          loaded,
          { type: 'returned', at, reason: input.reason },
          { reason: input.reason },
        );
      case 'cancel':
        return await record(
          ctx.db,
          principal,
          loaded,
          { type: 'cancelled', at, reason: input.reason },
          { reason: input.reason },
        );
      case 'sign':
        return await signWithHeldKey(ctx, principal, loaded, input.pin ?? null);
      case 'prepare-signature':
        return await prepareExternalSignature(ctx, principal, loaded, input.certificate);
      case 'attach-signature':
        return await attachExternalSignature(ctx, principal, loaded, input);
      case 'number-and-seal':
        return await numberAndSeal(ctx, principal, loaded);
      case 'issue':
        return await issue(ctx, principal, loaded);
      case 'recall':
        return await recall(ctx.db, principal, loaded, input.reason);
      case 'add-recipients':
        return await addRecipients(ctx, principal, loaded, input.recipients, input.reason);
      case 'receive':
        return await receive(ctx, principal, loaded, input.confirmDuplicate ?? false);
      case 'return-to-sender':
        return await returnToSender(ctx.db, principal, loaded, input.reason);
      case 'register':
        return await register(ctx.db, principal, loaded, input.presentedTo ?? null);
      case 'direct':
        return await direct(ctx.db, principal, loaded, { ...input, coordinators: input.coordinators ?? [] });
      case 'assign':
        return await assign(ctx.db, principal, loaded, input.assignee, input.dueDate ?? null, input.note);
      case 'add-opinion':
        return await record(ctx.db, principal, loaded, { type: 'opinion_added', at, opinion: input.opinion });
      case 'complete':
        return await record(ctx.db, principal, loaded, {
          type: 'completed',
          at,
          replyDocumentId: input.replyDocumentId ?? null,
          ...(input.note ? { note: input.note } : {}),
        });
      case 'file':
        return await record(ctx.db, principal, loaded, { type: 'filed', at, fileCode: input.fileCode });
      case 'grant-access':
        return await grantAccess(ctx.db, principal, loaded, input.userId, input.reason);
      case 'revoke-access':
        return await revokeAccess(ctx.db, principal, loaded, input.userId, input.reason);
    }
  } catch (error) {
    if (error instanceof DocumentTransitionError)
      throw conflict(
        'transition_not_allowed',
        error.message,
        'This step is not possible in the document’s current state.',
      );
    if (error instanceof StaleDocumentError)
      throw conflict(
        'document_changed',
        'Văn bản vừa được người khác cập nhật; hãy tải lại.',
        'The document was just changed by someone else; reload it.',
      );
    throw error;
  }
}
