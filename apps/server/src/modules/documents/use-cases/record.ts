/**
 * Recording a step: the one transaction that appends a document's event (and what goes with
 * it), and the check of a received PDF's signatures that reception and issuance share.
 */
import type { Kysely, Updateable } from 'kysely';
import { applyDocumentEvent, type DocumentEvent } from '@tayninh/domain/documents/lifecycle';
import type { Database, DocumentsTable } from '../../../db/schema';
import { verifyPdf } from '../../../lib/pades';
import type { Principal } from '../../auth';
import { checkSignerPath, verificationMaterial } from '../../trust';
import type { LoadedDocument } from '../load';
import { appendEvents } from '../store/history';

export const actorOf = (p: Principal) => ({ userId: p.userId, unitId: p.primaryUnitId });

/** Appends one event (the lifecycle checks it first), with extra columns, in its own transaction. */
export async function record(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  event: DocumentEvent,
  options: {
    reason?: string | null;
    idempotencyKey?: string | null;
    /** Columns of the document written with the event. */
    extra?: Updateable<DocumentsTable>;
    then?: (trx: Kysely<Database>) => Promise<void>;
  } = {},
) {
  applyDocumentEvent(loaded.state, event);
  await db.transaction().execute(async (trx) => {
    await appendEvents(trx, Number(loaded.row.id), loaded, [event], actorOf(principal), options);
    await options.then?.(trx);
  });
}

export interface SignatureVerdict {
  ok: boolean;
  signatures: number;
  problems: string[];
}

/** The signatures of a received PDF: each verified, its signer's path valid at its time, not revoked. */
export async function checkSignatures(db: Kysely<Database>, pdf: Uint8Array): Promise<SignatureVerdict> {
  const material = await verificationMaterial(db);
  const checks = await verifyPdf(pdf, { ...material, requireTimestamp: false });
  const problems: string[] = [];
  for (const [i, check] of checks.entries()) {
    if (!check.ok || !check.signerCertificate) {
      problems.push(`Chữ ký ${i + 1}: ${check.problem?.message ?? 'không hợp lệ'}`);
      continue;
    }
    const usage = i === checks.length - 1 && checks.length > 1 ? 'seal' : 'signing';
    const path = await checkSignerPath(
      db,
      check.signerCertificate,
      usage,
      check.timestamp?.genTime ?? new Date(),
      check.certificatePath,
    );
    if (!path.ok) problems.push(`Chữ ký ${i + 1}: ${path.message}`);
  }
  if (checks.length === 0) problems.push('Văn bản điện tử không có chữ ký số.');
  return { ok: problems.length === 0, signatures: checks.length, problems };
}
