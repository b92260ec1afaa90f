/**
 * Issuance (NĐ 30/2020 Điều 18): each recipient inside the deployment gets its incoming copy at
 * once, its signatures checked; an external one waits for the exchange; a secret document goes
 * on paper only. A recall withdraws every copy delivered inside the deployment. A replacement or
 * correction also marks the document it amends and the recipients' copies of it (amendments.ts).
 */
import type { Kysely } from 'kysely';
import type { Database, DocumentRecipient } from '../../../db/schema';
import { conflict, fieldError, invalid, unprocessable, type FieldError } from '../../../http/errors';
import { missingRecipients } from '@tayninh/domain/documents/amendments';
import type { Principal } from '../../auth';
import { loadDocument, type LoadedDocument } from '../load';
import { currentMain, filesOf, readFileBytes, saveFile } from '../store/files';
import { appendEvents, insertDocument } from '../store/history';
import { agencyOf } from '../store/settings';
import { withWords } from '@tayninh/domain/documents/search';
import { actorOf, checkSignatures, record } from './record';
import { lockOriginal, recordAmendment } from './amendments';
import type { SigningContext } from './signing';

/** The sealed PDF to send, checked: it must exist, and (unless secret) its signatures verify. */
async function sendable(ctx: SigningContext, loaded: LoadedDocument) {
  const id = Number(loaded.row.id);
  const sealed = currentMain(await filesOf(ctx.db, id));
  if (!sealed || sealed.role !== 'sealed')
    throw conflict(
      'not_sealed',
      'Văn bản chưa được cấp số và ký số của cơ quan.',
      'The document has not been numbered and sealed.',
    );
  const secret = loaded.row.secrecy !== 'none';
  const pdf = await readFileBytes(ctx.files, sealed.sha256);
  const verdict = secret ? null : await checkSignatures(ctx.db, pdf);
  if (verdict && !verdict.ok)
    throw unprocessable(
      'signature_invalid',
      `Chữ ký số của văn bản không hợp lệ: ${verdict.problems.join('; ')}`,
      'The document’s signatures do not verify.',
    );
  const issuer = await ctx.db
    .selectFrom('units_view')
    .select(['name', 'agency_code'])
    .where('id', '=', loaded.row.unit_id)
    .executeTakeFirstOrThrow();
  return { sealed, pdf, secret, issuer };
}

/**
 * Each recipient (from `firstPosition` in the nơi nhận): inside the deployment its agency gets
 * its incoming copy at once (linked to the copy it amends, if any); outside, it waits for the
 * exchange; a secret document goes on paper. Returns the new copies by agency.
 */
async function deliver(
  trx: Kysely<Database>,
  ctx: SigningContext,
  principal: Principal,
  loaded: LoadedDocument,
  sending: Awaited<ReturnType<typeof sendable>>,
  recipients: readonly DocumentRecipient[],
  firstPosition: number,
  at: Date,
  previousCopies?: Map<number, number>,
): Promise<Map<number, number>> {
  const { row } = loaded;
  const id = Number(row.id);
  const { sealed, pdf, secret, issuer } = sending;
  const copies = new Map<number, number>();
  for (const [index, recipient] of recipients.entries()) {
    const target = recipient.unitId
      ? ((await agencyOf(trx, recipient.unitId))?.unitId ?? recipient.unitId)
      : null;
    const previous = target === null ? undefined : previousCopies?.get(target);
    let incoming: number | null = null;
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
        position: firstPosition + index,
        unit_id: recipient.unitId ?? null,
        organ_id: recipient.organId ?? null,
        name: recipient.name,
        state: secret ? 'paper' : incoming !== null ? 'delivered' : 'queued_external',
        incoming_document_id: incoming,
        at,
      })
      .execute();
  }
  return copies;
}

/** `issue`: inside the deployment each recipient's agency gets its incoming copy at once. */
export async function issue(ctx: SigningContext, principal: Principal, loaded: LoadedDocument) {
  const sending = await sendable(ctx, loaded);
  const at = new Date();
  await record(
    ctx.db,
    principal,
    loaded,
    { type: 'issued', at: at.toISOString(), recipients: loaded.row.recipients.length },
    {
      then: async (trx) => {
        // A replacement or correction (Điều 18.3): each new copy is linked to its agency's old one.
        const amending = await lockOriginal(trx, loaded.row);
        const copies = await deliver(
          trx,
          ctx,
          principal,
          loaded,
          sending,
          loaded.row.recipients,
          0,
          at,
          amending?.copyByAgency,
        );
        if (amending) await recordAmendment(trx, principal, loaded.row, amending, copies, at.toISOString());
      },
    },
  );
}

export type RecipientInput = {
  unitId?: number | null;
  organId?: string | null;
  name?: string | null;
  purpose?: 'action' | 'information';
};

/**
 * `add-recipients`: an issued document sent on to recipients its nơi nhận left out (gửi bổ sung),
 * by the văn thư, with the reason; they receive it as the first ones did, and the nơi nhận grows.
 */
export async function addRecipients(
  ctx: SigningContext,
  principal: Principal,
  loaded: LoadedDocument,
  input: readonly RecipientInput[],
  reason: string,
) {
  const added = await resolveRecipients(ctx.db, input, loaded.row.recipients);
  const sending = await sendable(ctx, loaded);
  const at = new Date();
  const position = await ctx.db
    .selectFrom('document_deliveries')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('document_id', '=', loaded.row.id)
    .executeTakeFirst();
  await record(
    ctx.db,
    principal,
    loaded,
    { type: 'recipients_added', at: at.toISOString(), recipients: added.length, reason },
    {
      reason,
      extra: { recipients: JSON.stringify([...loaded.row.recipients, ...added]) },
      then: async (trx) => {
        await deliver(trx, ctx, principal, loaded, sending, added, Number(position?.last ?? -1) + 1, at);
      },
    },
  );
}

/** The recipients to add: known units or named agencies by code, none already in the nơi nhận. */
async function resolveRecipients(
  db: Kysely<Database>,
  input: readonly RecipientInput[],
  current: readonly DocumentRecipient[],
): Promise<DocumentRecipient[]> {
  const units = await db
    .selectFrom('units_view')
    .select(['id', 'name'])
    .where('id', 'in', [0, ...input.map((r) => r.unitId ?? 0)])
    .execute();
  const errors: FieldError[] = [];
  const resolved: DocumentRecipient[] = [];
  input.forEach((r, i) => {
    const field = `recipients/${i}`;
    const unit = r.unitId ? units.find((u) => Number(u.id) === r.unitId) : undefined;
    const recipient: DocumentRecipient | null = unit
      ? { unitId: Number(unit.id), name: r.name?.trim() || unit.name, purpose: r.purpose ?? 'action' }
      : !r.unitId && r.organId && r.name?.trim()
        ? { organId: r.organId, name: r.name.trim(), purpose: r.purpose ?? 'action' }
        : null;
    if (!recipient)
      errors.push(
        fieldError(
          field,
          'unknown_recipient',
          'Chọn đơn vị nhận, hoặc nhập mã và tên cơ quan.',
          'Choose a unit, or enter an agency code and name.',
        ),
      );
    else if (missingRecipients([recipient], [...current, ...resolved]).length === 0)
      errors.push(
        fieldError(field, 'already_recipient', 'Nơi này đã nhận văn bản.', 'This recipient already has it.'),
      );
    else resolved.push(recipient);
  });
  if (errors.length > 0) throw invalid(errors);
  return resolved;
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
