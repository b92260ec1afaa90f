/**
 * Issuance (NĐ 30/2020 Điều 18): each recipient inside the deployment gets its incoming copy at
 * once, its signatures checked; an external one waits for the exchange; a secret document goes
 * on paper only. A recall withdraws every copy delivered inside the deployment. A replacement or
 * correction also marks the document it amends and the recipients' copies of it (amendments.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { conflict, unprocessable } from '../../../http/errors';
import type { Principal } from '../../auth';
import { loadDocument, type LoadedDocument } from '../load';
import { currentMain, filesOf, readFileBytes, saveFile } from '../store/files';
import { appendEvents, insertDocument } from '../store/history';
import { agencyOf } from '../store/settings';
import { withWords } from '@tayninh/domain/documents/search';
import { actorOf, checkSignatures, record } from './record';
import { lockOriginal, recordAmendment } from './amendments';
import type { SigningContext } from './signing';

/** `issue`: inside the deployment each recipient's agency gets its incoming copy at once. */
export async function issue(ctx: SigningContext, principal: Principal, loaded: LoadedDocument) {
  const { row } = loaded;
  const id = Number(row.id);
  const at = new Date();
  const recipients = row.recipients;
  const list = await filesOf(ctx.db, id);
  const sealed = currentMain(list);
  if (!sealed || sealed.role !== 'sealed')
    throw conflict(
      'not_sealed',
      'Văn bản chưa được cấp số và ký số của cơ quan.',
      'The document has not been numbered and sealed.',
    );
  const secret = row.secrecy !== 'none';
  const pdf = await readFileBytes(ctx.files, sealed.sha256);
  const verdict = secret ? null : await checkSignatures(ctx.db, pdf);
  if (verdict && !verdict.ok)
    throw unprocessable(
      'signature_invalid',
      `Chữ ký số của văn bản không hợp lệ: ${verdict.problems.join('; ')}`,
      'The document’s signatures do not verify.',
    );
  const targets = await Promise.all(
    recipients.map(async (r) => (r.unitId ? ((await agencyOf(ctx.db, r.unitId))?.unitId ?? r.unitId) : null)),
  );
  const issuer = await ctx.db
    .selectFrom('units_view')
    .select(['name', 'agency_code'])
    .where('id', '=', row.unit_id)
    .executeTakeFirstOrThrow();
  await record(
    ctx.db,
    principal,
    loaded,
    { type: 'issued', at: at.toISOString(), recipients: recipients.length },
    {
      then: async (trx) => {
        // A replacement or correction (Điều 18.3): each new copy is linked to its agency's old one.
        const amending = await lockOriginal(trx, row);
        const copies = new Map<number, number>();
        for (const [position, recipient] of recipients.entries()) {
          const target = targets[position] ?? null;
          let incoming: number | null = null;
          const previous = target === null ? undefined : amending?.copyByAgency.get(target);
          if (target !== null && !secret) {
            const created = await insertDocument(
              trx,
              {
                direction: 'incoming',
                unit_id: target,
                drafting_unit_id: null,
                kind: row.kind,
                subject: row.subject,
                urgency: row.urgency,
                urgency_deadline: row.urgency_deadline,
                secrecy: row.secrecy,
                page_amount: row.page_amount,
                signer_user_id: null,
                signer_position: row.signer_position,
                signer_name: row.signer_name,
                signing_notation: row.signing_notation,
                due_date: row.due_date,
                answers_document_id: null,
                ...(previous === undefined
                  ? {}
                  : {
                      amends_document_id: previous,
                      amendment: row.amendment,
                      amendment_reason: row.amendment_reason,
                    }),
                issuer_organ_id: issuer.agency_code,
                issuer_organ_name: issuer.name,
                source_document_id: id,
                origin_code_number: loaded.state.number?.codeNumber ?? null,
                origin_code_notation: loaded.state.number?.codeNotation ?? null,
                origin_issued_date: loaded.state.number?.issuedDate ?? null,
                recipients: '[]',
                created_by: principal.userId,
                search_text: withWords(row.search_text, issuer.name),
              },
              { type: 'delivered', at: at.toISOString(), fromDocumentId: id },
              actorOf(principal),
            );
            incoming = created.id;
            copies.set(target, incoming);
            await saveFile(trx, ctx.files, {
              documentId: incoming,
              role: 'received',
              version: 0,
              fileName: sealed.fileName,
              mediaType: 'application/pdf',
              content: pdf,
              createdBy: principal.userId,
              at,
            });
          }
          await trx
            .insertInto('document_deliveries')
            .values({
              document_id: id,
              position,
              unit_id: recipient.unitId ?? null,
              organ_id: recipient.organId ?? null,
              name: recipient.name,
              state: secret ? 'paper' : incoming !== null ? 'delivered' : 'queued_external',
              incoming_document_id: incoming,
              at,
            })
            .execute();
        }
        if (amending) await recordAmendment(trx, principal, row, amending, copies, at.toISOString());
      },
    },
  );
}

/** `recall`: an issued document is recalled; every copy delivered inside the deployment is withdrawn. */
export async function recall(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument,
  reason: string,
) {
  const at = new Date().toISOString();
  await record(
    db,
    principal,
    loaded,
    { type: 'recalled', at, reason },
    {
      reason,
      then: async (trx) => {
        const deliveries = await trx
          .selectFrom('document_deliveries')
          .selectAll()
          .where('document_id', '=', loaded.row.id)
          .execute();
        for (const d of deliveries) {
          if (d.incoming_document_id !== null) {
            const copy = await loadDocument(trx, Number(d.incoming_document_id), true);
            if (
              copy &&
              ['delivered', 'received', 'awaiting_direction', 'in_progress'].includes(copy.state.status ?? '')
            )
              await appendEvents(
                trx,
                Number(d.incoming_document_id),
                copy,
                [{ type: 'withdrawn_by_sender', at, reason }],
                actorOf(principal),
                { reason },
              );
          }
        }
        await trx
          .updateTable('document_deliveries')
          .set({ state: 'recalled', at: new Date(at) })
          .where('document_id', '=', loaded.row.id)
          .execute();
      },
    },
  );
}
